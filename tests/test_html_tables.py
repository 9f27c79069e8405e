"""Web pages saved as .xls: tables, spans, text marks, charsets, pages without data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadre_cli.errors import InputError
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.raw import load_book
from tests.builders import make_id

ID = make_id(dt.date(1985, 6, 12), "男")

# The layout of Excel's "save as web page" and of the JavaScript `tableToExcel`
# exports many web systems use: Office namespaces, a ProgId meta, the sheet name in
# an <x:Name> inside a conditional comment, text formats in CSS classes.
PAGE = """<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
<head><meta http-equiv=Content-Type content="text/html; charset={charset}"><meta name=ProgId content=Excel.Sheet>
<style>
td {{mso-number-format:General;}}
.xl66, td.xl67 {{mso-number-format:"\\@"; border:.5pt solid windowtext;}}
.xl68 {{mso-number-format:"0\\.00";}}
.xl69 {{mso-number-format:"yyyy\\-mm\\-dd";}}
</style>
<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>后备干部</x:Name>
</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->
<script>var x = "<table><tr><td>不是表格</td></tr></table>";</script>
</head><body>
<h2>XX县科级后备干部名册</h2>
<p>填报单位：XX县委组织部（盖章）&nbsp;&nbsp; 填报日期：2025年12月20日</p>
<table border=1>
 <tr><th rowspan=2>序号</th><th rowspan="2">姓&nbsp;&nbsp;名</th><th rowspan=2>出生<br>年月</th>
     <th rowspan=2>身份证号码</th><th colspan=2>年度考核</th><th rowspan=2>编号</th></tr>
 <tr><th>2023年</th><th>2024年</th></tr>
 <tr><td>1</td><td>{name}</td><td class=xl68 x:num="1985.1">1985.10</td><td class=xl66>{id}</td>
     <td>称职</td><td>优秀</td><td style="mso-number-format:'\\@'">007</td></tr>
 <tr><td>2<td>李四<td>1988.1<td style="vnd.ms-excel.numberformat:@">532527198801200045<td>&nbsp;<td>称职<td x:str>12</tr>
 <tr><td>3</td><td>王五</td><td class=xl69 x:num="32874">1990-01-01</td><td>53252719900101007X</td>
     <td colspan=2>  未确定&#x20;等次 </td><td>85.50</td></tr>
