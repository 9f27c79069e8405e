"""Print tables written straight into the package as sheet XML: what openpyxl (and so
Excel) reads back from them, their page breaks against the openpyxl pagination, and
the order of the sheets we add when some are made with openpyxl (charts)."""

from __future__ import annotations

from decimal import Decimal

import openpyxl
import pytest

from cadre_cli.writers.pages import paginate
from cadre_cli.writers.print_table import build
from cadre_cli.writers.workbook import new_book, print_sheet, save

HEADERS = ["序号", "级别", "姓名", "位置", "问题", "得分"]
WIDTHS = [6, 7, 9, 14, 48, 8]


def _rows(n: int) -> list[list[object]]:
    return [[i, "错误", "张三", f"名册!B{i + 3}", "出生年月与身份证号不一致" * (1 + i % 3), Decimal("85.50") + i]
            for i in range(1, n + 1)]


@pytest.fixture()
def written(tmp_path):
    book = new_book()
    rows = _rows(60) + [[61, "提示", "=SUM(A1)", None, "名字\x07里有控制字符", 1.5]]
    print_sheet(book, "问题清单", "后备干部名册审核问题清单", HEADERS, rows, WIDTHS, ["注：一条说明。", "第二条说明。"],
                landscape=True, fills=["FFC7CE"] + [None] * 60, formats=[None] * 5 + ["0.00"],
                links=["'名册'!B4"] + [None] * 60, link_column=4, autofilter=True)
    path = tmp_path / "out.xlsx"
    save(book, path)
    return path, book.tables[0]


def test_openpyxl_reads_the_table_as_laid_out(written):
    path, table = written
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["问题清单"]
    ws = wb["问题清单"]
    assert ws["A1"].value == "后备干部名册审核问题清单" and ws["A1"].font.name == "方正小标宋简体" and ws["A1"].font.sz == 16
    assert "A1:F1" in {str(m) for m in ws.merged_cells.ranges}
    assert [c.value for c in ws[2]] == HEADERS and ws["A2"].font.b and ws["A2"].fill.fgColor.rgb == "FFD9E1F2"
    assert ws["A3"].value == 1 and ws["A3"].fill.fgColor.rgb == "FFFFC7CE" and ws["A4"].fill.fill_type is None
    assert ws["F3"].value == 86.5 and ws["F3"].number_format == "0.00" and ws["A3"].number_format == "General"
    assert ws["D3"].hyperlink.location == "'名册'!B4" and ws["D3"].font.u == "single" and ws["D4"].hyperlink is None
    assert ws["A3"].border.left.style == "thin" and ws["A1"].border.left.style is None
    assert ws.print_title_rows == "$2:$2" and ws.print_area == "'问题清单'!$A$1:$F$66"
    assert ws.auto_filter.ref == "A2:F63" and ws.freeze_panes == "A3"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1 and ws.page_setup.paperSize == 9
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.oddFooter.center.text == "第 &P 页，共 &N 页"
    assert [b.id for b in ws.row_breaks.brk] == table.breaks and table.breaks
    assert ws.row_dimensions[1].height == 30 and ws.row_dimensions[4].height == table.heights[4]
    assert ws["A65"].value == "注：一条说明。" and "A65:F65" in {str(m) for m in ws.merged_cells.ranges}


def test_text_stays_text_within_what_xml_can_hold(written):
    path, _ = written
    ws = openpyxl.load_workbook(path)["问题清单"]
    assert ws["C63"].value == "=SUM(A1)" and ws["C63"].data_type == "s"  # a formula-looking name is not a formula
    assert ws["E63"].value == "名字里有控制字符"


def test_page_breaks_are_those_openpyxl_pagination_puts():
    """The pure layout and the openpyxl one (charts sheets, poll results) agree."""
    table = build("表", "标题", HEADERS, _rows(200), WIDTHS, ["注"], landscape=False)
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = w
    for r, h in table.heights.items():
        ws.row_dimensions[r].height = h
    ws.cell(table.last_row, 1, "注")
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    notes_first = len(table.rows) + 4
    assert paginate(ws, [(len(table.rows) + 1, notes_first)], len(WIDTHS), title_rows=(2, 2)) == table.breaks


def test_sheets_keep_the_order_they_were_made_in(tmp_path):
    book = new_book()
    print_sheet(book, "甲", "甲", ["a"], [[1]])
    book.wb.create_sheet("图")  # a sheet openpyxl makes (a chart's)
    print_sheet(book, "乙", "乙", ["b"], [[2]])
    print_sheet(book, "甲", "又一个甲", ["c"], [[3]])  # a taken name gets a number
    save(book, tmp_path / "order.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "order.xlsx")
    assert wb.sheetnames == ["甲", "图", "乙", "甲2"]
    assert wb["乙"].print_title_rows == "$2:$2" and wb["甲2"]["A3"].value == 3


def test_a_value_a_cell_cannot_hold_is_refused_before_writing():
    import datetime as dt

    with pytest.raises(TypeError):
        build("表", "标题", ["日期"], [[dt.date(2026, 1, 1)]])
