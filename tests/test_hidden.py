"""Hidden means not published (issue 20): every way Excel hides a row, a sheet or a
column, through notice (.docx, .html, .md), with --include-hidden, and through audit,
which reads hidden people but lists and counts them apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.notice_helpers import readable
from tests.pty_run import run_in_pty

HEAD = ["姓名", "性别", "出生年月", "后备类别", "工作单位", "现任职务", "备注"]
SHOWN = ["显示甲", "显示戊"]
HIDDEN_ROWS = ["隐藏乙", "折叠丙", "筛掉丁"]
HIDDEN_SHEETS = ["隐表己", "深藏庚"]


def hidden_book(path: Path) -> Path:
    """Row 3 hidden by hand, row 4 in a collapsed outline group, row 5 filtered out by an
    autofilter on 备注; column F (现任职务) hidden; a hidden and a very hidden sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    ws.append(HEAD)
    for name, unit, note in (("显示甲", "县委办", "公开"), ("隐藏乙", "县委办", "公开"), ("折叠丙", "县委办", "公开"),
                             ("筛掉丁", "县政府办", "撤回"), ("显示戊", "县政府办", "公开")):
        ws.append([name, "男", "1992.01", "副科级", unit, "办公室秘书", note])
    ws.row_dimensions[3].hidden = True
    ws.row_dimensions[4].outlineLevel = 1
    ws.row_dimensions[4].hidden = True
    ws.row_dimensions[6].collapsed = True  # the summary row of the collapsed group
    ws.auto_filter.ref = "A1:G6"
    ws.auto_filter.add_filter_column(6, ["公开"])
    ws.row_dimensions[5].hidden = True  # Excel stores a filtered-out row as hidden
    ws.column_dimensions["F"].hidden = True
    for title, state, name in (("隐藏表", "hidden", "隐表己"), ("深藏表", "veryHidden", "深藏庚")):
        sheet = wb.create_sheet(title)
        sheet.append(HEAD)
        sheet.append([name, "女", "1993.01", "副科级", "县委办", "办公室秘书", ""])
        sheet.sheet_state = state
    wb.save(path)
    return path


def published(folder: Path) -> str:
    return "\n".join(readable(p) for p in sorted(folder.iterdir()))


def test_notice_leaves_out_every_kind_of_hidden_and_says_how_many(run, tmp_path):
    src = hidden_book(tmp_path / "名册.xlsx")
    out = tmp_path / "名单"
    result = run("notice", str(src), "--format", "docx,html,md", "--output", str(out), "--json")
    assert result.code == 0, result
    text = published(out)
    assert sorted(p.suffix for p in out.iterdir()) == [".docx", ".html", ".md"]
    for name in SHOWN:
        assert name in text
    for name in HIDDEN_ROWS + HIDDEN_SHEETS:
        assert name not in text, name
    assert "办公室秘书" not in text  # the hidden column
    warnings = " ".join(json.loads(result.out)["warnings"])
    assert "有3人在隐藏的行中" in warnings and "有2人在隐藏的工作表" in warnings and "“现任职务”列在工作簿中是隐藏的" in warnings
    assert "--include-hidden" in warnings


def test_include_hidden_publishes_them(run, tmp_path):
    src = hidden_book(tmp_path / "名册.xlsx")
    out = tmp_path / "名单"
    assert run("notice", str(src), "--format", "html", "--output", str(out), "--include-hidden").code == 0
    text = published(out)
    for name in SHOWN + HIDDEN_ROWS + HIDDEN_SHEETS:
        assert name in text, name
    assert "办公室秘书" in text


def test_audit_reads_hidden_people_and_counts_them_apart(run, tmp_path):
    src = hidden_book(tmp_path / "名册.xlsx")
    data = json.loads(run("audit", str(src), "--as-of", "2026-12-01", "--json", "--no-output").out)
    status = {p["name"]: (p["status"], p["apart"]) for p in data["persons"]}
    assert {n for n, (s, _) in status.items() if s == "inactive"} == set(HIDDEN_ROWS + HIDDEN_SHEETS)
    assert all("隐藏行" in status[n][1] for n in HIDDEN_ROWS)
    assert all(status[n][1] == "隐藏工作表" for n in HIDDEN_SHEETS)
    assert data["summary"]["status"]["不在岗"] == 5 and data["people"] == 7
    assert data["summary"]["by_unit"]["县委办"] == {"people": 5, "inactive": 4}
    result = run("audit", str(src), "--as-of", "2026-12-01")
    assert result.code == 0
    ws = load_workbook(tmp_path / "名册_审核结果.xlsx")["结构分析"]
    assert "共2人（另有5人在隐藏行或隐藏工作表中，单独列出，未计入）" in ws.cell(2, 1).value


