"""What a scoring scheme is: the stages it reads, how one candidate's result is
computed, and what is shown of it (the columns added beside each row, the 成绩汇总
sheet, the terminal table, a blank template, the 计算说明).

A scheme is one object; the policy's `[score] scheme` names it (see `SCHEMES`). The
engine, the workbook writer, the terminal view and the template ask the scheme, so a
new scheme is one new module here and its parameters in the policy schema."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy
    from cadre_cli.score.evaluate import Context
    from cadre_cli.score.model import Candidate, Result
    from cadre_cli.writers.template import Column as BlankColumn

TEXT_KEYS = ("verdict", "rank")  # shown values that are not scores


@dataclass(frozen=True)
class Shown:
    """A value of a result as shown: `key` is a `Result` attribute, or `verdict`."""

    label: str
    key: str
    width: float = 9
    short: str | None = None  # the terminal's header, when shorter than the label

    def value(self, result: Result) -> Any:
        return result.verdict if self.key == "verdict" else getattr(result, self.key)

    @property
    def number(self) -> bool:
        return self.key not in TEXT_KEYS


VERDICT = Shown("是否合格", "verdict", 13, short="结果")


class Scheme:
    """One way of scoring; subclasses set the class attributes and implement `evaluate`."""

    name: ClassVar[str]  # the value of `[score] scheme`
    label: ClassVar[str]  # 缺少{label}计分所需的列
    title: ClassVar[str]  # the default title: {subject}{title}成绩汇总表
    rule: ClassVar[str]  # the rule whose basis the 计算说明 cites
    final: ClassVar[str]  # the score ranked on
    rounded: ClassVar[str]  # the stages rounded first under `round_stages`
    needs: ClassVar[Sequence[tuple[frozenset[str], str]]]  # (stages one of which is needed, what to say)
    written_label: ClassVar[str] = "笔试成绩"  # 笔试 in the 成绩汇总 sheet
    written_always: ClassVar[bool] = False  # 笔试 shown even when nobody has a written score

    def evaluate(self, candidate: Candidate, ctx: Context) -> Result:
        raise NotImplementedError

    def formula(self, policy: Policy) -> list[str]:
        """The 计算说明's lines between the basis and the rounding rule."""
        raise NotImplementedError

    def sheet_columns(self, policy: Policy) -> list[Shown]:
        """The result columns added beside each candidate's row (名次 and 说明 follow)."""
        raise NotImplementedError

    def summary_columns(self, policy: Policy) -> list[Shown]:
        """The 成绩汇总 sheet's score columns after 笔试."""
        raise NotImplementedError

    def terminal_columns(self, policy: Policy) -> list[Shown]:
        return [Shown("笔试", "written"), *self.summary_columns(policy)]

    def counts_passed(self, policy: Policy) -> bool:
        """Whether the terminal's summary line counts those who passed."""
        return True

    def run_notes(self, ctx: Context) -> list[str]:
        """Notes about the whole workbook under this scheme."""
        return []

    def blank_columns(self, policy: Policy) -> list[BlankColumn]:
        """The score columns of a blank template (`cadre template 成绩表`)."""
        raise NotImplementedError
