"""Copies of an .xlsx in the other forms offices receive a roster in, for tests:
XML Spreadsheet 2003 (as Java systems render it from FreeMarker templates) and a web
page saved as .xls (as web systems and Excel's "save as web page" write it).

Each copy keeps what Excel would show when it opens it: the same cells at the same
addresses, merges as `ss:MergeAcross`/`ss:MergeDown` or `colspan`/`rowspan`. The XML
copy skips empty cells and rows with `ss:Index` (the gaps real exports have), writes
header cells as rich text (`<B>`, `<Font>` inside `Data`) and line breaks as `&#10;`.
The web copy marks ID numbers and other digit strings as text with
`mso-number-format:"\\@"` (in a CSS class, inline, or as `vnd.ms-excel.numberformat:@`),
writes line breaks as `<br>`, blanks as `&nbsp;`, numbers with the decimals their
format shows, and can be encoded in GB18030 with a `<meta charset=GB2312>`.
"""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import load_workbook

SS = "urn:schemas-microsoft-com:office:spreadsheet"


def _merges(ws) -> tuple[dict[tuple[int, int], tuple[int, int]], set[tuple[int, int]]]:
    """anchor (row, col) -> (rows down, cols across); and the covered cells."""
    anchors, covered = {}, set()
    for rng in ws.merged_cells.ranges:
        anchors[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row, rng.max_col - rng.min_col)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    return anchors, covered


def _decimals(fmt: str) -> int:
    return len(fmt.split(".", 1)[1]) if "." in fmt else 0


# --- XML Spreadsheet 2003 -------------------------------------------------------

def xml2003_copy(source: Path, target: Path, *, rich_headers: bool = True, encoding: str = "utf-8",
                 header_rows: int = 4) -> Path:
    wb = load_workbook(source)
    styles: dict[str, str] = {}
    sheets = []
    for ws in wb.worksheets:
        anchors, covered = _merges(ws)
        rows_xml = []
        last_row = 0
        max_row, max_col = ws.max_row, ws.max_column  # each a walk over all cells
        for r in range(1, max_row + 1):
            cells_xml = []
            next_col = 1
            for c in range(1, max_col + 1):
                cell = ws.cell(r, c)
                if (r, c) in covered or (cell.value is None and (r, c) not in anchors):
                    continue
                attrs = "" if c == next_col else f' ss:Index="{c}"'
                down, across = anchors.get((r, c), (0, 0))
                if across:
                    attrs += f' ss:MergeAcross="{across}"'
                if down:
                    attrs += f' ss:MergeDown="{down}"'
                data, style = _xml_data(cell.value, cell.number_format, rich_headers and r <= header_rows)
                if style:
                    styles.setdefault(style, f"s{len(styles) + 62}")
                    attrs += f' ss:StyleID="{styles[style]}"'
                cells_xml.append(f"<Cell{attrs}>{data}</Cell>")
                next_col = c + across + 1
            if not cells_xml:
                continue
            index = "" if r == last_row + 1 else f' ss:Index="{r}"'
            rows_xml.append(f"   <Row{index} ss:AutoFitHeight=\"0\">\n    " + "\n    ".join(cells_xml) + "\n   </Row>")
            last_row = r
        sheets.append(f' <Worksheet ss:Name="{escape(ws.title)}">\n  <Table x:FullColumns="1" x:FullRows="1">\n'
                      + "\n".join(rows_xml) + "\n  </Table>\n </Worksheet>")
    style_xml = "".join(f'  <Style ss:ID="{sid}"><NumberFormat ss:Format="{escape(fmt)}"/></Style>\n'
                        for fmt, sid in styles.items())
    text = (f'<?xml version="1.0" encoding="{encoding.upper()}"?>\n<?mso-application progid="Excel.Sheet"?>\n'
            f'<Workbook xmlns="{SS}" xmlns:o="urn:schemas-microsoft-com:office:office"\n'
            f' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="{SS}"\n'
            ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
            f' <Styles>\n  <Style ss:ID="Default" ss:Name="Normal"><Alignment ss:Vertical="Center"/></Style>\n{style_xml} </Styles>\n'
            + "\n".join(sheets) + "\n</Workbook>\n")
    target.write_bytes(text.encode(encoding))
    return target


def _xml_text(text: str) -> str:
    return escape(text).replace("\n", "&#10;")


