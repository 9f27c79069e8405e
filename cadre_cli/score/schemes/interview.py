"""笔试 x% + 面试 y% (竞争上岗, 公开选拔): 综合成绩 = 笔试成绩×x% + 面试成绩×y%, with the
weights from the policy's `[score.interview]`. 面试成绩 is the judges' mean (trimmed when
the policy says so) or the score typed in the sheet. An optional written pass mark
(`[score] written_pass`) gates the interview; optional pass marks for the interview and
the total decide 是否合格; without them everyone with a total is ranked."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cadre_cli.parse.numbers import ABSENT
from cadre_cli.policy.schema import Policy
from cadre_cli.score.cells import CellReader, plain
from cadre_cli.score.compute import agrees, shown, weighted, weights_of
from cadre_cli.score.evaluate import Context, absent, compare_given, judged, judges, rejected, written_gate
from cadre_cli.score.model import Candidate, Result, Status
from cadre_cli.score.schemes.base import VERDICT, Scheme, Shown
from cadre_cli.score.schemes.defense import percent_of


def _has_pass(policy: Policy) -> bool:
    iv = policy.score.interview
    return iv.interview_pass is not None or iv.total_pass is not None


class Interview(Scheme):
    name = "interview"
    label = "笔试面试"
    title = "笔试面试"
    rule = "score-interview"
    final = "综合成绩"
    rounded = "面试成绩"
    needs = ((frozenset({"written"}), "笔试成绩"), (frozenset({"interview", "panel"}), "面试成绩（或面试评委评分）"))
    written_always = True

    def evaluate(self, c: Candidate, ctx: Context) -> Result:
        return _interview(c, ctx)

    def formula(self, policy: Policy) -> list[str]:
        s = policy.score
        iv = s.interview
        trim = "，去掉一个最高分和一个最低分后" if s.trim_panel else ""
        lines = []
        if s.written_pass is not None:
            lines.append(f"笔试成绩达到{plain(s.written_pass)}分为合格，合格者方可进入面试。")
        marks = [f"面试成绩达到{plain(iv.interview_pass)}分"] if iv.interview_pass is not None else []
        marks += [f"综合成绩达到{plain(iv.total_pass)}分"] if iv.total_pass is not None else []
        passing = f"，{'且'.join(marks)}为合格" if marks else "，本方案不设综合成绩合格线，按综合成绩排名"
        return lines + [
            f"面试成绩 = 面试各评委评分{trim}的平均分；表中只有面试成绩（无评委评分）的，按所填面试成绩。",
            f"综合成绩 = 笔试成绩×{percent_of(iv.written_weight or Decimal(0))} + 面试成绩×{percent_of(iv.interview_weight or Decimal(0))}"
            f"（笔试满分{plain(s.written_max)}分，面试满分{plain(iv.interview_max)}分）{passing}。",
            "缺考或成绩空白不计零分，不计算综合成绩。",
        ]

    def sheet_columns(self, policy: Policy) -> list[Shown]:
        verdict = [Shown("是否合格", "verdict", 14)] if _has_pass(policy) else []
        return [Shown("面试得分", "interview", 10), Shown("综合成绩", "total", 10), *verdict]

    def summary_columns(self, policy: Policy) -> list[Shown]:
        verdict = [VERDICT] if _has_pass(policy) else []
        return [Shown("面试成绩", "interview", 9, short="面试"), Shown("综合成绩", "total", 10), *verdict]

    def counts_passed(self, policy: Policy) -> bool:
        return _has_pass(policy)

    def blank_columns(self, policy: Policy) -> list:
        from cadre_cli.writers.template import Column

        s = policy.score
        top = s.interview.interview_max
        judges_n = (s.panel_size or [5, 7])[1]
        return [
            Column(f"笔试成绩（{plain(s.written_max)}分）", kind="score", maximum=int(s.written_max), width=11),
            *[Column(f"评委{i}", group="面试评委评分", kind="score", maximum=int(top), width=7) for i in range(1, judges_n + 1)],
        ]


def _interview(c: Candidate, ctx: Context) -> Result:
    s = ctx.policy.score
    iv = s.interview
    read = CellReader(c)
    res = Result(c, Status.SCORED)
    later = "interview" in c.cells or bool(judges(c))
    ended, written = written_gate(c, read, res, maximum=s.written_max, pass_mark=s.written_pass, next_stage="面试",
                                  absent_tail="不进入面试，无综合成绩", later="面试" if later else None)
    if ended is not None:
        return ended
    marks = {f: read.score(f, iv.interview_max) for f in judges(c)}
    given = read.score("interview", iv.interview_max)
    total_given = read.result("total")
    if c.errors:
        return rejected(res)
    if any(v is ABSENT for v in (*marks.values(), given, total_given)):
        return absent(res, "面试缺考（不计零分），无综合成绩")
    interview = _interview_score(c, ctx, [m for m in marks.values() if m is not None], given)
    if c.errors:
        return rejected(res)
    if interview is None:
        return absent(res, "面试成绩空白，按缺考处理（不计零分），无综合成绩")
    stages = weighted([written, interview], weights_of(iv.written_weight or 0, iv.interview_weight or 0), s.round_stages)
    res.interview, res.total = shown(interview), shown(stages.final)
    if isinstance(total_given, Decimal) and not agrees(total_given, stages.final):
        c.notes.append(f"表中原填综合成绩{plain(total_given)}与计算结果{res.total}不一致，以计算结果为准")
    return _passes(res, iv.interview_pass, iv.total_pass)


def _interview_score(c: Candidate, ctx: Context, marks: list[Decimal], given: Decimal | None) -> Fraction | None:
    if not marks:
        return None if given is None else Fraction(given)
    value = judged(c, ctx, marks)
    if value is not None:
        compare_given(c, given, value, "面试成绩", "评委评分")
    return value


def _passes(res: Result, interview_pass: Decimal | None, total_pass: Decimal | None) -> Result:
    """是否合格 on the values as shown (rounded half-up), as the defense pass mark is."""
    checks = [(label, value, mark) for label, value, mark in (("面试成绩", res.interview, interview_pass),
                                                             ("综合成绩", res.total, total_pass)) if mark is not None]
    if not checks:
        return res  # no pass mark: ranked only
    res.passed = True
    for label, value, mark in checks:
        if value is None or value < mark:
            res.passed = False
            res.candidate.notes.append(f"{label}未达到{plain(mark)}分的合格线")
    return res
