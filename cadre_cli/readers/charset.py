"""Text encodings of the text formats offices receive (CSV, web pages, 2003 XML):
byte-order marks, UTF-16 without a mark, a declared charset, else UTF-8, else GB18030."""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1a\x1c-\x1f]")
# GB2312 and GBK pages decode as GB18030, their superset (a GBK page often holds GB18030-only names).
_CHINESE = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
            "euc-cn": "gb18030", "hz-gb-2312": "gb18030", "gb18030": "gb18030"}


def bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for mark, encoding in _BOMS:
        if data.startswith(mark):
            return encoding, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII markup has a zero in every other byte."""
    sample = data[:512]
    if len(sample) < 8:
        return None
    if sample[1::2].count(0) > len(sample) // 2 * 0.8 and sample[0::2].count(0) == 0:
        return "utf-16-le"
    if sample[0::2].count(0) > len(sample) // 2 * 0.8 and sample[1::2].count(0) == 0:
        return "utf-16-be"
    return None


def codec_name(declared: str | None) -> str | None:
    """A Python codec for a declared charset (`GB2312` -> gb18030), or None if unknown."""
    if not declared:
        return None
    name = declared.strip().strip("\"'").lower()
    if name in _CHINESE:
        return _CHINESE[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_encoding(data: bytes) -> str:
    """The encoding of text without a declaration: a mark, UTF-16, UTF-8, else GB18030."""
    found = bom(data)
    if found:
        return found[0]
    return utf16_without_bom(data) or ("utf-8" if _is_utf8(data) else "gb18030")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"  # a cut-off head
    return True


def head_text(head: bytes) -> str | None:
    """The first bytes of a file as text, or None when they are binary."""
    found = bom(head)
    encoding = found[0] if found else sniff_encoding(head)
    text = head[found[1] if found else 0:].decode(encoding, errors="ignore")
    if not text or len(_CONTROL.findall(text[:4096])) > 2:
        return None
    return text
