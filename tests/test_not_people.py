"""Rows and sheets that are not people: field dictionaries, template placeholders, rows
with only a name and a number, titles that are no group headers, sheet names that are no
units, the tool's own sheets and columns on a second run, duplicates in 结构分析."""

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from cadre_cli.model.person import build_roster
from cadre_cli.readers.load import read_workbook
from tests.audit_helpers import of_rule
from tests.builders import make_id, person, write_table

AS_OF = "2026-12-01"


def roster(path):
    reading = read_workbook(path)
    return build_roster(path.name, reading.tables, reading.report)


def audit_json(run, path, *args):
    result = run("audit", str(path), "--json", "--no-output", "--as-of", AS_OF, *args)
    assert result.code in (0, 1), result
    return json.loads(result.out)


def test_field_dictionary_sheet_and_rows_are_not_people(tmp_path, run):
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    write_table(ws, [person("张三"), person("李四", seq=2)], title=None, unit_line=None)
    dictionary = wb.create_sheet("字段说明")
    dictionary.append(["序号", "姓名", "说明"])
    for i, word in enumerate(("职务", "性别", "出生年月", "身份证号码"), 1):
        dictionary.append([i, word, "按要求填写"])
    path = tmp_path / "d.xlsx"
    wb.save(path)
    r = roster(path)
    assert [p.name for p in r.people] == ["张三", "李四"]
    skipped = {s.name: s.skipped for s in r.report.sheets}
    assert skipped["字段说明"] and any("字段说明" in n for n in r.report.notes)
    assert audit_json(run, path)["people"] == 2


@pytest.mark.parametrize("placeholder", ["{{$fe:listMap t.id", "t.name", "${name}", "#{item.name}"])
def test_template_placeholder_rows_are_not_people(tmp_path, run, placeholder):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "姓名", "性别", "出生年月", "工作单位"])
    ws.append([placeholder, "t.name" if placeholder != "t.name" else "${n}", "t.sex", "t.birth", "t.unit}}"])
    path = tmp_path / "template.xlsx"
    wb.save(path)
    result = run("audit", str(path), "--as-of", AS_OF, "--no-output")
    assert result.code == 2 and "模板的占位符" in result.err and "合格" not in result.out
    ws.append([1, "王五", "男", "1985.03", "县委办"])
    wb.save(path)
    data = audit_json(run, path)
    assert data["people"] == 1 and any("占位符" in n for n in data["reading"]["notes"])


def test_names_and_staff_numbers_only_are_never_all_qualified(tmp_path, run):
    wb = Workbook()
    ws = wb.active
    ws.append(["学号", "姓名"])
    for i in range(32):
        ws.append([f"2531020130{i:03d}", f"学生{i}"])
    path = tmp_path / "花名册.xlsx"
    wb.save(path)
    data = audit_json(run, path)
    assert data["people"] == 32 and data["summary"]["status"]["合格"] == 0
    assert len(of_rule(data, "missing-value")) == 32
    result = run("audit", str(path), "--as-of", AS_OF, "--no-output")
    assert "没有发现问题" not in result.out


@pytest.mark.parametrize("title, header, wrong", [
    ("XX大学在职干部名册", "学历", "education_parttime"),
    ("XX县挂职干部花名册", "职务", "secondment_post"),
    ("2024年度考核结果汇总表", "考核结果", None),
])
def test_a_title_row_is_never_a_group_header(tmp_path, title, header, wrong):
    wb = Workbook()
    ws = wb.active
    ws.append([title])
    ws.merge_cells("A1:E1")
    ws.append(["序号", "姓名", "性别", header, "出生年月"])
    ws.append([1, "张三", "男", "大学" if header == "学历" else ("股长" if header == "职务" else "优秀"), "1985.03"])
    path = tmp_path / "t.xlsx"
    wb.save(path)
    r = roster(path)
    got = {c.header: c.field for c in r.report.columns}
    assert got[header] != wrong and r.tables[0].header_rows == (2,)
    if header == "考核结果":  # the title gives the year
        assert got[header] == "assessment:2024" and r.people[0].assessments == {2024: 3}
    else:
        assert got[header] == {"学历": "education", "职务": "post"}[header]


def test_default_sheet_names_are_no_units_and_sheet_units_are_never_glued(tmp_path, run):
    wb = Workbook()
    wb.remove(wb.active)
    for sheet, name in (("Sheet1", "张三"), ("报名", "李四"), ("院领导", "王五")):
        rows = [person(name, seq=len(wb.sheetnames) + 1, **{"现任职务": "党委书记", "后备类别": "正科级"})]
        write_table(wb.create_sheet(sheet), rows, title=None, unit_line=None)
    path = tmp_path / "s.xlsx"
    wb.save(path)
    r = roster(path)
    assert [(p.name, p.unit) for p in r.people] == [("张三", None), ("李四", None), ("王五", "院领导")]
    out = tmp_path / "名单"
    result = run("notice", str(path), "--output", str(out), "--format", "md", "--kind", "list")
    assert result.code == 0, result
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "院领导党委书记" not in text and "党委书记" in text


