"""A finding: one rule broken by one person (or by the pool), with the cell it rests on;
a rule skipped for the whole roster; a gap: a rule that could not be checked for a person."""

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
    fields: tuple[str, ...] = ()  # the columns it lacked, first of each group
    brief: str = ""  # the reason in a few words, under a heading that already says "not checked"

    def as_json(self) -> dict:
        return {"rule": self.rule, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Gap:
    """A rule not checked for one person: why (`出生年月为空`, `名册没有“年度考核”列`) and
    the fields it lacked."""

    rule: str
    reason: str
    fields: tuple[str, ...] = ()
    everyone: bool = False  # the roster lacks the columns: the same gap for every person


SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
