"""Text normalisation shared by the header matcher and the value parsers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


_JOINERS = str.maketrans({"/": None, "／": None, "、": None, "\\": None})
# `姓名_real_name`, `出生年月_birth_date`: an HR system's column id after the Chinese header
_ASCII_ID_TAIL = re.compile(r"(?<=[\u4e00-\u9fff)\]])_[A-Za-z][A-Za-z0-9_]*$")
_JUDGE_NUMBER = re.compile(r"(评委|专家|考官|考评员)[(](\d{1,2}|[一二三四五六七八九十]{1,3})[)]")
_SQUARE = str.maketrans({"【": "(", "】": ")", "〔": "(", "〕": ")", "［": "(", "］": ")"})


@lru_cache(maxsize=8192)
def _header_key(text: str) -> str:
    s = _JUDGE_NUMBER.sub(r"\1\2", squash(text).translate(_SQUARE))  # 评委（1） keeps its number
    previous = None
    while previous != s:
        previous = s
        s = _BRACKET_RE.sub("", s)
    s = _ASCII_ID_TAIL.sub("", s).strip("*＊:：·.、")
    return s.replace("（", "").replace("）", "").translate(_JOINERS)


def header_key(text: object) -> str:
    """The form a header is matched in: no spaces, no bracketed units, no trailing marks.

    `出生\\n年月` -> `出生年月`; `笔试成绩（分）` -> `笔试成绩`; `姓　　名*` -> `姓名`;
    `最高学历/学位` -> `最高学历学位`; `姓名_real_name` -> `姓名`.
    """
    if text is None:
        return ""
    return _header_key(str(text))


def cell_text(value: object) -> str:
    """A cell's value as display text, stripped; '' for blank."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# What offices type for "nothing here": an explicit blank, not an unreadable value.
EXPLICIT_BLANKS = frozenset({"/", "／", "\\", "-", "--", "—", "——", "－", "–", "无", "暂无", "没有", "空", "未填",
                             "N/A", "n/a", "NA", "无此项", "不详"})


def is_explicit_blank(value: object) -> bool:
    """`/`, `—`, `无`, `暂无`…: the cell says there is nothing (for a date: it never happened)."""
    return isinstance(value, str) and len(value) <= 8 and squash(value) in EXPLICIT_BLANKS
