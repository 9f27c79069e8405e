"""Eligibility, data quality and pool rules."""

import datetime as dt

from openpyxl import Workbook

from tests.audit_helpers import audit, of_rule
from tests.builders import make_id, person, write_table

BORN = dt.date(1990, 6, 1)


def p(name, seq, born=BORN, gender="男", **extra):
    return person(name, born, gender, seq=seq, **extra)


def test_education_minimum_and_full_time(run, tmp_path):
    rows = [p("中专", 1, **{"学历": "中专"}), p("大专", 2, **{"学历": "大专"})]
    assert [f["name"] for f in of_rule(audit(run, tmp_path, rows, policy="street"), "education")] == ["中专"]
    rows = [p("在职研", 1, **{"全日制教育": "大专", "在职教育": "研究生 硕士"}),
            p("全日制本", 2, **{"全日制教育": "大学 学士"})]
    found = of_rule(audit(run, tmp_path, rows, policy="young-cadre", name="b.xlsx"), "education")
    assert [f["name"] for f in found] == ["在职研"] and "全日制学历为大专" in found[0]["message"]


def test_school_full_time_only_up_to_35(run, tmp_path):
    rows = [p("三十岁", 1, born=dt.date(1996, 1, 1), **{"全日制教育": "大专", "在职教育": "大学"}),
            p("三十六", 2, born=dt.date(1990, 1, 1), **{"全日制教育": "大专", "在职教育": "大学"})]
    data = audit(run, tmp_path, rows, "--select", "education", policy="school")
    assert [f["name"] for f in of_rule(data, "education")] == ["三十岁"]


def test_experience_any_of_alternatives(run, tmp_path):
    rows = [p("本科两年", 1, **{"学历": "本科", "参加工作时间": "2024.12"}),
            p("本科三年", 2, **{"学历": "本科", "参加工作时间": "2023.12"}),
            p("研究生一年", 3, **{"学历": "研究生", "参加工作时间": "2025.12"})]
    found = of_rule(audit(run, tmp_path, rows, policy="enterprise"), "experience")
    assert [f["name"] for f in found] == ["本科两年"]
    assert "本科及以上学历，参加工作3年以上" in found[0]["message"]
    options = found[0]["data"]["options"]  # each alternative with the figures compared
    assert {"label": "本科及以上学历，参加工作3年以上", "education": "大学本科", "education_min": "大学本科",
            "work_years": 2, "work_years_min": 3} in options


def test_county_term_principal_needs_rank_and_years(run, tmp_path):
    rows = [p("副科两年", 1, **{"后备类别": "正职", "职级": "副科级", "任现职级时间": "2024.12"}),
            p("副科一年", 2, **{"后备类别": "正职", "职级": "副科级", "任现职级时间": "2025.12"}),
            p("科员", 3, **{"后备类别": "正职", "职级": "科员", "任现职级时间": "2015.01"})]
    found = of_rule(audit(run, tmp_path, rows, "--select", "experience", policy="county-term"), "experience")
    assert [f["name"] for f in found] == ["副科一年", "科员"]


def test_college_rank_prerequisite(run, tmp_path):
    rows = [p("正处对", 1, **{"后备类别": "正处级", "职级": "副处级"}),
            p("正处错", 2, **{"后备类别": "正处级", "职级": "正科级"}),
            p("副处教师", 3, **{"后备类别": "副处级", "职级": "副科级", "学历": "研究生 硕士", "职称": "副教授",
                              "现任职务": "教研室主任"}),
            p("副处不够", 4, **{"后备类别": "副处级", "职级": "副科级", "学历": "大学", "职称": "讲师", "现任职务": "科长"})]
    found = of_rule(audit(run, tmp_path, rows, "--select", "rank-prerequisite", policy="college"), "rank-prerequisite")
    assert [f["name"] for f in found] == ["正处错", "副处不够"]
    assert "现任副处级干部" in found[0]["message"]


def test_title_and_household_and_negative_flags(run, tmp_path):
    rows = [p("初级", 1, **{"职称": "助理讲师"}), p("中级", 2, **{"职称": "一级教师"})]
    assert [f["name"] for f in of_rule(audit(run, tmp_path, rows, policy="school"), "title")] == ["初级"]
    rows = [p("外村", 1, **{"工作单位": "东山村", "户籍": "外村"}), p("本村", 2, **{"工作单位": "东山村", "户籍": "东山村"})]
    assert [f["name"] for f in of_rule(audit(run, tmp_path, rows, policy="village", name="v.xlsx"), "household")] == ["外村"]
    rows = [p("受处分", 1, **{"受处分情况": "2024年受党内警告处分"}), p("无", 2, **{"受处分情况": "无"})]
    found = of_rule(audit(run, tmp_path, rows, name="n.xlsx"), "negative-flag")
    assert [f["name"] for f in found] == ["受处分"] and found[0]["severity"] == "error"


def test_id_rules(run, tmp_path):
    good = p("正确", 1)
    bad = p("校验错", 2)
    bad["身份证号码"] = bad["身份证号码"][:-1] + ("0" if bad["身份证号码"][-1] != "0" else "1")
    short = p("十五位", 3)
    short["身份证号码"] = "532527900601031"  # legacy 15 digits, born 1990-06-01, male
    wrong = p("不符", 4)
    wrong["出生年月"] = "1990.07"
    wrong["性别"] = "女"
    data = audit(run, tmp_path, [good, bad, short, wrong])
    assert [f["name"] for f in of_rule(data, "id-number")] == ["校验错"]
    mismatch = of_rule(data, "id-mismatch")
    assert [f["name"] for f in mismatch] == ["不符", "不符"]
    assert any("出生年月1990年7月与身份证号中的1990年6月不一致" in f["message"] for f in mismatch)


