"""A reserve cadre as read from one roster row: typed values plus the problems found.

Parsing is per field through `PARSERS`; a value that cannot be read becomes a
`Problem` (rule `invalid-value`) and the field stays None, so the other checks on the
row still run.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from cadre_cli.parse import categories as cat
from cadre_cli.parse.dates import PDate, add_years, is_serial_trap, parse_date, parse_date_range, shown_date
from cadre_cli.parse.grades import Grade, header_years, parse_grade, parse_grade_history
from cadre_cli.parse.idcard import IdNumber, OtherDocument, parse_id
from cadre_cli.parse.numbers import ABSENT, parse_count, parse_number
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, is_blank, is_explicit_blank
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import DATE_FIELDS, field_label
from cadre_cli.readers.report import ReadReport
from cadre_cli.readers.table import Record, Table, section_label

if TYPE_CHECKING:
    from cadre_cli.diagnostic import Diagnostic


@dataclass(frozen=True, slots=True)
class Problem:
    field: str
    cell: CellRef | None
    reason: str
    rule: str = "invalid-value"  # `missing-value` for a row with nothing to check; `recovered`, `read-as` for notes

    @property
    def message(self) -> str:
        return f"{field_label(self.field)}：{self.reason}"

    def diagnostic(self, person: Person) -> Diagnostic:
        """This problem of `person` in the one Diagnostic shape: the field, its cell and the value
        as it stands there; the severity is the rule's (a note on how a value was read: 提示)."""
        from cadre_cli.diagnostic import Diagnostic, Location, PersonKey
        from cadre_cli.rules.registry import REGISTRY, Severity

        rule = REGISTRY.get(self.rule)
        first = person.record
        return Diagnostic(self.rule, rule.severity if rule else Severity.INFO, self.message, rule.basis if rule else "",
                          Location.of(self.cell, self.field), person.raw(self.field),
                          person=PersonKey(first.sheet, first.row), name=person.name, unit=person.unit)


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
    "degree": cat.parse_degree_cell,
    "degree_fulltime": cat.parse_degree_cell,
    "degree_parttime": cat.parse_degree_cell,
    "title": cat.parse_title,
    "rank": cat.parse_rank,
    "unit": _text,
    "department": _text,
    "post": _text,
    "unit_post": _text,
    "previous_post": _text,
    "school": _text,
    "staff_number": _text,
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
    unit_from_sheet: bool = False  # the unit is the sheet's name: never glued in front of a post
    id_note: str | None = None  # a passport or travel-permit number where the ID number goes
    # Rarely set, so shared empty values until they are (50,000 people build no 250,000 empty sets):
    blank: frozenset[str] = frozenset()  # fields written as an explicit blank (`/`, `无`, `暂无`)
    never: frozenset[str] = frozenset()  # date fields whose blank says it never happened (任中层时间 `无`)
    notes: tuple[Problem, ...] = ()  # how a value was read (the 1905 trap): said, not a finding
    extra_cells: dict[str, CellRef] | None = None  # values read from elsewhere (joined sheets, one cell of years)
    extra_raw: dict[str, object] | None = None
    apart: str | None = None  # why the row is listed apart from the candidates (a reader's hook): see model/standing.py

    def get(self, name: str) -> Any:
        return self.values.get(name)

    def cell(self, name: str) -> CellRef | None:
        """Where a field's value is, or where it would be (the column exists, the cell is blank)."""
        extra = self.extra_cells.get(name) if self.extra_cells else None
        return extra if extra is not None else self.record.ref(name)

    def mark_blank(self, name: str, never: bool = False) -> None:
        self.blank = self.blank | {name}
        if never:
            self.never = self.never | {name}

    def note(self, problem: Problem) -> None:
        self.notes = (*self.notes, problem)

    def set_extra(self, name: str, cell: CellRef | None, raw: object, keep: bool = False) -> None:
        """A value of this person read from another cell than the row's own column."""
        if self.extra_cells is None or self.extra_raw is None:
            self.extra_cells, self.extra_raw = {}, {}
        if keep and name in self.extra_raw:
            return
        if cell is not None:
            self.extra_cells[name] = cell
        self.extra_raw[name] = raw

    def raw(self, name: str) -> object:
        """A field's cell as typed, from the row or from a joined sheet."""
        value = self.record.values.get(name)
        return self.extra_raw.get(name) if value is None and self.extra_raw else value

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
        """The roster's birth date, else the one in the ID number. A birth month that the ID
        number confirms takes the ID's day: born 1990-10-20 is 35, not 36, on 2026-10-15."""
        birth = self.values.get("birth")
        ident = self.id
        if birth is not None:
            if birth.day is None and ident is not None and (ident.birth.year, ident.birth.month) == (birth.year, birth.month):
                return PDate(birth.year, birth.month, ident.birth.day)
            return birth
        if ident is not None:
            b = ident.birth
            return PDate(b.year, b.month, b.day)
        return None

    def birth_conflict(self) -> str | None:
        """The roster's birth month against the ID number's, when they disagree."""
        birth: PDate | None = self.values.get("birth")
        ident = self.id
        if birth is None or ident is None:
            return None
        b = ident.birth
        if (birth.year, birth.month) != (b.year, b.month) or (birth.day is not None and birth.day != b.day):
            shown = PDate(b.year, b.month, None if birth.day is None else b.day).chinese()
            return f"{birth.chinese()}与身份证号中的{shown}不一致"  # dates in the one form users read
        return None

    def gender_conflict(self) -> str | None:
        gender = self.values.get("gender")
        if gender is not None and self.id is not None and gender != self.id.gender:
            return f"“{gender}”与身份证号显示的“{self.id.gender}”不一致"
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


