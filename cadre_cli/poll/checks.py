"""The checks of a tally. Each problem names its cell; an impossible count (more votes
than ballots) leaves that class without a result rather than publishing a share of it.

Before computing: 收回 ≤ 发出 ≤ 应到, 实到 ≤ 应到, 收回 ≤ 实到, 有效 + 无效 = 收回; the
classes' figures add up to the meeting's; votes per candidate never exceed the ballots
(有效票, else 收回, 实到, 发出, 应到 — the tightest given); an evaluation's votes and
abstentions never exceed 测评人数; under a 差额 limit, a class's votes never exceed
its ballots × the names a ballot may carry; a class with fewer voters than the policy's
minimum is a warning. After computing: a share or score typed in the sheet agrees with
the computed one; the 不称职 and 基本称职+不称职 shares against `[poll]` (R10, R9).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from fractions import Fraction

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.text import squash
from cadre_cli.policy.tally import Tally
from cadre_cli.poll.compute import figure, percent, rounded
from cadre_cli.poll.finding import BASIS_BALLOTS, BASIS_COUNTING, BASIS_S8, diagnostic, where
from cadre_cli.poll.model import ALL, FIGURE_LABELS, FIGURES, GRADES, Count, PollData
from cadre_cli.poll.result import CandidateResult, PollResult
from cadre_cli.rules.registry import Severity
from cadre_cli.score.compute import agrees

BOUNDS = ("valid", "returned", "present", "issued", "expected")
ORDER = (("returned", "issued"), ("issued", "expected"), ("present", "expected"), ("returned", "present"))
BASIS_R10 = "考核不称职票超过20%等情形的，调出后备干部队伍（seeds/002 (5)，R10）；“超过”不含本数"
BASIS_R9 = "民主测评中综合评价基本称职和不称职比例超过xx%的，调整出名单（seeds/001 三(三)，R9）；“超过”不含本数"


def _label(poll: PollData, cls: str | None) -> str:
    if cls is None or cls == ALL.id:
        return ""
    return next((c.label for c in poll.classes if c.id == cls), cls)


def check_counts(poll: PollData, settings: Tally) -> list[Diagnostic]:
    """The checks before computing; marks impossible counts unknown (no result there)."""
    out: list[Diagnostic] = []
    for cls, figs in poll.figures.items():
        out.extend(_order(poll, cls, figs))
    out.extend(_class_sums(poll))
    for entry in poll.entries:
        for vc in poll.classes:
            found = list(_entry_bounds(poll, entry, vc.id))
            if any(f.severity is Severity.ERROR for f in found):
                entry.unknown.add(vc.id)
            out.extend(found)
    if settings.max_choices is not None and not poll.from_ballots and poll.kind == "recommend":
        out.extend(_choices(poll, settings.max_choices))
    out.extend(_few_voters(poll, settings))
    return out


def _order(poll: PollData, cls: str | None, figs: dict[str, Count]) -> Iterator[Diagnostic]:
    label = _label(poll, cls)
    for small, big in ORDER:
        a, b = figs.get(small), figs.get(big)
        if a is not None and b is not None and a.value > b.value:
            yield diagnostic("tally-ballots-order", Severity.ERROR,
                          f"{label}{FIGURE_LABELS[small]}{a.value}（{a.where}）多于{FIGURE_LABELS[big]}{b.value}（{b.where}），"
                          "请核对。", BASIS_BALLOTS, a.cell or b.cell, a.value,
                          {"class": cls, small: a.value, big: b.value})
    valid, invalid, returned = figs.get("valid"), figs.get("invalid"), figs.get("returned")
    if valid is not None and invalid is not None and returned is not None and \
            any(c.cell is not None for c in (valid, invalid, returned)):  # counted from ballots: consistent
        both = valid.value + invalid.value
        abstain = figs.get("abstain")
        if both > returned.value:
            yield diagnostic("tally-ballots-sum", Severity.ERROR,
                          f"{label}有效票{valid.value}加无效票{invalid.value}共{both}张，多于收回票数{returned.value}（{returned.where}）。",
                          BASIS_BALLOTS, valid.cell or returned.cell, valid.value,
                          {"class": cls, "valid": valid.value, "invalid": invalid.value, "returned": returned.value})
        elif both < returned.value and not (abstain is not None and both + abstain.value == returned.value):
            yield diagnostic("tally-ballots-sum", Severity.WARNING,
                          f"{label}有效票{valid.value}加无效票{invalid.value}共{both}张，少于收回票数{returned.value}"
                          f"（{returned.where}），差{returned.value - both}张未说明。",
                          BASIS_BALLOTS, valid.cell or returned.cell, valid.value,
                          {"class": cls, "valid": valid.value, "invalid": invalid.value, "returned": returned.value})


def _class_sums(poll: PollData) -> Iterator[Diagnostic]:
    overall = poll.figures.get(None, {})
    ids = [c.id for c in poll.classes if c is not ALL]
    if len(ids) < 2:
        return
    for fig in FIGURES:
        given = overall.get(fig)
        parts = [poll.figure(c, fig) for c in ids]
        if given is None or any(p is None for p in parts):
            continue
        total = sum(p.value for p in parts if p is not None)
        if total != given.value:
            yield diagnostic("tally-class-sum", Severity.ERROR,
                          f"各类别{FIGURE_LABELS[fig]}之和为{total}，与{given.where}写的合计{given.value}不一致。",
                          BASIS_S8, given.cell, given.value, {"figure": fig, "sum": total, "given": given.value})


def _bound(poll: PollData, entry, cls: str) -> tuple[str, Count] | None:
    for name in BOUNDS:
        got = figure(poll, entry, cls, name)
        if got is not None:
            return name, got
    return None


def _entry_bounds(poll: PollData, entry, cls: str) -> Iterator[Diagnostic]:
    label = _label(poll, cls)
    bound = _bound(poll, entry, cls)
    if poll.kind == "recommend":
        votes = entry.votes.get(cls)
        if votes is not None and bound is not None and votes.value > bound[1].value:
            name, b = bound
            yield diagnostic("tally-votes-exceed", Severity.ERROR,
                          f"{where(votes.cell) or votes.where}：{entry.name}的{label}得票{votes.value}票，"
                          f"多于{label}{FIGURE_LABELS[name]}{b.value}（{b.where}），不可能；这一类别不计算得票率。",
                          BASIS_COUNTING, votes.cell, votes.value, {"class": cls, "votes": votes.value, name: b.value})
        return
    grades = entry.grades.get(cls)
    if not grades:
        return
    cast = sum(c.value for c in grades.values())
    abstain = entry.figures.get(cls, {}).get("abstain")
    cell = next((c.cell for c in grades.values() if c.cell is not None), None)
    voters = figure(poll, entry, cls, "present")
    if voters is not None and cast + (abstain.value if abstain else 0) > voters.value:
        extra = f"加弃权{abstain.value}票" if abstain else ""
        yield diagnostic("tally-votes-exceed", Severity.ERROR,
                      f"{where(cell) or grades[GRADES[0]].where}：{entry.name}的{label}四个等次共{cast}票{extra}，"
                      f"多于测评人数{voters.value}（{voters.where}），不可能；这一类别不计算测评分。",
                      BASIS_COUNTING, cell or voters.cell, cast, {"class": cls, "cast": cast, "voters": voters.value})
    elif bound is not None and bound[0] != "present" and cast > bound[1].value:
        name, b = bound
        yield diagnostic("tally-votes-exceed", Severity.ERROR,
                      f"{where(cell) or grades[GRADES[0]].where}：{entry.name}的{label}四个等次共{cast}票，"
                      f"多于{FIGURE_LABELS[name]}{b.value}（{b.where}），不可能；这一类别不计算测评分。",
                      BASIS_COUNTING, cell or b.cell, cast, {"class": cls, "cast": cast, name: b.value})
    own = entry.figures.get(cls, {}).get("present")
    meeting = poll.figure(cls, "present") or poll.figure(cls, "expected")
    if own is not None and meeting is not None and own.value > meeting.value:
        yield diagnostic("tally-votes-exceed", Severity.ERROR,
                      f"{own.where}：{entry.name}的{label}测评人数{own.value}，多于{label}{FIGURE_LABELS['present']}"
                      f"{meeting.value}（{meeting.where}）。", BASIS_COUNTING, own.cell, own.value,
                      {"class": cls, "voters": own.value, "present": meeting.value})


def _choices(poll: PollData, max_choices: int) -> Iterator[Diagnostic]:
    """差额: a class's votes cannot exceed its ballots × the names one ballot may carry."""
    for vc in poll.classes:
        bound = next(((n, c) for n in ("valid", "returned") if (c := figure(poll, None, vc.id, n)) is not None), None)
        if bound is None:
            continue
        total = sum(e.votes[vc.id].value for e in poll.entries if vc.id in e.votes and vc.id not in e.unknown)
        limit = bound[1].value * max_choices
        if total > limit:
            label = _label(poll, vc.id)
            yield diagnostic("tally-over-choices", Severity.ERROR,
                          f"{label}各人得票之和{total}票，多于{FIGURE_LABELS[bound[0]]}{bound[1].value}张×每票最多推荐{max_choices}人"
                          f"＝{limit}票（{bound[1].where}），票数有误。", "差额推荐：每张票推荐人数不得超过应推荐人数",
                          bound[1].cell, total, {"class": vc.id, "votes": total, "limit": limit})


