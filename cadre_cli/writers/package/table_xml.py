"""A `PrintTable` (writers/print_table.py) written as the XML of a new worksheet part:
cells as inline strings and numbers with cell formats of `StylesPatch`, column widths,
row heights, merges, the header frozen, hyperlinks to the user's cells, an autofilter,
A4 fitted to the page width, the footer and the manual page breaks. Its print titles,
print area and filter range are defined names of the workbook (`defined_names`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from cadre_cli.writers.package.book_xml import DefinedName
from cadre_cli.writers.package.cells import cell_rest, letters, range_ref, ref
from cadre_cli.writers.package.styles import StylesPatch
from cadre_cli.writers.package.xmltext import attr

if TYPE_CHECKING:
    from cadre_cli.writers.print_table import PrintTable

HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">')
MARGINS = b'<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/>'
MAX_COLUMN_INDEX = 16383
_ROWS_PER_CHUNK = 500


def sheet_xml(table: PrintTable, styles: StylesPatch) -> Iterator[bytes]:
    """The worksheet part, a few hundred rows at a time."""
    last_col, last_row = table.last_col, table.last_row
    top = table.title_rows[1] + 1
    yield (HEAD + b'<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
           + b'<dimension ref="' + range_ref(1, 1, last_row, max(last_col, 1)) + b'"/>'
           + b'<sheetViews><sheetView workbookViewId="0"><pane ySplit="%d" topLeftCell="A%d" activePane="bottomLeft" '
             b'state="frozen"/><selection pane="bottomLeft" activeCell="A%d" sqref="A%d"/></sheetView></sheetViews>'
           % (top - 1, top, top, top)
           + b'<sheetFormatPr defaultRowHeight="15"/><cols>'
           + b"".join(b'<col min="%d" max="%d" width="%s" customWidth="1"/>' % (c, c, _number(w))
                      for c, w in enumerate(table.widths, start=1))
           + b"</cols><sheetData>")
    index: dict[object, int] = {}
    out: list[bytes] = []
    for r in range(1, last_row + 1):
        row = table.cells(r)
        height = table.heights.get(r)
        if not row and height is None:
            continue
        tag = b'<row r="%d"' % r + (b' ht="%s" customHeight="1"' % _number(height) if height is not None else b"")
        if not row:
            out.append(tag + b"/>")
        else:
            cells = []
            number = b"%d" % r
            for c, (value, style) in row:
                s = index.get(style)
                if s is None:
                    s = index[style] = styles.style(style)
                cells.append(b'<c r="' + letters(c) + number + b'"' + cell_rest(b"", s, value))
            out.append(tag + b">" + b"".join(cells) + b"</row>")
        if len(out) >= _ROWS_PER_CHUNK:
            yield b"".join(out)
            out.clear()
    out.append(b"</sheetData>")
    if table.autofilter:
        out.append(b'<autoFilter ref="' + _filter_range(table) + b'"/>')
    if table.merges:
        out.append(b'<mergeCells count="%d">' % len(table.merges)
                   + b"".join(b'<mergeCell ref="' + range_ref(*m) + b'"/>' for m in table.merges) + b"</mergeCells>")
    links = table.linked()
    if links:
        out.append(b"<hyperlinks>" + b"".join(
            b'<hyperlink ref="' + ref(r, c) + b'" location="' + attr(location) + b'" tooltip="'
            + attr("转到该单元格") + b'" display="' + attr(str(shown if shown is not None else "")) + b'"/>'
            for r, c, location, shown in links) + b"</hyperlinks>")
    out.append(b'<printOptions horizontalCentered="1"/>' + MARGINS
               + b'<pageSetup paperSize="9" orientation="%s" fitToWidth="1" fitToHeight="0"/>'
               % (b"landscape" if table.landscape else b"portrait")
               + b"<headerFooter><oddFooter>" + attr(table.footer) + b"</oddFooter></headerFooter>")
    if table.breaks:
        out.append(b'<rowBreaks count="%d" manualBreakCount="%d">' % (len(table.breaks), len(table.breaks))
                   + b"".join(b'<brk id="%d" max="%d" man="1"/>' % (b, MAX_COLUMN_INDEX) for b in table.breaks)
                   + b"</rowBreaks>")
    out.append(b"</worksheet>")
    yield b"".join(out)


def defined_names(table: PrintTable, sheet_index: int) -> list[DefinedName]:
    """Print titles and print area of the table at position `sheet_index` of the
    workbook, and the filter range Excel keeps for an autofilter."""
    quoted = "'" + table.name.replace("'", "''") + "'"
    last = letters(table.last_col).decode()
    top, bottom = table.title_rows
    names = [DefinedName("_xlnm.Print_Titles", f"{quoted}!${top}:${bottom}", sheet_index),
             DefinedName("_xlnm.Print_Area", f"{quoted}!$A$1:${last}${table.last_row}", sheet_index)]
    if table.autofilter:
        first, end = _filter_rows(table)
        names.append(DefinedName("_xlnm._FilterDatabase", f"{quoted}!$A${first}:${last}${end}", sheet_index, True))
    return names


def _filter_rows(table: PrintTable) -> tuple[int, int]:
    header = table.title_rows[1]
    return header, header + table.body_rows()


def _filter_range(table: PrintTable) -> bytes:
    first, end = _filter_rows(table)
    return range_ref(first, 1, end, table.last_col)


def _number(value: float) -> bytes:
    text = repr(float(value))
    return (text[:-2] if text.endswith(".0") else text).encode()
