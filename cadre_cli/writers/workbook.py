"""Annotated copies of the user's workbook: the original sheets as they were, plus our
columns, fills, comments and sheets. Values are written as values (never formulas).

An .xlsx/.xlsm is patched (`writers/package`): every part we do not mark is the
input's own bytes, macros included. .xls, .ods and .csv cannot be written back in
their own format, so their grids (values and merged cells) become a new .xlsx first,
and the caller says so (`writers/copy_base`). The sheets we add are made with openpyxl
in a scratch workbook and grafted into the copy.
"""

from __future__ import annotations

import copy
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
from cadre_cli.writers.package import BookEdits
from cadre_cli.writers.text_fit import fit_text
from cadre_cli.writers.user_sheet import UserSheet

RED = "FFC7CE"
AMBER = "FFEB9C"
BLUE = "DDEBF7"
GREEN = "C6EFCE"
HEADER_FILL = "D9E1F2"


@dataclass
class Annotated:
    """An annotated copy being made: the marks on the user's sheets as edits for the
    package patcher, and the sheets we add: print tables (`print_sheet`, written as
    sheet XML) and, for sheets that need openpyxl (charts), a scratch openpyxl
    workbook `wb`, made on first use, that holds only those (the other sheet names are
    reserved in it by placeholders)."""

    suffix: str  # ".xlsx" or ".xlsm"
    notes: list[str] = field(default_factory=list)  # Chinese sentences for the user
    titles: dict[str, str] = field(default_factory=dict)  # sheet name as read -> its name in the copy
    user_names: list[str] = field(default_factory=list)  # the user's sheets, as named in the copy
    book: RawBook | None = None
    base: bytes = b""  # the package patched: the input's own, or an .xlsx made from it
    own_base: bool = True  # `base` is the input's own package (else made by openpyxl)
    stale: Marks | None = None
    edits: BookEdits = field(default_factory=BookEdits)
    sheets: dict[str, UserSheet] = field(default_factory=dict)
    tables: list[Any] = field(default_factory=list)  # PrintTable
    added: list[str] = field(default_factory=list)  # names of the print tables, in order
    _wb: Any = None

    @property
    def original(self) -> set[str]:
        return set(self.user_names)

    @property
    def wb(self) -> Any:
        """The scratch openpyxl workbook (made on first use)."""
        if self._wb is None:
            from openpyxl import Workbook

            self._wb = Workbook()
            self._wb.remove(self._wb.active)
            for title in self.user_names + self.added:
                self._wb.create_sheet(title)
        return self._wb

    def new_name(self, wanted: str) -> str:
        """`wanted`, or `wanted2`, `wanted3`… if a sheet has that name (Excel compares
        names without case)."""
        taken = {n.lower() for n in self.user_names + self.added}
        if self._wb is not None:
            taken |= {n.lower() for n in self._wb.sheetnames}
        name, n = wanted, 2
        while name.lower() in taken:
            name = f"{wanted}{n}"
            n += 1
        return name

    def add_table(self, table: Any) -> None:
        self.tables.append(table)
        self.added.append(table.name)
        if self._wb is not None:  # reserved in the scratch workbook too, in its place
            self._wb.create_sheet(table.name)

    def added_sheets(self) -> list[str]:
        """Every sheet we add, in the order made."""
        if self._wb is None:
            return list(self.added)
        return [n for n in self._wb.sheetnames if n not in self.original]

    def sheet(self, name: str) -> UserSheet:
        """The edits of the user's sheet `name` (as the reader named it)."""
        found = self.sheets.get(name)
        if found is None:
            raw = next(s for s in self.book.sheets if s.name == name)
            title = self.titles.get(name, name)
            merged = raw.merged
            cols = self.stale.columns.get(title, set()) if self.stale else set()
            if cols:  # the earlier run's merges over its columns were taken out with them
                low, high = min(cols), max(cols)
                merged = [m for m in merged if not (m[3] + 1 >= low and m[1] + 1 <= high)]
            found = self.sheets[name] = UserSheet(title, self.edits.sheet(title), merged, raw.height)
        return found


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
    """The copy to annotate, and what the user should know about it. What this tool added
    on an earlier run (`stale`) is taken out, to be written afresh."""
    from cadre_cli.writers import copy_base

    name = book.path.name
    if book.kind in (Kind.XLSX, Kind.XLSM):
        notes = ["宏（VBA）已原样保留在输出文件中，本工具不会运行宏。"] if book.kind is Kind.XLSM else []
        notes += copy_base.far_merge_notes(book)
        annotated = Annotated(output_suffix(book.kind), notes, book=book, base=book.data, stale=stale or None)
        if stale:  # what the earlier run added is taken out first, to be written afresh
            annotated.base, annotated.own_base, lost = copy_base.without_own(book, stale)
            annotated.notes += lost
    else:
        from cadre_cli.readers.source import LABEL, spaced

        base, titles = copy_base.from_grids(book)
        annotated = Annotated(".xlsx", [f"“{name}”是{spaced(LABEL[book.kind])}格式，结果另存为 .xlsx（原文件的数值和合并单元格已"
                                        "复制，字体、颜色等格式未复制）。"], titles, book=book, base=base, own_base=False)
    annotated.user_names = _user_names(annotated)
    return annotated


