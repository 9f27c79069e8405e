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
from cadre_cli.readers.guard import Kind, sniff

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
    kind: Kind
    sheets: list[RawSheet]

    @property
    def has_macros(self) -> bool:
        return self.kind is Kind.XLSM


def load_book(path: Path) -> RawBook:
    kind = sniff(path)
    if kind is Kind.CSV:
        return RawBook(path, kind, [_load_csv(path)])
    return RawBook(path, kind, _load_calamine(path, kind))


def _load_calamine(path: Path, kind: Kind) -> list[RawSheet]:
    import python_calamine as pc

    from cadre_cli.readers.numfmt import decimals_reader

    name = path.name
    try:
        wb = pc.CalamineWorkbook.from_path(str(path))
    except pc.PasswordError:
        raise InputError(f"“{name}”设置了打开密码（已加密），请在 Excel/WPS 中取消密码后另存一份再试。") from None
    except Exception as exc:  # calamine raises several types for damaged files
        raise InputError(f"“{name}”已损坏或格式不正确，无法读取（{_short(exc)}）。") from None
    sheets: list[RawSheet] = []
    decimals = decimals_reader(path, kind)
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