def _xml_data(value, fmt: str, rich: bool) -> tuple[str, str | None]:
    if value is None:
        return "", None
    if isinstance(value, bool):
        return f'<Data ss:Type="Boolean">{int(value)}</Data>', None
    if isinstance(value, (int, float)):
        style = fmt if fmt and fmt != "General" else None
        return f'<Data ss:Type="Number">{value!r}</Data>', style
    if isinstance(value, (dt.datetime, dt.date)):
        moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        return f'<Data ss:Type="DateTime">{moment:%Y-%m-%dT%H:%M:%S}.000</Data>', "yyyy\\-mm\\-dd"
    text = str(value)
    if rich and len(text) > 1:
        return (f'<ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>{_xml_text(text[0])}</B>'
                f'<Font html:Color="#000000">{_xml_text(text[1:])}</Font></ss:Data>'), None
    return f'<Data ss:Type="String">{_xml_text(text)}</Data>', None


# --- web page ---------------------------------------------------------------------

def html_copy(source: Path, target: Path, *, encoding: str = "utf-8", meta_charset: str | None = None,
              text_mark: str = "class", header_rows: int = 4, title_outside: bool = False) -> Path:
    """`text_mark`: how digit strings are marked as text: "class" (CSS class, as Excel
    writes it), "inline" (`style="mso-number-format:'\\@'"`), "vnd"
    (`vnd.ms-excel.numberformat:@`, as Java exports write it). With `title_outside`,
    the first row (the title) is written as an `<h2>` above the table."""
    wb = load_workbook(source)
    names = "".join(f"<x:ExcelWorksheet><x:Name>{html.escape(ws.title)}</x:Name></x:ExcelWorksheet>"
                    for ws in wb.worksheets)
    tables = []
    for ws in wb.worksheets:
        anchors, covered = _merges(ws)
        rows_html = []
        first = 1
        if title_outside:
            tables.append(f"<h2>{html.escape(str(ws.cell(1, 1).value or ''))}</h2>")
            first = 2
        max_row, max_col = ws.max_row, ws.max_column
        for r in range(first, max_row + 1):
            cells = []
            for c in range(1, max_col + 1):
                if (r, c) in covered:
                    continue
                cell = ws.cell(r, c)
                tag = "th" if r <= header_rows else "td"
                attrs = ""
                down, across = anchors.get((r, c), (0, 0))
                if across:
                    attrs += f" colspan={across + 1}"
                if down:
                    attrs += f' rowspan="{down + 1}"'
                content, mark = _html_content(cell.value, cell.number_format)
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    attrs += f' x:num="{cell.value!r}"'  # as Excel writes numbers: the value beside the shown text
                if mark:
                    attrs += {"class": " class=xl66", "inline": " style=\"mso-number-format:'\\@'\"",
                              "vnd": ' style="vnd.ms-excel.numberformat:@"'}[text_mark]
                cells.append(f"<{tag}{attrs}>{content}</{tag}>")
            rows_html.append(" <tr>\n  " + "\n  ".join(cells) + "\n </tr>")
        tables.append("<table border=1 cellspacing=0>\n" + "\n".join(rows_html) + "\n</table>")
    charset = meta_charset or encoding
    page = (f'<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"\n'
            f'xmlns="http://www.w3.org/TR/REC-html40">\n<head>\n<meta http-equiv=Content-Type content="text/html; charset={charset}">\n'
            '<meta name=ProgId content=Excel.Sheet>\n'
            '<style>\n.xl66 {mso-style-parent:style0; mso-number-format:"\\@";}\ntd {border:.5pt solid windowtext;}\n</style>\n'
            f"<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets>{names}</x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]-->\n"
            "</head>\n<body>\n" + "\n<br>\n".join(tables) + "\n</body>\n</html>\n")
    target.write_bytes(page.encode(encoding))
    return target


def _html_content(value, fmt: str) -> tuple[str, bool]:
    """The cell's HTML and whether it must be marked as text."""
    if value is None or value == "":
        return "&nbsp;", False
    if isinstance(value, bool):
        return ("TRUE" if value else "FALSE"), False
    if isinstance(value, (int, float)):
        if fmt and "." in fmt and fmt != "General":
            return f"{value:.{_decimals(fmt)}f}", False
        if abs(value) >= 1e11:
            return f"{value:.5E}".replace("E+", "E+"), False  # Excel shows 5.32527E+17
        return (str(int(value)) if float(value).is_integer() else repr(value)), False
    if isinstance(value, (dt.datetime, dt.date)):
        return f"{value:%Y-%m-%d}", False
    text = str(value)
    digits = text.replace(".", "").replace("-", "").replace("X", "").replace("x", "")
    mark = digits.isdigit() and (len(text) > 15 or text.startswith("0") or text != text.strip() or "." in text)
    return "<br>".join(html.escape(part) for part in text.split("\n")), mark
