"""A finding: one rule broken by one person (or by the pool), with the cell it rests on."""

from __future__ import annotations

from dataclasses import dataclass

from cadre_cli.readers.cells import CellRef
from cadre_cli.rules.registry import Severity


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    basis: str
    name: str | None = None
    unit: str | None = None
    cell: CellRef | None = None
    person_key: int | None = None  # index of the person in the roster

    def as_json(self) -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity.value,
            "name": self.name,
            "unit": self.unit,
            "sheet": self.cell.sheet if self.cell else None,
            "row": self.cell.row if self.cell else None,
            "cell": self.cell.ref if self.cell else None,
            "message": self.message,
            "basis": self.basis,
        }


@dataclass(frozen=True, slots=True)
class Skipped:
    rule: str
    reason: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "reason": self.reason}


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
