"""The arithmetic of a tally, exact: every share and score is a Fraction until it is
shown, then rounded half-up (四舍五入) to the policy's places.

民主推荐, per class: 得票率 = 得票数 / 基数, the base named by `[tally] denominator`
(实到人数, 有效票数, or 实到人数 − 无效票数). Over all classes: 总得票率 = Σ得票数 / Σ基数
(the classes pooled); with class weights, 综合得票率 = Σ 权重 × 类别得票率, and a class
that cast no votes either gives its weight to the classes present (`renormalise`, the
default: weights are divided by the sum of the weights present) or counts as 0.
得票过半 is more than half (a half is not 过半).

民主测评 (seed 000 二(一)4): 测评分 = (优秀×100 + 称职×80 + 基本称职×60 + 不称职×0) / 测评人数,
per class and over all classes (pooled, or weighted like the shares); the shares of
基本称职+不称职 (R9) and 不称职 (R10) are votes / 测评人数, as `cadre audit` reads them.

Ranks are standard competition ranks (1, 2, 2, 4) on the exact value that ranks (the
weighted total when the policy weights classes, else the pooled share or score): two
candidates share a rank only when their values are equal, not merely equal when shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.numbers import round_half_up
from cadre_cli.policy.tally import DENOMINATOR_LABELS, Tally, VoterClass
from cadre_cli.poll.finding import diagnostic
from cadre_cli.poll.model import ALL, GRADES, Count, Entry, PollData
from cadre_cli.poll.result import CandidateResult, ClassResult, PollResult
from cadre_cli.rules.registry import Severity
from cadre_cli.score.compute import poll_score

DEFAULT_POINTS: dict[str, Decimal] = {"excellent": Decimal(100), "competent": Decimal(80), "basic": Decimal(60),
                                      "incompetent": Decimal(0)}
HALF = Fraction(1, 2)


def places_of(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def percent(share: Fraction | None, places: int) -> Decimal | None:
    """A share as a percentage, 四舍五入 to `places` decimals: 2/3 -> 66.67."""
    return None if share is None else round_half_up(share * 100, places_of(places))


def rounded(value: Fraction | None, places: int) -> Decimal | None:
    return None if value is None else round_half_up(value, places_of(places))


@dataclass(frozen=True)
class Base:
    value: int | None
    label: str
    where: str = ""
    note: str | None = None
    missing: str | None = None  # what the sheet lacks for it


def figure(poll: PollData, entry: Entry | None, cls: str | None, name: str) -> Count | None:
    """A figure of a class: the candidate's own (测评人数 in its row), else the class's,
    else — for a poll of one class — the meeting's."""
    if entry is not None and cls is not None:
        own = entry.figures.get(cls, {}).get(name)
        if own is not None:
            return own
    got = poll.figure(cls, name)
    if got is None and cls is not None and len(poll.classes) == 1:
        got = poll.figure(None, name)
    return got


def recommend_base(poll: PollData, entry: Entry | None, cls: str | None, denominator: str) -> Base:
    def f(name: str) -> Count | None:
        return figure(poll, entry, cls, name)

    label = DENOMINATOR_LABELS[denominator]
    present, valid, invalid, returned = f("present"), f("valid"), f("invalid"), f("returned")
    if denominator in ("present", "present_minus_invalid") and present is None and poll.from_ballots and returned:
        present = returned
        note = "未给出实到人数，按收回选票张数计"
    else:
        note = None
    if denominator == "present":
        if present is None:
            return Base(None, label, missing="实到人数")
        return Base(present.value, label, present.where, note)
    if denominator == "valid":
        if valid is not None:
            return Base(valid.value, label, valid.where)
        if returned is not None and invalid is not None:
            return Base(returned.value - invalid.value, label, f"{returned.where}、{invalid.where}", "按收回票数减无效票数计")
        return Base(None, label, missing="有效票数（或收回票数和无效票数）")
    if present is None:
        return Base(None, label, missing="实到人数")
    if invalid is None and returned is not None and valid is not None:
        invalid = Count(returned.value - valid.value, None, "收回票数减有效票数")
    if invalid is None:
        return Base(None, label, missing="无效票数")
    return Base(present.value - invalid.value, label, f"{present.where}、{invalid.where}", note)


