"""公民身份号码 (GB 11643-1999): 18 characters with an ISO 7064 MOD 11-2 check
character, or a legacy 15-digit number that upgrades to 18. Numbers that a
spreadsheet stored as floating point have lost their last digits: flagged, never
guessed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from stdnum.cn import ric

from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, nfkc

_SHAPE18 = re.compile(r"^\d{17}[\dX]$")
_SHAPE15 = re.compile(r"^\d{15}$")


class OtherDocument(ValueProblem):
    """A passport or travel-permit number in the ID column: not wrong, but not a 居民身份证
    number either (no birth date or gender to check against)."""


# (pattern, what it is), tried in order; letters are upper case after normalisation
_OTHER_DOCUMENTS = (
    (re.compile(r"^(?:E[A-Z\d]\d{7}|[GDSP]\d{8}|[EGDSP][A-Z]\d{7})$"), "护照号码"),
    (re.compile(r"^(?:C[A-Z\d]\d{7}|W\d{8})$"), "往来港澳通行证号码"),
    (re.compile(r"^L\d{8}$"), "往来台湾通行证号码"),
    (re.compile(r"^[HM]\d{8}(?:\d{2})?$"), "港澳居民来往内地通行证号码"),
    (re.compile(r"^[A-Z]{1,2}\d{6}\(?[\dA]\)?$"), "香港身份证号码"),
)


def other_document(number: str) -> str | None:
    """What a number that is not an ID number looks like: 护照号码, 往来港澳通行证号码…"""
    for pattern, label in _OTHER_DOCUMENTS:
        if pattern.match(number):
            return label
    return None


@dataclass(frozen=True, slots=True)
class IdNumber:
    number: str  # the 18-character number (upgraded when `legacy`)
    birth: dt.date
    gender: str  # 男 / 女
    legacy: bool = False


def check_char(first17: str) -> str:
    """The MOD 11-2 check character for the first 17 digits (python-stdnum)."""
    return ric.calc_check_digit(first17 + "0")


def upgrade15(number15: str) -> str:
    """A 15-digit number (born 19xx) as its 18-character form."""
    body = number15[:6] + "19" + number15[6:]
    return body + check_char(body)


def _birth(number18: str, shown: str) -> dt.date:
    try:
        born = dt.date(int(number18[6:10]), int(number18[10:12]), int(number18[12:14]))
    except ValueError:
        raise ValueProblem(f"身份证号“{shown}”中的出生日期不存在") from None
    if not 1900 <= born.year <= 2100:
        raise ValueProblem(f"身份证号“{shown}”中的出生年份{born.year}不合理")
    return born


_SCIENTIFIC = re.compile(r"\d(?:\.\d+)?[eE]\+?1[4-9]")


def parse_id(raw: object) -> IdNumber | None:
    """Parse and validate an ID number; None for blank; ValueProblem when invalid."""
    if is_blank(raw):
        return None
    if isinstance(raw, float) or (isinstance(raw, int) and len(str(raw)) > 15):
        shown = f"{raw:.15g}" if isinstance(raw, float) else str(raw)
        if isinstance(raw, float) and raw.is_integer() and len(str(int(raw))) == 15:
            return parse_id(str(int(raw)))
        raise ValueProblem(f"身份证号被存成了数字（{shown}），末几位已丢失，请把该列设为文本后重新录入")
    if isinstance(raw, bool) or not isinstance(raw, (str, int)):
        raise ValueProblem(f"“{raw}”不是身份证号")
    shown = str(raw).strip()
    if _SCIENTIFIC.fullmatch(shown):  # what a number shows as in a CSV, a web page or a General cell
        raise ValueProblem(f"身份证号被存成了数字（{shown}），末几位已丢失，请把该列设为文本后重新录入")
    s = shown.upper() if shown.isascii() and " " not in shown else "".join(nfkc(shown).split()).upper()
    if _SHAPE15.match(s):
        full = upgrade15(s)
        birth = _birth(full, shown)
        return IdNumber(full, birth, "男" if int(s[14]) % 2 else "女", legacy=True)
    if not _SHAPE18.match(s):
        label = other_document(s)
        if label is not None:
            raise OtherDocument(f"证件号码“{shown}”是{label}，不是居民身份证号码，无法核对出生日期和性别")
        if len(s) not in (15, 18):
            raise ValueProblem(f"身份证号“{shown}”应为18位，实际{len(s)}位")
        raise ValueProblem(f"身份证号“{shown}”含有不应出现的字符")
    birth = _birth(s, shown)
    if check_char(s[:17]) != s[17]:
        raise ValueProblem(f"身份证号“{shown}”的校验位不正确（应为{check_char(s[:17])}）")
    return IdNumber(s, birth, "男" if int(s[16]) % 2 else "女")
