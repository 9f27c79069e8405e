"""A reserve cadre as read from one roster row: typed values plus the problems found.

Parsing is per field through `PARSERS`; a value that cannot be read becomes a
`Problem` (rule `invalid-value`) and the field stays None, so the other checks on the
row still run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from cadre_cli.parse import categories as cat
from cadre_cli.parse.dates import PDate, parse_date, parse_date_range
from cadre_cli.parse.grades import Grade, parse_grade
from cadre_cli.parse.idcard import IdNumber, parse_id
from cadre_cli.parse.numbers import ABSENT, parse_count, parse_number
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, is_blank
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.table import Record, Table


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    cell: CellRef
    reason: str
    rule: str = "invalid-value"

    @property
    def message(self) -> str:
        return f"{field_label(self.field)}：{self.reason}"


def _text(raw: object) -> str | None:
    return None if is_blank(raw) else cell_text(raw)


def _result(raw: object) -> Decimal | str | None:
    """An exam result: a score, or a verdict written as text (合格/不合格/缺考)."""
    if isinstance(raw, str) and raw.strip() in ("合格", "不合格", "通过", "未通过", "及格", "不及格"):
        return raw.strip()
    value = parse_number(raw)
    return "缺考" if value is ABSENT else value  # type: ignore[return-value]


def _ready(raw: object) -> bool | None:
    text = _text(raw)
    if text is None:
        return None
    if any(w in text for w in ("近期", "成熟", "可提拔", "是", "√")) and not any(w in text for w in ("不", "较长", "远期", "否")):
        return True
    return False


def _promoted(raw: object) -> bool | None:
    if is_blank(raw):
        return None
    try:
        return parse_date(raw) is not None
    except ValueProblem:
        return cat.parse_flag(raw)


PARSERS: dict[str, Callable[[object], Any]] = {
    "name": _text,
    "gender": cat.parse_gender,
    "ethnicity": cat.parse_ethnicity,
    "political_status": cat.parse_party,
    "education": cat.parse_education,
    "education_fulltime": cat.parse_education,
    "education_parttime": cat.parse_education,
    "degree": cat.parse_degree,
    "title": cat.parse_title,
    "rank": cat.parse_rank,
    "unit": _text,
    "post": _text,
    "reserve_level": _text,
    "household": _text,
    "health": _text,
    "remarks": _text,
    "exam_number": _text,
    "mentor": _text,
    "promoted": _promoted,
    "ready": _ready,
    "post_count": parse_count,
    "talks": parse_count,
    "articles": parse_count,
    "inspections": parse_count,
    "written": _result,
    "defense": _result,
    "secondment_period": parse_date_range,
    "borrowed_period": parse_date_range,
}
DATE_FIELDS = ("birth", "joined_party", "work_start", "post_since", "rank_since", "middle_since", "reserve_since",
               "secondment_start", "secondment_end", "borrowed_start", "borrowed_end", "mentor_since", "last_inspection")
POLL_KEYS = ("excellent", "competent", "basic", "incompetent")


@dataclass
class Poll:
    excellent: int = 0
    competent: int = 0
    basic: int = 0
    incompetent: int = 0
    voters: int | None = None

    @property
    def cast(self) -> int:
        return self.excellent + self.competent + self.basic + self.incompetent

    @property
    def base(self) -> int:
        """The denominator of vote shares: the number of evaluators, else the votes cast."""
        return self.voters if self.voters else self.cast


@dataclass
class Person:
    record: Record
    table: Table | None = None
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    id: IdNumber | None = None
    id_problem: str | None = None
    assessments: dict[int, Grade | None] = field(default_factory=dict)
    poll: Poll | None = None
    flags: dict[str, bool] = field(default_factory=dict)
    unit: str | None = None

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def cell(self, name: str) -> CellRef | None:
        """Where a field's value is, or where it would be (the column exists, the cell is blank)."""
        c = self.record.cells.get(name)
        if c is not None:
            return c.ref
        if self.table is not None and name in self.table.columns:
            return CellRef(self.record.sheet, self.record.row, self.table.columns[name])
        return None

    @property
    def name(self) -> str | None:
        return self.values.get("name")

    @property
    def row(self) -> int:
        return self.record.row

    @property
    def sheet(self) -> str:
        return self.record.sheet

    @property
    def born(self) -> PDate | None:
        """The roster's birth date, else the one in the ID number."""
        birth = self.values.get("birth")
        if birth is not None:
            return birth
        if self.id is not None:
            b = self.id.birth
            return PDate(b.year, b.month, b.day)
        return None

    @property
    def gender(self) -> str | None:
        g = self.values.get("gender")
        return g if g is not None else (self.id.gender if self.id else None)

    @property
    def education(self) -> cat.Education | None:
        levels = [self.values.get(k) for k in ("education", "education_fulltime", "education_parttime")]
        known = [v for v in levels if v is not None]
        return max(known) if known else None

    @property
    def education_fulltime(self) -> cat.Education | None:
        value = self.values.get("education_fulltime")
        if value is None and "education_fulltime" not in self.record.cells:
            text = _text(self.record.raw("education")) or ""
            if "全日制" in text:
                return self.values.get("education")
        return value

    @property
    def degree(self) -> cat.Degree | None:
        found = [self.values.get("degree")]
        for key in ("education", "education_fulltime", "education_parttime"):
            found.append(cat.parse_degree(self.record.raw(key)))
        known = [d for d in found if d is not None]
        return max(known) if known else None

    def period(self, prefix: str) -> tuple[PDate, PDate | None, CellRef | None] | None:
        """A secondment or borrowing: from start/end columns or one period column."""
        start = self.values.get(f"{prefix}_start")
        if start is not None:
            return start, self.values.get(f"{prefix}_end"), self.cell(f"{prefix}_start")
        span = self.values.get(f"{prefix}_period")
        if span is not None:
            return span[0], span[1], self.cell(f"{prefix}_period")
        return None


