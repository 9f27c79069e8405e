"""The package an annotated copy is patched from.

- An .xlsx/.xlsm: the input's own bytes (decrypted, if it was locked), so everything we
  do not mark is copied byte for byte.
- An .xls, .ods or .csv (or an HTML/XML "xls"): its grids (values and merged cells) in a
  new .xlsx made with openpyxl; the caller says so.
- A package the patcher refuses (`PackageError`), or one that holds what an earlier run
  added (which is taken out first): an openpyxl load and save of the input, which
  loses what openpyxl does not model; the caller says so.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from cadre_cli.errors import InputError, debug_detail
from cadre_cli.readers import own_output
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.own_output import Marks
from cadre_cli.readers.raw import RawBook


def saved(wb: Any) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def without_own(book: RawBook, stale: Marks) -> tuple[bytes, bool, list[str]]:
    """The input with what an earlier run added taken out: by patching its package (every
    other member its own bytes), else an openpyxl copy (and the notes on what that loses).
    Returns (bytes, whether they are the input's own package otherwise, notes)."""
    from cadre_cli.writers.package import PackageError
    from cadre_cli.writers.package.strip import strip_own

    try:
        return strip_own(book.data, set(stale.sheets), {k: set(v) for k, v in stale.columns.items()}), True, []
    except (PackageError, zipfile.BadZipFile, KeyError):
        data, lost = openpyxl_copy(book, stale, {})
        return data, False, lost


def openpyxl_copy(book: RawBook, stale: Marks | None, titles: dict[str, str]) -> tuple[bytes, list[str]]:
    """The input loaded and saved by openpyxl (what an earlier run added taken out),
    and the notes on what such a copy loses."""
    from openpyxl import load_workbook

    keep = book.kind is Kind.XLSM
    try:
        wb = load_workbook(io.BytesIO(without_far_merges(book)), keep_vba=keep)
        try:
            if stale:
                own_output.drop(wb, stale, titles)
            data = saved(wb)
        finally:
            archive = getattr(wb, "vba_archive", None)  # keep_vba leaves the input's zip open
            if archive is not None:
                archive.close()
    except Exception as exc:
        raise InputError(
            f"“{book.path.name}”的数据已读出，但无法复制成带标注的工作簿{debug_detail(exc)}；"
            "可以加 --no-output 只看屏幕结果，或用 Excel/WPS 把文件另存为 .xlsx 后再试。"
        ) from None
    return data, lost_features(book.data) + far_merge_notes(book)


def without_far_merges(book: RawBook) -> bytes:
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


def far_merge_notes(book: RawBook) -> list[str]:
    from cadre_cli.readers.raw import merge_ref

    notes = []
    for sheet in book.sheets:
        for written, inside in sheet.far_merges.items():
            what = "已忽略" if inside is None else f"按表格范围 {merge_ref(inside)} 处理"
            notes.append(f"工作表“{sheet.name}”的合并单元格 {merge_ref(written)} 远远超出表格范围，{what}（原文件不受影响）。")
    return notes


def lost_features(data: bytes) -> list[str]:
    """Things an openpyxl copy drops that the user may have in the file."""
    notes = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            for info in zf.infolist():
                if info.filename.startswith("xl/drawings/drawing") and info.file_size < 5_000_000:
                    body = zf.read(info)
                    if b"<xdr:sp>" in body or b"<xdr:sp " in body:
                        notes.append("原文件中的文本框、形状等图形不会出现在输出文件中（原文件不受影响）。")
                        break
            if any(n.lower() == "xl/cellimages.xml" for n in names):
                notes.append("原文件中用 WPS“嵌入单元格”的图片（如照片）不会出现在输出文件中（原文件不受影响）。")
    except (zipfile.BadZipFile, OSError):
        pass
    return notes


def from_grids(book: RawBook) -> tuple[bytes, dict[str, str]]:
    """An .xlsx of the book's grids (values and merged cells), and each sheet's title in it."""
    import datetime as dt

    from openpyxl import Workbook

    from cadre_cli.writers.workbook import set_value, unique_sheet_name

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
    return saved(wb), titles


def _sheet_title(name: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "_", name)[:31]
    return cleaned or "Sheet"


def sheet_names(data: bytes) -> list[str]:
    """The names of the sheets of a package."""
    from cadre_cli.writers.package.parts import open_package

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return [s.name for s in open_package(zf).sheets]
