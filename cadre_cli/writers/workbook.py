"""Annotated copies of the user's workbook: the original sheets as they were, plus our
columns, fills, comments and sheets. Values are written as values (never formulas).

.xlsx is loaded and saved with openpyxl; .xlsm keeps its macros (keep_vba); .xls,
.ods and .csv cannot be written back in their own format, so their grids (values and
merged cells) become a new .xlsx, and the caller says so.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.raw import RawBook
from cadre_cli.writers.atomic import write_atomic

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


def output_suffix(book: RawBook) -> str:
    return ".xlsm" if book.kind is Kind.XLSM else ".xlsx"


def open_for_annotation(book: RawBook) -> Annotated:
    """The workbook to annotate, and what the user should know about the copy."""
    from openpyxl import load_workbook

    name = book.path.name
    if book.kind in (Kind.XLSX, Kind.XLSM):
        keep = book.kind is Kind.XLSM
        try:
            wb = load_workbook(book.path, keep_vba=keep)
        except Exception as exc:
            raise InputError(
                f"“{name}”的数据已读出，但无法复制成带标注的工作簿（{str(exc)[:80] or type(exc).__name__}）；"
                "可以加 --no-output 只看屏幕结果，或用 Excel/WPS 把文件另存为 .xlsx 后再试。"
            ) from None
        notes = ["宏（VBA）已原样保留在输出文件中，本工具不会运行宏。"] if keep else []
        notes += _lost_features(book.path)
        return Annotated(wb, output_suffix(book), notes)
    wb, titles = _from_grids(book)
    what = {Kind.XLS: ".xls（Excel 97–2003）", Kind.ODS: ".ods", Kind.CSV: ".csv"}[book.kind]
    return Annotated(wb, ".xlsx", [f"“{name}”是 {what} 格式，结果另存为 .xlsx（原文件的数值和合并单元格已复制，字体、颜色等格式未复制）。"],
                     titles)


def _lost_features(path: Path) -> list[str]:
    """Things openpyxl drops on save that the user may have in the file."""
    notes = []
    try:
        with zipfile.ZipFile(path) as zf:
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
        for r0, c0, r1, c1 in sheet.merged:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    return wb, titles


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    return cleaned or "Sheet"


def set_value(cell: Any, value: Any) -> None:
    """Write a value that stays what it is: text from a roster is never a formula."""
    if isinstance(value, str):
        cell.value = ILLEGAL.sub("", value)
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


def named_style(wb: Any, kind: str, fill: str | None = None) -> str:
    """A named cell style (registered once per workbook): one assignment per cell is
    four times faster than setting font, border, alignment and fill one by one.
    kinds: head, body, left, link."""
    from openpyxl.styles import NamedStyle

    name = f"cadre-{kind}" + (f"-{fill}" if fill else "")
    if name not in wb.named_styles:
        st = styles()
        style = NamedStyle(name=name, border=st["border"],
                           font=st["head_font" if kind == "head" else "link_font" if kind == "link" else "body_font"],
                           alignment=st["left" if kind in ("left", "link") else "center"])
        if fill or kind == "head":
            style.fill = st["fill"](fill or HEADER_FILL)
        wb.add_named_style(style)
    return name


def print_sheet(wb: Any, name: str, title: str, headers: list[str], rows: list[list[Any]],
                widths: list[float] | None = None, notes: list[str] = (), landscape: bool = False,
                fills: list[str | None] | None = None) -> Any:
    """A new sheet ready to print: A4, title, header row repeated on every page."""
    st = styles()
    ws = wb.create_sheet(unique_sheet_name(wb, name))
    last = len(headers)
    ws.cell(1, 1, title).font = st["title_font"]
    ws.cell(1, 1).alignment = st["center"]
    if last > 1:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 30
    head = named_style(wb, "head")
    for c, text in enumerate(headers, start=1):
        cell = ws.cell(2, c)
        set_value(cell, text)
        cell.style = head
    for r, row in enumerate(rows, start=3):
        fill = fills[r - 3] if fills else None
        center, left = named_style(wb, "body", fill), named_style(wb, "left", fill)
        for c, value in enumerate(row, start=1):
            cell = ws.cell(r, c)
            if value is not None:
                set_value(cell, value)
            cell.style = left if isinstance(value, str) and len(value) > 8 else center
    col_widths = widths or [12] * last
    for r, row in enumerate(rows, start=3):
        ws.row_dimensions[r].height = row_height(row, col_widths)
    r = len(rows) + 4
    for line in notes:
        ws.cell(r, 1, line).alignment = st["left"]
        if last > 1:
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        ws.row_dimensions[r].height = 30 if len(line) > 60 else 18
        r += 1
    from openpyxl.utils import get_column_letter

    for c, width in enumerate(col_widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = width
    ws.print_title_rows = "2:2"
    ws.freeze_panes = "A3"
    fit_to_width(ws, landscape)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return ws


def worksheet(annotated: Annotated, name: str) -> Any:
    """The worksheet of a sheet as the reader named it."""
    return annotated.wb[annotated.titles.get(name, name)]


def row_height(values: list[Any], widths: list[float], line_pt: float = 14.5) -> float:
    """A row tall enough for its wrapped text: Excel and LibreOffice do not grow rows
    written by openpyxl. A CJK character takes about two width units."""
    lines = 1
    for value, width in zip(values, widths):
        if not isinstance(value, str):
            continue
        per_line = max(int(width / 2) - 1, 1)
        count = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, count)
    return round(line_pt * lines + 4, 1)


def fit_to_width(ws: Any, landscape: bool = False) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def save(annotated: Annotated, target: Path, mode_from: Path | None = None) -> Path:
    try:
        return write_atomic(target, annotated.wb.save, mode_from=mode_from)
    finally:
        archive = getattr(annotated.wb, "vba_archive", None)  # keep_vba leaves the input's zip open
        if archive is not None:
            archive.close()