def _decimals(table: Table, ref: CellRef) -> int | None:
    return table.sheet.decimals(ref.row - 1, ref.col - 1)


def build_person(record: Record, table: Table) -> Person:
    person = Person(record, table)
    values = person.values
    for name, c in record.cells.items():
        try:
            if name in DATE_FIELDS:
                raw = c.value
                decimals = _decimals(table, c.ref) if isinstance(raw, float) and not raw.is_integer() else None
                values[name] = parse_date(raw, decimals)
            elif name == "id_number":
                try:
                    person.id = parse_id(c.value)
                except ValueProblem as exc:
                    person.id_problem = exc.reason
            elif name.startswith("assessment:"):
                person.assessments[int(name.split(":", 1)[1])] = parse_grade(c.value)
            elif name.startswith("flag:"):
                flag = cat.parse_flag(c.value)
                if flag is not None:
                    person.flags[name] = flag
            elif name in PARSERS:
                values[name] = PARSERS[name](c.value)
        except ValueProblem as exc:
            person.problems.append(Problem(name, c.ref, exc.reason))
    person.poll = _poll(person)
    person.unit = values.get("unit") or table.unit_hint
    return person


def _poll(person: Person) -> Poll | None:
    record = person.record
    keys = [k for k in POLL_KEYS if f"poll:{k}" in record.cells] + (["voters"] if "poll:voters" in record.cells else [])
    if not any(k in keys for k in POLL_KEYS):
        return None
    poll = Poll()
    for key in keys:
        c = record.cells[f"poll:{key}"]
        try:
            value = parse_count(c.value)
        except ValueProblem as exc:
            person.problems.append(Problem(f"poll:{key}", c.ref, exc.reason))
            return None
        if key == "voters":
            poll.voters = value
        else:
            setattr(poll, key, value or 0)
    return poll


@dataclass
class Roster:
    path_name: str
    tables: list[Table]
    people: list[Person]

    def has_field(self, name: str) -> bool:
        if name.endswith(":*"):
            prefix = name[:-1]
            return any(any(k.startswith(prefix) for k in t.columns) for t in self.tables)
        return any(name in t.columns for t in self.tables)


def build_roster(path_name: str, tables: list[Table]) -> Roster:
    people: list[Person] = []
    named_sheets = len(tables) > 1
    for table in tables:
        for record in table.records:
            person = build_person(record, table)
            if person.unit is None and named_sheets:
                person.unit = table.name
            people.append(person)
    return Roster(path_name, tables, people)
