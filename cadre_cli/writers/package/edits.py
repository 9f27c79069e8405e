"""What an annotation changes in the user's workbook, as plain data (no openpyxl).

Sheets are addressed by their names as calamine reports them; rows and columns are
1-based, as in Excel. Colours are RGB hex ("FFC7CE").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal, NamedTuple

CellValue = str | int | float | Decimal | bool | None
StyleKind = Literal["header", "center", "left", "text", "title", "note", "link"]


class Style(NamedTuple):
    """A style of our small set, for cells we add (a tuple: it keys the style caches
    once per cell written).

    header: bold, centred, wrapped, bordered, header fill unless `fill` says otherwise;
    center / left: body text centred or left-aligned, wrapped, bordered;
    text: vertically centred, not wrapped (long text runs on to the right), bordered;
    title: a sheet's title, 16-point 方正小标宋简体, centred, no border;
    note: a note under a table, left-aligned and wrapped, no border;
    link: a hyperlink, blue and underlined, left-aligned, wrapped, bordered."""

    kind: StyleKind = "center"
    fill: str | None = None
    number_format: str | None = None


@dataclass(slots=True)
class Mark:
    """A user's cell marked: a fill stamped on top of its own format, and a comment."""

    fill: str | None = None
    comments: list[str] = field(default_factory=list)
    width: int = 320  # comment box, in pixels
    height: int = 0  # 0: from the text


class NewCell(NamedTuple):
    """A value in a cell that holds nothing yet (an appended column). Text is always
    written as text, never as a formula. (A tuple: tens of thousands are made per run.)"""

    value: CellValue
    style: Style = Style()


@dataclass(frozen=True)
class PageSetup:
    """A4 (unless the user chose a paper other than Letter), fit all columns to the page
    width (as many pages down as needed). The user's other print settings stay; the
    print area, if any, grows to the new columns, else one is set to `last_row`; the
    header `title_rows` repeat on every page unless the user set print titles."""

    paper_size: int = 9
    landscape: bool | None = None  # None: keep the user's orientation
    landscape_if_unset: bool | None = None  # the orientation when the sheet has none of its own
    title_rows: tuple[int, int] | None = None
    last_row: int | None = None


@dataclass
class SheetEdits:
    marks: dict[tuple[int, int], Mark] = field(default_factory=dict)
    cells: dict[int, dict[int, NewCell]] = field(default_factory=dict)  # row -> col -> cell
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # first row, first col, last row, last col
    column_widths: dict[int, float] = field(default_factory=dict)
    row_heights: dict[int, float] = field(default_factory=dict)
    page: PageSetup | None = None

    def mark(self, row: int, col: int, fill: str | None = None, comment: str | None = None) -> Mark:
        """Mark a cell; a second mark on the same cell adds its comment below the first
        and keeps the first fill unless it had none."""
        mark = self.marks.get((row, col))
        if mark is None:
            mark = self.marks[(row, col)] = Mark(fill)
        elif mark.fill is None:
            mark.fill = fill
        if comment:
            mark.comments.append(comment)
        return mark

    def put(self, row: int, col: int, value: CellValue, style: Style = Style()) -> None:
        found = self.cells.get(row)
        if found is None:
            found = self.cells[row] = {}
        found[col] = NewCell(value, style)

    def last_column(self) -> int:
        """The rightmost column a cell is put in (0: none)."""
        return max((max(cols) for cols in self.cells.values() if cols), default=0)


@dataclass
class BookEdits:
    sheets: dict[str, SheetEdits] = field(default_factory=dict)
    properties: dict[str, str] = field(default_factory=dict)  # custom document properties to set (text)

    def sheet(self, name: str) -> SheetEdits:
        if name not in self.sheets:
            self.sheets[name] = SheetEdits()
        return self.sheets[name]
