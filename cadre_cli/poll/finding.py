"""What a tally reports: `Diagnostic`s (the project's one problem type), made here with
the cell they rest on, and the bases the checks cite."""

from __future__ import annotations

from typing import Any

from cadre_cli.diagnostic import Diagnostic, Location
from cadre_cli.readers.cells import CellRef
from cadre_cli.rules.registry import Severity

BASIS_S8 = "班子成员、中层干部、普通党员、群众投票情况应分别统计，具体分析（seeds/002 (1) 3，S8）"
BASIS_COUNTING = "计票常规：每张有效票对同一人只计一票，票数不能多于投票的人数"
BASIS_BALLOTS = "计票常规：收回票数不多于发出票数，发出票数不多于应到人数"


def diagnostic(rule: str, severity: Severity, message: str, basis: str = "", cell: CellRef | None = None,
               raw: object = None, data: dict[str, Any] | None = None) -> Diagnostic:
    """One problem or remark of a tally; `message` is one Chinese sentence naming the
    sheet and cell."""
    return Diagnostic(rule, severity, message, basis, Location.of(cell), raw, dict(data or {}))


def where(cell: CellRef | None) -> str:
    """`工作表“推荐汇总”C7` for messages; '' without a cell."""
    return f"工作表“{cell.sheet}”{cell.ref}" if cell is not None else ""
