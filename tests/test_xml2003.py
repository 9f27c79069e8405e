"""XML Spreadsheet 2003: positions with ss:Index gaps, merges, types, rich text, guards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cadre_cli.errors import InputError
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.raw import load_book

HEAD = ('<?xml version="1.0" encoding="{enc}"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:html="http://www.w3.org/TR/REC-html40">\n')

BOOK = HEAD + """ <Styles>
  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Bottom"/><NumberFormat/></Style>
  <Style ss:ID="s21"><NumberFormat ss:Format="0.00"/></Style>
  <Style ss:ID="s22" ss:Parent="s21"><Font ss:Bold="1"/></Style>
  <Style ss:ID="s23"><NumberFormat ss:Format="Fixed"/></Style>
  <Style ss:ID="s24"><NumberFormat ss:Format="@"/></Style>
 </Styles>
 <Worksheet ss:Name="名册">
  <Table ss:ExpandedColumnCount="99" ss:ExpandedRowCount="9999" x:FullRows="1">
   <Column ss:Index="2" ss:StyleID="s21"/>
   <Row><Cell ss:MergeAcross="5"><Data ss:Type="String">XX县科级后备干部名册</Data></Cell></Row>
   <Row ss:Index="3">
    <Cell ss:MergeDown="1"><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>姓</B><Font html:Color="#FF0000">名</Font></ss:Data></Cell>
    <Cell ss:MergeDown="1"><Data ss:Type="String">出生&#10;年月</Data><Comment ss:Author="x"><ss:Data>批注不是值</ss:Data></Comment></Cell>
    <Cell ss:MergeAcross="1"><Data ss:Type="String">年度考核</Data></Cell>
    <Cell ss:Index="6"><Data ss:Type="String">是否在职</Data></Cell>
   </Row>
   <Row>
    <Cell ss:Index="3"><Data ss:Type="String">2023年</Data></Cell>
    <Cell><Data ss:Type="String">2024年</Data></Cell>
   </Row>
   <Row ss:Span="1"/>
   <Row>
    <Cell><Data ss:Type="String">张三</Data></Cell>
    <Cell><Data ss:Type="Number">1985.1</Data></Cell>
    <Cell ss:Index="4" ss:Formula="=1/0"><Data ss:Type="Error">#DIV/0!</Data></Cell>
    <Cell ss:StyleID="s23"><Data ss:Type="Number">85.5</Data></Cell>
    <Cell><Data ss:Type="Boolean">1</Data></Cell>
   </Row>
   <Row ss:StyleID="s22">
    <Cell><Data ss:Type="String">李四</Data></Cell>
    <Cell><Data ss:Type="DateTime">1988-01-20T00:00:00.000</Data></Cell>
    <Cell><Data ss:Type="DateTime">2024-03-01T08:30:00.000</Data></Cell>
    <Cell><Data ss:Type="Number">1985.1</Data></Cell>
    <Cell ss:Formula="=TODAY()"><Data ss:Type="Number"></Data></Cell>
    <Cell ss:StyleID="s24"><Data ss:Type="String">00123</Data></Cell>
   </Row>
  </Table>
 </Worksheet>
 <Worksheet ss:Name="说明">
  <Table><Row ss:Index="2"><Cell ss:Index="2"><Data ss:Type="String">第二个工作表</Data></Cell></Row></Table>
 </Worksheet>
