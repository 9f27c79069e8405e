"""`cadre inspect`: what is read in a workbook, without checking anything."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_cli.api.common import as_path, unlocked

if TYPE_CHECKING:
    from cadre_cli.diagnostic import Diagnostic
    from cadre_cli.model.inspection import Inspection
    from cadre_cli.model.person import Roster

INSPECT_KEYS = ("name", "exam_number", "id_number")


@dataclass
class InspectReport:
    source: Path
    roster: Roster
    found: Inspection
    diagnostics: list[Diagnostic] = field(default_factory=list)  # each value that cannot be read, at its cell
    notes: list[str] = field(default_factory=list)  # what the file really is (按 Excel 97-2003 格式读取), a password used


def value_diagnostics(roster: Roster) -> list[Diagnostic]:
    """Every value problem found while reading (no rule run): unreadable values, and ID
    numbers that are not valid ones."""
    from cadre_cli.diagnostic import Diagnostic, Location, PersonKey
    from cadre_cli.rules.registry import REGISTRY

    id_rule = REGISTRY["id-number"]
    out: list[Diagnostic] = []
    for person in roster.people:
        out += [p.diagnostic(person) for p in person.problems]
        if person.id_problem:
            out.append(Diagnostic(id_rule.id, id_rule.severity, person.id_problem, id_rule.basis,
                                  where=Location.of(person.cell("id_number"), "id_number"), raw=person.raw("id_number"),
                                  person=PersonKey(person.record.sheet, person.record.row), name=person.name,
                                  unit=person.unit))
    return out


def inspect_file(path: str | Path, *, password: str | None = None) -> InspectReport:
    """The sheets, header rows, column -> field mapping, people counted and the value
    problems by column of a roster or score sheet."""
    from cadre_cli.api.roster import read
    from cadre_cli.model.inspection import inspect_roster

    source = as_path(path)
    with unlocked(password):
        reading, roster = read(source, INSPECT_KEYS, allow_empty=True)
    return InspectReport(source, roster, inspect_roster(roster), value_diagnostics(roster), list(reading.book.notes))
