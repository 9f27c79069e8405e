"""What a tally reports: one problem or remark, with the cell it rests on.

A plain type with the project's severities; the lead folds it into the one
Diagnostic type when `cadre poll` is wired."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_cli.readers.cells import CellRef
from cadre_cli.rules.registry import Severity

BASIS_S8 = "班子成员、中层干部、普通党员、群众投票情况应分别统计，具体分析（seeds/002 (1) 3，S8）"
BASIS_COUNTING = "计票常规：每张有效票对同一人只计一票，票数不能多于投票的人数"
BASIS_BALLOTS = "计票常规：收回票数不多于发出票数，发出票数不多于应到人数"


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str  # one Chinese sentence, naming the sheet and cell
    basis: str = ""
    cell: CellRef | None = None
    raw: object = None  # the value as it stands in the cell
    data: dict[str, Any] = field(default_factory=dict)  # the numbers behind the message

    @property
    def sheet(self) -> str | None:
        return self.cell.sheet if self.cell else None

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "sheet": self.sheet,
            "row": self.cell.row if self.cell else None,
            "cell": self.cell.ref if self.cell else None,
            "raw": None if self.raw is None else str(self.raw),
            "message": self.message,
            "basis": self.basis,
            "data": {k: _plain(v) for k, v in self.data.items()},
        }


def _plain(value: object) -> object:
    if isinstance(value, (int, str, bool)) or value is None:
        return value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return str(value)


def where(cell: CellRef | None) -> str:
    """`工作表“推荐汇总”C7` for messages; '' without a cell."""
    return f"工作表“{cell.sheet}”{cell.ref}" if cell is not None else ""
