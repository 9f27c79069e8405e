"""One candidate's result under the policy's scheme.

County scheme (seed 000 二(一)4): the written exam passes at `written_pass`; only those
who pass go on, and the written score is not carried into the defense. 考评分 is the
judges' mean (optionally trimmed), 测评分 = Σ votes × grade points / 测评人数, and
答辩测评分 = 考评分×60% + 测评分×40%, passing at `defense_pass`.
Enterprise scheme (seed 002 (4)): 笔试 + 演讲答辩 + 组织考察, ranked by the total.

Absent (缺考, or a blank score the scheme needs) is never zero: no result, a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cadre_cli.parse.numbers import ABSENT
from cadre_cli.policy.schema import Policy
from cadre_cli.score.cells import CellReader, plain
from cadre_cli.score.compute import GRADES, agrees, exact_sum, panel_mean, poll_score, shown, weighted
from cadre_cli.score.model import Candidate, Result, Status
from cadre_cli.score.sheets import stage_of

HUNDRED = Decimal(100)
ORG_PARTS = ("leadership", "middle", "staff")
ORG_LABELS = {"leadership": "公司领导班子", "middle": "中层干部", "staff": "职工代表"}


@dataclass(frozen=True)
class Context:
    policy: Policy
    fields: frozenset[str]  # every column of the workbook's score sheets

    @property
    def has_written(self) -> bool:
        return "written" in self.fields

    @property
    def has_voters(self) -> bool:
        return "poll:voters" in self.fields


def evaluate(candidate: Candidate, ctx: Context) -> Result:
    if candidate.errors:  # e.g. a row that could not be joined
        return Result(candidate, Status.REJECTED)
    if ctx.policy.score.scheme == "enterprise":
        return _enterprise(candidate, ctx)
    return _defense(candidate, ctx)


def _judges(candidate: Candidate) -> list[str]:
    return sorted((f for f in candidate.cells if f.startswith("panel:")), key=lambda f: int(f.split(":")[1]))


def _where(candidate: Candidate) -> str:
    return f"“{candidate.first.sheet}”第{candidate.first.row}行"


def _absent(result: Result, note: str) -> Result:
    result.status, result.passed = Status.ABSENT, False  # 缺考: not zero points, but not passed either
    result.candidate.notes.append(note)
    return result


def _rejected(result: Result) -> Result:
    result.status, result.passed = Status.REJECTED, False
    return result


# --- county scheme -----------------------------------------------------------------

def _defense(c: Candidate, ctx: Context) -> Result:
    s = ctx.policy.score
    read = CellReader(c)
    res = Result(c, Status.SCORED)
    if ctx.has_written:
        written = read.score("written", s.written_max)
        if c.errors:
            return _rejected(res)
        if written is None or written is ABSENT:
            what = "笔试缺考" if written is ABSENT else "笔试成绩空白，按缺考处理"
            return _absent(res, f"{what}（不计零分），不进入答辩测评")
        res.written = shown(written)
        if s.written_pass is not None:
            res.written_passed = written >= s.written_pass
            if not res.written_passed:
                res.status, res.passed = Status.FAILED_WRITTEN, False
                note = f"笔试{plain(written)}分，未达到{plain(s.written_pass)}分合格线，不进入答辩测评"
                if any(stage_of(f) in ("panel", "poll", "defense") for f in c.cells):
                    note += "（考评、测评数据未使用）"
                c.notes.append(note)
                return res
    marks = {f: read.score(f, HUNDRED) for f in _judges(c)}
    panel_given = read.score("panel_score", HUNDRED)
    votes = {g: read.count(f"poll:{g}") for g in GRADES if f"poll:{g}" in c.cells}
    voters = read.count("poll:voters")
    poll_given = read.score("poll_score", HUNDRED)
    defense_given = read.result("defense")
    if c.errors:
        return _rejected(res)
    if any(v is ABSENT for v in (*marks.values(), panel_given, *votes.values(), voters, poll_given, defense_given)):
        return _absent(res, "答辩测评缺考（不计零分），无成绩")
    panel = _panel(c, ctx, [m for m in marks.values() if m is not None], panel_given)
    poll = _poll(c, ctx, {g: v for g, v in votes.items() if v is not None}, voters, poll_given)
    if c.errors:
        return _rejected(res)
    if panel is None and poll is None:
        if isinstance(defense_given, Decimal):
            if read.score("defense", HUNDRED) is None:  # out of range: an error now that it is used
                return _rejected(res)
            c.notes.append("表中没有评委评分和测评票数，答辩测评分按表中所填数值")
            return _defense_pass(res, ctx, Fraction(defense_given))
        return _absent(res, "答辩测评成绩空白，按缺考处理（不计零分），无成绩")
    if panel is None or poll is None:
        missing = "考评组评分（评委评分或考评分）" if panel is None else "测评票数（或测评分）"
        c.error("score-invalid", None, f"{_where(c)}缺少{missing}，无法计算答辩测评分数，该行不计算结果。")
        return _rejected(res)
    stages = weighted([panel, poll], [Fraction(s.panel_weight), Fraction(s.poll_weight)], s.round_stages)
    res.panel, res.poll = shown(panel), shown(poll)
    if isinstance(defense_given, Decimal) and not agrees(defense_given, stages.final):
        c.notes.append(f"表中原填答辩测评分{plain(defense_given)}与计算结果{shown(stages.final)}不一致，以计算结果为准")
    return _defense_pass(res, ctx, stages.final)


def _defense_pass(res: Result, ctx: Context, final: Fraction) -> Result:
    res.defense = shown(final)
    mark = ctx.policy.score.defense_pass
    if mark is not None:
        res.passed = res.defense >= mark
        if not res.passed:
            res.candidate.notes.append(f"答辩测评分未达到{plain(mark)}分的合格线")
    return res


def _hand_filled(c: Candidate, given: Decimal | None, label: str) -> Fraction | None:
    """A score averaged by hand (考评分, 测评分), with no marks or votes to compute it from."""
    if given is None:
        return None
    c.notes.append(f"{label}按表中所填数值")
    return Fraction(given)


def _compare_given(c: Candidate, given: Decimal | None, value: Fraction, label: str, source: str) -> None:
    """A hand-filled score beside the marks or votes: ours stands, a difference is noted."""
    if given is not None and not agrees(given, value):
        c.notes.append(f"表中所填{label}{plain(given)}与按{source}计算的{shown(value)}不一致，以{source}为准")


def _panel(c: Candidate, ctx: Context, marks: list[Decimal], given: Decimal | None) -> Fraction | None:
    s = ctx.policy.score
    if not marks:
        return _hand_filled(c, given, "考评分")
    _panel_size(c, ctx, len(marks))
    if s.trim_panel and len(marks) < 3:
        c.error("score-panel-size", None,
                f"{_where(c)}只有{len(marks)}位评委的评分，去掉一个最高分和一个最低分需要至少3位，该行不计算结果。")
        return None
    value = panel_mean(marks, s.trim_panel)
    _compare_given(c, given, value, "考评分", "评委评分")
    return value


def _panel_size(c: Candidate, ctx: Context, n: int) -> None:
    size = ctx.policy.score.panel_size
    if size and not size[0] <= n <= size[1]:
        c.warn("score-panel-size", None,
               f"{_where(c)}有{n}位评委评分，不在考评组一般{size[0]}—{size[1]}人的范围内（结果照常计算）。")


def _poll(c: Candidate, ctx: Context, votes: dict[str, int], voters: int | None,
          given: Decimal | None) -> Fraction | None:
    s = ctx.policy.score
    if not votes:
        return _hand_filled(c, given, "测评分")
    cast = sum(votes.values())
    if voters is None:
        if ctx.has_voters:
            c.warn("score-votes", None, f"{_where(c)}没有填测评人数，按四类票数之和{cast}人计算（如有人弃权，测评分会偏高）。")
        else:
            c.notes.append(f"表中没有测评人数列，按四类票数之和{cast}人计算")
        voters = cast
    elif cast > voters:
        ref = c.cells["poll:voters"].ref
        c.error("score-votes", ref,
                f"{ref}（测评人数）：优秀、称职、基本称职、不称职票数之和为{cast}，超过测评人数{voters}，该行不计算结果。")
        return None
    elif cast < voters:
        c.notes.append(f"测评人数{voters}人，投票{cast}张（{voters - cast}人未投票），按测评人数计算")
    if voters == 0:
        c.error("score-votes", c.cells["poll:voters"].ref if "poll:voters" in c.cells else None,
                f"{_where(c)}测评人数为0，无法计算测评分，该行不计算结果。")
        return None
    size = s.poll_size
    if size and not size[0] <= voters <= size[1]:
        c.warn("score-poll-size", None,
               f"{_where(c)}测评人数为{voters}人，不在测评组一般{size[0]}—{size[1]}人的范围内（结果照常计算）。")
    points = {g: getattr(s.grade_points, g) for g in GRADES}
    value = poll_score(votes, voters, points)
    _compare_given(c, given, value, "测评分", "票数")
    return value


# --- enterprise scheme --------------------------------------------------------------

def _enterprise(c: Candidate, ctx: Context) -> Result:
    s = ctx.policy.score
    e = s.enterprise
    read = CellReader(c)
    res = Result(c, Status.SCORED)
    written = read.score("written", e.written_max)
    speech_given = read.score("speech", e.speech_max)
    marks = {f: read.score(f, e.speech_max) for f in _judges(c)}
    maxima = {"leadership": e.leadership_max, "middle": e.middle_max, "staff": e.staff_max}
    parts = {k: read.score(f"org:{k}", maxima[k]) for k in ORG_PARTS if f"org:{k}" in ctx.fields}
    org_given = read.score("org_total", e.org_max)
    total_given = read.result("total")
    if c.errors:
        return _rejected(res)
    if any(v is ABSENT for v in (written, speech_given, *marks.values(), *parts.values(), org_given, total_given)):
        return _absent(res, "缺考（不计零分），无总成绩")
    speech = _speech(c, ctx, [m for m in marks.values() if m is not None], speech_given)
    org = _org(c, e.org_max, parts, org_given)
    if c.errors:
        return _rejected(res)
    blank = [label for label, v in (("笔试", written), ("演讲答辩", speech), ("组织考察", org)) if v is None]
    if blank:
        return _absent(res, f"{'、'.join(blank)}成绩空白，按缺考处理（不计零分），无总成绩")
    stages = weighted([written, speech, org], [Fraction(1)] * 3, s.round_stages)
    res.written, res.speech, res.org, res.total = shown(written), shown(speech), shown(org), shown(stages.final)
    if isinstance(total_given, Decimal) and not agrees(total_given, stages.final):
        c.notes.append(f"表中原填总成绩{plain(total_given)}与计算结果{res.total}不一致，以计算结果为准")
    return res


def _speech(c: Candidate, ctx: Context, marks: list[Decimal], given: Decimal | None) -> Fraction | None:
    if not marks:
        return None if given is None else Fraction(given)
    _panel_size(c, ctx, len(marks))
    trim = ctx.policy.score.trim_panel
    if trim and len(marks) < 3:
        c.error("score-panel-size", None,
                f"{_where(c)}只有{len(marks)}位评委的评分，去掉一个最高分和一个最低分需要至少3位，该行不计算结果。")
        return None
    value = panel_mean(marks, trim)
    if given is not None and not agrees(given, value):
        c.notes.append(f"表中所填演讲答辩成绩{plain(given)}与按评委评分计算的{shown(value)}不一致，以评委评分为准")
    return value


def _org(c: Candidate, org_max: Decimal, parts: dict[str, Decimal | None], given: Decimal | None) -> Fraction | None:
    filled = {k: v for k, v in parts.items() if v is not None}
    if not filled:
        return None if given is None else Fraction(given)
    if len(filled) < len(parts):
        missing = "、".join(ORG_LABELS[k] for k in parts if k not in filled)
        c.error("score-invalid", None, f"{_where(c)}组织考察缺少{missing}的评分，无法计算组织考察得分，该行不计算结果。")
        return None
    value = exact_sum(list(filled.values()))
    if value > Fraction(org_max):
        c.error("score-invalid", None,
                f"{_where(c)}组织考察各项之和{shown(value)}分超过满分{plain(org_max)}分，该行不计算结果。")
        return None
    if given is not None and value != Fraction(given):
        c.notes.append(f"表中所填组织考察得分与各项之和{shown(value)}不一致，以各项之和为准")
    return value

