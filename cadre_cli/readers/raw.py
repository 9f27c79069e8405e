"""Raw grids: every sheet of a workbook as rows of cell values, from cell A1.

.xlsx/.xlsm/.xls/.ods go through python-calamine (fast, and it reports merged
ranges for .xlsx and .xls); .csv is decoded as UTF-8 (with or without BOM) or GB18030.
Row i of `rows` is Excel row i+1; column j is Excel column j+1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError, debug_detail
from cadre_cli.readers.cells import col_letter
from cadre_cli.readers.guard import Kind

Merged = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)
# The most cells a sheet's grid may span (calamine builds it densely, 32 bytes a cell):
# a 100,000-row roster of 80 columns. Excel's own limit is 16,384 columns.
MAX_AREA = 8_000_000
MAX_COLS = 16_384
# A merged range of more cells than this is taken by its range only, never cell by cell.
LARGE_MERGE = 100_000


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]
    merged: list[Merged] = field(default_factory=list)
    # decimals(row0, col0) -> number of decimals the cell's number format shows, or None
    decimals: Callable[[int, int], int | None] = lambda row, col: None
    state: str = "visible"  # visible | hidden | veryHidden
    hidden_rows: frozenset[int] = frozenset()  # 1-based Excel rows hidden, collapsed or filtered out
    hidden_cols: tuple[tuple[int, int], ...] = ()  # 1-based inclusive column ranges hidden
    # merges that reach far past the data, as written -> as read (None: outside the data, ignored)
    far_merges: dict[Merged, Merged | None] = field(default_factory=dict)
    released: int | None = None  # the number of rows, once the grid was let go (`release`)

    @property
    def hidden(self) -> bool:
        return self.state != "visible"

    @property
    def height(self) -> int:
        """Rows in the grid (also after `release`)."""
        return len(self.rows) if self.released is None else self.released

    def release(self) -> None:
        """Let the grid go once everything that reads it has (the people are built from
        records that keep their own values): a 50,000-row grid is tens of megabytes that
        an annotated copy patched from the file's own bytes never needs again."""
        if self.released is None:
            _ = self.width  # measured before the rows go
            self.released = len(self.rows)
            self.rows = []

    def row_hidden(self, row: int) -> bool:
        return row in self.hidden_rows

    def col_hidden(self, col: int) -> bool:
        return any(lo <= col <= hi for lo, hi in self.hidden_cols)

    @cached_property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class RawBook:
    path: Path
    kind: Kind  # what the bytes are (a locked file: what it holds)
    sheets: list[RawSheet]
    content: bytes | None = field(default=None, repr=False)  # the workbook decrypted or recoded in memory
    password: str | None = field(default=None, repr=False)  # the open password of a locked input
    notes: list[str] = field(default_factory=list)  # what was read, for the user (wrong extension, locked)
    source: Any = field(default=None, repr=False)  # readers.source.Source: the bytes read, the file's identity

    @property
    def has_macros(self) -> bool:
        return self.kind is Kind.XLSM

    @property
    def data(self) -> bytes:
        """The bytes every reader read and the writer copies (decrypted or recoded if need be)."""
        if self.content is not None:
            return self.content
        return self.source.data if self.source is not None else self.path.read_bytes()

    def open(self) -> io.BytesIO:
        """The workbook's bytes as a file, whatever its name (openpyxl judges by the name)."""
        return io.BytesIO(self.data)


def load_book(path: Any) -> RawBook:
    """`path` is a file name, or a readers.source.Source already opened."""
    from cadre_cli.readers.source import Source, open_source

    source = path if isinstance(path, Source) else open_source(path)
    path = source.path
    kind = source.kind
    if kind is Kind.CSV:
        sheets = [_load_csv(path, source.readable())]
    elif kind is Kind.XML2003:
        from cadre_cli.readers.xml2003 import load_xml2003

        sheets = load_xml2003(path)
    elif kind is Kind.HTML:
        from cadre_cli.readers.html_tables import load_html

        sheets = load_html(path)
    else:
        sheets = _load_calamine(path, kind, source.readable())
    return RawBook(path, kind, sheets, source.content, source.password, source.notes, source)


