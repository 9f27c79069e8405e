"""One candidate's result under the policy's scheme (`cadre_cli/score/schemes/`), and
what the schemes share: the judges' marks, absent and rejected results.

Absent (缺考, or a blank score the scheme needs) is never zero: no result, a note.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from cadre_cli.parse.numbers import ABSENT
from cadre_cli.policy.schema import Policy
from cadre_cli.score.cells import CellReader, plain
from cadre_cli.score.compute import agrees, panel_mean, shown
from cadre_cli.score.model import Candidate, Result, Status

HUNDRED = Decimal(100)


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
    from cadre_cli.score.schemes import scheme_of

    if candidate.errors:  # e.g. a row that could not be joined
        return Result(candidate, Status.REJECTED)
    return scheme_of(ctx.policy).evaluate(candidate, ctx)


def judges(candidate: Candidate) -> list[str]:
    return sorted((f for f in candidate.cells if f.startswith("panel:")), key=lambda f: int(f.split(":")[1]))


def where(candidate: Candidate) -> str:
    return f"“{candidate.first.sheet}”第{candidate.first.row}行"


def absent(result: Result, note: str) -> Result:
    result.status, result.passed = Status.ABSENT, False  # 缺考: not zero points, but not passed either
    result.candidate.notes.append(note)
    return result


def rejected(result: Result) -> Result:
    result.status, result.passed = Status.REJECTED, False
    return result


def failed_written(result: Result, written: Decimal, mark: Decimal, next_stage: str, unused: str | None) -> Result:
    """Below the written pass mark: no further stage (S2); `unused` names the later
    stages' data the row has, which is then left aside."""
    result.status, result.passed = Status.FAILED_WRITTEN, False
    note = f"笔试{plain(written)}分，未达到{plain(mark)}分合格线，不进入{next_stage}"
    if unused:
        note += f"（{unused}数据未使用）"
    result.candidate.notes.append(note)
    return result



def written_gate(c: Candidate, read: CellReader, res: Result, *, maximum: Decimal, pass_mark: Decimal | None,
                 next_stage: str, absent_tail: str, later: str | None) -> tuple[Result | None, Decimal | None]:
    """The written exam as the gate to `next_stage`: the result that ends there (an error in
    the row, absent or blank, below the pass mark), or None and the written score to go on with.
    `later`: the stages whose data is then left unused, for the note."""
    written = read.score("written", maximum)
    if c.errors:
        return rejected(res), None
    if written is None or written is ABSENT:
        what = "笔试缺考" if written is ABSENT else "笔试成绩空白，按缺考处理"
        return absent(res, f"{what}（不计零分），{absent_tail}"), None
    res.written = shown(written)
    if pass_mark is not None:
        res.written_passed = written >= pass_mark
        if not res.written_passed:
            return failed_written(res, written, pass_mark, next_stage, later), None
    return None, written


def panel_size(c: Candidate, ctx: Context, n: int) -> None:
    size = ctx.policy.score.panel_size
    if size and not size[0] <= n <= size[1]:
        c.warn("score-panel-size", None,
               f"{where(c)}有{n}位评委评分，不在考评组一般{size[0]}—{size[1]}人的范围内（结果照常计算）。")


def judged(c: Candidate, ctx: Context, marks: list[Decimal]) -> Fraction | None:
    """The judges' mean (trimmed when the policy says so); None and an error when too few
    marks are left to trim."""
    panel_size(c, ctx, len(marks))
    trim = ctx.policy.score.trim_panel
    if trim and len(marks) < 3:
        c.error("score-panel-size", None,
                f"{where(c)}只有{len(marks)}位评委的评分，去掉一个最高分和一个最低分需要至少3位，该行不计算结果。")
        return None
    return panel_mean(marks, trim)


def compare_given(c: Candidate, given: Decimal | None, value: Fraction, label: str, source: str) -> None:
    """A hand-filled score beside the marks or votes: ours stands, a difference is noted."""
    if given is not None and not agrees(given, value):
        c.notes.append(f"表中所填{label}{plain(given)}与按{source}计算的{shown(value)}不一致，以{source}为准")
