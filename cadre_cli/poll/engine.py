"""A tally from end to end: read the polls of a workbook, check the counts, compute.

The thresholds of R9/R10 and the grade points are the policy's existing `[poll]` and
`[score.grade_points]`, passed in so that `cadre poll` and `cadre audit` read the same
numbers the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.policy.tally import Tally
from cadre_cli.poll.book import read_polls
from cadre_cli.poll.checks import check_counts, check_results
from cadre_cli.poll.compute import compute
from cadre_cli.poll.model import PollData
from cadre_cli.poll.result import PollResult
from cadre_cli.readers.raw import RawBook, load_book
from cadre_cli.rules.registry import Severity


@dataclass
class TallyRun:
    source: str
    polls: list[PollResult] = field(default_factory=list)
    data: list[PollData] = field(default_factory=list)  # what each poll read, beside its result

    @property
    def findings(self) -> list[Diagnostic]:
        return [f for p in self.polls for f in p.findings]

    @property
    def has_errors(self) -> bool:
        return any(f.severity is Severity.ERROR for f in self.findings)

    def as_json(self) -> dict:
        return {"source": self.source, "polls": [p.as_json() for p in self.polls]}


def tally_book(book: RawBook, settings: Tally | None = None, *, unfit_share_max: Fraction | None = None,
               weak_share_max: Fraction | None = None, points: Mapping[str, Decimal] | None = None) -> TallyRun:
    settings = settings or Tally()
    run = TallyRun(book.path.name)
    for poll in read_polls(book, settings):
        before = check_counts(poll, settings)
        result = compute(poll, settings, points)
        result.findings.extend(before)
        result.findings.extend(check_results(poll, result, settings, unfit_share_max, weak_share_max))
        run.polls.append(result)
        run.data.append(poll)
    return run


def tally_file(path: Path, settings: Tally | None = None, **limits) -> TallyRun:
    return tally_book(load_book(path), settings, **limits)
