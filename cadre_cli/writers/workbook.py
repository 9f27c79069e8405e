"""Annotated copies of the user's workbook: the original sheets as they were, plus our
columns, fills, comments and sheets. Values are written as values (never formulas).

.xlsx is loaded and saved with openpyxl; .xlsm keeps its macros (keep_vba); .xls,
.ods and .csv cannot be written back in their own format, so their grids (values and
merged cells) become a new .xlsx, and the caller says so.
"""

from __future__ import annotations

import copy
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError, debug_detail
from cadre_cli.readers import own_output
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.own_output import Marks
from cadre_cli.readers.raw import RawBook
from cadre_cli.writers.atomic import write_atomic
from cadre_cli.writers.pages import a4_fit_width, paginate

ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
RED = "FFC7CE"
AMBER = "FFEB9C"
BLUE = "DDEBF7"
GREEN = "C6EFCE"
HEADER_FILL = "D9E1F2"


@dataclass
class Annotated:
    wb: Any  # openpyxl.Workbook
    suffix: str  # ".xlsx" or ".xlsm"
    notes: list[str] = field(default_factory=list)  # Chinese sentences for the user
    titles: dict[str, str] = field(default_factory=dict)  # sheet name as read -> worksheet title
    original: set[str] = field(default_factory=set)  # the user's sheets (anything else was added by us)


def output_suffix(kind: Kind) -> str:
    """.xlsm input keeps its macros in an .xlsm copy; everything else becomes .xlsx."""
    return ".xlsm" if kind is Kind.XLSM else ".xlsx"


MAX_COLUMN = 16_384  # XFD


def check_room(tables: list[Any], count: int) -> None:
    """Refuse before any work a sheet with no room right of its table for `count`
    added columns (Excel's last column is XFD)."""
    from cadre_cli.errors import OutputError
    from cadre_cli.readers.cells import col_letter

    for table in tables:
        if table.sheet.width + count > MAX_COLUMN:
            raise OutputError(f"工作表“{table.name}”的内容已用到第 {col_letter(table.sheet.width)} 列，右边放不下"
                              f"本工具要添加的{count}列（Excel 最多到 XFD 列）；请删去表格右边多余的列，或加 --no-output 只看屏幕结果。")


def check_output_suffix(target: Path, kind: Kind) -> None:
    """An annotated copy is an .xlsx (or an .xlsm that keeps the input's macros): any other
    name would give Excel a file it refuses, or hide macros under an .xlsx name."""
    from cadre_cli.errors import OutputError

    suffix = output_suffix(kind)
    if target.suffix.lower() != suffix:
        why = "（输入含宏，输出保留宏，必须是 .xlsm）" if suffix == ".xlsm" else "（输出是 Excel 工作簿）"
        raise OutputError(f"输出文件“{target.name}”的扩展名应为 {suffix}{why}，请用 --output 改正。")


def open_for_annotation(book: RawBook, stale: Marks | None = None) -> Annotated:
    """The workbook to annotate, and what the user should know about the copy. What this
    tool added on an earlier run (`stale`) is taken out, to be written afresh."""
    annotated = _open(book)
    if stale:
        own_output.drop(annotated.wb, stale, annotated.titles)
    annotated.original = set(annotated.wb.sheetnames)
    return annotated


def _open(book: RawBook) -> Annotated:
    from openpyxl import load_workbook

    name = book.path.name
    if book.kind in (Kind.XLSX, Kind.XLSM):
        keep = book.kind is Kind.XLSM
        try:
            wb = load_workbook(io.BytesIO(_without_far_merges(book)), keep_vba=keep)
        except Exception as exc:
            raise InputError(
                f"“{name}”的数据已读出，但无法复制成带标注的工作簿{debug_detail(exc)}；"
                "可以加 --no-output 只看屏幕结果，或用 Excel/WPS 把文件另存为 .xlsx 后再试。"
            ) from None
        notes = ["宏（VBA）已原样保留在输出文件中，本工具不会运行宏。"] if keep else []
        notes += _lost_features(book.data)
        notes += _far_merge_notes(book)
        return Annotated(wb, output_suffix(book.kind), notes)
    from cadre_cli.readers.source import LABEL, spaced

    wb, titles = _from_grids(book)
    return Annotated(wb, ".xlsx", [f"“{name}”是{spaced(LABEL[book.kind])}格式，结果另存为 .xlsx（原文件的数值和合并单元格已复制，"
                                   "字体、颜色等格式未复制）。"], titles)


