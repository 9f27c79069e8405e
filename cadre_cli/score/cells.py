"""Typed values from a candidate's cells. A cell that is not a number, is negative or
is above its maximum becomes an error on the candidate (rule `score-invalid`) naming
the cell; the value is then None and the candidate gets no result."""

from __future__ import annotations

from decimal import Decimal

from cadre_cli.parse.numbers import ABSENT, parse_number
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text
from cadre_cli.readers.fields import field_label
from cadre_cli.score.model import Candidate

Absent = type(ABSENT)


def plain(value: Decimal) -> str:
    """A typed number as a person writes it: 85.50 -> 85.5, 100 -> 100."""
    return format(value.normalize(), "f")


class CellReader:
    """Reads one candidate's score cells; problems go to `candidate.errors`."""

    def __init__(self, candidate: Candidate) -> None:
        self.c = candidate

    def given(self, name: str) -> Decimal | Absent | None:
        """The raw number as typed (Decimal), ABSENT, or None; errors recorded."""
        cell = self.c.cells.get(name)
        if cell is None:
            return None
        try:
            return parse_number(cell.value)
        except ValueProblem as exc:
            self.c.error("score-invalid", cell.ref, f"{cell.ref}（{field_label(name)}）：{exc.reason}，该行不计算结果。")
            return None

    def score(self, name: str, maximum: Decimal) -> Decimal | Absent | None:
        """A mark or score between 0 and `maximum`, exactly as typed."""
        value = self.given(name)
        if value is None or value is ABSENT:
            return value
        assert isinstance(value, Decimal)
        if 0 <= value <= maximum:
            return value
        ref = self.c.cells[name].ref
        if value < 0:
            self.c.error("score-invalid", ref, f"{ref}（{field_label(name)}）：{plain(value)}分低于0分，该行不计算结果。")
            return None
        self.c.error("score-invalid", ref,
                     f"{ref}（{field_label(name)}）：{plain(value)}分超过满分{plain(maximum)}分，该行不计算结果。")
        return None

    def count(self, name: str) -> int | Absent | None:
        """A whole number of votes or people."""
        value = self.given(name)
        if value is None or value is ABSENT:
            return value
        assert isinstance(value, Decimal)
        if value < 0 or value != value.to_integral_value():
            ref = self.c.cells[name].ref
            self.c.error("score-invalid", ref,
                         f"{ref}（{field_label(name)}）：“{plain(value)}”不是人数或票数（应为不小于0的整数），该行不计算结果。")
            return None
        return int(value)

    def result(self, name: str) -> Decimal | Absent | None:
        """A result typed in the sheet (答辩测评成绩, 总成绩): only compared with ours, so
        a text such as “合格” is noted and left aside, not an error."""
        cell = self.c.cells.get(name)
        if cell is None:
            return None
        try:
            return parse_number(cell.value)
        except ValueProblem:
            self.c.notes.append(f"{cell.ref}（{field_label(name)}）“{cell_text(cell.value)}”不是分数，未使用")
            return None
