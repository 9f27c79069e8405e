"""XML Spreadsheet 2003 (`<?mso-application progid="Excel.Sheet"?>`), the "Excel" file
that Java systems render from FreeMarker templates and name `*.xls`.

`Workbook/Worksheet/Table/Row/Cell/Data`, every worksheet. Positions follow the
format's rules, so cell addresses are the ones Excel shows: a `Row` or `Cell` may jump
ahead with `ss:Index`; a cell after one with `ss:MergeAcross="n"` sits n+1 columns on
(the cells a `ss:MergeDown` covers in the rows below are skipped with `ss:Index`);
`ss:Span` on a row stands for that many more (empty) rows. `ss:MergeAcross` and
`ss:MergeDown` become merged ranges, as an .xlsx's merges do. Values by `ss:Type`:
String (rich text inside `Data` read as its text; `&#10;` is a line break), Number
(float, as calamine gives .xlsx numbers), DateTime (a date when the time is midnight),
Boolean, Error (blank, as calamine gives error cells). Number formats give decimals
(`0.00`, `Fixed`) for a `1985.10` read as October.

Guarded as .xlsx parts are: defusedxml refuses a document type declaration (the only
place entities, internal or external, can be declared); then lxml reads the rest with
entities, DTDs and the network off, handing over only the elements read here, one row
at a time (defusedxml's pure-Python handlers took 14 s on a 50,000-row roster). At
most `MAX_TEXT_BYTES`, rows and columns within Excel's sheet, `MAX_CELLS` cells.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from cadre_cli.errors import InputError
from cadre_cli.readers.charset import bom, codec_name, utf16_without_bom
from cadre_cli.readers.grid import Grid, check_sheets, read_text_file
from cadre_cli.readers.numfmt import format_decimals

WHAT = "Excel 2003 XML"
_NAMED_DECIMALS = {"fixed": 2, "standard": 2, "percent": 2, "scientific": 2, "currency": 2, "euro currency": 2}
_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([\w.:-]+)[\"'][^>]*\?>")
_EXPAT_NATIVE = {"utf-8", "utf_8", "utf-16", "utf_16", "us-ascii", "ascii", "iso-8859-1", "latin-1", "iso8859-1"}


def load_xml2003(path: Path, name: str | None = None) -> list:
    """Every worksheet as a RawSheet."""
    from xml.etree.ElementTree import ParseError

    from lxml import etree

    name = name or path.name
    data = _expat_ready(read_text_file(path, " Excel 2003 XML 表格"), name)
    reader = _Reader(name)
    try:
        _refuse_dtd(data, name)
        events = etree.iterparse(io.BytesIO(data), events=("start", "end"), tag=_WANTED, resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False, remove_comments=True, remove_pis=True)
        for event, elem in events:
            reader.handle(event, elem)
    except (ParseError, etree.XMLSyntaxError) as exc:
        line = getattr(exc, "position", None) or (getattr(exc, "lineno", 0), 0)
        line = line[0]
        raise InputError(f"“{name}”是 {WHAT} 表格，但第{line}行的内容不完整或已损坏（不是规范的 XML），无法读取。") from None
    if not reader.sheets:
        raise InputError(f"“{name}”是 {WHAT} 表格，但里面没有任何工作表（Worksheet）。")
    return reader.sheets


def _refuse_dtd(data: bytes, name: str) -> None:
    """defusedxml over the prolog: a DOCTYPE can only come before the root element, and
    without one no entity exists (a reference to one is then a parse error)."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import iterparse

    try:
        for _ in iterparse(io.BytesIO(data), events=("start",), forbid_dtd=True):
            return
    except DefusedXmlException:
        raise InputError(f"“{name}”含有文档类型定义（DTD）或实体引用，为安全起见拒绝读取。") from None


