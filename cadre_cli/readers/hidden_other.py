"""Hidden rows and columns of .xls and .ods workbooks (the .xlsx ones come from
`sheetscan`): calamine gives the cells and each sheet's visibility, not which rows or
columns the user hid, and hidden is private in a published notice.

- .xls (BIFF8): a ROW record with fDyZero (0x20: hidden by hand, in a collapsed outline
  group or filtered out), a COLINFO record with fHidden (0x01).
- .ods: `table:visibility="collapse"` or `"filter"` on a row or a column.
"""

from __future__ import annotations

import io
import struct
import zipfile

from cadre_cli.readers.sheetscan import SheetScan

# a hidden run of repeated rows past this is the empty rest of the sheet: not recorded
MAX_ROW = 1_048_576
MAX_REPEAT = 100_000


def scan_xls(data: bytes) -> dict[str, SheetScan]:
    """Sheet name -> its hidden rows and columns (1-based), from the Workbook stream."""
    import olefile

    from cadre_cli.readers.numfmt import _records, _unicode

    try:
        with olefile.OleFileIO(data) as ole:
            stream = "Workbook" if ole.exists("Workbook") else "Book"
            biff = ole.openstream(stream).read()
    except Exception:  # the reader reports a damaged file; nothing is hidden that we can see
        return {}
    sheets: list[tuple[str, int]] = []
    for rtype, body in _records(biff, 0):
        if rtype == 0x0085 and len(body) >= 8:  # BOUNDSHEET: stream offset, state, type, name
            sheets.append((_unicode(body, 7, body[6]), struct.unpack_from("<I", body, 0)[0]))
    out: dict[str, SheetScan] = {}
    for name, offset in sheets:
        scan = SheetScan()
        for rtype, body in _records(biff, offset):
            if rtype == 0x0208 and len(body) >= 14:  # ROW
                row, = struct.unpack_from("<H", body, 0)
                if struct.unpack_from("<H", body, 12)[0] & 0x0020:
                    scan.hidden_rows.add(row + 1)
            elif rtype == 0x007D and len(body) >= 10:  # COLINFO
                first, last = struct.unpack_from("<HH", body, 0)
                if struct.unpack_from("<H", body, 8)[0] & 0x0001:
                    scan.hidden_cols.append((first + 1, min(last + 1, 16384)))
        out[name] = scan
    return out


def scan_ods(data: bytes) -> dict[str, SheetScan]:
    """Sheet name -> its hidden rows and columns (1-based), from content.xml."""
    from defusedxml import ElementTree as ET

    t = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf, zf.open("content.xml") as fh:
            root = ET.parse(fh).getroot()
    except Exception:  # the reader reports a damaged file
        return {}
    out: dict[str, SheetScan] = {}
    for table in root.iter(t + "table"):
        scan = SheetScan()
        row = 0
        for tr in table.iter(t + "table-row"):
            repeat = int(tr.get(t + "number-rows-repeated", "1") or 1)
            if tr.get(t + "visibility", "visible") != "visible" and row < MAX_ROW:
                scan.hidden_rows.update(range(row + 1, row + 1 + min(repeat, MAX_REPEAT)))
            row += repeat
        col = 0
        for tc in table.iter(t + "table-column"):
            repeat = int(tc.get(t + "number-columns-repeated", "1") or 1)
            if tc.get(t + "visibility", "visible") != "visible" and col < 16384:
                scan.hidden_cols.append((col + 1, min(col + repeat, 16384)))
            col += repeat
        out[table.get(t + "name", "")] = scan
    return out