def evaluate_voters(poll: PollData, entry: Entry, cls: str, cast: int) -> Base:
    """测评人数 of a class for a candidate: given, else the ballots returned, else the votes."""
    present = figure(poll, entry, cls, "present")
    if present is not None:
        return Base(present.value, "测评人数", present.where)
    returned = figure(poll, entry, cls, "returned")
    if returned is not None:
        return Base(returned.value, "测评人数", returned.where, "未给出测评人数，按收回测评票张数计")
    abstain = figure(poll, entry, cls, "abstain")
    total = cast + (abstain.value if abstain is not None else 0)
    return Base(total, "测评人数", "", "未给出测评人数，按各等次票数" + ("与弃权票" if abstain else "") + "之和计")


def _classes(poll: PollData, settings: Tally) -> list[VoterClass]:
    """The classes results show: those found, and with weights every weighted class."""
    if settings.weighted and poll.classes != [ALL]:
        found = {c.id for c in poll.classes}
        return [c for c in settings.classes if c.id in found or c.weight is not None]
    return list(poll.classes)


def compute(poll: PollData, settings: Tally, points: Mapping[str, Decimal] | None = None) -> PollResult:
    points = dict(points or DEFAULT_POINTS)
    classes = _classes(poll, settings)
    weighted = settings.weighted and poll.classes != [ALL]
    missing: dict[tuple[str | None, str], None] = {}
    class_notes: dict[str, None] = {}  # notes on a class's figures, said once for the poll
    results = []
    for entry in poll.entries:
        if poll.kind == "recommend":
            res = _recommend(poll, entry, classes, settings, missing, class_notes)
        else:
            res = _evaluate(poll, entry, classes, settings, points, class_notes)
        if weighted:
            _weigh(res, settings, poll.kind)
        res.value = res.weighted if weighted else (res.overall if poll.kind == "recommend" else res.score)
        if poll.kind == "recommend" and res.value is not None:
            res.majority = res.value > HALF
        results.append(res)
    assign_ranks(results)
    notes = list(class_notes) + _qualify(results, settings, poll.kind)
    if weighted:
        notes.extend(dict.fromkeys(n for r in results for n in r.notes if "未参加投票" in n))
    if poll.kind == "recommend":
        denominator = DENOMINATOR_LABELS[settings.denominator]
        basis = "综合得票率（按类别权重）" if weighted else "总得票率"
    else:
        denominator = "测评人数"
        basis = "综合测评分（按类别权重）" if weighted else "测评分"
    out = PollResult(poll.kind, list(poll.sheets), _class_summary(poll, classes, settings), results, denominator, basis,
                     {cls: {k: c.value for k, c in figs.items()} for cls, figs in poll.figures.items()},
                     list(poll.findings), notes, poll.ballots)
    out.findings.extend(_missing_findings(poll, missing, weighted, settings))
    return out


def _recommend(poll: PollData, entry: Entry, classes: list[VoterClass], settings: Tally,
               missing: dict, class_notes: dict) -> CandidateResult:
    res = CandidateResult(entry.name, entry.post, entry.cell, entry.order)
    places = settings.share_places
    total_votes: int | None = 0
    bases: list[int | None] = []
    for vc, cr in _present(res, classes, poll):
        base = recommend_base(poll, entry, vc.id, settings.denominator)
        cr.base, cr.base_label, cr.base_where = base.value, base.label, base.where
        if base.note:
            class_notes[f"{_prefix(vc)}{base.note}"] = None
        if base.missing:
            missing[(vc.id, base.missing)] = None
        votes = entry.votes.get(vc.id)
        if vc.id in entry.unknown:
            cr.votes = None
        elif votes is None:
            cr.votes = 0
            res.notes.append(f"{vc.label}的票数表中没有此人，按0票计")
        else:
            cr.votes = votes.value
        cr.absent = base.value == 0
        if cr.votes is None:
            total_votes = None
        elif total_votes is not None:
            total_votes += cr.votes
        bases.append(base.value)
        if base.value and cr.votes is not None:
            cr.share = Fraction(cr.votes, base.value)
            cr.share_shown = percent(cr.share, places)
    res.votes = total_votes
    overall = recommend_base(poll, None, None, settings.denominator)
    if bases and all(b is not None for b in bases) and len(poll.classes) > 1:
        res.base = sum(b for b in bases if b is not None)
    else:
        res.base = overall.value if overall.value is not None else (bases[0] if len(bases) == 1 else None)
    if res.base and total_votes is not None:
        res.overall = Fraction(total_votes, res.base)
        res.overall_shown = percent(res.overall, settings.places)
    return res


