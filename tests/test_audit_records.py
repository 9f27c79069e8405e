"""Assessments, votes, periods, records: each rule at its boundary."""

import datetime as dt

from tests.audit_helpers import audit, of_rule, write_policy
from tests.builders import person

YOUNG = dt.date(1992, 6, 1)


def p(name, seq, **extra):
    return person(name, YOUNG, seq=seq, **extra)


def test_annual_assessment_both_grade_families(run, tmp_path):
    rows = [p("基本称职", 1, **{"2024年": "基本称职", "2025年": "称职"}),
            p("不合格", 2, **{"2024年": "称职", "2025年": "不合格"}),
            p("称职", 3, **{"2024年": "合格", "2025年": "未确定等次"})]
    data = audit(run, tmp_path, rows)
    found = of_rule(data, "annual-assessment")
    assert [f["name"] for f in found] == ["基本称职", "不合格"]
    assert found[0]["message"].startswith("2024年度考核为基本称职") and found[1]["message"].startswith("2025年度考核为不合格")
    assert found[0]["basis"].endswith("四(四)")


def test_street_removes_only_incompetent(run, tmp_path):
    rows = [p("基本", 1, **{"2025年": "基本称职"}), p("不称职", 2, **{"2025年": "不称职"})]
    data = audit(run, tmp_path, rows, policy="street")
    assert [f["name"] for f in of_rule(data, "annual-assessment")] == ["不称职"]


def test_assessment_history_last_three_assessed_years(run, tmp_path):
    rows = [p("四年前", 1, **{"2022年": "基本称职", "2023年": "称职", "2024年": "称职", "2025年": "优秀"}),
            p("两年前", 2, **{"2022年": "称职", "2023年": "称职", "2024年": "基本合格", "2025年": "称职"})]
    data = audit(run, tmp_path, rows, policy="bureau")
    found = of_rule(data, "assessment-history")
    assert [f["name"] for f in found] == ["两年前"] and "2024年为基本称职" in found[0]["message"]


def votes(exc, comp, basic, unfit, voters):
    return {"优秀": exc, "称职": comp, "基本称职": basic, "不称职": unfit, "测评人数": voters}


def test_poll_unfit_share_exactly_twenty_percent_passes(run, tmp_path):
    rows = [p("二成", 1, **votes(10, 5, 1, 4, 20)), p("二成五", 2, **votes(10, 4, 1, 5, 20))]
    data = audit(run, tmp_path, rows, policy="county-term")
    found = of_rule(data, "poll-unfit-share")
    assert [f["name"] for f in found] == ["二成五"]
    assert "不称职票5票，占测评人数20人的25%，超过20%" in found[0]["message"]


def test_poll_weak_share_off_until_set(run, tmp_path):
    rows = [p("偏弱", 1, **votes(8, 5, 5, 2, 20))]  # 7 of 20 = 35%
    assert of_rule(audit(run, tmp_path, rows, policy="young-cadre"), "poll-weak-share") == []
    own = write_policy(tmp_path, 'extends = "young-cadre"\n[poll]\nweak_share_max = "30%"\n')
    data = audit(run, tmp_path, rows, policy=own, name="b.xlsx")
    assert len(of_rule(data, "poll-weak-share")) == 1


def test_votes_over_evaluators_is_invalid(run, tmp_path):
    data = audit(run, tmp_path, [p("超票", 1, **votes(15, 5, 1, 0, 20))], policy="county-term")
    bad = of_rule(data, "invalid-value")
    assert bad and "21票超过测评人数20人" in bad[0]["message"]
    assert of_rule(data, "poll-unfit-share") == []


def test_management_period_exactly_three_years(run, tmp_path):
    rows = [p("满三年", 1, **{"列入后备时间": "2023.12"}), p("差一月", 2, **{"列入后备时间": "2024.01"}),
            p("已提拔", 3, **{"列入后备时间": "2020.01", "提拔时间": "2022.05"}),
            p("新入库", 4, **{"列入后备时间": "2026.06"})]
    data = audit(run, tmp_path, rows, "--horizon", "0", policy="county-term")
    expired = of_rule(data, "management-period-expired")
    assert [f["name"] for f in expired] == ["满三年"] and expired[0]["severity"] == "error"
    assert "2026年12月1日已满3年管理期" in expired[0]["message"]
    assert [f["name"] for f in of_rule(data, "min-cultivation")] == ["新入库"]
    soon = audit(run, tmp_path, rows, "--horizon", "2", policy="county-term", name="b.xlsx")
    assert [(f["name"], f["severity"]) for f in of_rule(soon, "management-period-expired")] == [
        ("满三年", "error"), ("差一月", "warning")]


def sec(start, end=None):
    return {"挂职单位": "某镇", "挂职开始时间": start, "挂职结束时间": end}


def test_secondment_boundaries(run, tmp_path):
    rows = [p("两年整", 1, **sec("2023.03", "2025.03")), p("两年一月", 2, **sec("2023.03", "2025.04")),
            p("十一月", 3, **sec("2024.03", "2025.02")), p("一年整", 4, **sec("2024.03", "2025.03")),
            p("进行二十月", 5, **sec("2025.04")), p("进行二十五月", 6, **sec("2024.11")),
            p("未到结束", 7, **sec("2025.06", "2027.06"))]
    data = audit(run, tmp_path, rows)
    found = {f["name"]: f["message"] for f in of_rule(data, "secondment-length")}
    assert set(found) == {"两年一月", "十一月", "进行二十五月"}
    assert "超过2年的上限" in found["两年一月"] and "不足1年" in found["十一月"]
    assert "至今已2年1个月" in found["进行二十五月"]


