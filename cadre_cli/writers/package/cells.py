"""Cell references and the XML of cells we add."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from cadre_cli.writers.package.edits import CellValue
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import text

_REF = re.compile(rb"\$?([A-Za-z]{1,3})\$?(\d+)")
_LETTERS: dict[int, bytes] = {}


def letters(col: int) -> bytes:
    found = _LETTERS.get(col)
    if found is None:
        n, out = col, b""
        while n:
            n, rem = divmod(n - 1, 26)
            out = bytes([65 + rem]) + out
        found = _LETTERS[col] = out
    return found


def ref(row: int, col: int) -> bytes:
    return letters(col) + str(row).encode()


def col_number(name: bytes) -> int:
    n = 0
    for ch in name.upper():
        n = n * 26 + ch - 64
    return n


def parse_ref(value: bytes) -> tuple[int, int]:
    """(row, col) of b"AD12"."""
    m = _REF.fullmatch(value)
    if not m:
        raise PackageError(f"bad cell reference {value!r}")
    return int(m.group(2)), col_number(m.group(1))


def parse_range(value: bytes) -> tuple[int, int, int, int]:
    """(first row, first col, last row, last col) of b"A1:AD12" or b"B3"."""
    first, _, last = value.partition(b":")
    r0, c0 = parse_ref(first)
    r1, c1 = parse_ref(last) if last else (r0, c0)
    return min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)


def range_ref(r0: int, c0: int, r1: int, c1: int) -> bytes:
    return ref(r0, c0) if (r0, c0) == (r1, c1) else ref(r0, c0) + b":" + ref(r1, c1)


_STYLE_ATTRS: dict[int, bytes] = {0: b""}
_TAGS: dict[bytes, tuple[bytes, bytes, bytes, bytes, bytes]] = {}


def _tags(p: bytes) -> tuple[bytes, bytes, bytes, bytes, bytes]:
    """The fixed pieces of a new cell's XML under the namespace prefix `p`."""
    found = _TAGS.get(p)
    if found is None:
        found = _TAGS[p] = (b' t="inlineStr"><' + p + b"is><" + p + b't xml:space="preserve">',
                            b"</" + p + b"t></" + p + b"is></" + p + b"c>",
                            b"><" + p + b"v>", b"</" + p + b"v></" + p + b"c>", b' t="b"><' + p + b"v>")
    return found


def cell_rest(p: bytes, style: int, value: CellValue) -> bytes:
    """Everything of a new cell after its `r` attribute. Text is an inline string, never
    a formula; numbers are written exactly as given (Decimal as its digits)."""
    s = _STYLE_ATTRS.get(style)
    if s is None:
        s = _STYLE_ATTRS[style] = b' s="%d"' % style
    kind = value.__class__
    if kind is str:
        if not value:
            return s + b"/>"
        open_is, close_is, _, _, _ = _tags(p)
        return s + open_is + text(value) + close_is
    if value is None:
        return s + b"/>"
    _, _, open_v, close_v, open_b = _tags(p)
    if kind is bool:
        return s + open_b + (b"1" if value else b"0") + close_v
    if kind is int or kind is Decimal or kind is float or isinstance(value, (int, float, Decimal)):
        if (kind is float and not math.isfinite(value)) or (kind is Decimal and not value.is_finite()):
            raise PackageError("a number that is not finite")
        return s + open_v + str(value).encode() + close_v
    if isinstance(value, str):
        return cell_rest(p, style, str(value))
    raise PackageError(f"cannot write a {type(value).__name__} into a cell")
