"""The arithmetic of scoring, exact: typed values are Decimals, sums of them are taken
in an unbounded decimal context, and every quotient is a Fraction until it is shown.

A shown value is rounded half-up to two decimals from the unrounded components, the
way Excel's ROUND applied to the whole formula does; with `round_stages` each stage
(考评分, 测评分, 演讲答辩) is rounded first and the final score is computed from the
rounded stages, as some localities do on paper.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import MAX_PREC, Context, Decimal, Inexact
from fractions import Fraction
from functools import lru_cache

from cadre_cli.parse.numbers import round_half_up

GRADES = ("excellent", "competent", "basic", "incompetent")
Number = Decimal | int | Fraction
_EXACT = Context(prec=MAX_PREC, traps=[Inexact])  # sums and products of Decimals never round


@lru_cache(maxsize=64)
def weights_of(*weights: Decimal | int) -> tuple[Fraction, ...]:
    """A policy's weights (0.6, 0.4) as exact fractions, made once per run, not per candidate."""
    return tuple(Fraction(w) for w in weights)


def exact(value: Number) -> Fraction:
    return value if value.__class__ is Fraction else Fraction(value)  # (isinstance on Fraction is an ABC check, slow)


def exact_sum(values: Sequence[Number]) -> Fraction:
    """The exact sum; Decimals are added as Decimals (fast), Fractions as Fractions."""
    if any(v.__class__ is Fraction for v in values):
        return sum(map(exact, values), Fraction(0))
    total = Decimal(0)
    for v in values:
        total = _EXACT.add(total, v)
    return Fraction(total)


def shown(value: Fraction) -> Decimal:
    """A value as printed: 四舍五入 to two decimals."""
    return round_half_up(value)


def panel_mean(marks: Sequence[Number], trim: bool = False) -> Fraction:
    """考评分: the mean of the judges' marks; with `trim`, one highest and one lowest
    mark are dropped first (去掉一个最高分和一个最低分)."""
    if not marks:
        raise ValueError("no marks")
    if trim:
        if len(marks) < 3:
            raise ValueError("trimming needs three marks")
        ordered = sorted(marks)[1:-1]
        return exact_sum(ordered) / len(ordered)
    return exact_sum(marks) / len(marks)


def poll_score(votes: Mapping[str, int], voters: int, points: Mapping[str, Number]) -> Fraction:
    """测评分 = (优秀票×100 + 称职票×80 + 基本称职票×60 + 不称职票×0) / 测评人数.

    The divisor is the number of evaluators, so an abstention lowers the score."""
    if voters <= 0:
        raise ValueError("no evaluators")
    products = [points[g] * votes.get(g, 0) if points[g].__class__ is Fraction else _EXACT.multiply(points[g], votes.get(g, 0))
                for g in GRADES]
    return exact_sum(products) / voters


@dataclass(frozen=True)
class Stages:
    """Exact stage values and the final score computed from them."""

    parts: tuple[Fraction, ...]
    final: Fraction


def weighted(parts: Sequence[Number], weights: Sequence[Fraction], round_stages: bool = False) -> Stages:
    """Σ weight×part: 答辩测评分 = 考评分×60% + 测评分×40% (or a plain sum with weights 1)."""
    used = tuple(exact(shown(exact(p))) if round_stages else exact(p) for p in parts)
    terms = [w * p for w, p in zip(weights, used)]
    return Stages(used, sum(terms[1:], terms[0]) if terms else Fraction(0))


def agrees(given: Decimal, computed: Fraction) -> bool:
    """Whether a value typed in the sheet matches the computed one at the precision it
    was typed with (85.1 agrees with 85.125; 85.13 does too; 85.2 does not)."""
    places = min(given.as_tuple().exponent, 0)
    return round_half_up(computed, Decimal(1).scaleb(places)) == given.quantize(Decimal(1).scaleb(places))
