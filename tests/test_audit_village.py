"""Under `village`: time-bounded exclusions (seed 003 二), cultivation before joining the
village committee (seed 002 第三篇 11), the four-tier term (seed 003 五(一))."""

from __future__ import annotations

import datetime as dt
import json

from tests.audit_helpers import audit, of_rule, write_policy
from tests.builders import make_id, person
from tests.seed_rosters import tier_roster

D = dt.date
BORN = dt.date(1992, 6, 1)
VILLAGE = {"title": "XX镇村级后备干部名册", "unit_line": "填报单位：XX镇党委（盖章）"}


def v(name, seq, **extra):
    return person(name, BORN, seq=seq, **{"工作单位": "东山村", **extra})


def by_name(found):
    return {f["name"]: f for f in found}


def test_dated_exclusions_count_only_inside_their_window(run, tmp_path):
    rows = [v("撤职满两年", 1, **{"受处分情况": "2024.12受撤销党内职务处分"}),
            v("撤职差一天", 2, **{"受处分情况": "2024年12月2日受撤销党内职务处分"}),
            v("撤职只写年", 3, **{"受处分情况": "2025年受撤销党内职务处分"}),
            v("撤职早年", 4, **{"受处分情况": "2019年受撤销党内职务处分"}),
            v("评议满三年", 5, **{"是否被列为教育转化对象或评议为不合格": "2023.12民主评议为不合格"}),
            v("评议差一天", 6, **{"是否被列为教育转化对象或评议为不合格": "2023.12.02民主评议为不合格"}),
            v("失信", 7, **{"失信被执行人": "是"}),
            v("基准日后", 8, **{"受处分情况": "2027.01受撤销党内职务处分"})]
    data = audit(run, tmp_path, rows, policy="village", **VILLAGE)
    found = by_name(of_rule(data, "negative-flag"))
    assert {n: f["severity"] for n, f in found.items()} == {
        "撤职满两年": "info", "撤职差一天": "error", "撤职只写年": "error", "撤职早年": "info",
        "评议满三年": "info", "评议差一天": "error", "失信": "error", "基准日后": "info"}
    assert "自2024年12月2日起至2026年12月2日方满2年，属于“受撤销党内职务处分不满2年”的负面情形" in found["撤职差一天"]["message"]
    assert "已满2年（2026年12月1日期满），不再属于" in found["撤职满两年"]["message"]
    assert found["撤职差一天"]["basis"] == "《村级后备干部选拔培养实施方案》二"
    assert data["summary"]["status"]["取消资格建议"] == 4  # an entry past its window removes nobody


def test_a_year_only_date_inside_the_window_year_asks_for_the_month(run, tmp_path):
    rows = [v("只写年", 1, **{"受处分情况": "2024年受撤销党内职务处分"})]
    found = of_rule(audit(run, tmp_path, rows, policy="village", **VILLAGE), "negative-flag")
    assert len(found) == 1 and found[0]["severity"] == "warning"
    assert "满2年之日在2026年1月1日至2026年12月31日之间" in found[0]["message"] and "请写明月份" in found[0]["message"]


def test_undated_exclusion_asks_for_the_date_and_removes_nobody(run, tmp_path):
    rows = [v("未写时间", 1, **{"受处分情况": "受撤销党内职务处分"}),
            v("正在调查", 2, **{"是否正被立案调查": "是"}),
            v("时间另列", 3, **{"受处分情况": "受撤销党内职务处分", "处分时间": D(2025, 6, 1)})]
    data = audit(run, tmp_path, rows, policy="village", **VILLAGE)
    found = by_name(of_rule(data, "negative-flag"))
    assert found["未写时间"]["severity"] == "warning" and found["正在调查"]["severity"] == "warning"
    assert "未写明时间" in found["未写时间"]["message"] and "不直接取消资格" in found["未写时间"]["message"]
    assert "请补填立案时间并注明是否已结案" in found["正在调查"]["message"]
    assert found["时间另列"]["severity"] == "error" and "时间据“处分时间”列" in found["时间另列"]["message"]
    assert data["summary"]["status"]["取消资格建议"] == 1


def test_investigation_counts_until_closed(run, tmp_path):
    rows = [v("调查中", 1, **{"立案调查情况": "2026.05被纪检机关立案调查，尚未结案"}),
            v("已结案", 2, **{"立案调查情况": "2025.05立案调查，2026.03已结案"}),
            v("结案在后", 3, **{"立案调查情况": "2026.05立案调查，2027.01已结案"})]
    found = by_name(of_rule(audit(run, tmp_path, rows, policy="village", **VILLAGE), "negative-flag"))
    assert {n: f["severity"] for n, f in found.items()} == {"调查中": "error", "已结案": "info", "结案在后": "error"}


def test_placeholder_windows_wait_for_the_locality(run, tmp_path):
    rows = [v("拘留", 1, **{"行政拘留情况": "2022年3月行政拘留"})]
    found = of_rule(audit(run, tmp_path, rows, policy="village", **VILLAGE), "negative-flag")
    assert found[0]["severity"] == "warning" and "政策未设定" in found[0]["message"]
    own = write_policy(tmp_path, 'extends = "village"\n[[negative.windows]]\nlabel = "2021年以来曾被处以行政拘留"\n'
                                 'words = ["拘留"]\nsince_year = 2021\n')
    found = of_rule(audit(run, tmp_path, rows, policy=own, name="b.xlsx", **VILLAGE), "negative-flag")
    assert found[0]["severity"] == "error" and "2021年以来曾被处以行政拘留" in found[0]["message"]


