"""Standard competition ranking (1, 2, 2, 4) on the final score as shown.

Ranks follow the rounded values that are printed, so two people shown with the same
score share a rank, as they would with Excel's RANK on the rounded column. A policy
may list tie-breaks (`tie_break = ["panel", "poll"]`): stage values, higher first,
compared in order; people still equal share a rank.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from cadre_cli.score.model import Result

_LOWEST = Decimal("-Infinity")


def rank_key(result: Result, tie_break: Sequence[str]) -> tuple[Decimal, ...]:
    values = [result.final, *(getattr(result, stage) for stage in tie_break)]
    return tuple(_LOWEST if v is None else v for v in values)


def assign_ranks(results: Sequence[Result], tie_break: Sequence[str] = ()) -> None:
    """Set `rank` on every result that has a final score; others keep None."""
    ranked = sorted((r for r in results if r.final is not None), key=lambda r: rank_key(r, tie_break), reverse=True)
    previous: tuple[Decimal, ...] | None = None
    for position, result in enumerate(ranked, start=1):
        key = rank_key(result, tie_break)
        if key != previous:
            current, previous = position, key
        result.rank = current


def by_rank(results: Sequence[Result]) -> list[Result]:
    """Ranked people first, by rank (ties in sheet order), then the others in sheet order."""
    return sorted(results, key=lambda r: (r.rank is None, r.rank or 0, r.candidate.index))
