"""Page setup of the sheets we write or annotate, as a clerk prints them: A4, the
columns we add inside the print area, the width fitted to one page, and manual page
breaks so that a block (a chart, the 计算说明 under a table, a signature line) never
splits across two pages.

A sheet we make ourselves gets a manual break at every page (`paginate`): where
Excel, WPS and LibreOffice would break by themselves differs with their conversion of
column widths, a manual break is the same in all of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

A4_POINTS = (595.3, 841.9)  # portrait width, height
DEFAULT_ROW_POINTS = 15.0
DEFAULT_COLUMN_CHARS = 8.43
SAFETY = 0.93  # share of the estimated page height a block may count on
LETTER = 1


def column_points(ws: Any, first: int, last: int) -> float:
    """The printed width of columns `first`..`last`: Excel's width unit is the width
    of a digit (7 px at 96 dpi) plus 5 px of padding."""
    from openpyxl.utils import get_column_letter

    default = ws.sheet_format.defaultColWidth or DEFAULT_COLUMN_CHARS
    total = 0.0
    for col in range(first, last + 1):
        dim = ws.column_dimensions.get(get_column_letter(col))
        if dim is not None and dim.hidden:
            continue
        chars = dim.width if dim is not None and dim.width else default
        total += (chars * 7 + 5) * 0.75
    return total


def row_points(ws: Any, row: int) -> float:
    dim = ws.row_dimensions.get(row)
    if dim is not None and dim.hidden:
        return 0.0
    if dim is not None and dim.height:
        return float(dim.height)
    return float(ws.sheet_format.defaultRowHeight or DEFAULT_ROW_POINTS)


def a4_fit_width(ws: Any, last_col: int, landscape: bool | None = None, first_row: int = 1,
                 last_row: int | None = None, title_rows: tuple[int, int] | None = None) -> None:
    """A4 (unless the user chose another paper than the default Letter), one page wide,
    columns 1..`last_col` in the print area (a user's print area is widened to take
    them), the header rows repeated on every page. Orientation: the user's, else
    landscape when the columns are wider than a portrait page."""
    setup = ws.page_setup
    if setup.paperSize in (None, LETTER, str(LETTER)):
        setup.paperSize = ws.PAPERSIZE_A4
    if landscape is None:
        landscape = setup.orientation == "landscape" or (
            setup.orientation is None and column_points(ws, 1, last_col) > A4_POINTS[0] - 72 * 1.5)
    setup.orientation = "landscape" if landscape else "portrait"
    setup.fitToWidth = 1
    setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    _widen_print_area(ws, last_col, first_row, last_row or ws.max_row)
    if title_rows and not ws.print_title_rows:
        ws.print_title_rows = f"{title_rows[0]}:{title_rows[1]}"


def _widen_print_area(ws: Any, last_col: int, first_row: int, last_row: int) -> None:
    from openpyxl.utils import get_column_letter, range_boundaries

    areas = []
    current = ws.print_area
    if current:
        for part in (current if isinstance(current, list) else str(current).split(",")):
            ref = part.split("!")[-1].replace("$", "")
            try:
                c0, r0, c1, r1 = range_boundaries(ref)
            except (TypeError, ValueError):
                continue
            areas.append(f"{get_column_letter(c0)}{r0}:{get_column_letter(max(c1, last_col))}{r1}")
    ws.print_area = areas or f"A{first_row}:{get_column_letter(last_col)}{last_row}"


MARGINS = (0.75, 0.75, 1.0, 1.0)  # left, right, top, bottom in inches: openpyxl's and our sheets' default


def printable_height(columns_points: float, landscape: bool, margins: tuple[float, float, float, float] = MARGINS,
                     scale_percent: float | None = None) -> float:
    """Points of sheet rows one printed A4 page holds: the columns fitted to the page
    width (or printed at `scale_percent`)."""
    portrait_w, portrait_h = A4_POINTS
    width, height = (portrait_h, portrait_w) if landscape else (portrait_w, portrait_h)
    left, right, top, bottom = margins
    usable_w = width - (left + right) * 72
    usable_h = height - (top + bottom) * 72
    scale = min(1.0, usable_w / max(columns_points, 1.0))
    if scale_percent:
        scale = scale_percent / 100
    return usable_h / max(scale, 0.1)


def page_height(ws: Any, last_col: int) -> float:
    """Points of sheet rows one printed page of `ws` holds (at the fit-to-width scale)."""
    m = ws.page_margins
    fixed = ws.page_setup.scale if ws.page_setup.scale and not ws.sheet_properties.pageSetUpPr.fitToPage else None
    return printable_height(column_points(ws, 1, last_col), ws.page_setup.orientation == "landscape",
                            (m.left, m.right, m.top, m.bottom), fixed)


def break_rows(height: Callable[[int], float], capacity: float, blocks: Iterable[tuple[int, int]], first_row: int,
               last_row: int, title_rows: tuple[int, int] | None = None, existing: Iterable[int] = ()) -> list[int]:
    """The rows after which a manual page break goes (see `paginate`): `height(row)` in
    points, `capacity` the points a page holds, `existing` breaks already there."""
    capacity *= SAFETY
    titles = sum(height(r) for r in range(title_rows[0], title_rows[1] + 1)) if title_rows else 0.0
    starts = dict(blocks)
    present = set(existing)
    added: list[int] = []

    def page_break(after: int) -> None:
        if after not in present:
            present.add(after)
            added.append(after)

    used, row, end = 0.0, first_row, max(last_row, max(starts.values(), default=0))
    while row <= end:
        if row - 1 in present and row > first_row:
            used = titles
        if row in starts and row > first_row and used > titles:
            block = sum(height(r) for r in range(row, starts[row] + 1))
            if used + block > capacity and block <= capacity - titles:
                page_break(row - 1)
                used = titles
        h = height(row)
        if used + h > capacity and used > titles:
            page_break(row - 1)
            used = titles
        used += h
        row += 1
    return added


def paginate(ws: Any, blocks: Iterable[tuple[int, int]], last_col: int, first_row: int = 1,
             title_rows: tuple[int, int] | None = None) -> list[int]:
    """Manual page breaks at every page of a sheet we made, so that no block of rows
    (first, last) is split across pages (a block taller than a page breaks where it
    must).

    Where a program breaks a page by itself depends on how it converts column widths
    to print size (Excel and LibreOffice differ by a quarter), so no natural break is
    left to chance: each page is ended by a manual break placed from the estimate of
    the fullest page (the widest scale), a little early. A program that fits more rows
    on a page then simply leaves some space at the foot of each page. Returns the rows
    after which a break was put."""
    from openpyxl.worksheet.pagebreak import Break

    existing = [b.id for b in ws.row_breaks.brk]
    added = break_rows(lambda r: row_points(ws, r), page_height(ws, last_col), blocks, first_row, ws.max_row,
                       title_rows, existing)
    for after in added:
        ws.row_breaks.append(Break(id=after))
    return added


def rows_for_height(ws: Any, first: int, points: float) -> int:
    """How many rows from `first` a drawing `points` tall covers."""
    row, total = first, 0.0
    while total < points:
        total += row_points(ws, row)
        row += 1
    return row - first
