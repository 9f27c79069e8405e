"""Helpers with which the audit and score writers produce edits instead of changing an
openpyxl workbook (see `writers/user_sheet.py`, which wraps them):

    edits = BookEdits()
    sheet = edits.sheet(table.name)                       # the name calamine reported
    sheet.mark(row, col, FILL[severity], comment_text)    # was: stamp.restyle + cell.comment
    start = first_free_column(raw_sheet.merged, raw_sheet.width, rows)
    header_columns(sheet, table.header_rows, start, ["审核结论", "问题摘要"], [13, 36])
    sheet.put(person.row, start, status, Style("center", fill))   # was: cell.value + stamp.apply
    scratch = scratch_workbook(); print_sheet(scratch, "问题清单", ...)  # the new sheets, unchanged code
    write_atomic(target, lambda tmp: patch_package(book.data, tmp, edits, scratch), mode_from=book.path)

and on `PackageError` the writer patches an openpyxl copy of the input instead (saying so).
"""

from __future__ import annotations

from cadre_cli.writers.package.edits import SheetEdits, Style

Merged = tuple[int, int, int, int]  # calamine's: first row, first col, last row, last col, 0-based


def first_free_column(merged: list[Merged], width: int, rows: set[int]) -> int:
    """The first column (1-based) right of `width` that no merged range on any of `rows`
    (1-based) covers, so that cells written there never land inside a merge. Ranges are
    compared by their bounds, never walked cell by cell."""
    import bisect

    ordered = sorted(rows)
    col = width + 1
    for r0, c0, r1, c1 in sorted(merged, key=lambda m: m[1]):
        if c1 + 1 >= col:
            i = bisect.bisect_left(ordered, r0 + 1)
            if i < len(ordered) and ordered[i] <= r1 + 1:
                col = max(col, c1 + 2)
    return col


class MergeAnchors:
    """Cell (1-based) -> the top-left cell of the merged range covering it, the only one
    that can carry a fill or a comment. Small ranges are indexed cell by cell; a large
    one (a merge over a whole column) is kept as its bounds."""

    SMALL = 10_000

    def __init__(self, merged: list[Merged]) -> None:
        self.cells: dict[tuple[int, int], tuple[int, int]] = {}
        self.large: list[Merged] = []
        for r0, c0, r1, c1 in merged:
            if (r1 - r0 + 1) * (c1 - c0 + 1) > self.SMALL:
                self.large.append((r0, c0, r1, c1))
                continue
            for r in range(r0, r1 + 1):
                for c in range(c0, c1 + 1):
                    if (r, c) != (r0, c0):
                        self.cells[(r + 1, c + 1)] = (r0 + 1, c0 + 1)

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        hit = self.cells.get((row, col))
        if hit is not None:
            return hit
        for r0, c0, r1, c1 in self.large:
            if r0 < row <= r1 + 1 and c0 < col <= c1 + 1:
                return r0 + 1, c0 + 1
        return row, col


def header_columns(sheet: SheetEdits, header_rows: tuple[int, ...], start: int, labels: list[str],
                   widths: list[float] | None = None) -> None:
    """Header cells of added columns, merged down over a header of several rows (as
    `writers.workbook.add_header_columns` does on an openpyxl sheet)."""
    top, bottom = header_rows[0], header_rows[-1]
    for offset, label in enumerate(labels):
        col = start + offset
        sheet.put(top, col, label, Style("header"))
        for r in range(top + 1, bottom + 1):
            sheet.put(r, col, None, Style("header"))
        if bottom > top:
            sheet.merges.append((top, col, bottom, col))
        if widths:
            sheet.column_widths[col] = widths[offset]


def scratch_workbook():
    """An empty openpyxl workbook for the new sheets (问题清单, 结构分析, 成绩汇总, 读取说明)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    return wb


def unique_name(taken: set[str], wanted: str) -> str:
    """A sheet name not in `taken` (compared without case, as Excel does)."""
    lower = {t.lower() for t in taken}
    name, n = wanted, 2
    while name.lower() in lower:
        name = f"{wanted}{n}"
        n += 1
    return name