def _without_far_merges(book: RawBook) -> bytes:
    """The input's bytes, with merged ranges that reach far past the data cut to the data
    (or dropped when they lie outside it): openpyxl makes one object per merged cell, so
    `AD50:XFD1048576` would take it minutes and gigabytes."""
    far = {s.name: s.far_merges for s in book.sheets if s.far_merges}
    if not far:
        return book.data
    from cadre_cli.readers.raw import merge_ref
    from cadre_cli.readers.sheetscan import open_zip, sheet_parts

    out = io.BytesIO()
    with open_zip(book.data) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        parts = {member: far[name] for name, (member, _) in sheet_parts(zin).items() if name in far}
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in parts:
                for written, inside in parts[info.filename].items():
                    ref = re.escape(merge_ref(written).encode())
                    new = b"" if inside is None else f'<mergeCell ref="{merge_ref(inside)}"/>'.encode()
                    data = re.sub(rb'<(\w+:)?mergeCell\s+ref="' + ref + rb'"\s*/>', new, data)
            zout.writestr(info, data)
    return out.getvalue()


def _far_merge_notes(book: RawBook) -> list[str]:
    from cadre_cli.readers.raw import merge_ref

    notes = []
    for sheet in book.sheets:
        for written, inside in sheet.far_merges.items():
            what = "已忽略" if inside is None else f"按表格范围 {merge_ref(inside)} 处理"
            notes.append(f"工作表“{sheet.name}”的合并单元格 {merge_ref(written)} 远远超出表格范围，{what}（原文件不受影响）。")
    return notes


def _lost_features(data: bytes) -> list[str]:
    """Things openpyxl drops on save that the user may have in the file."""
    notes = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for info in zf.infolist():
                if info.filename.startswith("xl/drawings/drawing") and info.file_size < 5_000_000:
                    if b"<xdr:sp>" in zf.read(info) or b"<xdr:sp " in zf.read(info):
                        notes.append("原文件中的文本框、形状等图形不会出现在输出文件中（原文件不受影响）。")
                        break
    except (zipfile.BadZipFile, OSError):
        pass
    return notes


