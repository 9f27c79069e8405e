"""Reading a count cell: a whole, non-negative number (`12`, `12票`, `12人`, `12张`, `１２`).
Anything else is a finding that names the cell; the count is then unknown, never zero."""

from __future__ import annotations

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.numbers import parse_count
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, squash
from cadre_cli.poll.finding import diagnostic, where
from cadre_cli.poll.model import Count
from cadre_cli.readers.cells import CellRef
from cadre_cli.rules.registry import Severity



def read_count(raw: object, cell: CellRef, what: str) -> Count | Diagnostic | None:
    """The count in a cell; None when blank; a Diagnostic when it is not a count."""
    if is_blank(raw):
        return None
    value = raw
    if isinstance(raw, str):
        text = squash(raw)
        value = text[:-1] if text.endswith(("张", "位")) and len(text) > 1 else text
    try:
        number = parse_count(value)
    except ValueProblem as problem:
        reason = problem.reason
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            shown = int(raw) if float(raw).is_integer() else raw
            reason = f"“{shown}”是负数" if raw < 0 else f"“{shown}”不是整数"
        return diagnostic("tally-bad-count", Severity.ERROR,
                       f"{where(cell)}（{what}）{reason}，应为不小于0的整数；这一格未计入。",
                       "票数、人数只能是不小于0的整数", cell, raw, {"what": what})
    if number is None:
        return None
    return Count(number, cell)
