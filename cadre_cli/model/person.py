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
from cadre_cli.readers.table import Record, Table, section_label


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


def _name(raw: object) -> str | None:
    """A name; `马　超` padded for alignment is 马超 (spaces only inside a Chinese name)."""
    text = _text(raw)
    if text is None:
        return None
    joined = "".join(text.split())
    return joined if joined and all("\u4e00" <= ch <= "\u9fff" or ch in "·•" for ch in joined) else text


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
    "name": _name,
    "gender": cat.parse_gender,
    "ethnicity": cat.parse_ethnicity,
    "political_status": cat.parse_party,
    "education": cat.parse_education,
    "education_fulltime": cat.parse_education,
    "education_parttime": cat.parse_education,
    "degree": cat.parse_degree,
    "degree_fulltime": cat.parse_degree,
    "degree_parttime": cat.parse_degree,
    "title": cat.parse_title,
    "rank": cat.parse_rank,
    "unit": _text,
    "post": _text,
    "reserve_level": _text,
    "household": _text,
    "health": _text,
    "post_history": _text,
    "secondment_unit": _text,
    "secondment_post": _text,
    "proposed_post": _text,
    "tier_final": parse_grade,
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
               "secondment_start", "secondment_end", "borrowed_start", "borrowed_end", "mentor_since", "last_inspection",
               "flag_date")
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


@dataclass(slots=True)
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
    apart: str | None = None  # why the row is listed apart from the candidates (a reader's hook): see model/standing.py

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def cell(self, name: str) -> CellRef | None:
        """Where a field's value is, or where it would be (the column exists, the cell is blank)."""
        return self.record.ref(name)

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
    def reserve_level(self) -> str | None:
        """后备类别 as written, else the level its section line names (`一、正科级后备干部`)."""
        value = self.values.get("reserve_level")
        if value:
            return value
        section = self.record.section
        return section_label(section) or None if section else None

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
        if value is None and "education_fulltime" not in self.record.columns:
            text = _text(self.record.raw("education")) or ""
            if "全日制" in text:
                return self.values.get("education")
        return value

    @property
    def degree(self) -> cat.Degree | None:
        found = [self.values.get(k) for k in ("degree", "degree_fulltime", "degree_parttime")]
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


class ParseCache:
    """Rosters repeat the same few values thousands of times (birth months, grades,
    education, units, vote counts): each distinct raw value is parsed once per field
    kind. A hit is (True, value) or (False, reason). Booleans bypass the memo, since
    True == 1 as a dict key."""

    def __init__(self) -> None:
        self.memos: dict[str, dict[object, tuple[bool, Any]]] = {}

    def memo(self, kind: str) -> dict[object, tuple[bool, Any]]:
        return self.memos.setdefault(kind, {})


def _parse(parser: Callable[..., Any], raw: object, *args: Any) -> tuple[bool, Any]:
    try:
        return True, parser(raw, *args)
    except ValueProblem as exc:
        return False, exc.reason


def lookup(memo: dict[object, tuple[bool, Any]], parser: Callable[..., Any], raw: object) -> tuple[bool, Any]:
    if raw.__class__ is bool:
        return _parse(parser, raw)
    try:
        hit = memo.get(raw)
    except TypeError:  # unhashable
        return _parse(parser, raw)
    if hit is None:
        hit = memo[raw] = _parse(parser, raw)
    return hit


_DATE, _ID, _GRADE, _FLAG, _PLAIN = range(5)


def _plan(columns: dict[str, int], cache: ParseCache) -> dict[str, tuple[int, Any, Any]]:
    """How each mapped column of a table is parsed, decided once per table:
    field -> (kind code, parser or year, the memo of its kind)."""
    plan: dict[str, tuple[int, Any, Any]] = {}
    for name in columns:
        if name in DATE_FIELDS:
            plan[name] = (_DATE, parse_date, cache.memo("date"))
        elif name == "id_number":
            plan[name] = (_ID, None, None)
        elif name.startswith("assessment:"):
            plan[name] = (_GRADE, int(name[11:]), cache.memo("grade"))
        elif name.startswith("flag:"):
            plan[name] = (_FLAG, cat.parse_flag, cache.memo("flag"))
        elif name in PARSERS:
            plan[name] = (_PLAIN, PARSERS[name], cache.memo(name))
    return plan


def build_person(record: Record, table: Table, cache: ParseCache | None = None,
                 plan: dict[str, tuple[int, Any, Any]] | None = None) -> Person:
    cache = cache or ParseCache()
    plan = plan if plan is not None else _plan(table.columns, cache)
    person = Person(record, table)
    values = person.values
    for name, raw in record.values.items():
        step = plan.get(name)
        if step is None:
            continue
        code, arg, memo = step
        if code == _ID:
            try:
                person.id = parse_id(raw)
            except ValueProblem as exc:
                person.id_problem = exc.reason
            continue
        if code == _DATE and raw.__class__ is float and not raw.is_integer():
            decimals = table.sheet.decimals(record.row - 1, record.columns[name] - 1)
            ok, value = _parse(parse_date, raw, decimals)
        else:
            try:  # the common case: a value seen before (booleans never enter the memo)
                if raw.__class__ is bool:
                    raise KeyError(raw)
                ok, value = memo[raw]
            except (KeyError, TypeError):
                ok, value = lookup(memo, parse_grade if code == _GRADE else arg, raw)
        if not ok:
            person.problems.append(Problem(name, record.ref(name), value))
        elif code == _GRADE:
            person.assessments[arg] = value
        elif code == _FLAG:
            if value is not None:
                person.flags[name] = value
        else:
            values[name] = value
    person.poll = _poll(person, cache.memo("count"))
    person.unit = values.get("unit") or table.unit_hint
    return person


_POLL_FIELDS = tuple((f"poll:{k}", k) for k in (*POLL_KEYS, "voters"))


def _poll(person: Person, memo: dict) -> Poll | None:
    values = person.record.values
    present = [(field, key) for field, key in _POLL_FIELDS if field in values]
    if not present or present[0][1] == "voters":
        return None
    poll = Poll()
    for field, key in present:
        ok, value = lookup(memo, parse_count, values[field])
        if not ok:
            person.problems.append(Problem(field, person.record.ref(field), value))
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
    cache = ParseCache()
    for table in tables:
        plan = _plan(table.columns, cache)
        for record in table.records:
            person = build_person(record, table, cache, plan)
            if person.unit is None and named_sheets:
                person.unit = table.name
            people.append(person)
    return Roster(path_name, tables, people)