def test_window_settings_are_validated_in_chinese(run, tmp_path):
    bad = write_policy(tmp_path, 'extends = "village"\n[[negative.windows]]\nlabel = "x"\nwords = ["拘留"]\n'
                                 'years = 2\nongoing = true\n')
    result = run("rules", "--policy", bad)
    assert result.code == 2 and "只能设定其中一项" in result.err and "Traceback" not in result.err


def test_village_cultivation_one_to_three_years(run, tmp_path):
    rows = [v("满一年任", 1, **{"列入后备时间": D(2025, 12, 1), "现任职务": "东山村委会副主任", "任现职时间": D(2026, 12, 1)}),
            v("差一天任", 2, **{"列入后备时间": D(2025, 12, 1), "现任职务": "东山村委会副主任", "任现职时间": D(2026, 11, 30)}),
            v("拟任满一年", 3, **{"列入后备时间": D(2025, 12, 1), "现任职务": "村民小组长", "拟任职务": "村党支部副书记"}),
            v("拟任差一天", 4, **{"列入后备时间": D(2025, 12, 2), "现任职务": "村民小组长", "拟任职务": "村党支部副书记"}),
            v("满三年未用", 5, **{"列入后备时间": D(2023, 12, 1), "现任职务": "村民小组长"}),
            v("差一天三年", 6, **{"列入后备时间": D(2023, 12, 2), "现任职务": "村民小组长"}),
            v("早已副职", 7, **{"列入后备时间": D(2025, 12, 1), "现任职务": "东山村党支部副书记", "任现职时间": D(2021, 1, 1)})]
    found = by_name(of_rule(audit(run, tmp_path, rows, policy="village", **VILLAGE), "village-cultivation"))
    assert {n: f["severity"] for n, f in found.items()} == {"差一天任": "warning", "拟任差一天": "warning", "满三年未用": "info"}
    assert "2026年11月30日即任东山村委会副主任，培养不满1年（2026年12月1日方满）" in found["差一天任"]["message"]
    assert found["差一天任"]["basis"] == "《村党支部培养选拔后备干部条件》五11"


def tier_row(name, seq, level, since, **extra):
    row = {"序号": seq, "姓名": name, "性别": "男", "出生年月": "1992.06", "身份证号码": make_id(BORN, seq=seq),
           "工作单位": "XX镇", "梯队": level, "列入时间": since}
    return {**row, **extra}


def run_tiers(run, tmp_path, rows, name="梯队.xlsx", **kwargs):
    path = tier_roster(tmp_path / name, rows, **kwargs)
    result = run("audit", str(path), "--json", "--as-of", "2026-12-01", "--policy", "village")
    assert result.code in (0, 1), result
    return json.loads(result.out)


def test_four_tier_yearly_assessment_veto_and_final(run, tmp_path):
    passed = {"总结考核": "合格"}
    rows = [tier_row("两年靠后", 1, "第二梯队", D(2024, 3, 1), **{"2024年": "基本称职", "2025年": "基本称职"}, **passed),
            tier_row("一年靠后", 2, "第二梯队", D(2024, 3, 1), **{"2024年": "称职", "2025年": "基本称职"}, **passed),
            tier_row("靠后后改好", 3, "第三梯队", D(2024, 3, 1), **{"2024年": "基本称职", "2025年": "称职"}, **passed),
            tier_row("否决", 4, "第一梯队", D(2025, 3, 1), **{"2025年": "称职", "一票否决情形": "2025年发生安全生产一票否决事项"}),
            tier_row("届满未考", 5, "第四梯队", D(2024, 12, 1), **{"2025年": "称职"}),
            tier_row("届满不合格", 6, "第四梯队", D(2024, 12, 1), **{"2025年": "称职", "总结考核": "不合格"}),
            tier_row("届满合格", 7, "第四梯队", D(2024, 12, 1), **{"2025年": "称职", "总结考核": "合格"}),
            tier_row("差一天届满", 8, "第四梯队", D(2024, 12, 2), **{"2025年": "称职"}),
            tier_row("不在梯队", 9, "村级后备干部", D(2020, 1, 1), **{"2024年": "基本称职", "2025年": "不称职"})]
    data = run_tiers(run, tmp_path, rows)
    assert len(of_rule(data, "tier-term")) == 5  # one finding each
    found = by_name(of_rule(data, "tier-term"))
    assert {n: f["severity"] for n, f in found.items()} == {
        "两年靠后": "error", "一年靠后": "warning", "否决": "error", "届满未考": "warning", "届满不合格": "error"}
    assert "一年之后仍达不到要求，不再列入培养对象" in found["两年靠后"]["message"]
    assert "2年一届已于2026年12月1日期满" in found["届满未考"]["message"]
    assert found["否决"]["basis"] == "《干部人才四级梯队培养方案》（镇党委）五(一)"
    # the veto mark of a tier member is reported once, by tier-term
    assert "否决" not in {f["name"] for f in of_rule(data, "negative-flag")}


def test_four_tier_needs_its_columns(run, tmp_path):
    rows = [v("无梯队", 1, **{"2025年": "称职"})]
    data = audit(run, tmp_path, rows, policy="village", **VILLAGE)
    assert any(s["rule"] == "tier-term" for s in data["skipped"])