def _evaluate(poll: PollData, entry: Entry, classes: list[VoterClass], settings: Tally,
              points: Mapping[str, Decimal], class_notes: dict) -> CandidateResult:
    res = CandidateResult(entry.name, entry.post, entry.cell, entry.order)
    sums = dict.fromkeys(GRADES, 0)
    voters_sum = 0
    known = True
    for vc, cr in _present(res, classes, poll):
        grades = entry.grades.get(vc.id)
        if vc.id in entry.unknown:
            known = False
            continue
        if grades is None:
            grades = {}
            res.notes.append(f"{vc.label}的测评表中没有此人，按0票计")
        cr.grades = {g: (grades[g].value if g in grades else 0) for g in GRADES}
        cast = sum(cr.grades.values())
        abstain = figure(poll, entry, vc.id, "abstain")
        cr.abstain = abstain.value if abstain is not None else None
        base = evaluate_voters(poll, entry, vc.id, cast)
        cr.voters = cr.base = base.value
        cr.base_label, cr.base_where = base.label, base.where
        if base.note:
            class_notes[f"{_prefix(vc)}{base.note}"] = None
        cr.absent = not base.value
        for g in GRADES:
            sums[g] += cr.grades[g]
        voters_sum += base.value or 0
        if base.value:
            cr.score = poll_score(cr.grades, base.value, points)
            cr.score_shown = rounded(cr.score, settings.score_places)
            cr.weak = Fraction(cr.grades["basic"] + cr.grades["incompetent"], base.value)
            cr.unfit = Fraction(cr.grades["incompetent"], base.value)
            cr.weak_shown = percent(cr.weak, settings.share_places)
            cr.unfit_shown = percent(cr.unfit, settings.share_places)
    if known and voters_sum:
        res.base = voters_sum
        res.score = poll_score(sums, voters_sum, points)
        res.score_shown = rounded(res.score, settings.score_places)
        res.weak = Fraction(sums["basic"] + sums["incompetent"], voters_sum)
        res.unfit = Fraction(sums["incompetent"], voters_sum)
        res.weak_shown = percent(res.weak, settings.places)
        res.unfit_shown = percent(res.unfit, settings.places)
    return res


def _present(res: CandidateResult, classes: list[VoterClass], poll: PollData):
    """A result per class shown; yields the classes the workbook has (the others are absent)."""
    for vc in classes:
        cr = ClassResult(vc.id, vc.label, vc.weight)
        res.classes.append(cr)
        if vc in poll.classes:
            yield vc, cr
        else:
            cr.absent = True


def _prefix(vc: VoterClass) -> str:
    return "" if vc is ALL else f"{vc.label}："


