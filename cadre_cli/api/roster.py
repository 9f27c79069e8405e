"""Reading a roster: the workbook's tables of people, each row a typed `Person`, and the
report of what was read (column -> field, columns not read)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from cadre_cli.api.common import as_path, unlocked

if TYPE_CHECKING:
    from cadre_cli.model.person import Roster
    from cadre_cli.readers.load import Reading


def read(path: str | Path, keys: tuple[str, ...] = ("name",), allow_empty: bool = False) -> tuple[Reading, Roster]:
    """The workbook as read and its people (the jobs need both: the workbook to annotate)."""
    from cadre_cli.model.person import build_roster
    from cadre_cli.readers.roster_input import read_roster as read_workbook  # workbook or 任免表 files

    source = as_path(path)
    reading = read_workbook(source, keys, allow_empty=allow_empty)
    return reading, build_roster(source.name, reading.tables, reading.report)


def read_roster(path: str | Path, *, password: str | None = None, allow_empty: bool = False) -> Roster:
    """A roster (.xlsx .xlsm .xls .et .ods .csv, or a system's XML/HTML “.xls”) read into
    `Roster.people`; `Roster.report` says what each column was read as."""
    with unlocked(password):
        return read(path, allow_empty=allow_empty)[1]
