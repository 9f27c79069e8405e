"""What a tally reads from a workbook: counts with their cells, per voter class.

Recommendation (民主推荐): per candidate and class, the votes. Evaluation (民主测评):
per candidate and class, the votes for each of the four grades. Either way, per class
(and for the whole meeting, class None) the figures 应到 … 弃权 of the header block or
footer, or counted from the raw ballots.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.policy.tally import VoterClass
from cadre_cli.readers.cells import CellRef

if TYPE_CHECKING:
    from cadre_cli.poll.sheet import SheetPoll

Kind = Literal["recommend", "evaluate"]
KIND_LABELS = {"recommend": "民主推荐", "evaluate": "民主测评"}
GRADES = ("excellent", "competent", "basic", "incompetent")
GRADE_LABELS = {"excellent": "优秀", "competent": "称职", "basic": "基本称职", "incompetent": "不称职"}
FIGURES = ("expected", "present", "issued", "returned", "valid", "invalid", "abstain")
FIGURE_LABELS = {"expected": "应到人数", "present": "实到人数", "issued": "发出票数", "returned": "收回票数",
                 "valid": "有效票数", "invalid": "无效票数", "abstain": "弃权票数"}
ALL = VoterClass(key="all", label="全体投票人")  # the one class of a sheet that names none


@dataclass(frozen=True, slots=True)
class Count:
    """A whole number read from a cell, or counted (cell None, `source` says how)."""

    value: int
    cell: CellRef | None = None
    source: str = ""

    @property
    def where(self) -> str:
        if self.cell is not None:
            return f"工作表“{self.cell.sheet}”{self.cell.ref}"
        return self.source


Figures = dict[str, Count]  # figure name (FIGURES) -> count


@dataclass
class Entry:
    """One candidate: name, post and the counts read for each class."""

    name: str
    post: str | None
    cell: CellRef | None  # the name cell (on a ballot sheet, the header cell)
    order: int
    votes: dict[str, Count] = field(default_factory=dict)  # class id -> votes (推荐)
    grades: dict[str, dict[str, Count]] = field(default_factory=dict)  # class id -> grade -> votes (测评)
    figures: dict[str, Figures] = field(default_factory=dict)  # class id -> this candidate's own figures
    unknown: set[str] = field(default_factory=set)  # classes with an unreadable count: no result there
    typed: list[tuple[str | None, str, object, CellRef]] = field(default_factory=list)  # (class, share|score|total, raw, cell)
    also: list[CellRef] = field(default_factory=list)  # the name cells of the same person on other sheets


@dataclass
class PollData:
    """One poll: the candidates and figures of the sheets that belong together."""

    kind: Kind
    classes: list[VoterClass]  # the classes found, in policy order
    entries: list[Entry] = field(default_factory=list)
    figures: dict[str | None, Figures] = field(default_factory=dict)  # class id (None: whole meeting)
    findings: list[Diagnostic] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    ballots: int = 0  # raw ballots read (0 for a summary)
    from_ballots: bool = False
    parts: list[SheetPoll] = field(default_factory=list)  # the sheets as read

    def figure(self, cls: str | None, name: str) -> Count | None:
        return self.figures.get(cls, {}).get(name)