BLANK = object()  # an explicit blank (`/`, `—`, `无`, `暂无`): nothing there, and nothing wrong


def _parse(parser: Callable[..., Any], raw: object, *args: Any) -> tuple[bool, Any]:
    if raw.__class__ is str and is_explicit_blank(raw):
        return True, BLANK
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


_DATE, _ID, _GRADE, _FLAG, _PLAIN, _HISTORY = range(6)
_DATE_TYPES = (dt.date, dt.datetime)


def _plan(table: Table, cache: ParseCache) -> dict[str, tuple[int, Any, Any]]:
    """How each mapped column of a table is parsed, decided once per table:
    field -> (kind code, parser or year, the memo of its kind)."""
    plan: dict[str, tuple[int, Any, Any]] = {}
    for name, col in table.columns.items():
        if name in DATE_FIELDS:
            plan[name] = (_DATE, parse_date, cache.memo("date"))
        elif name == "id_number":
            plan[name] = (_ID, None, None)
        elif name.startswith("assessment:"):
            plan[name] = (_GRADE, int(name[11:]), cache.memo("grade"))
        elif name == "assessment_text":
            years = header_years(table.headers.get(col, ""))
            plan[name] = (_HISTORY, partial(parse_grade_history, years=years), cache.memo(f"history:{years}"))
        elif name.startswith("flag:"):
            plan[name] = (_FLAG, cat.parse_flag, cache.memo("flag"))
        elif name in PARSERS:
            plan[name] = (_PLAIN, PARSERS[name], cache.memo(name))
    return plan


def build_person(record: Record, table: Table, cache: ParseCache | None = None,
                 plan: dict[str, tuple[int, Any, Any]] | None = None) -> Person:
    cache = cache or ParseCache()
    plan = plan if plan is not None else _plan(table, cache)
    person = Person(record, table)
    values = person.values
    for name, raw in record.values.items():
        step = plan.get(name)
        if step is None:
            continue
        code, arg, memo = step
        if code == _ID:
            _read_id(person, raw)
            continue
        if code == _DATE and raw.__class__ is float and not raw.is_integer():
            decimals = table.sheet.decimals(record.row - 1, record.columns[name] - 1)
            ok, value = _parse(parse_date, raw, decimals)
        elif code == _DATE and raw.__class__ in _DATE_TYPES and is_serial_trap(raw):
            ok, value = _parse(parse_date, raw)
            if ok:
                person.note(Problem(name, record.ref(name), f"{shown_date(raw)}|{value}", "recovered"))
        else:
            try:  # the common case: a value seen before (booleans never enter the memo)
                if raw.__class__ is bool:
                    raise KeyError(raw)
                ok, value = memo[raw]
            except (KeyError, TypeError):
                ok, value = lookup(memo, parse_grade if code == _GRADE else arg, raw)
        if value is BLANK:
            _explicit_blank(person, name, code, arg)
        elif not ok:
            if not (name == "joined_party" and _other_party(person, raw)):
                person.problems.append(Problem(name, record.ref(name), value))
        elif code == _GRADE:
            person.assessments[arg] = value
        elif code == _HISTORY:
            _history(person, value, record.ref(name), raw)
        elif code == _FLAG:
            if value is not None:
                person.flags[name] = value
        else:
            values[name] = value
    person.poll = _poll(person, cache.memo("count"))
    if "post" not in values and values.get("unit_post"):
        values["post"] = values["unit_post"]
    person.unit = values.get("unit") or values.get("department") or table.unit_hint
    _check_dates(person)
    _check_thin(person)
    return person