@pytest.mark.parametrize("columns", [80, 120])
def test_audit_terminal_counts_hidden_people_apart_by_unit(tmp_path, columns):
    src = hidden_book(tmp_path / "名册.xlsx")
    result = run_in_pty("audit", str(src), "--as-of", "2026-12-01", "--no-output", columns=columns)
    text = result.text
    assert "3 行为隐藏行、2 行为隐藏工作表" in "".join(text.split("\n"))
    unit_table = text.split("按单位统计")[1].split("问题明细")[0]
    assert "单独列出" in unit_table
    row = next(line for line in unit_table.splitlines() if "县委办" in line).split()
    assert row[:3] == ["县委办", "1", "4"], row  # one audited, four listed apart


DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["hidden_roster.xls", "hidden_roster.ods"])
def test_xls_and_ods_hide_the_same(run, tmp_path, name):
    """The same workbook saved as .xls and .ods (tests/data/make_hidden.py): calamine
    gives no row or column visibility, so they are read from the file itself."""
    import shutil

    src = tmp_path / name
    shutil.copy(DATA / name, src)
    out = tmp_path / "名单"
    result = run("notice", str(src), "--format", "html", "--output", str(out), "--json")
    assert result.code == 0, result
    text = published(out)
    assert all(n in text for n in SHOWN)
    assert not [n for n in HIDDEN_ROWS + HIDDEN_SHEETS if n in text]
    assert "办公室秘书" not in text
    assert "有3人在隐藏的行中" in " ".join(json.loads(result.out)["warnings"])
    data = json.loads(run("audit", str(src), "--as-of", "2026-12-01", "--json", "--no-output").out)
    assert data["summary"]["status"]["不在岗"] == 5
    out2 = tmp_path / "全部"
    assert run("notice", str(src), "--format", "html", "--output", str(out2), "--include-hidden").code == 0
    assert all(n in published(out2) for n in SHOWN + HIDDEN_ROWS + HIDDEN_SHEETS)


def xml2003_book(path: Path) -> Path:
    """An Excel 2003 XML roster as HR systems export it: row 3 and a span of two rows
    (4–5) hidden, column F hidden, and a hidden sheet."""
    def row(values, hidden: str = "") -> str:
        cells = "".join(f'<Cell><Data ss:Type="String">{v}</Data></Cell>' for v in values)
        return f"<Row{hidden}>{cells}</Row>"

    people = [["显示甲", "男", "1992.01", "副科级", "县委办", "办公室秘书"], ["隐藏乙", "男", "1992.01", "副科级", "县委办", "办公室秘书"],
              ["折叠丙", "男", "1992.01", "副科级", "县委办", "办公室秘书"], ["显示戊", "男", "1992.01", "副科级", "县政府办", "办公室秘书"]]
    body = (row(HEAD[:6]) + row(people[0]) + row(people[1], ' ss:Hidden="1"')
            + row(people[2], ' ss:Hidden="1" ss:Span="1"') + row(people[3]))
    hidden_sheet = ('<Worksheet ss:Name="隐藏表"><Table>' + row(HEAD[:6]) + row(["隐表己", "女", "1993.01", "副科级", "县委办", "科员"])
                    + '</Table><WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel">'
                    "<Visible>SheetHidden</Visible></WorksheetOptions></Worksheet>")
    path.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet ss:Name="名册"><Table>'
                    '<Column ss:Index="6" ss:Hidden="1"/>' + body + "</Table></Worksheet>" + hidden_sheet + "</Workbook>",
                    encoding="utf-8")
    return path


def test_xml2003_hidden_rows_and_columns(run, tmp_path):
    src = xml2003_book(tmp_path / "名册.xls")
    out = tmp_path / "名单"
    result = run("notice", str(src), "--format", "html", "--output", str(out), "--json")
    assert result.code == 0, result
    text = published(out)
    assert "显示甲" in text and "显示戊" in text
    assert "隐藏乙" not in text and "折叠丙" not in text and "办公室秘书" not in text and "隐表己" not in text
    data = json.loads(run("audit", str(src), "--as-of", "2026-12-01", "--json", "--no-output").out)
    assert {p["name"] for p in data["persons"] if p["status"] == "inactive"} == {"隐藏乙", "折叠丙", "隐表己"}


def test_web_page_rows_styled_display_none_are_hidden(run, tmp_path):
    """A web system's "名册.xls" (an HTML table) hides withdrawn people with display:none."""
    def tr(values, extra=""):
        return f"<tr{extra}>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>"

    rows = (tr(HEAD[:5]) + tr(["显示甲", "男", "1992.01", "副科级", "县委办"])
            + tr(["隐藏乙", "男", "1992.01", "副科级", "县委办"], ' style="display: none"')
            + tr(["显示戊", "男", "1992.01", "副科级", "县政府办"]))
    src = tmp_path / "名册.xls"
    src.write_text(f"<html><body><table>{rows}</table></body></html>", encoding="utf-8")
    out = tmp_path / "名单"
    assert run("notice", str(src), "--format", "html", "--output", str(out)).code == 0
    text = published(out)
    assert "显示甲" in text and "显示戊" in text and "隐藏乙" not in text
    data = json.loads(run("audit", str(src), "--as-of", "2026-12-01", "--json", "--no-output").out)
    assert [p["name"] for p in data["persons"] if p["status"] == "inactive"] == ["隐藏乙"]
