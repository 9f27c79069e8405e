"""Sheets that are not lists of people but say more about the people of another sheet.

- A long-form assessment sheet (证件号码 | 姓名 | 考核年份 | 考核结果, one row per person
  and year): each row joins the person's history, so a 不称职 year is found, and nobody
  is counted twice. Alone in a workbook, its rows are grouped into people.
- A sheet keyed by the same ID (or staff) numbers as the roster, one row per person,
  with fields the roster lacks (a 考核 sheet of 姓名 | 身份证号 | 2022年 | 2023年): its
  fields join the person.
- A sheet keyed by the same numbers with several rows per person (任职记录, 家庭成员,
  教育经历 of an HR export): not people; left out with a note (its 出生年月 is a family
  member's, not the cadre's).

Copies of the roster (the same fields again) stay people: the duplicate rule finds them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.idcard import parse_id
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, is_blank, squash
from cadre_cli.readers.report import ReadReport
from cadre_cli.readers.table import Record, Table

if TYPE_CHECKING:
    from cadre_cli.model.person import Person

KEYS = ("id_number", "staff_number")
COVERED = 0.8  # share of a sheet's numbers found in the roster for it to be about the roster's people
_YEAR = re.compile(r"^(\d{4})(?:\.0+)?\s*年?度?$")

Build = Callable[[Record, Table], "Person"]


def key_value(field: str, raw: object) -> str | None:
    if is_blank(raw):
        return None
    if field == "id_number":
        try:
            ident = parse_id(raw)
        except ValueProblem:
            ident = None
        if ident is not None:
            return ident.number
    return squash(cell_text(raw)).upper() or None


def _info_fields(table: Table) -> set[str]:
    from cadre_cli.model.person import IDENTIFYING

    return {f for f in table.columns if f not in IDENTIFYING}


def _is_history(table: Table) -> bool:
    return "assessment_year" in table.columns and "assessment_result" in table.columns


def join_tables(tables: list[Table], report: ReadReport) -> tuple[list[Table], Callable]:
    """The tables whose rows are people, and a function that joins the other tables'
    rows into those people (or makes people of them when nothing else is there)."""
    history = [t for t in tables if _is_history(t)]
    rest = [t for t in tables if not _is_history(t)]
    if len(rest) <= 1 and not history:  # one list of people: nothing to join
        return rest, lambda people, build: people
    main: list[Table] = []
    wide: list[Table] = []
    keys: dict[str, set[str]] = {k: set() for k in KEYS}
    main_info: set[str] = set()
    for i, table in enumerate(rest):
        kind = _detail_kind(table, keys, main_info) if main else None
        last = i == len(rest) - 1
        if kind == "wide":
            wide.append(table)
        elif kind == "long":
            _mark(report, table, "每人有多行，是名册中人员的附表（如任职、家庭、学习经历），不是人员名单，未读取其内容")
        else:
            main.append(table)
            main_info |= _info_fields(table)
            for k in KEYS:
                if not last and k in table.columns:  # the keys only matter to the sheets after it
                    keys[k] |= {v for r in table.records if (v := key_value(k, r.raw(k))) is not None}
    for table in wide:
        _mark(report, table, "按身份证号（或工作证号）并入名册中对应人员的信息", skipped=False)
    for table in history:
        _mark(report, table, "年度考核记录（每人每年一行），并入对应人员的考核情况，不另计人数", skipped=False)

    def joins(people: list[Person], build: Build) -> list[Person]:
        if not main and history:
            people = _people_from_history(history, build)
        index = _index(people)
        for table in wide:
            _join_wide(table, index, build, report)
        for table in history:
            _join_history(table, index, report)
        return people

    return main, joins


def _detail_kind(table: Table, keys: dict[str, set[str]], main_info: set[str]) -> str | None:
    """`wide` (one row per person of the roster, other fields), `long` (several rows per
    person) or None (a list of people of its own, or a copy of the roster)."""
    for k in KEYS:
        if k not in table.columns or not keys[k]:
            continue
        values = [v for r in table.records if (v := key_value(k, r.raw(k))) is not None]
        distinct = set(values)
        if not distinct or len(distinct & keys[k]) < COVERED * len(distinct):
            continue
        if len(values) - len(distinct) >= max(2, len(values) // 5):
            return "long"
        info = _info_fields(table)
        if len(info & main_info) * 2 < len(main_info) or not info:
            return "wide"
        return None
    return None


def _mark(report: ReadReport, table: Table, why: str, skipped: bool = True) -> None:
    for sheet in report.sheets:
        if sheet.name == table.name and skipped:
            sheet.skipped = why
    if skipped:  # its columns were not read after all
        report.columns = [c for c in report.columns if c.sheet != table.name]
    report.notes.append(f"工作表“{table.name}”{why}。")


def _index(people: list[Person]) -> dict[tuple[str, str], Person | None]:
    """People by ID number, staff number and name; a name shared by two people maps to
    None (never joined by a guess)."""
    index: dict[tuple[str, str], Person | None] = {}
    for person in people:
        for k in (*KEYS, "name"):
            value = person.id.number if (k == "id_number" and person.id) else key_value(k, person.raw(k))
            if value is None:
                continue
            if k == "name" and (k, value) in index and index[(k, value)] is not person:
                index[(k, value)] = None
            else:
                index.setdefault((k, value), person)
    return index


def _find(index: dict[tuple[str, str], Person | None], record: Record) -> Person | None:
    """The person a row is about: by ID number, else staff number, else a unique name."""
    for k in (*KEYS, "name"):
        value = key_value(k, record.raw(k))
        if value is not None and (k, value) in index:
            return index[(k, value)]
    return None


def _join_wide(table: Table, index: dict, build: Build, report: ReadReport) -> None:
    from cadre_cli.model.person import IDENTIFYING, Problem

    unmatched, repeated = [], []
    seen: dict[int, int] = {}
    found = [(record, _find(index, record)) for record in table.records]
    for _, person in found:
        if person is not None:
            seen[id(person)] = seen.get(id(person), 0) + 1
    for record, person in found:
        if person is None:
            unmatched.append(record.row)
            continue
        if seen[id(person)] > 1:  # several rows for one person: which one holds? not guessed
            repeated.append(record.row)
            continue
        other = build(record, table)
        for name, value in other.values.items():
            if name in IDENTIFYING:
                continue
            if name not in person.values:
                person.values[name] = value
                person.set_extra(name, other.cell(name), other.raw(name))
            elif person.values[name] != value:
                person.problems.append(Problem(name, other.cell(name),
                                               f"与{person.cell(name)}所填的“{cell_text(person.raw(name))}”不一致"))
        for year, grade in other.assessments.items():
            person.assessments.setdefault(year, grade)
            person.set_extra(f"assessment:{year}", other.cell(f"assessment:{year}"), other.raw(f"assessment:{year}"), keep=True)
        for name, flag in other.flags.items():
            person.flags.setdefault(name, flag)
            person.set_extra(name, other.cell(name), other.raw(name), keep=True)
        person.problems += [p for p in other.problems if p.rule == "invalid-value"]
        for note in other.notes:
            person.note(note)
    _unmatched(report, table, unmatched)
    if repeated:
        shown = "、".join(str(r) for r in repeated[:8]) + ("等" if len(repeated) > 8 else "")
        report.notes.append(f"工作表“{table.name}”第{shown}行是同一人的几行（共{len(repeated)}行），无法确定用哪一行，未并入。")


def _join_history(table: Table, index: dict, report: ReadReport) -> None:
    unmatched = []
    for record in table.records:
        person = _find(index, record)
        if person is None:
            unmatched.append(record.row)
            continue
        add_history(person, record)
    _unmatched(report, table, unmatched)


def add_history(person: Person, record: Record) -> None:
    """One row of a long-form assessment sheet into the person's assessments."""
    from cadre_cli.model.person import Problem

    raw_year, raw_grade = record.raw("assessment_year"), record.raw("assessment_result")
    year_cell, grade_cell = record.ref("assessment_year"), record.ref("assessment_result")
    match = _YEAR.match(squash(cell_text(raw_year))) if raw_year is not None else None
    if match is None:
        if raw_year is not None or raw_grade is not None:
            person.problems.append(Problem("assessment_year", year_cell, f"考核年份“{cell_text(raw_year)}”无法识别"))
        return
    year = int(match.group(1))
    try:
        grade = parse_grade(raw_grade)
    except ValueProblem as exc:
        person.problems.append(Problem("assessment_result", grade_cell, exc.reason))
        return
    if year in person.assessments and person.assessments[year] != grade:
        person.problems.append(Problem("assessment_result", grade_cell,
                                       f"{year}年度考核“{cell_text(raw_grade)}”与{person.cell(f'assessment:{year}')}所填的不一致"))
        return
    person.assessments[year] = grade
    person.set_extra(f"assessment:{year}", grade_cell, raw_grade)


def _people_from_history(history: list[Table], build: Build) -> list[Person]:
    """A workbook of assessment rows only: one person per ID (or staff) number, else name."""
    people: list[Person] = []
    by_key: dict[tuple[str, str], Person] = {}
    for table in history:
        for record in table.records:
            key = next(((k, v) for k in (*KEYS, "name") if (v := key_value(k, record.raw(k))) is not None), None)
            if key is None or key not in by_key:
                person = build(record, table)
                people.append(person)
                if key is not None:
                    by_key[key] = person
            else:
                add_history(by_key[key], record)
    for person in people:  # the first row of each person carries a year too
        add_history(person, person.record)
    return people


def _unmatched(report: ReadReport, table: Table, rows: list[int]) -> None:
    if rows:
        shown = "、".join(str(r) for r in rows[:8]) + ("等" if len(rows) > 8 else "")
        report.notes.append(f"工作表“{table.name}”第{shown}行在名册中找不到对应的人员（按身份证号或工作证号），未并入。")