def _from_grids(book: RawBook) -> tuple[Any, dict[str, str]]:
    import datetime as dt

    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    titles: dict[str, str] = {}
    for sheet in book.sheets:
        ws = wb.create_sheet(unique_sheet_name(wb, _sheet_title(sheet.name)))
        titles[sheet.name] = ws.title
        for r, row in enumerate(sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                if isinstance(value, dt.timedelta):
                    value = str(value)
                set_value(ws.cell(r, c), value)
                if isinstance(value, (dt.date, dt.datetime)):
                    ws.cell(r, c).number_format = "yyyy-mm-dd"
                elif isinstance(value, float) and not value.is_integer():
                    decimals = sheet.decimals(r - 1, c - 1)  # 1985.10 stays 1985.10, not 1985.1
                    if decimals:
                        ws.cell(r, c).number_format = "0." + "0" * decimals
        for r0, c0, r1, c1 in sheet.merged:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    return wb, titles


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    return cleaned or "Sheet"


def first_free_column(ws: Any, width: int, rows: set[int]) -> int:
    """The first column right of `width` (the used width) that no merged range on
    any of `rows` covers, so cells written there never land inside a merge. Ranges are
    compared by their bounds, never walked cell by cell."""
    import bisect

    ordered = sorted(rows)
    col = width + 1
    for rng in sorted(ws.merged_cells.ranges, key=lambda m: m.min_col):
        if rng.max_col >= col:
            i = bisect.bisect_left(ordered, rng.min_row)
            if i < len(ordered) and ordered[i] <= rng.max_row:
                col = max(col, rng.max_col + 1)
    return col


class MergeAnchors:
    """Cell -> the top-left cell of the merged range covering it (the only cell that can
    carry a fill or a comment). Small ranges are indexed cell by cell; a large one (a
    merge over a whole column) is kept as its bounds."""

    SMALL = 10_000

    def __init__(self, ranges: Any) -> None:
        self.cells: dict[tuple[int, int], tuple[int, int]] = {}
        self.large: list[Any] = []
        for rng in ranges:
            if (rng.max_row - rng.min_row + 1) * (rng.max_col - rng.min_col + 1) > self.SMALL:
                self.large.append(rng)
                continue
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    self.cells[(r, c)] = (rng.min_row, rng.min_col)

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        hit = self.cells.get((row, col))
        if hit is not None:
            return hit
        for rng in self.large:
            if rng.min_row <= row <= rng.max_row and rng.min_col <= col <= rng.max_col:
                return rng.min_row, rng.min_col
        return row, col


def add_header_columns(ws: Any, header_rows: tuple[int, ...], start: int, labels: list[str],
                       widths: list[float] | None = None) -> None:
    """Header cells for added columns, styled like a header and merged down over a
    two-row header."""
    from openpyxl.utils import get_column_letter

    from cadre_cli.errors import OutputError

    if start + len(labels) - 1 > MAX_COLUMN:
        raise OutputError(f"工作表“{ws.title}”右边没有空列可以写入结果（Excel 最多到 XFD 列），没有写出文件。")
    st = styles()
    top, bottom = header_rows[0], header_rows[-1]
    for offset, label in enumerate(labels):
        col = start + offset
        cell = ws.cell(top, col)
        set_value(cell, label)
        for r in range(top, bottom + 1):
            ws.cell(r, col).border = st["border"]
        cell.font, cell.alignment, cell.fill = st["head_font"], st["center"], st["fill"](HEADER_FILL)
        if bottom > top:
            ws.merge_cells(start_row=top, start_column=col, end_row=bottom, end_column=col)
        if widths:
            ws.column_dimensions[get_column_letter(col)].width = widths[offset]
    own_output.note_columns(ws, range(start, start + len(labels)))


MAX_CELL_TEXT = 32_767  # Excel refuses a cell or a comment with more characters


def fit_text(text: str, limit: int = MAX_CELL_TEXT) -> str:
    """Text within Excel's limit; a cut text says so at its end."""
    text = ILLEGAL.sub("", text)
    if len(text) <= limit:
        return text
    tail = "……（过长，已截断）"
    return text[: limit - len(tail)] + tail


def set_value(cell: Any, value: Any) -> None:
    """The one writer of every value the tool puts into a cell: text (from a roster, a
    policy, a title, a note) is always stored as text, never a formula, within Excel's
    length limit and without characters XML cannot hold."""
    if isinstance(value, str):
        cell.value = fit_text(value)
        cell.data_type = "s"
    else:
        cell.value = value


def unique_sheet_name(wb: Any, wanted: str) -> str:
    name, n = wanted, 2
    while name in wb.sheetnames:
        name = f"{wanted}{n}"
        n += 1
    return name


def styles() -> dict[str, Any]:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "head_font": Font(name="宋体", bold=True, size=11),
        "title_font": Font(name="方正小标宋简体", size=16),
        "body_font": Font(name="宋体", size=11),
        "link_font": Font(name="宋体", size=11, color="0563C1", underline="single"),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "fill": lambda color: PatternFill("solid", fgColor=color),
    }


class StyleStamp:
    """Cell styles computed once and stamped onto many cells.

    Assigning openpyxl style objects (font, border, fill…) hashes them into the
    workbook's style tables on every assignment: seconds for tens of thousands of
    cells. A stamp applies a combination once, keeps the cell's style index array and
    copies it onto the next cells with the same `key`. One stamp per workbook.
    """

    def __init__(self) -> None:
        self._arrays: dict[Any, Any] = {}

    def apply(self, cell: Any, key: Any, attrs: Callable[[], dict[str, Any]]) -> None:
        """Style `cell` as `attrs()` (font=…, fill=…, number_format=…) says; `attrs` is
        only called the first time a `key` is seen."""
        array = self._arrays.get(key)
        if array is not None:
            cell._style = copy.copy(array)
            return
        for name, value in attrs().items():
            setattr(cell, name, value)
        self._arrays[key] = copy.copy(cell._style)

    def restyle(self, cell: Any, key: Any, attrs: Callable[[], dict[str, Any]]) -> None:
        """Change some attributes of a cell that keeps the rest of its own style (a user's
        cell given a fill): stamped per (the cell's current style, `key`)."""
        current = None if cell._style is None else tuple(cell._style)  # a new cell has no style yet
        self.apply(cell, (current, key), attrs)


def display_width(text: str) -> int:
    """Width of `text` in column-width units: a Chinese character (and full-width
    punctuation) takes two. GBK encodes exactly those in two bytes, and measuring the
    encoding is six times faster than asking unicodedata character by character."""
    if text.isascii():
        return len(text)
    return len(text.encode("gbk", "replace"))