def _read_id(person: Person, raw: object) -> None:
    if raw.__class__ is str and is_explicit_blank(raw):
        person.mark_blank("id_number")
        return
    try:
        person.id = parse_id(raw)
    except OtherDocument as exc:
        person.id_note = exc.reason
    except ValueProblem as exc:
        person.id_problem = exc.reason


def _explicit_blank(person: Person, name: str, code: int, parser: Any) -> None:
    """`/`, `无`, `暂无`: a date that never happened (任中层时间 `无`: never a middle-level
    cadre), a count of none, or simply nothing."""
    person.mark_blank(name, never=code == _DATE)
    if parser is parse_count:
        person.values[name] = 0


def _other_party(person: Person, raw: object) -> bool:
    """`民建`, `九三学社`, `无党派` in 入党时间: another party, not a bad date."""
    try:
        party = cat.parse_party(raw)
    except ValueProblem:
        return False
    if party is None or cat.is_cpc(party):
        return False
    person.mark_blank("joined_party", never=True)
    person.values.setdefault("political_status", party)
    person.note(Problem("joined_party", person.record.ref("joined_party"), party, "read-as"))
    return True


def _history(person: Person, grades: dict[int, Grade | None], cell: CellRef | None, raw: object) -> None:
    """Grades of several years written in one cell (近三年考核结果)."""
    for year, grade in grades.items():
        if year in person.assessments and person.assessments[year] != grade:
            person.problems.append(Problem("assessment_text", cell, f"{year}年度考核与本行“{year}年”一列不一致"))
            continue
        person.assessments[year] = grade
        person.set_extra(f"assessment:{year}", cell, raw)


MIN_BIRTH_YEAR = 1930  # a reserve born earlier cannot be in office
MIN_AGE_FOR = {"joined_party": 14, "work_start": 14}
_LATER_DATES = frozenset(DATE_FIELDS) - {"birth"}


def _check_dates(person: Person) -> None:
    """Dates no real reserve can have: born before 1930; joined the party or started
    work before birth or before the age of 14; any other date before birth."""
    values = person.values
    birth = values.get("birth")
    if birth is not None and birth.year < MIN_BIRTH_YEAR:
        person.problems.append(Problem("birth", person.cell("birth"),
                                       f"“{birth}”早于{MIN_BIRTH_YEAR}年，不可能是在职的后备干部，请核对"))
        return
    born = person.born
    if born is None:
        return
    youngest = born.year + max(MIN_AGE_FOR.values()) + 1
    for name in person.record.values:
        if name not in _LATER_DATES:
            continue
        value = values.get(name)
        if value is None or value.year > youngest:  # the common case: long after birth
            continue
        if value < born:
            person.problems.append(Problem(name, person.cell(name), f"“{value}”早于出生年月{born.year}年{born.month}月"))
        elif name in MIN_AGE_FOR and value.first_day() < add_years(born.first_day(), MIN_AGE_FOR[name]):
            person.problems.append(Problem(name, person.cell(name),
                                           f"“{value}”时不满{MIN_AGE_FOR[name]}周岁（出生年月{born.year}年{born.month}月）"))