</table>
<p>填表人：王五</p>
</body></html>
"""


def _page(tmp_path: Path, name: str = "名册.xls", encoding: str = "utf-8", charset: str = "utf-8",
          person: str = "张三", text: str | None = None) -> Path:
    path = tmp_path / name
    path.write_bytes((text or PAGE.format(charset=charset, name=person, id=ID)).encode(encoding))
    return path


def test_table_spans_text_marks_and_loose_lines(tmp_path):
    book = load_book(_page(tmp_path))
    assert book.kind is Kind.HTML
    (sheet,) = book.sheets  # the <table> inside the script is no table
    assert sheet.name == "后备干部"
    rows = sheet.rows
    assert rows[0] == ["XX县科级后备干部名册"] and rows[1][0].startswith("填报单位：XX县委组织部（盖章）")
    assert rows[2] == ["序号", "姓  名", "出生\n年月", "身份证号码", "年度考核", "", "编号"]
    assert rows[3] == ["", "", "", "", "2023年", "2024年"]  # placed past the rowspans
    assert rows[4] == [1.0, "张三", 1985.1, ID, "称职", "优秀", "007"]
    assert sheet.decimals(4, 2) == 2  # 0.00 from the class: 1985.10 is October
    assert rows[5] == [2.0, "李四", 1988.1, "532527198801200045", "", "称职", "12"]  # &nbsp; blank; x:str text
    assert rows[6] == [3.0, "王五", dt.date(1990, 1, 1), "53252719900101007X", "未确定 等次", "", "85.50"]
    assert rows[7] == ["填表人：王五"]
    assert sorted(sheet.merged) == [(2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 3, 2), (2, 3, 3, 3), (2, 4, 2, 5),
                                    (2, 6, 3, 6), (6, 4, 6, 5)]


def test_an_id_number_stays_exact_even_unmarked(tmp_path):
    """An 18-digit number as text is kept as written (a float would lose the last digits)."""
    page = PAGE.format(charset="utf-8", name="张三", id=ID).replace("class=xl66", "")
    assert load_book(_page(tmp_path, text=page)).sheets[0].rows[4][3] == ID


@pytest.mark.parametrize("charset", ["GB2312", "GBK", "gb18030"])
def test_gb18030_page_with_a_chinese_charset(tmp_path, charset):
    """A GB2312 page holding a name outside GB2312 (as real pages do) reads as GB18030."""
    book = load_book(_page(tmp_path, encoding="gb18030", charset=charset, person="李䶮"))
    assert book.sheets[0].rows[4][1] == "李䶮"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "gb18030"])
def test_charset_without_meta(tmp_path, encoding):
    """No charset given: a mark, UTF-16, UTF-8, else GB18030."""
    text = PAGE.format(charset="x", name="张三", id=ID).replace("; charset=x", "")
    book = load_book(_page(tmp_path, encoding=encoding, text=text))
    assert book.kind is Kind.HTML and book.sheets[0].rows[4][1] == "张三"


def test_utf8_page_with_a_wrong_gbk_meta(tmp_path):
    book = load_book(_page(tmp_path, encoding="utf-8", charset="gbk"))
    assert book.sheets[0].rows[4][1] == "张三"


def test_every_data_table_is_a_sheet_and_layout_tables_are_not(tmp_path):
    page = """<!DOCTYPE html><html><head><title>名单</title></head><body>
    <table width=100%><tr><td><h3>县委办</h3>
      <table><tr><td>姓名</td><td>性别</td></tr><tr><td>张三</td><td>男</td></tr></table>
    </td></tr></table>
    <h3>县财政局</h3>
    <table><caption>财政局后备干部</caption><tr><th>姓名<th>性别<tr><td>李四<td>女</table>
    <table><tr><td>合计</td></tr></table>
    </body></html>"""
    sheets = load_book(_page(tmp_path, text=page)).sheets
    assert [s.name for s in sheets] == ["县委办", "财政局后备干部"]
    assert sheets[0].rows == [["县委办"], ["姓名", "性别"], ["张三", "男"]]
    assert sheets[1].rows == [["县财政局"], ["财政局后备干部"], ["姓名", "性别"], ["李四", "女"]]


def test_a_lone_unnamed_table_is_named_after_the_file_as_excel_does(tmp_path):
    """LibreOffice's "save as HTML" names no sheet; Excel opens such a page as a sheet
    named after the file, so findings point at 名册网页!E6, not at a made-up 表1."""
    page = "<html><body><table><tr><td>姓名</td><td>性别</td></tr><tr><td>张三</td><td>男</td></tr></table></body></html>"
    assert [s.name for s in load_book(_page(tmp_path, name="名册网页.xls", text=page)).sheets] == ["名册网页"]
    two = page.replace("</body>", "<table><tr><td>姓名</td></tr><tr><td>李四</td></tr></table></body>")
    assert [s.name for s in load_book(_page(tmp_path, name="两表.xls", text=two)).sheets] == ["表1", "表2"]


@pytest.mark.parametrize("body, found", [
    ("<p>系统维护中，请稍后再试。</p>", "没有任何表格（<table>）"),
    ("<table><tr><td>姓名</td></tr></table><table></table>", "有2个表格，但都没有数据"),
])
def test_a_page_without_a_data_table_is_a_clear_error(tmp_path, body, found):
    page = f"<html><head><title>人事系统</title></head><body>{body}</body></html>"
    with pytest.raises(InputError, match=f"“名册.xls”是网页（网页标题“人事系统”），其中{found}"):
        load_book(_page(tmp_path, text=page))


def test_absurd_spans_are_bounded(tmp_path):
    page = ("<table><tr><td rowspan=999999999 colspan=999999>姓名</td><td>性别</td></tr>"
            "<tr><td>男</td></tr></table>")
    sheet = load_book(_page(tmp_path, text=page)).sheets[0]
    assert sheet.merged == [(0, 0, 1, 999)]  # colspan at the HTML limit, rowspan cut to the table
    assert sheet.rows[0][1000] == "性别" and sheet.rows[1][1000] == "男"


def test_too_many_tables_are_refused(tmp_path, monkeypatch):
    from cadre_cli.readers import grid

    monkeypatch.setattr(grid, "MAX_SHEETS", 3)
    page = "<table><tr><td>姓名</td><td>张三</td></tr></table>" * 4
    with pytest.raises(InputError, match="超过 3 个工作表（或网页中的数据表格）"):
        load_book(_page(tmp_path, text=page))
