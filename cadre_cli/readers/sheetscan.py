"""What a worksheet's XML holds before any parser builds it: how far its cells reach,
and which rows and columns are hidden.

python-calamine builds a dense grid from the first to the last cell, so one value at
XFD1048576 asks it for 17 billion cells (it aborts the process). The scan bounds the
extent first, cheaply: one regular expression finds only the cells whose reference is
far (three letters, columns BA–ZZ, rows of six digits or more) or that carry no
reference at all (their position is implied); only such a sheet gets an exact pass.

Hidden rows (`hidden="1"`: hidden by hand, in a collapsed outline group, or filtered
out by an autofilter) and hidden columns (`<col hidden="1">`) are read from the same
bytes: they are private by default in a published notice.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from cadre_cli.readers.cells import col_index, col_letter

CHUNK = 1 << 22
OVERLAP = 64
# columns A..AZ and rows below 100,000 are never reported by the fast pass
SAFE_COLS = 52
SAFE_ROWS = 99_999

NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass
class SheetScan:
    max_row: int = 0  # 1-based bounds of the cells that hold something (an upper bound unless exact)
    max_col: int = 0
    exact: bool = False
    far_cell: str | None = None  # the reference of the farthest cell, when exact
    hidden_rows: set[int] = field(default_factory=set)  # 1-based
    hidden_cols: list[tuple[int, int]] = field(default_factory=list)  # 1-based, inclusive

    @property
    def area(self) -> int:
        return self.max_row * self.max_col

    def col_hidden(self, col: int) -> bool:
        return any(lo <= col <= hi for lo, hi in self.hidden_cols)


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """Sheet name -> (zip member of its XML, state: visible | hidden | veryHidden)."""
    from defusedxml import ElementTree as ET

    try:
        book = ET.fromstring(zf.read("xl/workbook.xml"))
        rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
    except (KeyError, ET.ParseError, ValueError):
        return {}
    targets = {r.get("Id"): r.get("Target", "") for r in rels}
    parts = {}
    for sheet in book.iter(f"{{{NS_MAIN}}}sheet"):
        target = targets.get(sheet.get(f"{{{NS_REL}}}id"), "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target)
        parts[sheet.get("name", "")] = (member, sheet.get("state", "visible"))
    return parts


def _patterns(prefix: bytes) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    c = re.escape(b"<" + prefix + b"c")
    far = re.compile(c + rb'(?: r="(?:([A-Z]{3,})[0-9]|([B-Z][A-Z])[0-9]|[A-Z]{1,3}([0-9]{6,})")|( (?!r=)|>|/>))')
    hidden = re.compile(re.escape(b"<" + prefix + b"row") + rb'\b([^>]*\bhidden="(?:1|true)"[^>]*)>')
    cols = re.compile(re.escape(b"<" + prefix + b"col") + rb'\b([^>]*)/?>')
    return far, hidden, cols


_PREFIX = re.compile(rb"<(\w{1,20}:)?worksheet\b")
_ATTR_R = re.compile(rb'\br="(\d+)"')


def scan_sheet(zf: zipfile.ZipFile, member: str, limit: int) -> SheetScan:
    """The sheet's extent (exact when the fast pass saw anything unusual or the bound
    exceeds `limit` cells) and its hidden rows and columns."""
    scan = SheetScan()
    with zf.open(member) as fh:
        head = fh.read(CHUNK)
        m = _PREFIX.search(head[:4096])
        prefix = (m.group(1) or b"") if m else b""
        far, hidden, cols = _patterns(prefix)
        _hidden_cols(scan, cols, head[: head.find(b"<" + prefix + b"sheetData")] if b"sheetData" in head else b"")
        max_row, max_col, implied = 0, 0, False
        chunk, carry = head, b""
        while chunk:
            text = carry + chunk
            for letters3, letters2, digits, other in far.findall(text):
                if other:
                    implied = True
                elif letters3 or letters2:
                    max_col = max(max_col, col_index((letters3 or letters2).decode()))
                else:
                    max_row = max(max_row, int(digits))
            for attrs in hidden.findall(text):
                r = _ATTR_R.search(attrs)
                if r:
                    scan.hidden_rows.add(int(r.group(1)))
            carry = text[-OVERLAP:]
            if implied:
                break
            chunk = fh.read(CHUNK)
    scan.max_row = max_row or SAFE_ROWS
    scan.max_col = max(max_col, SAFE_COLS)
    if implied or scan.area > limit:
        _exact(zf, member, prefix, scan, limit)
    return scan


def _hidden_cols(scan: SheetScan, pattern: re.Pattern, head: bytes) -> None:
    for attrs in pattern.findall(head):
        if re.search(rb'\bhidden="(?:1|true)"', attrs):
            lo = re.search(rb'\bmin="(\d+)"', attrs)
            hi = re.search(rb'\bmax="(\d+)"', attrs)
            if lo and hi:
                scan.hidden_cols.append((int(lo.group(1)), min(int(hi.group(1)), 16384)))


def _exact(zf: zipfile.ZipFile, member: str, prefix: bytes, scan: SheetScan, limit: int) -> None:
    """Every cell's position as calamine places it (a cell without `r` follows the one
    before it; a row without `r` follows the row before it), stopping as soon as the
    extent is known to be over `limit`. Hidden rows are collected by the fast pass, which
    may have stopped early: they are read here too."""
    p = re.escape(prefix)
    token = re.compile(rb"<(/?)" + p + rb"(row|c)\b([^>]*?)(/?)>")
    ref = re.compile(rb'\br="([A-Z]{1,3})([0-9]{1,7})"')
    row, col = 0, 0
    max_row = max_col = 0
    far_cell = None
    with zf.open(member) as fh:
        carry = b""
        while True:
            chunk = fh.read(CHUNK)
            if not chunk and not carry:
                break
            text = carry + chunk
            cut = text.rfind(b"<") if chunk else len(text)
            body, carry = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            for close, tag, attrs, _ in token.findall(body):
                if tag == b"row":
                    if close:
                        continue
                    r = _ATTR_R.search(attrs)
                    row = int(r.group(1)) if r else row + 1
                    col = 0
                    if re.search(rb'\bhidden="(?:1|true)"', attrs):
                        scan.hidden_rows.add(row)
                    continue
                if close:
                    continue
                m = ref.search(attrs)
                if m:
                    col, cell_row = col_index(m.group(1).decode()), int(m.group(2))
                else:
                    col, cell_row = col + 1, row
                if cell_row > max_row or col > max_col:
                    max_row, max_col = max(max_row, cell_row), max(max_col, col)
                    far_cell = f"{col_letter(col)}{cell_row}"
                if max_row * max_col > limit:
                    scan.max_row, scan.max_col, scan.exact, scan.far_cell = max_row, max_col, True, far_cell
                    return
            if not chunk:
                break
    scan.max_row, scan.max_col, scan.exact, scan.far_cell = max_row, max_col, True, far_cell


def open_zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))
