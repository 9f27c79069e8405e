"""What one tally sheet holds, before sheets are put together into polls."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.poll.header import Header
from cadre_cli.poll.model import Entry, Figures, Kind


@dataclass
class SheetPoll:
    sheet: str
    kind: Kind
    classed: bool  # the sheet names its voter classes (in columns or its name)
    classes: set[str] = field(default_factory=set)
    entries: list[Entry] = field(default_factory=list)
    figures: dict[str | None, Figures] = field(default_factory=dict)
    findings: list[Diagnostic] = field(default_factory=list)
    ballots: int = 0
    from_ballots: bool = False
    title: str | None = None
    ignored: list[str] = field(default_factory=list)  # header texts of columns not used
    header: Header | None = None
    rows: list[int] = field(default_factory=list)  # 1-based rows read (candidates, or ballots)
    row_notes: dict[int, str] = field(default_factory=dict)  # a ballot's row -> why it is not a valid ballot
