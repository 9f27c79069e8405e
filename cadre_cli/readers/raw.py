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

from cadre_cli.errors import InputError
from cadre_cli.readers.guard import Kind

Merged = tuple[int, int, int, int]  # first row, first col, last row, last col (0-based, inclusive)


@dataclass
class RawSheet:
    name: str
    rows: list[list[object]]
    merged: list[Merged] = field(default_factory=list)
    # decimals(row0, col0) -> number of decimals the cell's number format shows, or None
    decimals: Callable[[int, int], int | None] = lambda row, col: None

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

    @property
    def has_macros(self) -> bool:
        return self.kind is Kind.XLSM

    def open(self) -> io.BytesIO | io.BufferedReader:
        """The workbook's bytes as a file, whatever its name (openpyxl judges by the name)."""
        return io.BytesIO(self.content) if self.content is not None else self.path.open("rb")


def load_book(path: Path) -> RawBook:
    from cadre_cli.readers.source import open_source

    source = open_source(path)
    kind = source.kind
    if kind is Kind.CSV:
        sheets = [_load_csv(path)]
    elif kind is Kind.XML2003:
        from cadre_cli.readers.xml2003 import load_xml2003

        sheets = load_xml2003(path)
    elif kind is Kind.HTML:
        from cadre_cli.readers.html_tables import load_html

        sheets = load_html(path)
    else:
        sheets = _load_calamine(path, kind, source.content)
    return RawBook(path, kind, sheets, source.content, source.password, source.notes)


def _open_calamine(pc, path: Path, kind: Kind, content: bytes | None):
    """calamine picks its reader by the file name: a workbook whose name does not say
    what it is (or that lives only in memory) is handed over as bytes."""
    from cadre_cli.readers.source import SUFFIXES

    if content is not None:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(content))
    if path.suffix.lower() in SUFFIXES[kind]:
        return pc.CalamineWorkbook.from_path(str(path))
    with path.open("rb") as fh:
        return pc.CalamineWorkbook.from_filelike(io.BytesIO(fh.read()))


def _load_calamine(path: Path, kind: Kind, content: bytes | None = None) -> list[RawSheet]:
    import python_calamine as pc

    from cadre_cli.readers.numfmt import decimals_reader

    name = path.name
    try:
        wb = _open_calamine(pc, path, kind, content)
    except pc.PasswordError:  # the guard sends every locked file through decryption first
        from cadre_cli.readers.locked import need_password_message

        raise InputError(need_password_message(name)) from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise InputError(f"“{name}”已损坏或格式不正确，无法读取（{_short(exc)}）。") from None
    sheets: list[RawSheet] = []
    decimals = decimals_reader(content if content is not None else path, kind)
    with wb:
        for meta in wb.sheets_metadata:
            if meta.typ != pc.SheetTypeEnum.WorkSheet:
                continue
            try:
                sheet = wb.get_sheet_by_name(meta.name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = [(a[0], a[1], b[0], b[1]) for a, b in (sheet.merged_cell_ranges or [])]
            except Exception as exc:
                raise InputError(f"“{name}”的工作表“{meta.name}”无法读取（{_short(exc)}）。") from None
            sheets.append(RawSheet(meta.name, rows, merged, decimals.for_sheet(meta.name)))
    if not sheets:
        raise InputError(f"“{name}”里没有任何工作表。")
    return sheets


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:120]


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


def _load_csv(path: Path) -> RawSheet:
    text = decode_text(path.read_bytes(), path.name)
    if "\x00" in text:
        raise InputError(f"“{path.name}”含有二进制内容，不是 CSV 文本表格。")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;，")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows = [[_excel_text(v) for v in r] for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return RawSheet(path.stem, rows)


def _excel_text(value: str) -> str:
    """Excel writes text that must keep its digits as `="01234"` in CSV files."""
    if value.startswith('="') and value.endswith('"') and len(value) >= 3:
        return value[2:-1]
    return value