def _weigh(res: CandidateResult, settings: Tally, kind: str) -> None:
    """Σ weight × class value; a class that cast no votes is renormalised away or counts 0."""
    value_of = (lambda c: c.share) if kind == "recommend" else (lambda c: c.score)
    present = [c for c in res.classes if not c.absent and c.weight is not None]
    absent = [c for c in res.classes if c.absent and c.weight is not None]
    if any(value_of(c) is None for c in present):
        unknown = "、".join(c.label for c in present if value_of(c) is None)
        res.notes.append(f"{unknown}的结果无法计算，不计算加权结果")
        return
    if not present:
        return
    weight_present = sum((c.weight for c in present), Fraction(0))
    if absent and settings.renormalise:
        for c in present:
            c.used_weight = c.weight / weight_present
        moved = "、".join(f"{c.label}{_pct(c.weight)}→{_pct(c.used_weight)}" for c in present)
        res.notes.append(f"{'、'.join(c.label for c in absent)}未参加投票，其权重按其余类别的权重比例重新分配（{moved}）")
    else:
        for c in present:
            c.used_weight = c.weight
        if absent:
            res.notes.append(f"{'、'.join(c.label for c in absent)}未参加投票，按0计入加权结果（权重不重新分配）")
    for c in absent:
        c.used_weight = Fraction(0)
    res.weighted = sum((c.used_weight * value_of(c) for c in present), Fraction(0))
    res.weighted_shown = percent(res.weighted, settings.places) if kind == "recommend" else \
        rounded(res.weighted, settings.score_places)


def _pct(value: Fraction | None) -> str:
    from cadre_cli.parse.numbers import percent as as_text  # this module's `percent` is the number

    return "" if value is None else as_text(value, 2)


def assign_ranks(results: list[CandidateResult]) -> None:
    """Standard competition ranking (1, 2, 2, 4) on the exact value; no value, no rank."""
    ranked = sorted((r for r in results if r.value is not None), key=lambda r: r.value, reverse=True)
    previous = None
    current = 0
    for position, res in enumerate(ranked, start=1):
        if res.value != previous:
            current, previous = position, res.value
        res.rank = current


def _qualify(results: list[CandidateResult], settings: Tally, kind: str) -> list[str]:
    """入围: every condition the policy sets (得票过半, a minimum share, the first `top`)."""
    notes = []
    conditions = []
    if settings.require_majority and kind == "recommend":
        conditions.append(lambda r: bool(r.majority))
    if settings.min_share is not None and kind == "recommend":
        conditions.append(lambda r: r.value >= settings.min_share)
    if settings.top is not None:
        conditions.append(lambda r: r.rank is not None and r.rank <= settings.top)
    if not conditions:
        return notes
    for r in results:
        r.qualified = None if r.value is None else all(cond(r) for cond in conditions)
    if settings.top is not None:
        within = [r for r in results if r.rank is not None and r.rank <= settings.top]
        if len(within) > settings.top:
            notes.append(f"第{max(r.rank for r in within)}名并列，排名在前{settings.top}名以内的共{len(within)}人")
    return notes


def _class_summary(poll: PollData, classes: list[VoterClass], settings: Tally) -> list[ClassResult]:
    out = []
    for vc in classes:
        cr = ClassResult(vc.id, vc.label, vc.weight)
        if vc not in poll.classes:
            cr.absent = True
        elif poll.kind == "recommend":
            base = recommend_base(poll, None, vc.id, settings.denominator)
            cr.base, cr.base_label, cr.base_where = base.value, base.label, base.where
            cr.absent = base.value == 0
        else:
            present = figure(poll, None, vc.id, "present")
            cr.base = cr.voters = present.value if present is not None else None
            cr.base_label = "测评人数"
        out.append(cr)
    return out


def _missing_findings(poll: PollData, missing: dict, weighted: bool, settings: Tally) -> list[Diagnostic]:
    out = []
    overall = recommend_base(poll, None, None, settings.denominator).value is not None
    for cls, what in missing:
        label = "" if cls == ALL.id else f"{next(c.label for c in poll.classes if c.id == cls)}的"
        severe = weighted or not overall or cls == ALL.id
        out.append(diagnostic(
            "tally-missing-base", Severity.ERROR if severe else Severity.WARNING,
            f"工作表{'、'.join('“' + s + '”' for s in poll.sheets)}没有给出{label}{what}，"
            f"无法计算{label}得票率" + ("" if severe else "，只计算总得票率") + "。",
            "得票率的基数按政策 [tally] denominator 确定", None, None, {"class": cls, "missing": what}))
    return out
