"""Layouts found by an independent review of the reader (bugs 1–9, 14): each one
misread before, and must read right now."""

import datetime as dt
import json

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment

from cadre_cli.model.person import build_roster
from cadre_cli.parse.grades import Grade
from cadre_cli.readers.load import read_tables
from tests.builders import make_id


def people(path):
    _, tables = read_tables(path)
    return build_roster(path.name, tables).people


def score(run, path, *args):
    out = run("score", str(path), "--json", "--no-output", *args)
    return out.code, json.loads(out.out)


def test_unmerged_group_cell_that_is_also_a_field(run, tmp_path):
    """考评组评分 typed once over 评委1…5 (centre across selection, no merge): judge 1 counts."""
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "笔试成绩", "考评组评分", None, None, None, None, "民主测评票数", None, None, None, "测评人数"])
    ws.append([None, None, None, "评委1", "评委2", "评委3", "评委4", "评委5", "优秀", "称职", "基本称职", "不称职", None])
    ws.append([1, "张三", 80, 70, 80, 90, 90, 90, 10, 5, 0, 0, 15])
    for c in range(4, 13):
        ws.cell(1, c).alignment = Alignment(horizontal="centerContinuous")
    wb.save(tmp_path / "a.xlsx")
    code, data = score(run, tmp_path / "a.xlsx")
    assert code == 0 and data["candidates"][0]["panel"] == 84.0 and data["candidates"][0]["defense"] == 87.73


def test_bare_judge_numbers_and_enterprise_groups_in_csv(run, tmp_path):
    (tmp_path / "c.csv").write_text("序号,姓名,笔试成绩,考评组评分,,,,,民主测评票数,,,,测评人数\n"
                                    ",,,1,2,3,4,5,优秀,称职,基本称职,不称职,\n"
                                    "1,张三,80,70,80,90,90,90,10,5,0,0,15\n", encoding="utf-8-sig")
    code, data = score(run, tmp_path / "c.csv")
    assert code == 0 and data["candidates"][0]["panel"] == 84.0
    (tmp_path / "e.csv").write_text("序号,姓名,笔试,演讲答辩,组织考察,,\n,,,,公司领导班子,中层干部,职工代表\n"
                                    "1,A,25,30,12,8,9\n", encoding="utf-8-sig")
    code, data = score(run, tmp_path / "e.csv", "--policy", "enterprise")
    assert code == 0 and data["candidates"][0]["org"] == 29.0 and data["candidates"][0]["total"] == 84.0


def test_damaged_ids_do_not_split_candidates(run, tmp_path):
    wb = Workbook()
    w1 = wb.active
    w1.title = "笔试"
    w2 = wb.create_sheet("答辩测评")
    w1.append(["序号", "姓名", "身份证号", "笔试成绩"])
    w2.append(["序号", "姓名", "身份证号", "考评分", "测评分"])
    for i, (name, born) in enumerate((("甲", dt.date(1990, 1, 1)), ("乙", dt.date(1991, 2, 2))), start=1):
        number = make_id(born, seq=i)
        w1.append([i, name, float(number), 85])
        w2.append([i, name, number, 90, 80])
    wb.save(tmp_path / "s.xlsx")
    code, data = score(run, tmp_path / "s.xlsx")
    assert [c["defense"] for c in data["candidates"]] == [86.0, 86.0]
    assert sum(1 for w in data["warnings"] if "存成了数字" in w["message"]) == 2


def test_finding_inside_a_merged_cell_is_annotated(run, tmp_path):
    from openpyxl import load_workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "出生年月", "后备类别"])
    ws.append([1, "甲", "男", "1980.01", "正科级"])
    ws.append([2, "乙", "男", "1981.01", None])
    ws.merge_cells("E2:E3")
    wb.save(tmp_path / "m.xlsx")
    out = run("audit", str(tmp_path / "m.xlsx"), "--as-of", "2026-12-01", "--output", str(tmp_path / "o.xlsx"))
    assert out.code == 1, out
    ws = load_workbook(tmp_path / "o.xlsx").active
    assert ws["D3"].comment is not None and "age-limit" in ws["D3"].comment.text  # 乙 gets 正科级 from the merge


def test_subtotals_sections_titles_and_right_footers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "出生年月", "后备类别", "单位"])
    ws.append([None, "一、正科级后备干部"])          # a section typed in the name column
    ws.append([1, "甲", "男", "1985.11", None, "县委办"])
    ws.append([None, "县委办小计", "1人"])          # a unit subtotal
    ws.append(["XX县科级后备干部名册（续表）"])      # a repeated page title keeps the section
    ws.append([2, "乙", "女", "1990.01", None, "县财政局"])
    ws.append(["二、副科级后备干部", None, None, None, None, "共1人"])
    ws.append([3, "丙", "男", "1995.01", None, "县财政局"])
    ws.append([None, None, None, None, "审核人：王某", None, None, "填表人：李某"])
    wb.save(tmp_path / "s.xlsx")
    found = people(tmp_path / "s.xlsx")
    assert [(p.name, p.record.section) for p in found] == [
        ("甲", "一、正科级后备干部"), ("乙", "一、正科级后备干部"), ("丙", "二、副科级后备干部")]


