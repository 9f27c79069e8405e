"""Numbers as typed: `85.5`, `８５.５`, `85.5分`, `12票`; blank is not zero; `缺考` is absent.

Values become `Decimal` so arithmetic stays exact; rounding is always half-up (四舍五入).
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, nfkc


class _Absent:
    """The candidate did not sit the exam (缺考): no score, and not zero."""

    _instance: _Absent | None = None

    def __new__(cls) -> _Absent:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "ABSENT"

    def __bool__(self) -> bool:
        return False


ABSENT = _Absent()
ABSENT_WORDS = frozenset({"缺考", "缺席", "弃考", "未参加", "未参考", "放弃", "未到"})
_UNITS = ("分", "票", "人", "名", "个", "次", "篇", "年", "%")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
TWO_PLACES = Decimal("0.01")


def parse_number(raw: object) -> Decimal | _Absent | None:
    """A number cell as Decimal; None for blank; ABSENT for 缺考 and its synonyms."""
    kind = raw.__class__
    if kind is float and raw - raw == 0:  # most cells: a finite number as read (nan and inf fall through)
        return Decimal(repr(raw))
    if kind is int:
        return Decimal(raw)
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise ValueProblem(f"“{raw}”不是数字")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueProblem("不是数字")
        return Decimal(repr(raw))
    if not isinstance(raw, str):
        raise ValueProblem(f"“{raw}”不是数字")
    shown = raw.strip()
    s = "".join(nfkc(shown).split()).replace(",", "")
    if s in ABSENT_WORDS:
        return ABSENT
    for unit in _UNITS:
        if s.endswith(unit) and len(s) > len(unit):
            s = s[: -len(unit)]
            break
    if not _NUMBER.match(s):
        raise ValueProblem(f"“{shown}”不是数字")
    try:
        return Decimal(s)
    except InvalidOperation:  # pragma: no cover - the regex admits only valid literals
        raise ValueProblem(f"“{shown}”不是数字") from None


def parse_count(raw: object) -> int | None:
    """A whole count (votes, people, talks); blank is None."""
    value = parse_number(raw)
    if value is None:
        return None
    if value is ABSENT:
        raise ValueProblem(f"“{raw}”不是人数或次数")
    assert isinstance(value, Decimal)
    if value != value.to_integral_value() or value < 0:
        raise ValueProblem(f"“{raw}”不是非负整数")
    return int(value)


def percent(value: Fraction | Decimal | int, places: int = 2) -> str:
    """A share as a user reads it: ×100, 四舍五入 to `places` decimals, trailing zeros
    dropped: 0.12345 -> 12.35%, 1/2 -> 50%, 2/3 -> 66.67%. The one percent formatter."""
    shown = round_half_up(Fraction(value) * 100, Decimal(1).scaleb(-places))
    return f"{shown.normalize():f}%"


def round_half_up(value: Decimal | Fraction, places: Decimal = TWO_PLACES) -> Decimal:
    """四舍五入 to two decimals (or `places`), never banker's rounding.

    A Fraction (an exact mean such as 600.5/7) is rounded exactly, with no decimal
    approximation first: halves go away from zero, as Excel's ROUND does.
    """
    if isinstance(value, Decimal):
        return value.quantize(places, rounding=ROUND_HALF_UP)
    scale = _SCALES.get(places)
    if scale is None:
        scale = _SCALES[places] = 10 ** max(0, -places.as_tuple().exponent)
    num, den = value.numerator, value.denominator
    whole = (2 * abs(num) * scale + den) // (2 * den)  # floor(|value|·scale + ½), in integers
    return (Decimal(whole if num >= 0 else -whole) / scale).quantize(places)


_SCALES: dict[Decimal, int] = {}
