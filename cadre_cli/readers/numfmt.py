"""Number formats of single cells, read only where a value is ambiguous.

Every reader returns the number 1985.1 for a cell typed `1985.10` (October) and for one
typed `1985.1` (January). Only the cell's number format (`0.00` against `General`)
tells them apart, and python-calamine does not expose it. This module reads it
straight from the file, lazily, one column at a time: the sheet XML of .xlsx/.xlsm,
the BIFF records of .xls, the displayed text of .ods.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from cadre_cli.readers.cells import col_letter
from cadre_cli.readers.guard import Kind

Decimals = Callable[[int, int], "int | None"]

# Built-in number formats (ECMA-376 18.8.30) and the decimals they show.
_BUILTIN_DECIMALS = {1: 0, 2: 2, 3: 0, 4: 2, 9: 0, 10: 2, 11: 2, 12: 0, 13: 0, 37: 0, 38: 0, 39: 2, 40: 2, 48: 1}


def format_decimals(code: str) -> int | None:
    """Decimals shown by a format code: `0.00` -> 2, `General` -> None, `0` -> 0."""
    section = code.split(";", 1)[0]
    section = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", section)
    if section.strip().lower() in ("general", "@", ""):
        return None
    if "." not in section:
        return 0 if "0" in section or "#" in section else None
    frac = section.split(".", 1)[1]
    return len(re.match(r"[0#?]*", frac).group(0))


class _Nothing:
    def for_sheet(self, name: str) -> Decimals:
        return lambda row, col: None


def decimals_reader(path: Path | bytes, kind: Kind) -> _Nothing | _Xlsx | _Xls | _Ods:
    """`path` is the file, or the workbook's bytes when it was decrypted or recoded in memory."""
    if kind in (Kind.XLSX, Kind.XLSM):
        return _Xlsx(path)
    if kind is Kind.XLS:
        return _Xls(path)
    if kind is Kind.ODS:
        return _Ods(path)
    return _Nothing()


class _ColumnCache:
    """Per-sheet lookup that loads one column's formats on first use."""

    def __init__(self, load_column: Callable[[int], dict[int, int | None]]) -> None:
        self._load = load_column
        self._columns: dict[int, dict[int, int | None]] = {}

    def __call__(self, row: int, col: int) -> int | None:
        if col not in self._columns:
            try:
                self._columns[col] = self._load(col)
            except Exception:  # a format we cannot read never stops the reading
                self._columns[col] = {}
        return self._columns[col].get(row)