def _few_voters(poll: PollData, settings: Tally) -> Iterator[Diagnostic]:
    total = 0
    known = True
    for vc in poll.classes:
        got = figure(poll, None, vc.id, "present") or figure(poll, None, vc.id, "returned")
        if got is None:
            known = False
            continue
        total += got.value
        minimum = settings.min_for(vc) if vc is not ALL else settings.min_voters
        if minimum is not None and got.value < minimum:
            yield diagnostic("tally-few-voters", Severity.WARNING,
                          f"{_label(poll, vc.id) or '参加投票的'}人数{got.value}人（{got.where}），少于政策规定的至少{minimum}人。",
                          "政策 [tally] min_voters", got.cell, got.value, {"class": vc.id, "voters": got.value, "min": minimum})
    overall = figure(poll, None, None, "present")
    count = overall.value if overall is not None else (total if known else None)
    if settings.min_total_voters is not None and count is not None and count < settings.min_total_voters:
        yield diagnostic("tally-few-voters", Severity.WARNING,
                      f"参加投票的共{count}人，少于政策规定的至少{settings.min_total_voters}人。", "政策 [tally] min_total_voters",
                      overall.cell if overall else None, count, {"voters": count, "min": settings.min_total_voters})


# --- after computing ------------------------------------------------------------------

