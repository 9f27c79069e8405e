"""The one type for everything a user is told about the data.

A `Diagnostic` is a rule (or reading check) that a value, a person, a file or the whole pool
breaks, with where it stands, the value as it stands there, the numbers its Chinese message
states, and the clause it rests on. Audit findings, score problems, reading problems, tally
problems and 任免表 findings are all Diagnostics; `as_json()` is their one JSON shape.

A person is keyed by `PersonKey` (sheet + row, or a file), never by `id()`: it survives a
copy, a pickle and a second read of the same roster.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, NamedTuple

from cadre_cli.readers.cells import CellRef, col_letter
from cadre_cli.rules.registry import Severity

__all__ = ["Diagnostic", "Location", "PersonKey", "Severity", "plain"]


class PersonKey(NamedTuple):
    """A person's stable key: the sheet and row of the first cell of their record
    (or the file, for one person per file). A named tuple: made, hashed and compared at
    C speed (an audit keys every person's verdict, gaps and findings by it)."""

    sheet: str
    row: int = 0
    file: str = ""

    @classmethod
    def of_cell(cls, cell: CellRef) -> PersonKey:
        return cls(cell.sheet, cell.row)

    def __str__(self) -> str:
        return self.file or f"{self.sheet}!{self.row}"


@dataclass(frozen=True, slots=True)
class Location:
    """Where a diagnostic points: a cell (sheet, row, column) and the field read there;
    or a file and an element in it (任免表); any part may be absent (a whole row, a whole sheet,
    the whole pool)."""

    sheet: str | None = None
    row: int | None = None
    column: int | None = None
    field: str | None = None
    file: str | None = None
    element: str | None = None

    @classmethod
    def of(cls, cell: CellRef | None, field: str | None = None) -> Location:
        if cell is None:
            return cls(field=field)
        return cls(cell.sheet, cell.row, cell.col, field)

    @property
    def cell(self) -> CellRef | None:
        if self.sheet is None or self.row is None or self.column is None:
            return None
        return CellRef(self.sheet, self.row, self.column)

    @property
    def ref(self) -> str | None:
        """`C7`, or `7` for a whole row, or None."""
        if self.row is None:
            return None
        return f"{col_letter(self.column)}{self.row}" if self.column else str(self.row)

    def as_json(self) -> dict[str, Any]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "cell": self.ref,
                "field": self.field, "file": self.file, "element": self.element}


@dataclass(frozen=True, slots=True)
class Diagnostic:
    rule: str
    severity: Severity
    message: str  # one Chinese sentence; names the place where the place is not obvious
    basis: str = ""  # the clause it rests on
    where: Location = field(default_factory=Location)
    raw: object = None  # the value as it stands in the cell or element
    data: dict[str, Any] = field(default_factory=dict)  # the numbers and dates the message states
    person: PersonKey | None = None
    name: str | None = None
    unit: str | None = None

    @property
    def cell(self) -> CellRef | None:
        return self.where.cell

    def as_json(self) -> dict[str, Any]:
        """The one JSON shape: today's keys (rule, severity, name, unit, sheet, row, cell,
        message, basis) plus the structured ones (field, column, raw, data, person, file, element)."""
        w = self.where
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "name": self.name,
            "unit": self.unit,
            "sheet": w.sheet,
            "row": w.row,
            "cell": None if w.column is None else w.ref,  # an A1 reference, None for a whole row
            "column": w.column,
            "field": w.field,
            "file": w.file,
            "element": w.element,
            "raw": None if self.raw is None else plain(self.raw),
            "message": self.message,
            "basis": self.basis,
            "data": {k: plain(v) for k, v in self.data.items()},
            "person": None if self.person is None else str(self.person),
        }


def plain(value: object) -> object:
    """A value as JSON holds it exactly: decimals and fractions as strings (never floats),
    dates in ISO form, sequences as lists."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    if hasattr(value, "iso"):
        return value.iso()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return str(value)
