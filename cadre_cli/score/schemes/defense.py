"""County scheme (seed 000 二(一)4): the written exam passes at `written_pass`; only those
who pass go on, and the written score is not carried into the defense. 考评分 is the
judges' mean (optionally trimmed), 测评分 = Σ votes × grade points / 测评人数, and
答辩测评分 = 考评分×60% + 测评分×40%, passing at `defense_pass`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cadre_cli.parse.numbers import ABSENT
from cadre_cli.policy.schema import Policy
from cadre_cli.score.cells import CellReader, plain
from cadre_cli.score.compute import GRADES, agrees, poll_score, shown, weighted, weights_of
from cadre_cli.score.evaluate import (
    HUNDRED, Context, absent, compare_given, judged, judges, rejected, where, written_gate,
)
from cadre_cli.score.model import Candidate, Result, Status
from cadre_cli.score.schemes.base import VERDICT, Scheme, Shown
from cadre_cli.score.sheets import stage_of


def percent_of(weight: Decimal) -> str:
    """A weight as the policy gives it, exactly: 0.6 -> 60%."""
    return f"{plain(weight * 100)}%"


class Defense(Scheme):
    name = "defense"
    label = "答辩测评"
    title = "答辩测评"
    rule = "score-defense"
    final = "答辩测评分"
    rounded = "考评分、测评分"
    needs = ((frozenset({"panel", "defense"}), "评委1…评委N（考评组评分）或考评分"),
             (frozenset({"poll", "defense"}), "优秀、称职、基本称职、不称职票数与测评人数，或测评分"))

    def evaluate(self, c: Candidate, ctx: Context) -> Result:
        return _defense(c, ctx)

    def formula(self, policy: Policy) -> list[str]:
        s = policy.score
        g = s.grade_points
        trim = "，去掉一个最高分和一个最低分后" if s.trim_panel else ""
        lines = []
        if s.written_pass is not None:
            lines.append(f"笔试成绩达到{plain(s.written_pass)}分为合格，合格者方可进入答辩测评；笔试成绩不带入答辩测评分数；"
                         "缺考或成绩空白不计零分，不计算成绩。")
        return lines + [
            f"考评分 = 考评组各评委评分{trim}的平均分；表中只有考评分（无评委评分）的，按所填考评分。",
            f"测评分 =（优秀票×{plain(g.excellent)} + 称职票×{plain(g.competent)} + 基本称职票×{plain(g.basic)}"
            f" + 不称职票×{plain(g.incompetent)}）÷ 测评人数；未投票的人计入测评人数。表中只有测评分的，按所填测评分。",
            f"答辩测评分 = 考评分×{percent_of(s.panel_weight)} + 测评分×{percent_of(s.poll_weight)}"
            + (f"，达到{plain(s.defense_pass)}分为合格。" if s.defense_pass is not None else "。"),
        ]

    def sheet_columns(self, policy: Policy) -> list[Shown]:
        return [Shown("考评分", "panel"), Shown("测评分", "poll"), Shown("答辩测评分", "defense", 11),
                Shown("是否合格", "verdict", 14)]

    def summary_columns(self, policy: Policy) -> list[Shown]:
        return [Shown("考评分", "panel", 8), Shown("测评分", "poll", 8), Shown("答辩测评分", "defense", 10), VERDICT]

    def run_notes(self, ctx: Context) -> list[str]:
        if ctx.has_written:
            return []
        return ["表中没有笔试成绩列，未检查笔试是否合格，所有人按已通过笔试计算答辩测评分。"]

    def blank_columns(self, policy: Policy) -> list:
        from cadre_cli.writers.template import Column

        judges_n = (policy.score.panel_size or [5, 7])[1]
        return [
            Column("笔试成绩", kind="score", maximum=100, width=9),
            *[Column(f"评委{i}", group="考评组评分", kind="score", maximum=100, width=7) for i in range(1, judges_n + 1)],
            *[Column(h, group="民主测评票数", kind="count", width=7) for h in ("优秀", "称职", "基本称职", "不称职")],
            Column("测评人数", kind="count", width=8),
        ]


def _defense(c: Candidate, ctx: Context) -> Result:
    s = ctx.policy.score
    read = CellReader(c)
    res = Result(c, Status.SCORED)
    if ctx.has_written:
        later = any(stage_of(f) in ("panel", "poll", "defense") for f in c.cells)
        ended, _ = written_gate(c, read, res, maximum=s.written_max, pass_mark=s.written_pass, next_stage="答辩测评",
                                absent_tail="不进入答辩测评", later="考评、测评" if later else None)
        if ended is not None:
            return ended
    marks = {f: read.score(f, HUNDRED) for f in judges(c)}
    panel_given = read.score("panel_score", HUNDRED)
    votes = {g: read.count(f"poll:{g}") for g in GRADES if f"poll:{g}" in c.cells}
    voters = read.count("poll:voters")
    poll_given = read.score("poll_score", HUNDRED)
    defense_given = read.result("defense")
    if c.errors:
        return rejected(res)
    if any(v is ABSENT for v in (*marks.values(), panel_given, *votes.values(), voters, poll_given, defense_given)):
        return absent(res, "答辩测评缺考（不计零分），无成绩")
    panel = _panel(c, ctx, [m for m in marks.values() if m is not None], panel_given)
    poll = _poll(c, ctx, {g: v for g, v in votes.items() if v is not None}, voters, poll_given)
    if c.errors:
        return rejected(res)
    if panel is None and poll is None:
        if isinstance(defense_given, Decimal):
            if read.score("defense", HUNDRED) is None:  # out of range: an error now that it is used
                return rejected(res)
            c.notes.append("表中没有评委评分和测评票数，答辩测评分按表中所填数值")
            return _defense_pass(res, ctx, Fraction(defense_given))
        return absent(res, "答辩测评成绩空白，按缺考处理（不计零分），无成绩")
    if panel is None or poll is None:
        missing = "考评组评分（评委评分或考评分）" if panel is None else "测评票数（或测评分）"
        c.error("score-invalid", None, f"{where(c)}缺少{missing}，无法计算答辩测评分数，该行不计算结果。")
        return rejected(res)
    stages = weighted([panel, poll], weights_of(s.panel_weight, s.poll_weight), s.round_stages)
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


def _panel(c: Candidate, ctx: Context, marks: list[Decimal], given: Decimal | None) -> Fraction | None:
    if not marks:
        return _hand_filled(c, given, "考评分")
    value = judged(c, ctx, marks)
    if value is not None:
        compare_given(c, given, value, "考评分", "评委评分")
    return value


def _poll(c: Candidate, ctx: Context, votes: dict[str, int], voters: int | None,
          given: Decimal | None) -> Fraction | None:
    s = ctx.policy.score
    if not votes:
        return _hand_filled(c, given, "测评分")
    cast = sum(votes.values())
    if voters is None:
        if ctx.has_voters:
            c.warn("score-votes", None, f"{where(c)}没有填测评人数，按四类票数之和{cast}人计算（如有人弃权，测评分会偏高）。")
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
                f"{where(c)}测评人数为0，无法计算测评分，该行不计算结果。")
        return None
    size = s.poll_size
    if size and not size[0] <= voters <= size[1]:
        c.warn("score-poll-size", None,
               f"{where(c)}测评人数为{voters}人，不在测评组一般{size[0]}—{size[1]}人的范围内（结果照常计算）。")
    points = {g: getattr(s.grade_points, g) for g in GRADES}
    value = poll_score(votes, voters, points)
    compare_given(c, given, value, "测评分", "票数")
    return value