def test_secondment_as_one_period_column(run, tmp_path):
    rows = [p("区间", 1, **{"挂职时间": "2022.03-2024.09"}), p("正常", 2, **{"挂职时间": "2024.03—2025.03"})]
    data = audit(run, tmp_path, rows)
    assert [f["name"] for f in of_rule(data, "secondment-length")] == ["区间"]


def test_rotation_exactly_five_years_and_age_exemption(run, tmp_path):
    rows = [person("满五年", dt.date(1980, 1, 1), seq=1, **{"任现职时间": "2021.12"}),
            person("四年十一", dt.date(1980, 1, 1), seq=2, **{"任现职时间": "2022.01"}),
            person("男五八", dt.date(1968, 1, 1), "男", seq=3, **{"任现职时间": "2010.01"}),
            person("女五三", dt.date(1973, 1, 1), "女", seq=4, **{"任现职时间": "2010.01"}),
            person("女五二", dt.date(1974, 6, 1), "女", seq=5, **{"任现职时间": "2010.01"})]
    data = audit(run, tmp_path, rows, policy="bureau")
    assert [f["name"] for f in of_rule(data, "rotation-due")] == ["满五年", "女五二"]


def test_single_post_and_mentoring(run, tmp_path):
    rows = [p("单一", 1, **{"任现职时间": "2024.12"}), p("两岗", 2, **{"任现职时间": "2020.01", "任职岗位数": 2}),
            p("帮带满", 3, **{"帮带开始时间": "2024.11", "帮带人": "王局长"})]
    data = audit(run, tmp_path, rows, policy="young-cadre")
    assert [f["name"] for f in of_rule(data, "single-post")] == ["单一"]
    assert [f["name"] for f in of_rule(data, "mentoring")] == ["帮带满"]


def test_borrowed_staff_two_months(run, tmp_path):
    rows = [p("两月", 1, **{"借用开始时间": "2026.01", "借用结束时间": "2026.03"}),
            p("三月", 2, **{"借用开始时间": "2026.01", "借用结束时间": "2026.04"})]
    data = audit(run, tmp_path, rows, policy="bureau")
    assert [f["name"] for f in of_rule(data, "borrowed-staff")] == ["三月"]


def test_exam_failed_from_roster_columns(run, tmp_path):
    rows = [p("五九半", 1, **{"笔试成绩": 59.5}), p("六十", 2, **{"笔试成绩": "60分"}),
            p("答辩不合格", 3, **{"笔试成绩": 75, "答辩测评成绩": "不合格"}), p("缺考", 4, **{"笔试成绩": "缺考"})]
    data = audit(run, tmp_path, rows)
    found = {f["name"]: f for f in of_rule(data, "exam-failed")}
    assert set(found) == {"五九半", "答辩不合格", "缺考"}
    assert "笔试成绩59.5分，低于60分的合格线" in found["五九半"]["message"]
    assert found["缺考"]["severity"] == "warning"


def test_records_due_by_the_as_of_date(run, tmp_path):
    rows = [p("一篇", 1, **{"履职体会篇数": 1}), p("两篇", 2, **{"履职体会篇数": 2})]
    mid = audit(run, tmp_path, rows, as_of="2026-12-01")
    end = audit(run, tmp_path, rows, as_of="2026-12-31", name="b.xlsx")
    assert of_rule(mid, "articles") == []
    assert [f["name"] for f in of_rule(end, "articles")] == ["一篇"]
    talks = audit(run, tmp_path, [p("三次", 1, **{"谈心谈话次数": 3}), p("两次", 2, **{"谈心谈话次数": 2})],
                  policy="young-cadre", as_of="2026-12-01", name="c.xlsx")
    assert [f["name"] for f in of_rule(talks, "talks")] == ["两次"]


def test_inspection_last_date(run, tmp_path):
    rows = [p("久未考察", 1, **{"最近考察时间": "2025.10"}), p("刚考察", 2, **{"最近考察时间": "2026.03"})]
    data = audit(run, tmp_path, rows, policy="street")
    assert [f["name"] for f in of_rule(data, "inspection")] == ["久未考察"]


def test_exam_failed_from_a_score_workbook(run, tmp_path):
    from tests.builders import roster_xlsx

    sheet = [{"准考证号": "001", "姓名": "低分", "笔试成绩": 55},
             {"准考证号": "002", "姓名": "答辩差", "笔试成绩": 80, **{f"评委{i}": 50 for i in range(1, 6)},
              "优秀": 2, "称职": 5, "基本称职": 5, "不称职": 4, "测评人数": 16},
             {"准考证号": "003", "姓名": "都好", "笔试成绩": 90, **{f"评委{i}": 90 for i in range(1, 6)},
              "优秀": 14, "称职": 2, "基本称职": 0, "不称职": 0, "测评人数": 16},
             {"准考证号": "004", "姓名": "没来", "笔试成绩": "缺考"}]
    scores = roster_xlsx(tmp_path / "成绩.xlsx", sheet, title="答辩测评成绩", unit_line=None)
    rows = [p("低分", 1), p("答辩差", 2), p("都好", 3), p("没来", 4), p("未参加", 5)]
    data = audit(run, tmp_path, rows, "--scores", str(scores))
    found = {f["name"]: f for f in of_rule(data, "exam-failed")}
    assert set(found) == {"低分", "答辩差", "没来"}
    assert "笔试成绩55分（据成绩表“成绩.xlsx”第4行），低于60分的合格线" in found["低分"]["message"]
    assert "答辩测评成绩" in found["答辩差"]["message"] and found["没来"]["severity"] == "warning"
    assert not any(s["rule"] == "exam-failed" for s in data["skipped"])
    assert "对应上的有4人" in " ".join(data["notes"])
