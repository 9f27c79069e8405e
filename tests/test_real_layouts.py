"""Layouts of real workbooks from public cadre and HR systems, rebuilt with openpyxl and
filled with plausible rows: every header is read as the right field, every person is
counted once, and the column report says what was read.

Sources (layouts only; nothing of theirs is committed):
- xvchaoqun/owip (a university 组工 platform): src/main/resources/xlsx/cadre/cadres.xlsx
  (中层干部名单), doc/excel/干部/[sample_cadreEva]干部考核信息录入样表.xlsx,
  [sample_cadreReserve]优秀年轻干部录入样表.xlsx, [sample_cadreAll]干部信息一张表导入样表.xlsx
- rangerlcy/xmuCadre (厦门大学 cadre system): WebRoot/resources/downloadFile/user_model.xls
  (厦门大学干部花名册), WebRoot/resources/Template/import-asse.xls (考核导入)
- 3babydaddy/CadreArchivesManage: src/main/resources/templet/superviseHandleModel.xls (新提拔干部名册)
- YJH-JianHui/roster: 员工档案导入模板.xlsx (an HR export, `姓名_real_name` headers, detail sheets)
"""

import datetime as dt

import pytest

from openpyxl import Workbook

from cadre_cli.model.person import build_roster
from cadre_cli.parse.categories import Education, Rank, Title
from cadre_cli.parse.grades import Grade
from cadre_cli.readers.load import read_workbook
from tests.audit_helpers import of_rule
from tests.builders import make_id

AS_OF = "2026-10-15"