</Workbook>
"""


def _write(tmp_path: Path, text: str, name: str = "名册.xls", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("{enc}", encoding.upper()).encode(encoding))
    return path


def test_positions_merges_and_types(tmp_path):
    book = load_book(_write(tmp_path, BOOK))
    assert book.kind is Kind.XML2003
    sheet, second = book.sheets
    rows = sheet.rows
    assert rows[0][0] == "XX县科级后备干部名册" and rows[1] == []  # row 2 skipped by ss:Index="3"
    assert rows[2][:3] == ["姓名", "出生\n年月", "年度考核"]  # rich text read as its text; &#10; a line break
    assert rows[2][5] == "是否在职"  # ss:Index after a MergeAcross
    assert rows[3][2:4] == ["2023年", "2024年"]
    assert rows[4] == [] and rows[5] == []  # the ss:Span="1" row stands for two empty rows
    assert rows[6][:2] == ["张三", 1985.1] and rows[6][3:6] == ["", 85.5, True]  # Error cells read as blank
    assert rows[7][:4] == ["李四", dt.date(1988, 1, 20), dt.datetime(2024, 3, 1, 8, 30), 1985.1]
    assert rows[7][4:6] == ["", "00123"]  # a formula without a cached value is blank; text keeps its zeros
    assert sorted(sheet.merged) == [(0, 0, 0, 5), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3)]
    assert sheet.decimals(6, 1) == 2  # column style 0.00: 1985.10, October
    assert sheet.decimals(6, 3) is None
    assert sheet.decimals(6, 4) == 2  # named format "Fixed"
    assert sheet.decimals(7, 3) == 2  # row style inheriting 0.00 from its parent
    assert second.name == "说明" and second.rows[1] == ["", "第二个工作表"]


def test_same_grid_in_utf16_and_gb2312(tmp_path):
    plain = load_book(_write(tmp_path, BOOK)).sheets[0].rows
    for i, encoding in enumerate(("utf-16", "gb18030")):
        text = BOOK if encoding == "utf-16" else BOOK.replace("{enc}", "GB2312")
        path = _write(tmp_path, text, f"c{i}.xls", encoding)
        assert load_book(path).sheets[0].rows == plain, encoding


def test_entities_and_dtd_are_refused(tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE Workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
            '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row><Cell>'
            '<Data ss:Type="String" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">&b;</Data>'
            '</Cell></Row></Table></Worksheet></Workbook>')
    with pytest.raises(InputError, match="文档类型定义（DTD）或实体引用，为安全起见拒绝读取"):
        load_book(_write(tmp_path, bomb))


def test_malformed_and_empty_books(tmp_path):
    with pytest.raises(InputError, match=r"是 Excel 2003 XML 表格，但第\d+行的内容不完整或已损坏"):
        load_book(_write(tmp_path, BOOK[: len(BOOK) // 2]))
    with pytest.raises(InputError, match="里面没有任何工作表"):
        load_book(_write(tmp_path, HEAD + "<Styles/></Workbook>", "e.xls"))


def test_cells_beyond_excel_and_absurd_merges(tmp_path):
    far = HEAD + '<Worksheet ss:Name="S"><Table><Row ss:Index="2000000"><Cell><Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet></Workbook>'
    with pytest.raises(InputError, match="第2000000行、第1列，超出了 Excel 工作表的范围"):
        load_book(_write(tmp_path, far))
    huge = (HEAD + '<Worksheet ss:Name="S"><Table><Row><Cell ss:MergeAcross="16000" ss:MergeDown="1000000">'
            '<Data ss:Type="String">姓名</Data></Cell><Cell ss:Index="16002"/></Row>'
            '<Row><Cell><Data ss:Type="String">张三</Data></Cell></Row></Table></Worksheet></Workbook>')
    sheet = load_book(_write(tmp_path, huge, "h.xls")).sheets[0]
    assert sheet.merged == [(0, 0, 1 + 64, 16000)]  # cut to 64 rows past those the file has


def test_dimension_attributes_are_not_trusted(tmp_path):
    """ss:ExpandedRowCount (rendered by templates as `${list?size+10}`) never sizes the grid."""
    text = HEAD + ('<Worksheet ss:Name="S"><Table ss:ExpandedColumnCount="16384" ss:ExpandedRowCount="1048576">'
                   '<Row><Cell><Data ss:Type="String">姓名</Data></Cell></Row></Table></Worksheet></Workbook>')
    assert load_book(_write(tmp_path, text)).sheets[0].rows == [["姓名"]]


def test_a_sparse_sheet_cannot_blow_up_the_grid(tmp_path, monkeypatch):
    """Few cells, each far right on its own row: the rows as lists would be huge."""
    from cadre_cli.readers import grid

    monkeypatch.setattr(grid, "MAX_SLOTS", 100_000)
    rows = "".join('<Row><Cell ss:Index="16384"><Data ss:Type="String">x</Data></Cell></Row>' for _ in range(10))
    text = HEAD + f'<Worksheet ss:Name="S"><Table>{rows}</Table></Worksheet></Workbook>'
    with pytest.raises(InputError, match="工作表“S”中的内容分散在 163840 个单元格的范围里"):
        load_book(_write(tmp_path, text))
