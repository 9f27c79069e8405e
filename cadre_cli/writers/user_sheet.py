"""Our marks on one of the user's own sheets, gathered as edits for the package patcher
(`writers/package`): fills and comments on their cells, the columns we append to the
right of their table, taller rows where our text wraps, the page set up to print it.
Nothing here touches the user's workbook; the patcher writes it all in one pass.

Positions are 1-based (as in Excel); merged ranges come from the reading (calamine),
so no workbook is loaded to find them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_cli.writers.package import PageSetup, SheetEdits, Style
from cadre_cli.writers.package.annotate import MergeAnchors, first_free_column, header_columns
from cadre_cli.writers.text_fit import fit_text

A4_PORTRAIT_POINTS = 595.3 - 72 * 1.5  # the width a portrait A4 page prints
DEFAULT_COLUMN_CHARS = 8.43


@dataclass
class UserSheet:
    name: str  # the sheet's name in the package that is patched
    edits: SheetEdits
    merged: list[tuple[int, int, int, int]]  # 0-based, as calamine reports them
    height: int  # rows the sheet uses
    added: list[int] = field(default_factory=list)  # the columns we append (1-based)
    _anchors: MergeAnchors | None = None

    def free_column(self, width: int, rows: set[int]) -> int:
        """The first column right of `width` that no merged range on `rows` covers."""
        return first_free_column(self.merged, width, rows)

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        """The cell that carries a mark for (row, col): the top-left of a merge around it."""
        if self._anchors is None:
            self._anchors = MergeAnchors(self.merged)
        return self._anchors.anchor(row, col)

    def header(self, header_rows: tuple[int, ...], start: int, labels: list[str], widths: list[float]) -> None:
        """Header cells of the columns we append, merged down over a header of several rows."""
        from cadre_cli.errors import OutputError
        from cadre_cli.writers.workbook import MAX_COLUMN

        if start + len(labels) - 1 > MAX_COLUMN:
            raise OutputError(f"工作表“{self.name}”右边没有空列可以写入结果（Excel 最多到 XFD 列），没有写出文件。")
        header_columns(self.edits, header_rows, start, labels, widths)
        self.added.extend(range(start, start + len(labels)))

    def put(self, row: int, col: int, value: Any, style: Style) -> None:
        """A value in a cell we add; text stays text, within Excel's limits."""
        self.edits.put(row, col, fit_text(value) if isinstance(value, str) else value, style)

    def mark(self, row: int, col: int, fill: str, comment: str, height: int) -> None:
        self.edits.mark(row, col, fill, fit_text(comment)).height = height

    def width(self, col: int, width: float) -> None:
        self.edits.column_widths[col] = width

    def grow_row(self, row: int, values: list[Any], widths: list[float]) -> None:
        """A row tall enough for the wrapped text we add to it (a taller row of the
        user's stays as it is)."""
        from cadre_cli.writers.workbook import row_height

        need = row_height(values, widths)
        if need > 15.5:
            self.edits.row_heights[row] = max(need, self.edits.row_heights.get(row, 0))

    def fit_page(self, table_width: int, title_rows: tuple[int, int]) -> None:
        """A4, one page wide with our columns inside the print area, the header repeated
        on every page; landscape (unless the user chose) when it is wider than portrait."""
        ours = sum(self.edits.column_widths.get(c, DEFAULT_COLUMN_CHARS) for c in self.added)
        points = ((table_width * DEFAULT_COLUMN_CHARS + ours) * 7 + 5 * (table_width + len(self.added))) * 0.75
        self.edits.page = PageSetup(landscape_if_unset=points > A4_PORTRAIT_POINTS, title_rows=title_rows,
                                    last_row=max(self.height, max(self.edits.cells, default=1)))
