"""A sheet we add that is a table to print (问题清单, 成绩汇总, 读取说明…), as plain data:
A4, a title over the columns, the header row repeated on every page, a manual page
break at every page, notes under the table that never start a page of their own.

`build` lays it out (row heights, merges, page breaks); the cells and their styles are
made row by row as the package patcher writes the sheet XML (`package/table_xml.py`),
so that a table of 10,000 findings is held once, as the rows it was given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cadre_cli.writers.package.edits import NewCell, Style
from cadre_cli.writers.pages import break_rows, printable_height
from cadre_cli.writers.text_fit import fit_text
from cadre_cli.writers.workbook import row_height

TITLE_ROW_POINTS = 30.0
DEFAULT_ROW_POINTS = 15.0
FOOTER = "&C第 &P 页，共 &N 页"
VALUE_TYPES = (str, int, float, Decimal, bool, type(None))
FIRST_BODY_ROW = 3  # title in row 1, headers in row 2


@dataclass
class PrintTable:
    name: str
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]  # the body, from row 3
    widths: list[float]  # of columns 1..n
    heights: dict[int, float]  # row -> points
    merges: list[tuple[int, int, int, int]]  # first row, first col, last row, last col
    landscape: bool
    last_row: int
    breaks: list[int]  # rows after which a page ends
    notes: Sequence[str] = ()
    fills: Sequence[str | None] | None = None  # per body row
    formats: Sequence[str | None] | None = None  # per column
    links: Sequence[str | None] | None = None  # per body row: a location ("'名册'!C5") for `link_column`
    link_column: int | None = None
    autofilter: bool = False  # over the header row and the rows below it
    title_rows: tuple[int, int] = (2, 2)
    footer: str = FOOTER
    _styles: dict = field(default_factory=dict, repr=False)

    @property
    def last_col(self) -> int:
        return len(self.widths)

    def cells(self, r: int) -> list[tuple[int, NewCell]]:
        """Row r's cells (1-based columns): text within Excel's limits, each with its style."""
        if r == 1:
            return [(1, NewCell(fit_text(self.title), Style("title")))]
        if r == 2:
            return [(c, NewCell(fit_text(text), self._style("header", None, None)))
                    for c, text in enumerate(self.headers, start=1)]
        i = r - FIRST_BODY_ROW
        if 0 <= i < len(self.rows):
            fill = self.fills[i] if self.fills else None
            formats = self.formats or ()
            linked = self.link_column if self.links is not None and self.links[i] else None
            style = self._style
            out = []
            for c, value in enumerate(self.rows[i], start=1):
                if value.__class__ is str:
                    kind = "link" if c == linked else ("left" if len(value) > 8 else "center")
                    out.append((c, NewCell(fit_text(value), style(kind, fill, None))))
                else:
                    fmt = formats[c - 1] if value is not None and c <= len(formats) else None
                    out.append((c, NewCell(value, style("link" if c == linked else "center", fill, fmt or None))))
            return out
        n = r - (len(self.rows) + FIRST_BODY_ROW + 1)
        if 0 <= n < len(self.notes):
            return [(1, NewCell(fit_text(self.notes[n]), self._style("note", None, None)))]
        return []

    def link(self, r: int, c: int) -> str | None:
        i = r - FIRST_BODY_ROW
        if self.links is None or c != self.link_column or not 0 <= i < len(self.links):
            return None
        return self.links[i] or None

    def linked(self) -> list[tuple[int, int, str, Any]]:
        """(row, column, location, the cell's text) of every hyperlink."""
        if self.links is None or self.link_column is None:
            return []
        c = self.link_column
        return [(i + FIRST_BODY_ROW, c, loc, self.rows[i][c - 1]) for i, loc in enumerate(self.links) if loc]

    def body_rows(self) -> int:
        return len(self.rows)

    def _style(self, kind: str, fill: str | None, fmt: str | None) -> Style:
        key = (kind, fill, fmt)
        found = self._styles.get(key)
        if found is None:
            found = self._styles[key] = Style(kind, fill, fmt)
        return found


def build(name: str, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
          widths: Sequence[float] | None = None, notes: Sequence[str] = (), landscape: bool = False,
          fills: Sequence[str | None] | None = None, formats: Sequence[str | None] | None = None,
          links: Sequence[str | None] | None = None, link_column: int | None = None,
          autofilter: bool = False) -> PrintTable:
    """The table laid out: title in row 1 (merged over the columns), headers in row 2,
    `rows` from row 3, `notes` one per row after a blank row. `formats` gives a number
    format per column (e.g. "0.00"), `fills` a colour per row, `links` a location per
    row for the cell in `link_column` (a hyperlink to the user's sheet)."""
    last = len(headers)
    col_widths = list(widths or [12] * last)
    merges = [(1, 1, 1, last)] if last > 1 else []
    heights = {1: TITLE_ROW_POINTS}
    for r, row in enumerate(rows, start=FIRST_BODY_ROW):
        for value in row:
            if not isinstance(value, VALUE_TYPES):
                raise TypeError(f"cannot print a {type(value).__name__} in sheet {name!r}")
        heights[r] = row_height(row, col_widths)
    last_data = len(rows) + 2
    r = len(rows) + 4
    for line in notes:
        if last > 1:
            merges.append((r, 1, r, last))
        heights[r] = row_height([line], [sum(col_widths)])
        r += 1
    last_row = max(r - 1, last_data)
    capacity = printable_height(sum((w * 7 + 5) * 0.75 for w in col_widths), landscape)
    blocks = [(max(3, last_data - 1), r - 1)] if notes else []
    breaks = break_rows(lambda row: heights.get(row, DEFAULT_ROW_POINTS), capacity, blocks, 1, last_row, (2, 2))
    return PrintTable(name, title, list(headers), rows, col_widths, heights, merges, landscape, last_row, breaks,
                      list(notes), fills, formats, links, link_column, autofilter)