def test_values_merged_down_belong_to_every_row(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "单位", "姓名", "性别", "出生年月", "后备类别"])
    ws.append([1, "县教育体育局", "黄蓉", "女", "1986.05", "正科级"])
    ws.append([2, None, "郭靖", "男", "1985.01", None])
    ws.append([3, None, "杨过", "男", "1995.01", "副科级"])
    ws.merge_cells("B2:B4")
    ws.merge_cells("F2:F3")
    wb.save(tmp_path / "m.xlsx")
    found = people(tmp_path / "m.xlsx")
    assert [(p.unit, p.get("reserve_level")) for p in found] == [
        ("县教育体育局", "正科级"), ("县教育体育局", "正科级"), ("县教育体育局", "副科级")]


def test_band_cells_over_ordinary_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["基本情况", None, None, "年度考核", None, None])
    ws.append(["姓名", "性别", "出生年月", "2023年", "2024年", "2025年"])
    ws.append(["甲", "男", "1990.01", "称职", "基本称职", "优秀"])
    ws.merge_cells("A1:C1")
    ws.merge_cells("D1:F1")
    wb.save(tmp_path / "b.xlsx")
    assert people(tmp_path / "b.xlsx")[0].assessments[2024] is Grade.BASIC


def test_full_time_and_part_time_each_over_education_and_degree(tmp_path):
    wb = Workbook()
    ws = wb.active
    for c, h in {1: "序号", 2: "姓名", 3: "性别", 4: "出生年月"}.items():
        ws.cell(1, c, h)
        ws.merge_cells(start_row=1, start_column=c, end_row=2, end_column=c)
    ws["E1"], ws["G1"] = "全日制教育", "在职教育"
    ws.merge_cells("E1:F1")
    ws.merge_cells("G1:H1")
    for c, h in zip(range(5, 9), ["学历", "学位", "学历", "学位"]):
        ws.cell(2, c, h)
    ws.append([1, "甲", "男", "1992.01", "大学", "学士", "研究生", "硕士"])
    wb.save(tmp_path / "e.xlsx")
    person = people(tmp_path / "e.xlsx")[0]
    assert (person.education_fulltime.name, person.education.name, person.degree.name) == ("BACHELOR", "POSTGRADUATE", "MASTER")


def test_three_level_header(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "年度考核情况", None, None])
    ws.append([None, None, "近三年", None, None])
    ws.append([None, None, "2023年", "2024年", "2025年"])
    ws.append(["秦雯", "女", "称职", "基本称职", "称职"])
    for rng in ("A1:A3", "B1:B3", "C1:E1", "C2:E2"):
        ws.merge_cells(rng)
    wb.save(tmp_path / "t.xlsx")
    _, tables = read_tables(tmp_path / "t.xlsx")
    assert tables[0].header_rows == (1, 2, 3)
    assert people(tmp_path / "t.xlsx")[0].assessments == {2023: Grade.COMPETENT, 2024: Grade.BASIC, 2025: Grade.COMPETENT}


@pytest.mark.parametrize("header, field", [("民主测评不称职票数", "poll:incompetent"), ("考评组平均分", "panel_score"),
                                           ("政治面貌【必填】", "political_status"), ("评委（1）", "panel:1")])
def test_flat_headers_with_a_group_word_or_bracket(tmp_path, header, field):
    wb = Workbook()
    wb.active.append(["姓名", "性别", header])
    wb.active.append(["甲", "男", "1"])
    wb.save(tmp_path / "f.xlsx")
    _, tables = read_tables(tmp_path / "f.xlsx")
    assert field in tables[0].columns


def test_csv_excel_text_grades_with_remarks_and_padded_names(tmp_path):
    from tests.builders import make_id

    number = make_id(dt.date(1990, 1, 1))
    (tmp_path / "r.csv").write_text(
        "姓名,身份证号码,2023年度考核,2024年度考核,2025年度考核\n"
        f'马　超,="{number}",称职（嘉奖）,优秀(记三等功),试用期不定等次\n', encoding="utf-8")
    person = people(tmp_path / "r.csv")[0]
    assert person.name == "马超" and person.id is not None and person.id.number == number
    assert person.assessments == {2023: Grade.COMPETENT, 2024: Grade.EXCELLENT, 2025: None}
    assert not person.problems


def test_unit_line_stops_at_the_date_and_section_level_reaches_notices(run, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["XX县科级后备干部名册"])
    ws.append(["填报单位：县审计局          填报日期：2025年12月20日"])
    ws.append(["序号", "姓名", "性别", "出生年月"])
    ws.append(["一、正科级后备干部"])
    ws.append([1, "甲", "男", "1985.03"])
    wb.save(tmp_path / "u.xlsx")
    found = people(tmp_path / "u.xlsx")
    assert found[0].unit == "县审计局" and found[0].reserve_level == "正科级后备干部"
    out = run("notice", str(tmp_path / "u.xlsx"), "--by", "后备类别", "--format", "md", "--output", str(tmp_path / "n"))
    assert out.code == 0, out
    assert [p.name for p in (tmp_path / "n").iterdir()] == ["正科级后备干部_名单.md"]


def test_xls_copy_keeps_two_decimal_months(run, tmp_path):
    import shutil
    from pathlib import Path

    from openpyxl import load_workbook

    src = tmp_path / "legacy.xls"
    shutil.copy(Path(__file__).parent / "data" / "legacy_roster.xls", src)
    run("audit", str(src), "--as-of", "2026-12-01")
    cell = load_workbook(tmp_path / "legacy_审核结果.xlsx")["名册"]["D5"]
    assert cell.value == 1985.1 and cell.number_format == "0.00"