def book(path, sheets):
    """sheets: name -> rows (lists), optional merges as 'A1:O1' strings after a None row."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, (rows, merges) in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for rng in merges:
            ws.merge_cells(rng)
    wb.save(path)
    return path


def roster(path):
    reading = read_workbook(path)
    return build_roster(path.name, reading.tables, reading.report)


def fields(r, sheet=None):
    return {c.header: c.field for c in r.report.columns if sheet is None or c.sheet == sheet}


def audit(run, path, *args):
    import json

    result = run("audit", str(path), "--json", "--no-output", "--as-of", AS_OF, *args)
    assert result.code in (0, 1), result
    return json.loads(result.out)


XMU_HEADER = ["序\n号", "姓名", "单位", "系所", "行政职务", "专业技术职务", "性别", "民族", "出生日期", "年龄", "籍贯",
              "参加工作时间", "来校时间", "党派", "学历学位", "毕业院校", "现职时间", "行政\n级别", "级别\n时间", "岗位", "职位"]


def xmu(path):
    rows = [["厦门大学干部花名册"] + [None] * 20, [None] * 21, XMU_HEADER,
            [1, "陈海峰", "信息科学与技术学院", "计算机科学系", "系主任", "教授", "男", "汉族", "1978.05", 47, "福建厦门",
             "2003.07", "2003.07", "中共党员", "研究生/博士", "厦门大学", "2019.06", "正处", "2019.06", "管理岗", "正职"],
            [2, "林晓燕", "党委组织部", "干部科", "科长", "助理研究员", "女", "汉族", "1985.03", 40, "福建泉州", "2009.07",
             "2009.07", "中共党员", "研究生/硕士", "南京大学", "2021.03", "正科", "2021.03", "管理岗", "正职"],
            [3, "王建国", "人事处", "师资科", "副科长", "研究实习员", "男", "回族", "1990.11", 35, "河南郑州", "2015.07",
             "2015.07", "民盟", "大学/学士", "郑州大学", "/", "副科", "2022.09", "管理岗", "副职"]]
    return book(path, {"全部名单": (rows, ["A1:U1", "S2:U2"])})


def test_xmu_cadre_roster_reads_every_kind_of_header(tmp_path):
    r = roster(xmu(tmp_path / "干部花名册.xlsx"))
    got = fields(r)
    assert got["系所"] == "department" and got["行政职务"] == "post" and got["专业技术职务"] == "title"
    assert got["党派"] == "political_status" and got["学历学位"] == "education" and got["现职时间"] == "post_since"
    assert got["行政级别"] == "rank" and got["级别时间"] == "rank_since" and got["毕业院校"] == "school"
    assert got["籍贯"] is None and got["来校时间"] is None
    warned = [c for c in r.report.columns if c.warning]
    assert [c.header for c in warned] == ["来校时间"] and "M3" in warned[0].warning
    chen, lin, wang = r.people
    assert chen.values["rank"] is Rank.DIVISION and chen.values["title"] is Title.SENIOR
    assert lin.values["title"] is Title.INTERMEDIATE  # 助理研究员 is 中级, not 初级
    assert wang.values["title"] is Title.JUNIOR and wang.values["political_status"] == "民盟"
    assert "post_since" in wang.blank and not wang.problems  # `/` is an explicit blank
    assert chen.education is Education.POSTGRADUATE and chen.unit == "信息科学与技术学院"


def test_xmu_long_form_assessment_joins_each_persons_history(tmp_path, run):
    ids = {"陈海峰": make_id(dt.date(1978, 5, 12)), "林晓燕": make_id(dt.date(1985, 3, 20), "女", seq=2)}
    main = [["序号", "姓名", "证件号码", "性别", "出生年月"], [1, "陈海峰", ids["陈海峰"], "男", "1978.05"],
            [2, "林晓燕", ids["林晓燕"], "女", "1985.03"]]
    asse = [["证件号码", "姓名", "考核年份", "考核结果"]] + [
        [ids[n], n, y, g] for n, grades in (("陈海峰", ("优秀", "称职", "称职")), ("林晓燕", ("称职", "不称职", "称职")))
        for y, g in zip((2022, 2023, 2024), grades)]
    path = book(tmp_path / "名册.xlsx", {"全部名单": (main, []), "考核": (asse, [])})
    r = roster(path)
    assert len(r.people) == 2  # the six assessment rows are no people
    assert r.people[1].assessments == {2022: Grade.COMPETENT, 2023: Grade.INCOMPETENT, 2024: Grade.COMPETENT}
    assert r.people[1].cell("assessment:2023").ref == "D6" and r.people[1].cell("assessment:2023").sheet == "考核"
    data = audit(run, path)
    assert data["people"] == 2 and not of_rule(data, "duplicate-person")
    found = of_rule(data, "annual-assessment")
    assert [(f["name"], f["sheet"], f["cell"]) for f in found] == [("林晓燕", "考核", "D6")]
    assert any("年度考核记录" in n for n in data["reading"]["notes"])
    # the grades joined from the long-form sheet count as checked (no "没有“年度考核”列" for anyone)
    assert not [g for p in data["persons"] for g in p["unchecked"] if g["rule"] == "annual-assessment"], data["persons"]
    screen = run("audit", str(path), "--no-output", "--as-of", AS_OF)
    assert "考核!D6" in screen.out  # the finding's cell is on another sheet: named with it


def test_long_form_assessment_alone_makes_one_person_per_id(tmp_path, run):
    rows = [["证件号码", "姓名", "考核年份", "考核结果"],
            [make_id(dt.date(1982, 11, 10)), "张三", 2015.0, "优秀"], [make_id(dt.date(1982, 11, 10)), "张三", 2016.0, "不称职"],
            [make_id(dt.date(1990, 1, 1), seq=2), "李四", 2016.0, "合格"]]
    path = book(tmp_path / "import-asse.xlsx", {"Sheet1": (rows, [])})
    r = roster(path)
    assert [p.name for p in r.people] == ["张三", "李四"]
    assert r.people[0].assessments == {2015: Grade.EXCELLENT, 2016: Grade.INCOMPETENT}
    assert [f["name"] for f in of_rule(audit(run, path), "annual-assessment")] == ["张三"]


def test_owip_middle_cadre_list_and_its_seq_only_template_row(tmp_path, run):
    header = ["序号", "姓名", "所在单位及职务", "性别", "民族", "出生时间", "年龄", "政治面貌", "最高学历学位", "所学专业",
              "专业技术\n职务", "现职务始任时间", "现职务始任年限", "现职级始任时间", "任现职级年限"]
    rows = [["school中层干部名单"] + [None] * 14, header,
            [1, "张立", "党委组织部部长", "男", "汉族", "1976.09", 49, "中共党员", "研究生/博士", "教育学", "教授", "2018.07", 7,
             "2016.07", 9],
            [2, "周涛", "院（党）办公室主任", "男", "满族", "1979.12", 46, "民建", "大学/学士", "中文", "副教授", "2019.09", 6,
             "2017.03", 8],
            [3] + [None] * 14]
    r = roster(book(tmp_path / "cadres.xlsx", {"Sheet0": (rows, ["A1:O1"])}))
    got = fields(r)
    assert got["所在单位及职务"] == "unit_post" and got["出生时间"] == "birth" and got["最高学历学位"] == "education"
    assert got["现职务始任时间"] == "post_since" and got["现职级始任时间"] == "rank_since"
    assert [p.name for p in r.people] == ["张立", "周涛"]  # the pre-numbered blank row is no person
    assert any("第5行只有序号" in n for n in r.report.notes)
    assert r.people[0].values["post"] == "党委组织部部长"


def test_owip_assessment_sheet_with_bare_year_headers(tmp_path, run):
    rows = [["工作证号", "姓名", "时任职务", "2018年", "2017年", "2016年"],
            ["00001", "张三", "党委组织部副处级组织员", "合格", "优秀", "不合格"], ["00002", "李四", "人事处科长", "优秀", "合格", "合格"]]
    path = book(tmp_path / "干部考核信息.xlsx", {"sheet1": (rows, [])})
    r = roster(path)
    got = fields(r)
    assert got["2018年"] == "assessment:2018" and got["时任职务"] == "previous_post" and got["工作证号"] == "staff_number"
    assert "post" not in r.people[0].values  # an earlier post is never the current one
    assert [f["name"] for f in of_rule(audit(run, path), "annual-assessment")] == ["张三"]


def test_owip_reserve_list_of_names_and_staff_numbers_is_not_qualified(tmp_path, run):
    rows = [["工作证号", "姓名", "所在单位及职务", "备注"], ["11112010114", "张三", "党委组织部办公室主任", None],
            ["11112010115", "李四", "学生处副处长", None]]
    data = audit(run, book(tmp_path / "优秀年轻干部.xlsx", {"sheet1": (rows, [])}))
    assert data["summary"]["status"]["合格"] == 0
    assert [f["cell"] for f in of_rule(data, "missing-value")] == ["B2", "B3"]
    assert "只有姓名和工作证号、工作单位及职务" in of_rule(data, "missing-value")[0]["message"]


def test_new_cadres_list_earlier_and_current_posts(tmp_path):
    rows = [["新 提 拔 干 部 名 册 "] + [None] * 5, [None] * 5 + ["年    月    日  "],
            ["序 号", "姓  名", "出生日期", "原任职单位及职务", "任现职时间", "现任职单位及职务"],
            [1, "李明", "1984.06", "县财政局预算股股长", "2025.03", "县财政局副局长"]]
    r = roster(book(tmp_path / "新提拔干部名册.xlsx", {"Sheet1": (rows, ["A1:F1"])}))
    got = fields(r)
    assert got["原任职单位及职务"] == "previous_post" and got["现任职单位及职务"] == "unit_post"
    assert r.people[0].values["post"] == "县财政局副局长"


def test_hr_export_with_column_ids_and_detail_sheets(tmp_path, run):
    """An HR system's export: `姓名_real_name` headers, a note line, and sheets of several
    rows per person (家庭成员: the 出生年月 there is a relative's)."""
    a, b = make_id(dt.date(1987, 10, 15), "女"), make_id(dt.date(1989, 3, 23), seq=2)
    main = [["员工主表"], ["【说明】每名员工一行；身份证号为全系统唯一标识。"],
            ["姓名_real_name", "身份证号_id_card_no", "性别_gender", "出生年月_birth_date", "政治面貌_political_status",
             "发证日期_id_card_issue_date"],
            ["刘柳", a, "女", "1987-10", "群众", "2020-08-10"], ["赵玉珂", b, "男", "1989-03", "中共党员", "2016-03-04"]]
    family = [["家庭成员"], ["【说明】唯一键=身份证号+称谓+成员姓名。"],
              ["姓名[冗余]_real_name", "身份证号_id_card_no", "称谓_relation", "成员姓名_member_name", "出生年月_birth_date"],
              ["刘柳", a, "父亲", "刘志新", "1960-01"], ["刘柳", a, "母亲", "王芳", "1962-05"],
              ["赵玉珂", b, "父亲", "赵利平", "1961-02"], ["赵玉珂", b, "母亲", "李梅", "1963-07"]]
    education = [["教育经历"], ["【说明】"], ["姓名[冗余]_real_name", "身份证号_id_card_no", "学历_degree_level", "学位_degree_type"],
                 ["刘柳", a, "大学本科", "学士"], ["赵玉珂", b, "硕士研究生", "硕士"]]
    path = book(tmp_path / "员工档案.xlsx", {"员工主表": (main, []), "家庭成员": (family, []), "教育经历": (education, [])})
    r = roster(path)
    assert fields(r, "员工主表")["姓名_real_name"] == "name" and fields(r, "员工主表")["出生年月_birth_date"] == "birth"
    assert [p.name for p in r.people] == ["刘柳", "赵玉珂"]
    skipped = {s.name: s.skipped for s in r.report.sheets}
    assert "附表" in skipped["家庭成员"] and skipped["教育经历"] is None
    assert r.people[1].education is Education.POSTGRADUATE  # joined from 教育经历 by ID number
    assert r.people[1].cell("education").sheet == "教育经历"
    data = audit(run, path)
    assert data["people"] == 2 and not of_rule(data, "duplicate-person")


@pytest.mark.parametrize("header, field", [
    ("部门和职务", "unit_post"), ("所在单位及职务", "unit_post"), ("现任职单位及职务", "unit_post"),
    ("原任职单位及职务", "previous_post"), ("行政职务", "post"), ("党政职务", "post"), ("现任岗位", "post"),
    ("所在处室/部门", "department"), ("任现级时间", "rank_since"), ("现职务始任时间", "post_since"),
    ("现职级始任时间", "rank_since"), ("任现职级时间", "rank_since"), ("行政级别", "rank"), ("级别时间", "rank_since"),
    ("最高学历/学位", "education"), ("全日制教育学历/学位", "education_fulltime"), ("在职教育学历/学位", "education_parttime"),
    ("毕业院校及专业", "school"), ("近三年考核结果（2022-2024年）", "assessment_text"), ("工作证号", "staff_number"),
    ("证件号码", "id_number"), ("姓名_real_name", "name"), ("出生年月_birth_date", "birth"),
])
def test_headers_real_files_use(tmp_path, header, field):
    rows = [["姓名" if header != "姓名_real_name" else "序号", header], ["张三" if header != "姓名_real_name" else 1, "x"]]
    path = book(tmp_path / "h.xlsx", {"Sheet1": (rows, [])})
    reading = read_workbook(path, ("name", "staff_number"), allow_empty=True)
    got = {c.header: c.field for c in reading.report.columns}
    assert got[header] == field


def test_free_text_assessment_of_three_years(tmp_path, run):
    header = ["序号", "姓名", "性别", "出生年月", "近三年考核结果（2022-2024年）"]
    rows = [header, [1, "张三", "男", "1985.03", "2022年优秀、2023年合格、2024年合格"],
            [2, "李四", "女", "1988.05", "优秀、不称职、称职"], [3, "王五", "男", "1990.01", "均为称职"],
            [4, "赵六", "男", "1991.01", "优秀"]]
    path = book(tmp_path / "k.xlsx", {"名册": (rows, [])})
    r = roster(path)
    assert r.people[0].assessments == {2022: Grade.EXCELLENT, 2023: Grade.COMPETENT, 2024: Grade.COMPETENT}
    assert r.people[1].assessments[2023] is Grade.INCOMPETENT and r.people[2].assessments[2024] is Grade.COMPETENT
    assert "只有一个等次" in r.people[3].problems[0].reason
    data = audit(run, path)
    found = of_rule(data, "annual-assessment")
    assert [(f["name"], f["cell"]) for f in found] == [("李四", "E3")] and "2023年度考核为不称职" in found[0]["message"]
    # a free-text cell is the assessment column: checked for every row that has grades in it
    unchecked = {p["name"]: [g["reason"] for g in p["unchecked"] if g["rule"] == "annual-assessment"] for p in data["persons"]}
    assert unchecked["张三"] == [] and unchecked["李四"] == [], unchecked

    # the message repeats the word the cell holds for that year (合格 scale), not 不称职
    rows.append([5, "钱七", "女", "1992.03", "2022年合格、2023年不合格、2024年基本合格"])
    data = audit(run, book(tmp_path / "k2.xlsx", {"名册": (rows, [])}))
    said = [f["message"] for f in of_rule(data, "annual-assessment") if f["name"] == "钱七"]
    assert said == ["2023年度考核为不合格，按规定应取消后备干部资格", "2024年度考核为基本合格，按规定应取消后备干部资格"], said
