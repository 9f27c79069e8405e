"""A finding's `data` carries the numbers and dates its Chinese message states, under English
keys, in `cadre audit --json` (dates in ISO form, exact fractions and decimals as strings)."""

import datetime as dt
import json

from tests.audit_helpers import audit, of_rule
from tests.builders import make_id, person

YOUNG = dt.date(1992, 6, 1)


def p(name, seq, **extra):
    return person(name, YOUNG, seq=seq, **extra)


def votes(exc, comp, basic, unfit, voters):
    return {"优秀": exc, "称职": comp, "基本称职": basic, "不称职": unfit, "测评人数": voters}


def test_data_rules_state_their_counts(run, tmp_path):
    rows = [p("超票", 1, **votes(15, 5, 1, 0, 20)),
            p("重复", 2), {**p("重复", 3), "身份证号码": make_id(YOUNG, "男", seq=2)},
            {**p("错年", 4), "出生年月": "1992.07"}]
    data = audit(run, tmp_path, rows, policy="county-term")
    [bad] = [f for f in of_rule(data, "invalid-value") if f["name"] == "超票"]
    assert "21票超过测评人数20人" in bad["message"] and bad["data"] == {"votes": 21, "voters": 20}
    [twice] = of_rule(data, "duplicate-person")
    assert twice["data"]["first_row"] == twice["row"] - 1 and twice["data"]["first_sheet"] == twice["sheet"]
    assert f"第{twice['data']['first_row']}行" in twice["message"]
    [month] = of_rule(data, "id-mismatch")
    assert month["data"] == {"birth": "1992-07", "id_birth": "1992-06"}


def test_period_rules_state_their_dates_and_lengths(run, tmp_path):
    rows = [p("新入库", 1, **{"列入后备时间": "2026.06"}),
            p("两年一月", 2, **{"挂职单位": "某镇", "挂职开始时间": "2023.03", "挂职结束时间": "2025.04"}),
            p("十一月", 3, **{"挂职单位": "某镇", "挂职开始时间": "2024.03", "挂职结束时间": "2025.02"})]
    data = audit(run, tmp_path, rows, "--horizon", "0", policy="county-term")
    [new] = of_rule(data, "min-cultivation")
    assert new["data"] == {"listed": "2026-06", "years": 1, "ends": "2027-06-01"}
    county = audit(run, tmp_path, rows, policy="county", name="b.xlsx")
    found = {f["name"]: f["data"] for f in of_rule(county, "secondment-length")}
    assert found["两年一月"] == {"start": "2023-03", "end": "2025-04", "months": 25, "max_months": 24, "ongoing": False}
    assert found["十一月"] == {"start": "2024-03", "end": "2025-02", "months": 11, "min_months": 12}


def test_record_and_term_rules_state_their_counts(run, tmp_path):
    rows = [p("两次", 1, **{"谈心谈话次数": 2, "最近考察时间": "2025.10"})]
    data = audit(run, tmp_path, rows, policy="young-cadre")
    [few] = of_rule(data, "talks")
    assert "本年度谈心谈话2次" in few["message"] and few["data"] == {"count": 2, "due": 3, "per_year": 4}
    street = audit(run, tmp_path, rows, policy="street", name="s.xlsx")
    assert of_rule(street, "inspection")[0]["data"] == {"last": "2025-10", "months": 14}
    bureau = [p("三月", 1, **{"借用开始时间": "2026.01", "借用结束时间": "2026.04"}),
              person("满五年", dt.date(1980, 1, 1), seq=2, **{"任现职时间": "2021.12"})]
    data = audit(run, tmp_path, bureau, policy="bureau", name="b.xlsx")
    [borrowed] = of_rule(data, "borrowed-staff")
    assert borrowed["data"] == {"start": "2026-01", "end": "2026-04", "months": 3, "max_months": 2, "ongoing": False}
    [rotation] = of_rule(data, "rotation-due")
    assert rotation["data"] == {"since": "2021-12", "years": 5, "months": 60}
    young = [p("单一", 1, **{"任现职时间": "2024.12"}), p("帮带满", 2, **{"帮带开始时间": "2024.11", "帮带人": "王局长"})]
    data = audit(run, tmp_path, young, policy="young-cadre", name="c.xlsx")
    assert of_rule(data, "single-post")[0]["data"] == {"since": "2024-12", "years": 2}
    assert of_rule(data, "mentoring")[0]["data"] == {"since": "2024-11", "years": 2}