# Fields that identify a row without saying anything about the person.
IDENTIFYING = frozenset({"name", "seq", "staff_number", "exam_number", "phone", "remarks", "address"})
# Fields that describe a person but that no rule checks by itself.
DESCRIPTIVE = IDENTIFYING | {"gender", "ethnicity", "political_status", "unit", "department", "post", "unit_post",
                             "previous_post", "school", "mentor", "reserve_level", "age"}


def _check_thin(person: Person) -> None:
    """A row with only a name and a staff number (perhaps a unit and post too) is no
    reserve anyone has checked: never 合格 by default."""
    if person.name is None or person.id is not None or person.id_problem or person.id_note:
        return
    if person.assessments or person.flags or person.poll is not None:
        return
    if any(k not in DESCRIPTIVE for k in person.record.values):
        return
    has = "、".join(field_label(k) for k in person.record.values if k not in ("name", "seq"))
    what = f"姓名和{has}" if has else "姓名"
    person.problems.append(Problem("name", person.cell("name"),
                                   f"这一行只有{what}，没有出生年月、身份证号等可以核查的信息", "missing-value"))


_POLL_FIELDS = tuple((f"poll:{k}", k) for k in (*POLL_KEYS, "voters"))


def _poll(person: Person, memo: dict) -> Poll | None:
    values = person.record.values
    present = [(name, key) for name, key in _POLL_FIELDS if name in values]
    if not present or present[0][1] == "voters":
        return None
    poll = Poll()
    for name, key in present:
        ok, value = lookup(memo, parse_count, values[name])
        if not ok:
            person.problems.append(Problem(name, person.record.ref(name), value))
            return None
        if value is BLANK:
            value = 0
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
    report: ReadReport = field(default_factory=lambda: ReadReport(""))

    def has_field(self, name: str) -> bool:
        if name.endswith(":*"):
            prefix = name[:-1]
            return any(any(k.startswith(prefix) for k in t.columns) for t in self.tables) or (
                prefix == "assessment:" and any(p.assessments for p in self.people))
        return any(name in t.columns for t in self.tables)

    def distinct_people(self) -> list[Person]:
        """Each person once: a person entered twice (the same ID number, or the same name
        and birth month without two different ID numbers) is counted at the first entry."""
        seen_ids: set[str] = set()
        seen_names: dict[tuple[str, str], Person] = {}
        out = []
        for person in self.people:
            if person.id is not None:
                if person.id.number in seen_ids:
                    continue
                seen_ids.add(person.id.number)
            key = (person.name or "", person.born.iso()[:7] if person.born else "")
            if person.name and person.born is not None:
                other = seen_names.get(key)
                if other is not None and not (other.id and person.id and other.id.number != person.id.number):
                    continue
                seen_names.setdefault(key, person)
            out.append(person)
        return out


def build_roster(path_name: str, tables: list[Table], report: ReadReport | None = None) -> Roster:
    from cadre_cli.model.join import join_tables
    from cadre_cli.model.reading_notes import value_notes

    report = report if report is not None else ReadReport(path_name)
    cache = ParseCache()
    main, joins = join_tables(tables, report)
    people: list[Person] = []
    named_sheets = len(main) > 1
    for table in main:
        plan = _plan(table, cache)
        for record in table.records:
            person = build_person(record, table, cache, plan)
            if person.unit is None and named_sheets and not generic_sheet_name(table.name):
                person.unit, person.unit_from_sheet = table.name, True
            people.append(person)
    people = joins(people, lambda record, table: build_person(record, table, cache))
    report.notes += value_notes(people)
    return Roster(path_name, main, people, report)


_DEFAULT_SHEET = re.compile(r"^(?:sheet|工作表|表|页|sheet页)\s*\d*$", re.IGNORECASE)
_GENERIC_WORDS = ("名册", "名单", "汇总", "统计", "模板", "导入", "导出", "报名", "数据", "明细", "信息", "全部",
                  "备份", "副本", "原表", "总表", "打印", "考核", "测评", "成绩", "后备干部", "人员", "花名")


def generic_sheet_name(name: str) -> bool:
    """A sheet name that names no unit: Sheet1, 工作表2, 报名, 全部名单, 2024名册."""
    key = "".join(name.split())
    return bool(_DEFAULT_SHEET.match(key)) or any(w in key for w in _GENERIC_WORDS) or key.isdigit()