def _expat_ready(data: bytes, name: str) -> bytes:
    """Bytes expat can decode itself (UTF-8 or UTF-16 with a mark); GB2312/GBK/GB18030
    files and UTF-16 without a mark are turned into UTF-8 first."""
    found = bom(data)
    if found:
        return data
    utf16 = utf16_without_bom(data)
    if utf16:
        text = data.decode(utf16, errors="replace")
        return _redeclare(text.encode("utf-8"))
    declared = _DECLARATION.match(data[:400])
    if not declared or declared.group(1).decode("ascii").lower() in _EXPAT_NATIVE:
        return data
    codec = codec_name(declared.group(1).decode("ascii"))
    if codec is None:
        raise InputError(f"“{name}”声明的文字编码“{declared.group(1).decode('ascii')}”无法识别，无法读取。")
    return _redeclare(data.decode(codec, errors="replace").encode("utf-8"))


def _redeclare(data: bytes) -> bytes:
    """Drop the XML declaration (its encoding no longer holds: the bytes are UTF-8)."""
    return re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data, count=1)


SS = "{urn:schemas-microsoft-com:office:spreadsheet}"


def _tags(local: str) -> frozenset[str]:
    """An element in the spreadsheet namespace, or with none (hand-written templates)."""
    return frozenset((SS + local, local))


WORKSHEET, TABLE, STYLE, COLUMN, ROW, CELL, DATA, NUMBER_FORMAT = map(
    _tags, ("Worksheet", "Table", "Style", "Column", "Row", "Cell", "Data", "NumberFormat"))
# <x:WorksheetOptions><x:Visible>SheetHidden</x:Visible>: a hidden (or very hidden) sheet
VISIBLE = frozenset(("{urn:schemas-microsoft-com:office:excel}Visible",))
SHEET_STATES = {"SheetHidden": "hidden", "SheetVeryHidden": "veryHidden"}
_WANTED = tuple(WORKSHEET | TABLE | STYLE | COLUMN | ROW | VISIBLE)  # the only elements iterparse reports


def _attr(elem, key: str) -> str | None:
    """An `ss:` attribute, also accepted without its namespace."""
    value = elem.get(SS + key)
    return value if value is not None else elem.get(key)


def _int_attr(elem, key: str, default: int = 0) -> int:
    return _int(_attr(elem, key), default)


def _int(text: str | None, default: int) -> int:
    if text is None:
        return default
    try:
        return int(text)
    except ValueError:
        try:
            return int(float(text))
        except ValueError:
            return default


_INDEX, _ACROSS, _DOWN, _STYLE, _TYPE = (SS + k for k in ("Index", "MergeAcross", "MergeDown", "StyleID", "Type"))


