"""Text normalisation shared by the header matcher and the value parsers."""

from __future__ import annotations

import re
import unicodedata

_SPACE_RE = re.compile(r"\s+")
_BRACKET_RE = re.compile(r"[(\[{][^()\[\]{}]*[)\]}]")


def is_blank(value: object) -> bool:
    """True for None, '' and strings of whitespace only (including ideographic spaces)."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return False


def nfkc(text: str) -> str:
    """Full-width letters, digits, brackets and spaces to their half-width forms."""
    return unicodedata.normalize("NFKC", text)


def squash(text: str) -> str:
    """NFKC, then drop every whitespace character (line breaks, ideographic spaces)."""
    return _SPACE_RE.sub("", nfkc(text))


def header_key(text: object) -> str:
    """The form a header is matched in: no spaces, no bracketed units, no trailing marks.

    `出生\\n年月` -> `出生年月`; `笔试成绩（分）` -> `笔试成绩`; `姓　　名*` -> `姓名`.
    """
    if text is None:
        return ""
    s = squash(str(text))
    previous = None
    while previous != s:
        previous = s
        s = _BRACKET_RE.sub("", s)
    s = s.strip("*＊:：·.、")
    s = s.replace("（", "").replace("）", "")
    return s


def cell_text(value: object) -> str:
    """A cell's value as display text, stripped; '' for blank."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