def test_duplicates(run, tmp_path):
    same_id = p("甲", 1)
    again = dict(same_id, **{"序号": 2})
    twins = [p("同名", 3, born=dt.date(1991, 3, 3)), p("同名", 4, born=dt.date(1991, 3, 3))]  # different IDs: two people
    no_id = [{"姓　名": "无证", "出生年月": "1988.08", "性别": "男"}, {"姓　名": "无证", "出生年月": "1988.08", "性别": "男"}]
    data = audit(run, tmp_path, [same_id, again, *twins, *no_id])
    found = of_rule(data, "duplicate-person")
    assert len(found) == 2
    assert "身份证号相同" in found[0]["message"] and "姓名和出生年月相同" in found[1]["message"]


def test_invalid_value_points_at_the_cell(run, tmp_path):
    row = p("坏日期", 1)
    row["出生年月"] = "1990.13"
    data = audit(run, tmp_path, [row])
    bad = of_rule(data, "invalid-value")
    assert bad[0]["cell"] == "D4" and "月份13不存在" in bad[0]["message"]


def test_pool_size_from_option_sheet_and_fixed_count(run, tmp_path):
    rows = [p(f"正{i}", i, **{"后备类别": "正职"}) for i in range(1, 4)] + \
           [p(f"副{i}", 10 + i, **{"后备类别": "副职"}) for i in range(1, 3)]
    data = audit(run, tmp_path, rows, "--posts", "正职=2,副职=2", "--select", "pool-size", policy="county-term")
    messages = [f["message"] for f in of_rule(data, "pool-size")]
    assert any("正职后备干部3名，按正职职数2个的1:2应为4名，少1名" in m for m in messages)
    assert not any(m.startswith("副职后备干部2名，按") for m in messages)  # 1:1 with 2 posts: right
    assert any("少于应常年保持的150名" in m for m in messages)
    # the same counts from a sheet of the roster workbook
    wb = Workbook()
    write_table(wb.active, rows, title=None, unit_line=None, footer=False)
    posts = wb.create_sheet("领导职数")
    posts.append(["单位", "正职职数", "副职职数"])
    posts.append(["甲局", 1, 1])
    posts.append(["乙局", 1, 1])
    wb.save(tmp_path / "posts.xlsx")
    import json

    out = json.loads(run("audit", str(tmp_path / "posts.xlsx"), "--json", "--as-of", "2026-12-01",
                         "--policy", "county-term", "--select", "pool-size").out)
    assert any("少1名（职数来自工作表“领导职数”）" in f["message"] for f in out["findings"])


def test_pool_size_skipped_without_posts(run, tmp_path):
    data = audit(run, tmp_path, [p("甲", 1, **{"后备类别": "正处级"})], policy="college")
    assert any(s["rule"] == "pool-size" and "领导职数" in s["reason"] for s in data["skipped"])


def test_pool_share_exactly_fifteen_percent(run, tmp_path):
    def roster(women):
        return [p(f"人{i}", i, gender="女" if i <= women else "男", **{"政治面貌": "中共党员", "民族": "汉族",
                                                                     "后备类别": "正科级"}) for i in range(1, 21)]
    at = audit(run, tmp_path, roster(3), "--select", "pool-share", policy="college")  # 3 of 20 = 15%
    below = audit(run, tmp_path, roster(2), "--select", "pool-share", policy="college", name="b.xlsx")
    assert of_rule(at, "pool-share") == []
    found = of_rule(below, "pool-share")
    assert len(found) == 1 and "20人中2人，占10%，未达到15%" in found[0]["message"]
    assert found[0]["cell"] is None and found[0]["name"] is None


def test_pool_age_structure_street(run, tmp_path):
    rows = [p(f"青{i}", i, born=dt.date(1998, 1, 1)) for i in range(1, 5)] + \
           [p(f"中{i}", 10 + i, born=dt.date(1992, 1, 1)) for i in range(1, 3)]
    data = audit(run, tmp_path, rows, "--select", "pool-age-structure", policy="street")
    messages = [f["message"] for f in of_rule(data, "pool-age-structure")]
    assert messages == ["30岁以下的后备干部要有5名以上：后备干部中4人，少于5人"]


def test_bad_option_values_exit_2(run, tmp_path):
    path = tmp_path / "r.xlsx"
    from tests.builders import roster_xlsx

    roster_xlsx(path, [p("甲", 1)])
    out = run("audit", str(path), "--select", "no-such-rule")
    assert out.code == 2 and "no-such-rule" in out.err
    out = run("audit", str(path), "--as-of", "明天")
    assert out.code == 2 and "--as-of" in out.err
    out = run("audit", str(tmp_path / "missing.xlsx"))
    assert out.code == 2 and "找不到文件" in out.err


def test_clean_roster_exits_0(run, tmp_path):
    rows = [p("好", 1, born=dt.date(1995, 6, 1), **{"后备类别": "副科级", "2025年": "优秀"})]
    data = audit(run, tmp_path, rows, "--horizon", "0")
    assert data["_code"] == 0 and data["summary"]["errors"] == 0
    assert set(data) >= {"command", "policy", "as_of", "people", "findings", "skipped", "summary"}
    assert data["command"] == "audit" and data["policy"] == "county" and data["as_of"] == "2026-12-01"


def test_make_id_helper_matches_checksum():
    from cadre_cli.parse.idcard import parse_id

    assert parse_id(make_id(BORN)).birth == BORN
