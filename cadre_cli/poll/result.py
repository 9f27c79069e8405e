"""The results of a tally as plain objects: exact Fractions, and the values as shown
(Decimals rounded half-up to the policy's places; shares as percentages)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.poll.model import Kind
from cadre_cli.readers.cells import CellRef


@dataclass
class ClassResult:
    cls: str
    label: str
    weight: Fraction | None = None  # the policy's weight
    used_weight: Fraction | None = None  # the weight applied (renormalised, or 0 for an absent class)
    absent: bool = False  # the class cast no votes
    base: int | None = None  # the denominator
    base_label: str = ""  # 实到人数, 有效票数 …
    base_where: str = ""
    # 民主推荐
    votes: int | None = None
    share: Fraction | None = None
    share_shown: Decimal | None = None
    # 民主测评
    grades: dict[str, int] = field(default_factory=dict)
    abstain: int | None = None
    voters: int | None = None
    score: Fraction | None = None
    score_shown: Decimal | None = None
    weak: Fraction | None = None  # (基本称职 + 不称职) / 测评人数 (R9)
    weak_shown: Decimal | None = None
    unfit: Fraction | None = None  # 不称职 / 测评人数 (R10)
    unfit_shown: Decimal | None = None

    def as_json(self) -> dict:
        out = {"class": self.cls, "label": self.label, "absent": self.absent, "base": self.base,
               "base_label": self.base_label, "weight": _frac(self.weight), "used_weight": _frac(self.used_weight)}
        if self.grades or self.score is not None:
            out.update({"grades": dict(self.grades), "abstain": self.abstain, "voters": self.voters,
                        "score": _dec(self.score_shown), "score_exact": _frac(self.score),
                        "weak_share": _dec(self.weak_shown), "unfit_share": _dec(self.unfit_shown)})
        else:
            out.update({"votes": self.votes, "share": _dec(self.share_shown), "share_exact": _frac(self.share)})
        return out


@dataclass
class CandidateResult:
    name: str
    post: str | None
    cell: CellRef | None
    order: int
    classes: list[ClassResult] = field(default_factory=list)
    votes: int | None = None  # all classes
    base: int | None = None
    overall: Fraction | None = None  # votes / base, pooled over the classes (推荐)
    overall_shown: Decimal | None = None
    weighted: Fraction | None = None  # Σ weight × class share (or class score)
    weighted_shown: Decimal | None = None
    score: Fraction | None = None  # 测评分 over all classes (pooled)
    score_shown: Decimal | None = None
    weak: Fraction | None = None
    weak_shown: Decimal | None = None
    unfit: Fraction | None = None
    unfit_shown: Decimal | None = None
    value: Fraction | None = None  # what ranks: weighted when the policy weights classes, else overall/score
    rank: int | None = None
    majority: bool | None = None  # 得票过半 (more than half of the denominator)
    qualified: bool | None = None  # meets the policy's 入围 conditions
    notes: list[str] = field(default_factory=list)

    def by_class(self, cls: str) -> ClassResult | None:
        return next((c for c in self.classes if c.cls == cls), None)

    def as_json(self) -> dict:
        return {
            "name": self.name, "post": self.post,
            "sheet": self.cell.sheet if self.cell else None, "cell": self.cell.ref if self.cell else None,
            "classes": [c.as_json() for c in self.classes],
            "votes": self.votes, "base": self.base,
            "overall_share": _dec(self.overall_shown), "overall_exact": _frac(self.overall),
            "weighted": _dec(self.weighted_shown), "weighted_exact": _frac(self.weighted),
            "score": _dec(self.score_shown), "score_exact": _frac(self.score),
            "weak_share": _dec(self.weak_shown), "unfit_share": _dec(self.unfit_shown),
            "rank": self.rank, "majority": self.majority, "qualified": self.qualified, "notes": list(self.notes),
        }


@dataclass
class PollResult:
    kind: Kind
    sheets: list[str]
    classes: list[ClassResult]  # per class: the figures used (base, weights), no candidate numbers
    candidates: list[CandidateResult]
    denominator: str  # 实到人数 / 有效票数 / 实到人数减无效票数 / 测评人数
    basis: str  # what ranks: 综合得票率 (加权) / 总得票率 / 测评分 …
    figures: dict[str | None, dict[str, int]]  # the figures read or counted, per class
    findings: list[Diagnostic] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    ballots: int = 0

    def ranked(self) -> list[CandidateResult]:
        return sorted(self.candidates, key=lambda c: (c.rank is None, c.rank or 0, c.order))

    def as_json(self) -> dict:
        return {
            "kind": self.kind, "sheets": self.sheets, "denominator": self.denominator, "basis": self.basis,
            "ballots": self.ballots,
            "figures": {("all" if k is None else k): v for k, v in self.figures.items()},
            "classes": [c.as_json() for c in self.classes],
            "candidates": [c.as_json() for c in self.candidates],
            "findings": [f.as_json() for f in self.findings],
            "notes": list(self.notes),
        }


def _dec(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:f}"


def _frac(value: Fraction | None) -> str | None:
    return None if value is None else (str(value.numerator) if value.denominator == 1 else f"{value.numerator}/{value.denominator}")