class _Reader:
    """Handles iterparse events, keeping only the current row in memory."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.sheets: list = []
        self.styles: dict[str, tuple[str | None, str | None]] = {}  # id -> (format, parent)
        self._decimals: dict[str | None, int | None] = {}
        self.grid: Grid | None = None
        self.table = None
        self.row = -1
        self.table_style: str | None = None
        self.column_styles: dict[int, str] = {}
        self.next_column = 0
        self.hidden_rows: set[int] = set()  # 1-based
        self.state = "visible"
        self.hidden_cols: list[tuple[int, int]] = []

    def handle(self, event: str, elem) -> None:
        tag = elem.tag
        if event == "start":
            if tag in WORKSHEET:
                sheet = _attr(elem, "Name") or f"Sheet{len(self.sheets) + 1}"
                self.grid, self.row, self.column_styles, self.next_column = Grid(self.name, sheet), -1, {}, 0
                self.hidden_rows, self.hidden_cols = set(), []  # ss:Hidden="1": private in a notice
                self.state = "visible"
            elif tag in TABLE:
                self.table, self.table_style = elem, _attr(elem, "StyleID")
            return
        if tag in ROW:
            if self.grid is not None:
                self._row(elem)
                elem.clear()
                if self.table is not None:
                    self.table.remove(elem)
        elif tag in STYLE:
            fmt = next((_attr(c, "Format") for c in elem if c.tag in NUMBER_FORMAT), None)
            self.styles[_attr(elem, "ID") or ""] = (fmt, _attr(elem, "Parent"))
        elif tag in COLUMN and self.grid is not None:
            index = _int_attr(elem, "Index", self.next_column + 1) - 1
            span = max(_int_attr(elem, "Span"), 0)
            style = _attr(elem, "StyleID")
            for c in range(index, min(index + span + 1, index + 16_384)):
                if style:
                    self.column_styles[c] = style
            if _attr(elem, "Hidden") in ("1", "true"):
                self.hidden_cols.append((index + 1, min(index + span + 1, 16_384)))
            self.next_column = index + span + 1
        elif tag in VISIBLE and self.grid is not None:
            self.state = SHEET_STATES.get((elem.text or "").strip(), "visible")
        elif tag in WORKSHEET and self.grid is not None:
            raw = self.grid.raw_sheet()
            raw.hidden_rows, raw.hidden_cols = frozenset(self.hidden_rows), tuple(self.hidden_cols)
            raw.state = self.state
            self.sheets.append(raw)
            check_sheets(self.name, len(self.sheets))
            self.grid, self.table = None, None
            elem.clear()

    def _row(self, row) -> None:
        """One <Row>: the hot path (a million cells in a 50,000-row roster), so attribute
        names are looked up directly and cells are put without a detour."""
        grid, put = self.grid, self.grid.put
        self.row = _int_attr(row, "Index", self.row + 2) - 1
        r = self.row
        row_style = _attr(row, "StyleID")
        col = -1
        for cell in row.iterchildren(*CELL):
            get = cell.get
            index = get(_INDEX) or get("Index")
            col = col + 1 if index is None else _int(index, col + 2) - 1
            across, down = get(_ACROSS) or get("MergeAcross"), get(_DOWN) or get("MergeDown")
            value = ""
            if len(cell):
                data = cell[0]
                if data.tag in DATA or (data := next(cell.iterchildren(*DATA), None)) is not None:
                    value = _value(data)
            if value.__class__ is float:
                style = get(_STYLE) or get("StyleID") or row_style or self.column_styles.get(col) or self.table_style
                put(r, col, value, self.decimals(style))
            else:
                put(r, col, value)
            if across is not None or down is not None:
                across, down = max(_int(across, 0), 0), max(_int(down, 0), 0)
                grid.merge(r, col, r + down, col + across)
                col += across
        span = max(_int_attr(row, "Span"), 0)
        if _attr(row, "Hidden") in ("1", "true"):
            self.hidden_rows.update(range(r + 1, r + 2 + min(span, 100_000)))
        self.row += span

    def decimals(self, style: str | None) -> int | None:
        if style not in self._decimals:
            fmt, seen, current = None, set(), style or "Default"
            while current and current not in seen and fmt is None:
                seen.add(current)
                fmt, current = self.styles.get(current, (None, None))
            self._decimals[style] = _format_decimals(fmt)
        return self._decimals[style]


def _format_decimals(fmt: str | None) -> int | None:
    if not fmt:
        return None
    named = _NAMED_DECIMALS.get(fmt.strip().lower())
    return named if named is not None else format_decimals(fmt)


def _value(data) -> object:
    kind = data.get(_TYPE) or data.get("Type") or "String"
    text = (data.text or "") if len(data) == 0 else "".join(data.itertext())  # rich text: its text
    if kind == "String":
        return text
    kind = kind.strip()
    stripped = text.strip()
    if not stripped or kind == "Error":
        return ""
    if kind == "Number":
        try:
            return float(stripped)
        except ValueError:
            return text  # `1,234` from a template: the text as written
    if kind == "DateTime":
        try:
            moment = dt.datetime.fromisoformat(stripped.rstrip("Z"))
        except ValueError:
            return text
        return moment.date() if moment.time() == dt.time(0) else moment
    if kind == "Boolean":
        return stripped.lower() in ("1", "true")
    return text
