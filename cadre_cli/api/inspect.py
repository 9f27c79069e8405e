"""`cadre inspect`: what is read in a workbook, without checking anything."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_cli.api.common import as_path, unlocked

if TYPE_CHECKING:
    from cadre_cli.model.inspection import Inspection
    from cadre_cli.model.person import Roster

INSPECT_KEYS = ("name", "exam_number", "id_number")


@dataclass
class InspectReport:
    source: Path
    roster: Roster
    found: Inspection


def inspect_file(path: str | Path, *, password: str | None = None) -> InspectReport:
    """The sheets, header rows, column -> field mapping, people counted and the value
    problems by column of a roster or score sheet."""
    from cadre_cli.api.roster import read
    from cadre_cli.model.inspection import inspect_roster

    source = as_path(path)
    with unlocked(password):
        _, roster = read(source, INSPECT_KEYS, allow_empty=True)
    return InspectReport(source, roster, inspect_roster(roster))