def _load_calamine(path: Path, kind: Kind, data: bytes) -> list[RawSheet]:
    """calamine is given the bytes read (it would pick its reader by the file name, and
    read the file a second time)."""
    import python_calamine as pc

    from cadre_cli.readers.numfmt import decimals_reader

    name = path.name
    scans = _scans(kind, data)
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:  # the guard sends every locked file through decryption first
        from cadre_cli.readers.locked import need_password_message

        raise InputError(need_password_message(name)) from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise InputError(f"“{name}”已损坏或格式不正确，无法读取{debug_detail(exc)}。") from None
    sheets: list[RawSheet] = []
    decimals = decimals_reader(data, kind)
    with wb:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            scan = scans.get(meta.name)
            if scan is not None and scan.area > MAX_AREA:
                raise InputError(_absurd(name, meta.name, scan.far_cell, scan.max_row, scan.max_col))
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                if sheet.total_height * sheet.total_width > MAX_AREA:
                    raise InputError(_absurd(name, meta.name, None, sheet.total_height, sheet.total_width))
                rows = sheet.to_python(skip_empty_area=False)
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except InputError:
                raise
            except Exception as exc:
                raise InputError(f"“{name}”的工作表“{meta.name}”无法读取{debug_detail(exc)}。") from None
            raw = RawSheet(meta.name, rows, [], decimals.for_sheet(meta.name), _state(meta, pc))
            raw.merged, raw.far_merges = _bound_merges(merged, len(rows), raw.width)
            if scan is not None:
                raw.hidden_rows, raw.hidden_cols = frozenset(scan.hidden_rows), tuple(scan.hidden_cols)
            sheets.append(raw)
    if not sheets:
        raise InputError(f"“{name}”里没有任何工作表。")
    return sheets


def _scans(kind: Kind, data: bytes) -> dict:
    """Sheet name -> SheetScan for .xlsx/.xlsm (extent and hidden rows and columns), and
    for .xls/.ods (hidden rows and columns only: calamine bounds those grids itself)."""
    if kind in (Kind.XLS, Kind.ODS):
        from cadre_cli.readers.hidden_other import scan_ods, scan_xls

        return scan_xls(data) if kind is Kind.XLS else scan_ods(data)
    if kind not in (Kind.XLSX, Kind.XLSM):
        return {}
    from cadre_cli.readers.sheetscan import open_zip, scan_sheet, sheet_parts

    with open_zip(data) as zf:
        members = {i.filename for i in zf.infolist()}
        return {sheet: scan_sheet(zf, member, MAX_AREA)
                for sheet, (member, _) in sheet_parts(zf).items() if member in members}


def _state(meta, pc) -> str:
    visible = getattr(meta, "visible", None)
    if visible == pc.SheetVisibleEnum.Hidden:
        return "hidden"
    if visible == pc.SheetVisibleEnum.VeryHidden:
        return "veryHidden"
    return "visible"


def _absurd(name: str, sheet: str, far: str | None, rows: int, cols: int) -> str:
    where = f"一直延伸到 {far}" if far else f"跨 {rows} 行 × {cols} 列"
    return (f"“{name}”的工作表“{sheet}”的内容{where}，远超名册、成绩表的正常范围（最多 {MAX_AREA // 10000} 万个单元格），"
            "已拒绝读取；请在 Excel/WPS 中删去表格以外误填的单元格后另存再试。")


def _bound_merges(merged: list[Merged], height: int, width: int) -> tuple[list[Merged], dict[Merged, Merged | None]]:
    """Merged ranges as the reader takes them. A merge can reach to XFD1048576 over empty
    cells: one of more than LARGE_MERGE cells is cut to the data (or dropped when it lies
    outside it) and returned apart, for the writer and the user's notes; the others are
    kept as written."""
    kept: list[Merged] = []
    far: dict[Merged, Merged | None] = {}
    for m in merged:
        r0, c0, r1, c1 = m
        if (r1 - r0 + 1) * (c1 - c0 + 1) <= LARGE_MERGE:
            kept.append(m)
            continue
        inside = None if r0 >= height or c0 >= width else (r0, c0, min(r1, height - 1), min(c1, width - 1))
        if inside is not None:
            kept.append(inside)
        if inside != m:
            far[m] = inside
    return kept, far


def merge_ref(m: Merged) -> str:
    return f"{col_letter(m[1] + 1)}{m[0] + 1}:{col_letter(m[3] + 1)}{m[2] + 1}"


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InputError(f"“{name}”的文字编码无法识别（既不是 UTF-8 也不是 GBK），请用 Excel/WPS 另存为 .xlsx 再试。") from None


def _load_csv(path: Path, data: bytes) -> RawSheet:
    text = decode_text(data, path.name)
    if "\x00" in text:
        raise InputError(f"“{path.name}”含有二进制内容，不是 CSV 文本表格。")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    csv.field_size_limit(MAX_AREA)
    rows: list[list[str]] = []
    cells = 0
    try:
        for r in csv.reader(io.StringIO(text), delimiter=delimiter):
            cells += max(len(r), 1)
            if len(r) > MAX_COLS or cells > MAX_AREA:
                raise InputError(f"“{path.name}”第{len(rows) + 1}行起内容过多（超过 {MAX_COLS} 列或 {MAX_AREA // 10000} 万个单元格），"
                                 "不像名册或成绩表，已拒绝读取。")
            rows.append([_excel_text(v) for v in r])
    except csv.Error:
        raise InputError(f"“{path.name}”第{len(rows) + 1}行不是有效的 CSV 格式（引号不成对或字段过长）。") from None
    return RawSheet(path.stem, rows)


def _excel_text(value: str) -> str:
    """Excel writes text that must keep its digits as `="01234"` in CSV files."""
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        return value[2:-1]
    return value
