"""age-limit and age-limit-soon: the wording of each source, month-only birth dates, gender."""

import datetime as dt

from tests.audit_helpers import audit, of_rule, write_policy
from tests.builders import person


def lvl(name, born, level, seq, gender="男"):
    return person(name, born, gender, seq=seq, **{"后备类别": level})


def test_county_exactly_40_is_allowed_41_is_over(run, tmp_path):
    rows = [lvl("满四十", dt.date(1986, 12, 1), "正科级后备", 1),  # 40 on the as-of day
            lvl("四十一", dt.date(1985, 11, 30), "正科级后备", 2),  # 41
            lvl("副科三五", dt.date(1991, 12, 1), "副科级后备", 3),  # 35: allowed
            lvl("副科三六", dt.date(1990, 11, 1), "副科级后备", 4)]  # 36: over
    data = audit(run, tmp_path, rows, "--horizon", "0")
    over = of_rule(data, "age-limit")
    assert [f["name"] for f in over] == ["四十一", "副科三六"]
    assert over[0]["message"].startswith("正科级后备干部年龄41周岁，超过40周岁的上限")
    assert over[0]["basis"] == "《后备干部培养管理实施规定》四(七)"
    assert over[0]["cell"] == "D5" and over[0]["sheet"] == "名册"
    assert data["_code"] == 1


def test_month_only_birth_counts_from_the_first_of_the_month(run, tmp_path):
    # born 1985.12 (month only, no ID number to give the day): 41 from 2026-12-01
    row = lvl("十二月生", dt.date(1985, 12, 20), "正科级", 1)
    del row["身份证号码"]
    before = audit(run, tmp_path, [row], "--horizon", "0", as_of="2026-11-30")
    on = audit(run, tmp_path, [row], "--horizon", "0", as_of="2026-12-01", name="b.xlsx")
    assert of_rule(before, "age-limit") == []
    assert len(of_rule(on, "age-limit")) == 1


def test_birth_month_confirmed_by_the_id_number_takes_its_day(run, tmp_path):
    # 出生年月 1985.12 and an ID number born 1985-12-20: 41 only from 2026-12-20
    rows = [lvl("十二月生", dt.date(1985, 12, 20), "正科级", 1)]
    before = audit(run, tmp_path, rows, "--horizon", "0", as_of="2026-12-19")
    on = audit(run, tmp_path, rows, "--horizon", "0", as_of="2026-12-20", name="b.xlsx")
    assert of_rule(before, "age-limit") == []
    assert "自2026年12月20日起超龄" in of_rule(on, "age-limit")[0]["message"]


def test_id_number_supplies_birth_when_roster_has_none(run, tmp_path):
    row = lvl("无出生", dt.date(1980, 1, 5), "正科级", 1)
    row["出生年月"] = None
    data = audit(run, tmp_path, [row, lvl("有出生", dt.date(1990, 1, 5), "正科级", 2)], "--horizon", "0")
    found = of_rule(data, "age-limit")
    assert [f["name"] for f in found] == ["无出生"]
    assert found[0]["cell"] == "E4"  # the ID number cell (one-row header on row 3)


def test_street_wording_yixia_allows_the_number(run, tmp_path):
    rows = [person("四十", dt.date(1986, 6, 1), seq=1), person("四十一", dt.date(1985, 6, 1), seq=2)]
    data = audit(run, tmp_path, rows, "--horizon", "0", policy="street")
    assert [f["name"] for f in of_rule(data, "age-limit")] == ["四十一"]


def test_weiman_wording_excludes_the_number(run, tmp_path):
    policy = write_policy(tmp_path, 'extends = "street"\n[age]\nwording = "未满"\n')
    rows = [person("三十九", dt.date(1987, 6, 1), seq=1), person("四十", dt.date(1986, 6, 1), seq=2)]
    data = audit(run, tmp_path, rows, "--horizon", "0", policy=policy)
    found = of_rule(data, "age-limit")
    assert [f["name"] for f in found] == ["四十"]
    assert "须未满40周岁" in found[0]["message"]


def test_enterprise_limits_by_gender(run, tmp_path):
    rows = [person("女四一", dt.date(1985, 6, 1), "女", seq=1), person("男四一", dt.date(1985, 6, 1), "男", seq=2),
            person("男四六", dt.date(1980, 6, 1), "男", seq=3)]
    data = audit(run, tmp_path, rows, "--horizon", "0", policy="enterprise")
    assert sorted(f["name"] for f in of_rule(data, "age-limit")) == ["女四一", "男四六"]


def test_school_exceptional_limit_is_a_warning_up_to_45(run, tmp_path):
    rows = [person("三十六", dt.date(1990, 6, 1), seq=1), person("四十六", dt.date(1980, 6, 1), seq=2)]
    data = audit(run, tmp_path, rows, "--horizon", "0", "--select", "age-limit", policy="school")
    found = {f["name"]: f for f in of_rule(data, "age-limit")}
    assert found["三十六"]["severity"] == "warning" and "特别优秀" in found["三十六"]["message"]
    assert found["四十六"]["severity"] == "error" and "超过45周岁" in found["四十六"]["message"]


def test_age_limit_soon_within_horizon_only(run, tmp_path):
    rows = [lvl("三月超", dt.date(1986, 3, 10), "正科级", 1),  # 41 on 2027-03-10 (the ID number gives the day)
            lvl("八月超", dt.date(1986, 8, 10), "正科级", 2)]  # 41 on 2027-08-10
    data = audit(run, tmp_path, rows, "--horizon", "6")
    soon = of_rule(data, "age-limit-soon")
    assert [f["name"] for f in soon] == ["三月超"]
    assert "2027年3月10日满41周岁" in soon[0]["message"] and soon[0]["severity"] == "warning"
    none = audit(run, tmp_path, rows, "--horizon", "0", name="c.xlsx")
    assert of_rule(none, "age-limit-soon") == []


def test_level_from_section_lines(run, tmp_path):
    from openpyxl import Workbook

    from tests.builders import write_table

    wb = Workbook()
    ws = wb.active
    first = write_table(ws, [person("甲", dt.date(1985, 1, 1), seq=1), person("乙", dt.date(1990, 1, 1), seq=2)], footer=False)
    ws.insert_rows(first)
    ws.cell(first, 1, "一、副科级后备干部")
    path = tmp_path / "sec.xlsx"
    wb.save(path)
    import json

    out = run("audit", str(path), "--json", "--as-of", "2026-12-01", "--horizon", "0")
    data = json.loads(out.out)
    assert [f["name"] for f in of_rule(data, "age-limit")] == ["甲", "乙"]  # 41 and 36, both over 35


def test_unknown_level_is_reported_not_passed(run, tmp_path):
    rows = [lvl("不明", dt.date(1980, 1, 1), "后备", 1), lvl("正科", dt.date(1990, 1, 1), "正科级", 2)]
    data = audit(run, tmp_path, rows, "--horizon", "0")
    missing = of_rule(data, "missing-value")
    assert [f["name"] for f in missing] == ["不明"] and "后备类别" in missing[0]["message"]


def test_no_level_column_skips_with_reason(run, tmp_path):
    data = audit(run, tmp_path, [person("甲", dt.date(1980, 1, 1))], "--horizon", "0")
    skipped = {s["rule"]: s["reason"] for s in data["skipped"]}
    assert "后备类别" in skipped["age-limit"]
    assert of_rule(data, "age-limit") == []