def check_results(poll: PollData, result: PollResult, settings: Tally, unfit_max: Fraction | None,
                  weak_max: Fraction | None) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    entries = {e.order: e for e in poll.entries}
    for res in result.candidates:
        entry = entries.get(res.order)
        if entry is not None:
            out.extend(_typed(poll, entry, res, settings))
        if poll.kind == "evaluate":
            out.extend(_shares(poll, res, unfit_max, weak_max))
    return out


def _typed(poll: PollData, entry, res: CandidateResult, settings: Tally) -> Iterator[Diagnostic]:
    for cls, measure, raw, cell in entry.typed:
        cr = res.by_class(cls) if cls else None
        if measure == "total":
            computed = Fraction(res.votes) if poll.kind == "recommend" and res.votes is not None else None
            what, scale = "合计票数", 1
        elif measure == "share":
            computed = (cr.share if cr else res.overall) if poll.kind == "recommend" else None
            what, scale = f"{cr.label if cr else ''}得票率", 100
        else:
            computed = cr.score if cr else (res.weighted if res.weighted is not None else res.score)
            what, scale = f"{cr.label if cr else ''}测评分", 1
        readings = _readings(raw, measure == "share")
        if computed is None or readings is None:
            continue
        if any(_agrees(g, computed * scale) for g in readings):
            continue
        if measure == "share":
            shown = f"{percent(computed, settings.share_places)}%"
        elif measure == "score":
            shown = str(rounded(computed, settings.score_places))
        else:
            shown = str(computed)
        yield diagnostic("tally-typed-mismatch", Severity.ERROR if measure == "total" else Severity.WARNING,
                      f"{where(cell)}写的{entry.name}的{what}“{raw}”与按票数计算的{shown}不一致。",
                      "表中已填写的结果应与票数一致", cell, raw, {"computed": str(computed)})


def _readings(raw: object, share: bool) -> list[Decimal] | None:
    """The values a typed cell may mean; a share as a percentage: 85.42, `85.42%`, or
    0.8542 in a cell formatted as a percentage."""
    text = squash(str(raw)).rstrip("%％分票")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite():
        return None
    readings = [value]
    if share and not str(raw).strip().endswith(("%", "％")) and value <= 1:
        readings.append((value * 100).normalize())
    return readings


def _agrees(given: Decimal, computed: Fraction) -> bool:
    """Typed to its own precision (85.4 agrees with 85.42), or a formula's float result."""
    if abs(Fraction(given) - computed) < Fraction(1, 10**9):
        return True
    return agrees(given, computed)


def _shares(poll: PollData, res: CandidateResult, unfit_max: Fraction | None,
            weak_max: Fraction | None) -> Iterator[Diagnostic]:
    """R10 / R9 on the candidate's votes over all classes (an error, as in `cadre audit`)
    and per class (a warning: S8's analysis by class)."""
    rules = (("poll-unfit-share", unfit_max, "unfit", "不称职票", BASIS_R10),
             ("poll-weak-share", weak_max, "weak", "基本称职和不称职票", BASIS_R9))
    for rule, limit, attr, what, basis in rules:
        if limit is None:
            continue
        share = getattr(res, attr)
        if share is not None and share > limit:
            yield diagnostic(rule, Severity.ERROR,
                          f"{res.name}民主测评{what}占测评人数{res.base}人的{_pct(share)}，超过{_pct(limit)}。",
                          basis, res.cell, None, {"share": str(share), "limit": str(limit), "voters": res.base})
        if len(res.classes) < 2:
            continue
        for cr in res.classes:
            value = getattr(cr, attr)
            if value is not None and value > limit:
                yield diagnostic(rule, Severity.WARNING,
                              f"{res.name}在{cr.label}中{what}占测评人数{cr.voters}人的{_pct(value)}，超过{_pct(limit)}。",
                              basis, res.cell, None, {"class": cr.cls, "share": str(value), "limit": str(limit)})


def _pct(share: Fraction) -> str:
    from cadre_cli.parse.numbers import percent as as_text  # `percent` here is poll's number

    return as_text(share, 2)