def new_book() -> Annotated:
    """A workbook of our own sheets only (print tables, charts): an empty package that
    the sheets are added to."""
    from cadre_cli.writers.package.empty import empty_package

    return Annotated(".xlsx", base=empty_package())


def _user_names(annotated: Annotated) -> list[str]:
    """The names of the user's sheets in the copy, so that a sheet we add never takes one."""
    from cadre_cli.writers import copy_base
    from cadre_cli.writers.package import PackageError

    try:
        names = copy_base.sheet_names(annotated.base)
    except (PackageError, zipfile.BadZipFile, KeyError):
        names = [annotated.titles.get(s.name, s.name) for s in annotated.book.sheets]
    out: list[str] = []
    for title in names:
        if title.lower() not in {n.lower() for n in out}:
            out.append(title[:31] or "Sheet")
    return out




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


def print_sheet(annotated: Annotated, name: str, title: str, headers: list[str], rows: list[list[Any]],
                widths: list[float] | None = None, notes: list[str] = (), landscape: bool = False,
                fills: list[str | None] | None = None, formats: list[str | None] | None = None,
                links: list[str | None] | None = None, link_column: int | None = None,
                autofilter: bool = False) -> Any:
    """A new sheet ready to print (A4, title, header row repeated on every page), added
    to `annotated` as a `PrintTable` (see `writers/print_table.py`) and returned.

    `formats` gives a number format per column (e.g. "0.00"), `fills` a colour per row,
    `links` a hyperlink location per row for the cell in `link_column`."""
    from cadre_cli.writers.print_table import build

    table = build(annotated.new_name(name), title, headers, rows, widths, notes, landscape, fills, formats, links,
                  link_column, autofilter)
    annotated.add_table(table)
    return table


def row_height(values: list[Any], widths: list[float], line_pt: float = 14.5) -> float:
    """A row tall enough for its wrapped text: Excel and LibreOffice do not grow rows
    written by openpyxl. A CJK character takes about two width units, a digit one."""
    lines = 1
    for value, width in zip(values, widths):
        if value.__class__ is not str or not value:
            continue
        per_line = max(width - 1.5, 1)
        if 2 * len(value) <= per_line and "\n" not in value:  # fits one line even if every character is wide
            continue
        count = sum(max(1, -(-display_width(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, int(count))
    return round(line_pt * lines + 4, 1)



def save(annotated: Annotated, target: Path, mode_from: Path | None = None, password: str | None = None) -> Path:
    """Write the copy atomically: the base package patched with our marks and sheets,
    marked with the sheets and columns we added (see `own_output`); with `password`,
    locked with it (the input was)."""
    from cadre_cli.writers.package.graft import scratch_bytes

    added = annotated.added_sheets()
    columns = {s.name: set(s.added) for s in annotated.sheets.values() if s.added}
    annotated.edits.properties[own_output.PROPERTY] = Marks(set(added), columns).as_json()
    wb = annotated._wb
    if wb is not None:  # placeholders out: the scratch holds only the sheets it makes
        for title in annotated.original | {t.name for t in annotated.tables}:
            wb.remove(wb[title])

    def write(file: Any) -> None:
        scratch = scratch_bytes(wb) if wb is not None and wb.sheetnames else None
        _release(annotated)  # the scratch workbook's cells are not needed once saved
        _patch(annotated, file, scratch, added)

    if password is not None:
        from cadre_cli.writers.locked import locked_writer

        write = locked_writer(write, password)
    return write_atomic(target, write, mode_from=mode_from)


def _release(annotated: Annotated) -> None:
    """The scratch workbook's cells freed: they refer to their sheet (a cycle, and a batch
    run pauses the collector), so the sheets let go of them."""
    if annotated._wb is None:
        return
    for ws in annotated._wb.worksheets:
        ws._cells.clear()
    annotated._wb = None


def _patch(annotated: Annotated, file: Any, scratch: bytes | None, order: list[str]) -> None:
    """The base package with our edits; a package the patcher refuses is patched from an
    openpyxl copy of the input instead (which the user is told loses what it loses)."""
    from cadre_cli.writers import copy_base
    from cadre_cli.writers.package import PackageError, patch_package

    try:
        patch_package(annotated.base, file, annotated.edits, scratch, annotated.tables, order)
        return
    except PackageError as exc:
        if annotated.book is None:  # a workbook of our own: nothing to fall back on
            raise
        if not annotated.own_base:
            raise InputError(f"“{annotated.book.path.name}”的数据已读出，但无法复制成带标注的工作簿{debug_detail(exc)}；"
                             "可以加 --no-output 只看屏幕结果，或用 Excel/WPS 把文件另存为 .xlsx 后再试。") from None
    annotated.base, lost = copy_base.openpyxl_copy(annotated.book, annotated.stale, {})
    annotated.own_base = False
    annotated.notes += ["原文件中有本工具不能原样复制的内容，输出文件按常规方式另存（原文件不受影响）。", *lost]
    if hasattr(file, "seek"):
        file.seek(0)
        file.truncate()
    _patch(annotated, file, scratch, order)