def test_every_finding_stating_a_count_of_years_or_months_has_data(run, tmp_path):
    """A sweep over the rosters above under their policies: no message with a number of
    years, months, votes or people is left without `data` (the id-number and value-reading
    sentences of the readers excepted: their number is the cell's own text)."""
    import re

    rows = [p("新入库", 1, **{"列入后备时间": "2026.06", "履职体会篇数": 1, "任现职时间": "2024.12"}),
            p("两年一月", 2, **{"挂职单位": "某镇", "挂职开始时间": "2023.03", "挂职结束时间": "2025.04",
                            "借用开始时间": "2026.01", "借用结束时间": "2026.04"}),
            p("超票", 3, **votes(15, 5, 1, 0, 20))]
    stated = re.compile(r"\d+(年|个月|票|名|人|次|篇|周岁)")
    for i, policy in enumerate(("county", "county-term", "young-cadre", "bureau", "street")):
        data = audit(run, tmp_path, rows, policy=policy, name=f"{i}.xlsx")
        for f in data["findings"]:
            if f["rule"] in ("id-number", "missing-value") or (f["rule"] == "invalid-value" and f["raw"] is not None
                                                                  and f["field"] != "poll:voters"):
                continue
            if stated.search(f["message"]):
                assert f["data"], (policy, f["rule"], f["message"])


def test_pool_negative_and_secondment_cycle_data(run, tmp_path):
    from tests.seed_rosters import young, young_roster

    rows = [p(f"正{i}", i, **{"后备类别": "正职"}) for i in range(1, 4)]
    data = audit(run, tmp_path, rows, "--posts", "正职=2,副职=2", "--select", "pool-size", policy="county-term")
    found = [f["data"] for f in of_rule(data, "pool-size")]
    assert {"kind": "principal", "members": 3, "posts": 2, "posts_ratio": "2", "expected": "4",
            "posts_source": "命令行选项"} in found  # 正职后备干部3名，按正职职数2个的1:2应为4名
    assert {"level": "principal", "members": 3, "min_count": 150} in found  # 少于应常年保持的150名
    village = [person("撤职差一天", YOUNG, seq=1, **{"工作单位": "东山村", "受处分情况": "2024年12月2日受撤销党内职务处分"}),
               person("只写年", YOUNG, seq=2, **{"工作单位": "东山村", "受处分情况": "2024年受撤销党内职务处分"})]
    data = audit(run, tmp_path, village, policy="village", name="v.xlsx", title="XX镇村级后备干部名册",
                 unit_line="填报单位：XX镇党委（盖章）")
    flags = {f["name"]: f["data"] for f in of_rule(data, "negative-flag")}
    assert flags["撤职差一天"] == {"date": "2024-12-02", "years": 2, "ends": "2026-12-02"}
    assert flags["只写年"] == {"date": "2024", "years": 2, "ends_earliest": "2026-01-01", "ends_latest": "2026-12-31"}
    path = young_roster(tmp_path / "名单.xlsx", [
        young("过一天", 1, **{"挂职单位": "白水镇", "挂职职务": "党委副书记", "开始时间": dt.date(2024, 11, 30)})])
    out = json.loads(run("audit", str(path), "--json", "--as-of", "2026-12-01", "--policy", "young-cadre").out)
    [cycle] = of_rule(out, "secondment-cycle")
    assert cycle["data"]["cycle_months"] == 24 and cycle["data"]["ends"] == "2026-11-30"
    assert cycle["data"]["start"] == "2024-11-30" and cycle["data"]["months"] == 24 and cycle["data"]["end"] is None
