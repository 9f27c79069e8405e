"""What `cadre inspect` shows about a roster, without running any rule: the reading
report, the people counted, and the value problems grouped by column."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre_cli.model.person import Person, Roster
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.report import ReadReport

EXAMPLES = 3


@dataclass
class ColumnProblems:
    """The value problems of one column of one sheet."""

    sheet: str
    field: str
    header: str
    cell: str  # the header cell
    count: int = 0
    examples: list[str] = field(default_factory=list)  # `E25：“1992.13”的月份13不存在`

    def add(self, cell: CellRef | None, reason: str) -> None:
        self.count += 1
        if len(self.examples) < EXAMPLES:
            self.examples.append(f"{cell.ref if cell else '—'}：{reason}")

    def as_json(self) -> dict:
        return {"sheet": self.sheet, "field": self.field, "label": field_label(self.field), "header": self.header,
                "cell": self.cell, "count": self.count, "examples": self.examples}


@dataclass
class Inspection:
    report: ReadReport
    rows: int  # data rows read as people
    people: int  # each person once
    problems: list[ColumnProblems]

    @property
    def entered_twice(self) -> int:
        return self.rows - self.people

    def as_json(self) -> dict:
        return {"rows": self.rows, "people": self.people, "entered_twice": self.entered_twice,
                "columns": [c.as_json() for c in self.report.columns], "reading": self.report.as_json(),
                "value_problems": [p.as_json() for p in self.problems]}


def _problems_of(person: Person) -> list[tuple[str, CellRef | None, str]]:
    found = [(p.field, p.cell, p.reason) for p in person.problems]
    if person.id_problem:
        found.append(("id_number", person.cell("id_number"), person.id_problem))
    if person.id_note:
        found.append(("id_number", person.cell("id_number"), person.id_note))
    for fld, conflict in (("birth", person.birth_conflict()), ("gender", person.gender_conflict())):
        if conflict:
            found.append((fld, person.cell(fld), conflict))
    return found


def inspect_roster(roster: Roster) -> Inspection:
    headers = {(c.sheet, c.col): c for c in roster.report.columns}
    by_column: dict[tuple[str, str], ColumnProblems] = {}
    for person in roster.people:
        for fld, cell, reason in _problems_of(person):
            sheet = cell.sheet if cell else person.sheet
            key = (sheet, fld)
            if key not in by_column:
                column = headers.get((sheet, cell.col)) if cell else None
                by_column[key] = ColumnProblems(sheet, fld, column.header if column else field_label(fld),
                                                column.cell if column else "—")
            by_column[key].add(cell, reason)
    problems = sorted(by_column.values(), key=lambda p: (p.sheet, p.cell))
    return Inspection(roster.report, len(roster.people), len(roster.distinct_people()), problems)
