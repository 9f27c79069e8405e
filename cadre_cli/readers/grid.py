"""Grids for the readers that place cells themselves (2003 XML, web pages), within what
Excel itself can hold and what a roster can reasonably be."""

from __future__ import annotations

from pathlib import Path

from cadre_cli.errors import InputError

MAX_ROWS = 1_048_576  # Excel's sheet: rows and columns
MAX_COLS = 16_384
MAX_CELLS = 5_000_000  # cells with content in one workbook (a 100,000-row roster has about 2 million)
MAX_SHEETS = 1_000  # worksheets (tables of a web page) in one workbook
MAX_SLOTS = 30_000_000  # cells of the rows as lists, blanks included (a few cells far right on many rows)
MAX_TEXT_BYTES = 200 * 1024 * 1024  # a 2003-XML or web-page "workbook" read into memory
MERGE_SLACK = 64  # rows and columns a merged range may reach past the cells of the sheet


def read_text_file(path: Path, what: str) -> bytes:
    """The bytes of a text-format workbook (a regular file, read once: the sniffer's
    reading), refused above MAX_TEXT_BYTES."""
    from cadre_cli.readers.guard import read_regular

    return read_regular(path, MAX_TEXT_BYTES, what.strip())[0]


def check_position(name: str, sheet: str, row: int, col: int) -> None:
    """Refuse a cell beyond what Excel can hold (0-based row and column)."""
    if row >= MAX_ROWS or col >= MAX_COLS:
        raise InputError(
            f"“{name}”的工作表“{sheet}”中有单元格位于第{row + 1}行、第{col + 1}列，超出了 Excel 工作表的范围"
            f"（{MAX_ROWS}行×{MAX_COLS}列），文件可能已损坏，无法读取。"
        )


def check_sheets(name: str, count: int) -> None:
    if count > MAX_SHEETS:
        raise InputError(f"“{name}”中有超过 {MAX_SHEETS} 个工作表（或网页中的数据表格），远超任何名册的规模，已拒绝读取。")


def check_cells(name: str, count: int) -> None:
    if count > MAX_CELLS:
        raise InputError(f"“{name}”中有内容的单元格超过 {MAX_CELLS} 个，远超任何名册的规模，已拒绝读取（可能是损坏或恶意构造的文件）。")


def clip_merges(merged: list[tuple[int, int, int, int]], rows: int, cols: int) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to MERGE_SLACK rows and columns past those the file has cells in:
    a merge far beyond the data (hostile or damaged) would otherwise cost one object per
    covered cell downstream; a title merged a little wider than the table stays as it is."""
    last_row, last_col = rows - 1 + MERGE_SLACK, cols - 1 + MERGE_SLACK
    out = []
    for r0, c0, r1, c1 in merged:
        if r0 > last_row or c0 > last_col:
            continue
        r1, c1 = min(r1, last_row), min(c1, last_col)
        if (r1, c1) != (r0, c0):
            out.append((r0, c0, r1, c1))
    return out


class Grid:
    """Cells placed one by one (0-based), then turned into a RawSheet: rows from A1,
    each as long as its last cell, blank cells as '' (as calamine gives them)."""

    def __init__(self, file_name: str, sheet: str) -> None:
        self.file_name, self.sheet = file_name, sheet
        self.cells: dict[int, dict[int, object]] = {}
        self.merged: list[tuple[int, int, int, int]] = []
        self.decimals: dict[tuple[int, int], int] = {}
        self.count = 0
        self.last_row = self.last_col = -1

    def put(self, row: int, col: int, value: object, decimals: int | None = None) -> None:
        if row >= MAX_ROWS or col >= MAX_COLS:
            check_position(self.file_name, self.sheet, row, col)
        if row > self.last_row:
            self.last_row = row
        if col > self.last_col:
            self.last_col = col
        if value == "" or value is None:
            return
        cells = self.cells.get(row)
        if cells is None:
            cells = self.cells[row] = {}
        cells[col] = value
        if decimals is not None:
            self.decimals[(row, col)] = decimals
        self.count += 1
        if self.count > MAX_CELLS:
            check_cells(self.file_name, self.count)

    def merge(self, row: int, col: int, last_row: int, last_col: int) -> None:
        if (last_row, last_col) != (row, col):
            self.merged.append((row, col, last_row, last_col))

    def sheet_rows(self) -> list[list[object]]:
        slots = sum(max(cols) + 1 for cols in self.cells.values())
        if slots > MAX_SLOTS:
            raise InputError(
                f"“{self.file_name}”的工作表“{self.sheet}”中的内容分散在 {slots} 个单元格的范围里，远超任何名册的规模，"
                "已拒绝读取（可能是损坏或恶意构造的文件）。"
            )
        rows: list[list[object]] = [[] for _ in range(max(self.cells, default=-1) + 1)]
        for r, cols in self.cells.items():
            row = [""] * (max(cols) + 1)
            for c, value in cols.items():
                row[c] = value
            rows[r] = row
        return rows

    def raw_sheet(self):  # -> RawSheet (imported late: raw.py imports the readers)
        from cadre_cli.readers.raw import RawSheet

        rows = self.sheet_rows()
        width = max((len(r) for r in rows), default=0)
        merged = clip_merges(self.merged, max(len(rows), self.last_row + 1), max(width, self.last_col + 1))
        decimals = self.decimals
        return RawSheet(self.sheet, rows, merged, lambda r, c: decimals.get((r, c)))