def test_duplicates_are_counted_once_in_the_structure_sheet(tmp_path, run):
    wb = Workbook()
    wb.remove(wb.active)
    people = [person(f"人{i}", dt.date(1985 + i, 3, 1), "女" if i % 2 else "男", seq=i) for i in range(1, 5)]
    for sheet in ("名册", "名册（备份）", "副本"):
        write_table(wb.create_sheet(sheet), people, title=None, unit_line=None)
    path = tmp_path / "三份.xlsx"
    wb.save(path)
    result = run("audit", str(path), "--as-of", AS_OF, "--output", str(tmp_path / "out.xlsx"))
    assert result.code == 1
    data = audit_json(run, path)
    assert data["people"] == 12 and len(of_rule(data, "duplicate-person")) == 8
    ws = load_workbook(tmp_path / "out.xlsx")["结构分析"]
    assert "共4人（名册中重复录入的8人只计一次）" in ws["A2"].value
    counts = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, 40) if ws.cell(r, 1).value in ("男", "女")}
    assert counts == {"男": 2, "女": 2}


def test_rerun_on_the_audit_output(tmp_path, run):
    rows = [person("张三", seq=1, **{"后备类别": "正科级"}), person("李四", dt.date(1980, 1, 1), seq=2, **{"后备类别": "正科级"})]
    src = tmp_path / "名册.xlsx"
    wb = Workbook()
    write_table(wb.active, rows)
    wb.save(src)
    first = audit_json(run, src)
    assert run("audit", str(src), "--as-of", AS_OF).code == 1
    out = tmp_path / "名册_审核结果.xlsx"
    props = {p.name for p in load_workbook(out).custom_doc_props.props}
    assert "cadre-added" in props
    again = audit_json(run, out)
    assert again["people"] == first["people"] == 2
    assert again["summary"]["status"] == first["summary"]["status"]
    assert any("本工具上次运行时生成" in n for n in again["reading"]["notes"])
    tool_cols = [c for c in again["columns"] if c.get("note", "").startswith("本工具上次运行时添加")]
    assert [c["header"] for c in tool_cols] == ["审核结论", "问题摘要", "核查状态"]
    second = tmp_path / "第二次.xlsx"
    assert run("audit", str(out), "--as-of", AS_OF, "--output", str(second)).code == 1
    a, b = load_workbook(out), load_workbook(second)
    assert a.sheetnames == b.sheetnames == ["Sheet", "审核概况", "问题清单", "结构分析", "读取说明"]
    assert a["Sheet"].max_column == b["Sheet"].max_column  # results written where the old ones were


def test_rerun_without_the_mark_still_skips_the_tool_sheets(tmp_path, run):
    """The property lost (a copy made by another program): known by name and title."""
    rows = [person("张三", seq=1)]
    src = tmp_path / "名册.xlsx"
    wb = Workbook()
    write_table(wb.active, rows)
    wb.save(src)
    assert run("audit", str(src), "--as-of", AS_OF).code in (0, 1)
    out = tmp_path / "名册_审核结果.xlsx"
    wb = load_workbook(out)
    wb.custom_doc_props.props.clear()
    wb.save(out)
    again = audit_json(run, out)
    assert again["people"] == 1
    assert {c["header"] for c in again["columns"] if c["field"] is None} >= {"审核结论", "问题摘要"}


def test_rerun_on_the_score_output_ranks_nobody_twice(tmp_path, run):
    sample = __import__("pathlib").Path(__file__).resolve().parent.parent / "sample_data" / "答辩测评成绩.xlsx"
    out = tmp_path / "成绩.xlsx"
    assert run("score", str(sample), "--output", str(out)).code == 0
    first = json.loads(run("score", str(sample), "--json", "--no-output").out)
    again = json.loads(run("score", str(out), "--json", "--no-output").out)
    assert again["summary"] == first["summary"]
    assert [c["rank"] for c in again["candidates"]] == [c["rank"] for c in first["candidates"]]
    assert any(c.get("note", "").startswith("本工具上次运行时添加") and c["header"].endswith("考评分")
               for c in again["columns"])


def test_an_id_number_keyed_detail_sheet_is_not_more_people(tmp_path, run):
    a = make_id(dt.date(1985, 3, 1))
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(["姓名", "身份证号", "性别", "出生年月"])
    ws.append(["张三", a, "男", "1985.03"])
    jobs = wb.create_sheet("任职记录")
    jobs.append(["姓名", "身份证号", "开始日期", "职务"])
    for year, post in ((2010, "科员"), (2015, "副股长"), (2020, "股长")):
        jobs.append(["张三", a, f"{year}-01-01", post])
    path = tmp_path / "hr.xlsx"
    wb.save(path)
    data = audit_json(run, path)
    assert data["people"] == 1 and not of_rule(data, "duplicate-person")
    assert any(s["sheet"] == "任职记录" and s["skipped"] for s in data["reading"]["sheets"])


def test_the_package_patchers_sheet_marker_is_read_too(tmp_path, run):
    from openpyxl.packaging.custom import StringProperty

    wb = Workbook()
    write_table(wb.active, [person("张三", seq=1)], title=None, unit_line=None)
    extra = wb.create_sheet("我们加的")
    extra.append(["姓名", "性别"])
    extra.append(["不是人", "男"])
    wb.custom_doc_props.append(StringProperty(name="cadre-annotated", value='["我们加的"]'))
    path = tmp_path / "m.xlsx"
    wb.save(path)
    data = audit_json(run, path)
    assert data["people"] == 1
    assert any(s["sheet"] == "我们加的" and s["skipped"] for s in data["reading"]["sheets"])
