"""What must never be published, beyond the allow-list of `context`:

- a number that looks personal (an ID number, a mobile or landline phone number, a bank
  card) typed into a publishable cell (`股长（13834244393）`, `郭涛532527198506120034`),
  also when disguised with full-width digits, spaces, dashes, dots or zero-width
  characters between the digits. A hit stops that document with the cell named;
  nothing is masked silently.
- a column whose header says in brackets that it holds private data (`职务(手机)`,
  `现任职务（联系电话）`): bracketed text is dropped when headers are matched, so such a
  column is read as the post, but it is not published.
- hidden columns (unless --include-hidden).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from cadre_cli.model.hidden import hidden_fields
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import field_label

PRIVATE_WORDS = ("手机", "电话", "身份证", "证件", "住址", "地址", "联系方式", "银行", "卡号", "邮箱", "微信", "QQ")
_BRACKETED = re.compile(r"[(（\[【〔［{]([^)）\]】〕］}]*)[)）\]】〕］}]")
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_SEPARATORS = " \t\u3000-‐‑‒–—―.·・_~～"
_JOIN = re.compile(r"(?<=\d)[" + re.escape(_SEPARATORS) + r"]+(?=\d)")
_DATE = re.compile(r"(?:19|20)\d{2}\s*[.\-/年]\s*\d{1,2}(?:\s*[.\-/月]\s*\d{1,2}\s*日?)?")
_NUMBER = re.compile(r"\d{17}[Xx]|\d{7,}")


def private_header(header: str) -> str | None:
    """The private word a header names in brackets (`职务(手机)` -> 手机), if any."""
    for inside in _BRACKETED.findall(unicodedata.normalize("NFKC", header or "")):
        for word in PRIVATE_WORDS:
            if word.casefold() in inside.casefold():
                return word
    return None


def withheld_fields(table: Any, include_hidden: bool) -> dict[str, str]:
    """Fields of a table that are not published: field -> why, in Chinese."""
    if table is None:
        return {}
    out: dict[str, str] = {}
    for fld, col in table.columns.items():
        header = table.headers.get(col, "")
        word = private_header(header)
        if word:
            out[fld] = f"“{header}”列的表头注明含有{word}"
    if not include_hidden:
        for fld, header in hidden_fields(table).items():
            out.setdefault(fld, f"“{header}”列在工作簿中是隐藏的")
    return out


def _without_dates(text: str) -> str:
    """Dates (2019.06.15, 2019年6月) are not numbers to worry about, unless they are glued
    to more digits (an ID number written as 532527-1985-06-12-0034)."""

    def keep_or_drop(m: re.Match) -> str:
        before = text[: m.start()].rstrip(_SEPARATORS)
        after = text[m.end():].lstrip(_SEPARATORS)
        if (before and before[-1].isdigit()) or (after and after[0].isdigit()):
            return m.group()
        return "（日期）"

    return _DATE.sub(keep_or_drop, text)


def personal_number(value: object) -> tuple[str, str] | None:
    """(what it looks like, the digits) for a number in `value` that may be personal."""
    if value is None:
        return None
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(value)))
    if not any(ch.isdigit() for ch in text):
        return None
    text = _JOIN.sub("", _without_dates(text))
    m = _NUMBER.search(text)
    if m is None:
        return None
    digits = m.group()
    n = len(digits)
    if n in (15, 18):
        kind = "身份证号"
    elif n == 11 and digits.startswith("1"):
        kind = "手机号"
    elif 16 <= n <= 19:
        kind = "银行卡号"
    elif n <= 12:
        kind = "电话号码"
    else:
        kind = "个人号码"
    return kind, digits


def masked(digits: str) -> str:
    return digits[:3] + "*" * max(len(digits) - 7, 1) + digits[-4:] if len(digits) > 7 else "*" * len(digits)


@dataclass(frozen=True)
class Hit:
    where: str  # 工作表“名册”C5（职务）, or 文件名
    kind: str
    digits: str  # the digits, or for an invisible character its code (U+202E)

    def sentence(self) -> str:
        if self.kind == INVISIBLE_KIND:
            return f"{self.where}含有看不见的控制字符（{self.digits}），印出的公示可能缺字或次序颠倒"
        return f"{self.where}含有像{self.kind}的数字（{masked(self.digits)}），可能是个人信息"


INVISIBLE_KIND = "控制字符"
# Characters a printed notice cannot show as written: C0/C1 controls other than whitespace
# (tab, line and page breaks, which print as a space) — ESC of a terminal colour code, a bell, soft hyphen, bidi overrides and isolates (U+202E reorders
# a line in Word), zero-width characters and the BOM.
_PRINT_INVISIBLE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f"
                              "\u202a-\u202e\u2060-\u2069\ufeff]")


def invisible_char(value: object) -> str | None:
    """The code (`U+202E`) of the first character in `value` that a printed notice cannot show."""
    m = _PRINT_INVISIBLE.search(str(value)) if value is not None else None
    return f"U+{ord(m.group()):04X}" if m else None


def scan_person(person: Any, values: dict[str, str], cells: dict[str, CellRef | None],
                raw: dict[str, object] | None = None) -> list[Hit]:
    """Every published value of one person: field -> text as printed (a personal-looking
    number), and field -> the value as it stands in the cell (an invisible character, which
    the printed text has already turned into a space)."""
    hits = []

    def where(fld: str) -> str:
        cell = cells.get(fld)
        return f"{cell}（{field_label(fld)}）" if cell else f"第{person.row}行的{field_label(fld)}"

    for fld, text in values.items():
        found = personal_number(text)
        if found:
            hits.append(Hit(where(fld), *found))
    for fld, value in (raw or {}).items():
        code = invisible_char(value) if values.get(fld) else None
        if code:
            hits.append(Hit(where(fld), INVISIBLE_KIND, code))
    return hits


def scan_text(where: str, text: str) -> list[Hit]:
    found = personal_number(text)
    return [Hit(where, *found)] if found else []


def mark_tables(tables: list[Any], include_hidden: bool) -> list[str]:
    """Record on each table the fields it does not publish; a warning for each."""
    warnings = []
    for table in tables:
        table.withheld = withheld_fields(table, include_hidden)
        from cadre_cli.notice.context import PUBLISHABLE, RESULT_LABELS

        for fld, why in table.withheld.items():
            if fld in PUBLISHABLE or fld in RESULT_LABELS or fld.startswith("poll:"):
                warnings.append(f"工作表“{table.name}”{why}，该列不予公开。")
    return warnings