def cell_style(kind: str, fill: str | None = None, fmt: str | None = None) -> dict[str, Any]:
    """Attributes of the cell styles our sheets use: head, center, left, link."""
    st = styles()
    font = {"head": "head_font", "link": "link_font"}.get(kind, "body_font")
    attrs = {"font": st[font], "border": st["border"], "alignment": st["left" if kind in ("left", "link") else "center"]}
    if fill or kind == "head":
        attrs["fill"] = st["fill"](fill or HEADER_FILL)
    if fmt:
        attrs["number_format"] = fmt
    return attrs


def print_sheet(wb: Any, name: str, title: str, headers: list[str], rows: list[list[Any]],
                widths: list[float] | None = None, notes: list[str] = (), landscape: bool = False,
                fills: list[str | None] | None = None, formats: list[str | None] | None = None) -> Any:
    """A new sheet ready to print: A4, title, header row repeated on every page.

    `formats` gives a number format per column (e.g. "0.00"), `fills` a colour per row."""
    st = styles()
    ws = wb.create_sheet(unique_sheet_name(wb, name))
    last = len(headers)
    set_value(ws.cell(1, 1), title)
    ws.cell(1, 1).font = st["title_font"]
    ws.cell(1, 1).alignment = st["center"]
    if last > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 30
    stamp = StyleStamp()
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(2, c)
        set_value(cell, text)
        stamp.apply(cell, ("head",), lambda: cell_style("head"))
    for r, row in enumerate(rows, start=3):
        fill = fills[r - 3] if fills else None
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if value is not None:
                set_value(cell, value)
            fmt = formats[c - 1] if formats and formats[c - 1] and not isinstance(value, (str, type(None))) else None
            kind = "left" if isinstance(value, str) and len(value) > 8 else "center"
            stamp.apply(cell, (kind, fill, fmt), lambda: cell_style(kind, fill, fmt))
    col_widths = widths or [12] * last
    for r, row in enumerate(rows, start=3):
        ws.row_dimensions[r].height = row_height(row, col_widths)
    last_data = len(rows) + 2
    r = len(rows) + 4
    for line in notes:
        set_value(ws.cell(r, 1), line)
        ws.cell(r, 1).alignment = st["left"]
        if last > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        ws.row_dimensions[r].height = row_height([line], [sum(col_widths)])
        r += 1
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(col_widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.freeze_panes = "A3"
    a4_fit_width(ws, last, landscape, title_rows=(2, 2))
    # the notes never start a page of their own under a repeated header: the last rows go with them
    paginate(ws, [(max(3, last_data - 1), r - 1)] if notes else [], last, title_rows=(2, 2))
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return ws


def worksheet(annotated: Annotated, name: str) -> Any:
    """The worksheet of a sheet as the reader named it."""
    return annotated.wb[annotated.titles.get(name, name)]


def grow_row(ws: Any, row: int, values: list[Any], widths: list[float]) -> None:
    """A user's row made tall enough for the wrapped text we add to it (never shorter
    than it was), so that nothing is hidden or cut off when printed."""
    need = row_height(values, widths)
    dim = ws.row_dimensions.get(row)
    if need > ((dim.height if dim is not None else None) or 15) + 0.5:
        ws.row_dimensions[row].height = need


def row_height(values: list[Any], widths: list[float], line_pt: float = 14.5) -> float:
    """A row tall enough for its wrapped text: Excel and LibreOffice do not grow rows
    written by openpyxl. A CJK character takes about two width units, a digit one."""
    lines = 1
    for value, width in zip(values, widths):
        if not isinstance(value, str):
            continue
        per_line = max(width - 1.5, 1)
        count = sum(max(1, -(-display_width(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, int(count))
    return round(line_pt * lines + 4, 1)



def save(annotated: Annotated, target: Path, mode_from: Path | None = None, password: str | None = None) -> Path:
    """Write the workbook atomically, marking the sheets and columns we added (see
    `own_output`); with `password`, locked with it (the input was)."""
    wb = annotated.wb
    own_output.mark(wb, Marks({n for n in wb.sheetnames if n not in annotated.original},
                              {ws.title: set(own_output.noted_columns(ws)) for ws in wb.worksheets}))
    write = annotated.wb.save
    if password is not None:
        from cadre_cli.writers.locked import locked_writer

        write = locked_writer(annotated.wb.save, password)
    try:
        return write_atomic(target, write, mode_from=mode_from)
    finally:
        archive = getattr(annotated.wb, "vba_archive", None)  # keep_vba leaves the input's zip open
        if archive is not None:
            archive.close()