def _zip(source: Path | bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


class _Xlsx:
    def __init__(self, path: Path | bytes) -> None:
        self.path = path
        self._meta: tuple[dict[str, str], list[int | None]] | None = None

    def _load_meta(self) -> tuple[dict[str, str], list[int | None]]:
        if self._meta is None:
            from defusedxml import ElementTree as ET

            ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
            rel_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
            with _zip(self.path) as zf:
                book = ET.fromstring(zf.read("xl/workbook.xml"))
                rels = ET.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
                styles = ET.fromstring(zf.read("xl/styles.xml")) if "xl/styles.xml" in zf.namelist() else None
            targets = {r.get("Id"): r.get("Target", "") for r in rels}
            parts = {}
            for sheet in book.iterfind("m:sheets/m:sheet", ns):
                target = targets.get(sheet.get(rel_ns), "")
                parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
            codes: dict[int, str] = {}
            xf_decimals: list[int | None] = []
            if styles is not None:
                for fmt in styles.iterfind("m:numFmts/m:numFmt", ns):
                    codes[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
                for xf in styles.iterfind("m:cellXfs/m:xf", ns):
                    fid = int(xf.get("numFmtId", "0"))
                    xf_decimals.append(format_decimals(codes[fid]) if fid in codes else _BUILTIN_DECIMALS.get(fid))
            self._meta = (parts, xf_decimals)
        return self._meta

    def for_sheet(self, name: str) -> Decimals:
        def load(col: int) -> dict[int, int | None]:
            parts, xf_decimals = self._load_meta()
            with _zip(self.path) as zf:
                xml = zf.read(parts[name])
            letters = col_letter(col + 1).encode()
            found: dict[int, int | None] = {}
            for m in re.finditer(rb'<c r="' + letters + rb'(\d+)"([^>]*)>', xml):
                s = re.search(rb'\ss="(\d+)"', m.group(2))
                if s and int(s.group(1)) < len(xf_decimals):
                    found[int(m.group(1)) - 1] = xf_decimals[int(s.group(1))]
            return found

        return _ColumnCache(load)


class _Xls:
    """Minimal BIFF8 walk: FORMAT and XF records, then NUMBER/RK/MULRK cells."""

    def __init__(self, path: Path | bytes) -> None:
        self.path = path
        self._cells: dict[str, dict[tuple[int, int], int | None]] | None = None

    def _load(self) -> dict[str, dict[tuple[int, int], int | None]]:
        if self._cells is None:
            import olefile

            with olefile.OleFileIO(self.path if isinstance(self.path, bytes) else str(self.path)) as ole:
                stream = "Workbook" if ole.exists("Workbook") else "Book"
                data = ole.openstream(stream).read()
            self._cells = _walk_biff(data)
        return self._cells

    def for_sheet(self, name: str) -> Decimals:
        def load(col: int) -> dict[int, int | None]:
            cells = self._load().get(name, {})
            return {r: d for (r, c), d in cells.items() if c == col}

        return _ColumnCache(load)


def _records(data: bytes, pos: int):
    while pos + 4 <= len(data):
        rtype, size = struct.unpack_from("<HH", data, pos)
        yield rtype, data[pos + 4 : pos + 4 + size]
        if rtype == 0x000A:
            return
        pos += 4 + size


def _unicode(body: bytes, offset: int, cch: int) -> str:
    high = body[offset] & 0x01
    start = offset + 1
    raw = body[start : start + cch * (2 if high else 1)]
    return raw.decode("utf-16-le" if high else "latin-1", errors="replace")


def _walk_biff(data: bytes) -> dict[str, dict[tuple[int, int], int | None]]:
    codes: dict[int, str] = {}
    xfs: list[int] = []
    sheets: list[tuple[str, int]] = []
    for rtype, body in _records(data, 0):
        if rtype == 0x041E:
            ifmt, cch = struct.unpack_from("<HH", body, 0)
            codes[ifmt] = _unicode(body, 4, cch)
        elif rtype == 0x00E0:
            xfs.append(struct.unpack_from("<H", body, 2)[0])
        elif rtype == 0x0085:
            offset = struct.unpack_from("<I", body, 0)[0]
            sheets.append((_unicode(body, 7, body[6]), offset))
    xf_decimals = [format_decimals(codes[f]) if f in codes else _BUILTIN_DECIMALS.get(f) for f in xfs]

    def dec(xf: int) -> int | None:
        return xf_decimals[xf] if xf < len(xf_decimals) else None

    result: dict[str, dict[tuple[int, int], int | None]] = {}
    for name, offset in sheets:
        cells: dict[tuple[int, int], int | None] = {}
        for rtype, body in _records(data, offset):
            if rtype in (0x0203, 0x027E) and len(body) >= 6:
                row, col, xf = struct.unpack_from("<HHH", body, 0)
                cells[(row, col)] = dec(xf)
            elif rtype == 0x00BD and len(body) >= 6:
                row, first = struct.unpack_from("<HH", body, 0)
                count = (len(body) - 6) // 6
                for i in range(count):
                    cells[(row, first + i)] = dec(struct.unpack_from("<H", body, 4 + 6 * i)[0])
        result[name] = cells
    return result


class _Ods:
    """The displayed text of float cells in content.xml tells the decimals shown."""

    _T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    _O = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"

    def __init__(self, path: Path | bytes) -> None:
        self.path = path
        self._cells: dict[str, dict[tuple[int, int], int | None]] | None = None

    def _load(self) -> dict[str, dict[tuple[int, int], int | None]]:
        if self._cells is not None:
            return self._cells
        from defusedxml import ElementTree as ET

        T, O = self._T, self._O
        result: dict[str, dict[tuple[int, int], int | None]] = {}
        with _zip(self.path) as zf, zf.open("content.xml") as fh:
            root = ET.parse(fh).getroot()
        for table in root.iter(T + "table"):
            cells: dict[tuple[int, int], int | None] = {}
            row = 0
            for tr in table.iter(T + "table-row"):
                col = 0
                for cell in tr:
                    repeat = int(cell.get(T + "number-columns-repeated", "1"))
                    if cell.get(O + "value-type") == "float":
                        shown = "".join(cell.itertext()).strip()
                        digits = re.search(r"\d+(?:\.(\d+))?", shown)  # `2012.10年`: two decimals
                        if digits:
                            cells[(row, col)] = len(digits.group(1) or "")
                    col += repeat
                row += int(tr.get(T + "number-rows-repeated", "1"))
            result[table.get(T + "name", "")] = cells
        self._cells = result
        return result

    def for_sheet(self, name: str) -> Decimals:
        def load(col: int) -> dict[int, int | None]:
            return {r: d for (r, c), d in self._load().get(name, {}).items() if c == col}

        return _ColumnCache(load)

