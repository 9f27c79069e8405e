"""Who is listed apart from the candidates: a person whose row says they are not an
active reserve (在岗情况 退休, 档案状态 转出, 备注 已去世, 后备类别 已调整, a section line
or a sheet of 调出人员 …), or whom a reader set apart (`Person.apart`, e.g. a hidden row).
Such a person is not audited, is never 合格, and is left out of notices unless asked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from cadre_cli.diagnostic import PersonKey
from cadre_cli.model.person import Person
from cadre_cli.parse.standing import status_kind, text_kind
from cadre_cli.parse.text import cell_text, squash
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.table import section_label

STATUS_FIELDS = ("standing", "archive_status", "change")  # the whole value is a status
TEXT_FIELDS = ("reserve_level", "remarks", "post")  # a status only where written as one

_status = lru_cache(maxsize=4096)(status_kind)
_text = lru_cache(maxsize=4096)(text_kind)


def apart_reason(person: Person) -> str | None:
    """Why this person is not an active candidate, in Chinese, or None."""
    return _reason(person, _fields(person.record.columns))


def apart_reasons(people: Iterable[Person]) -> dict[PersonKey, str]:
    """The people listed apart (keyed by sheet and row) -> why (one look at each table's columns)."""
    out: dict[PersonKey, str] = {}
    columns, fields = None, ()
    for person in people:
        if person.record.columns is not columns:  # one dict per table
            columns = person.record.columns
            fields = _fields(columns)
        why = _reason(person, fields)
        if why is not None:
            out[PersonKey(person.sheet, person.row)] = why
    return out


def _fields(columns: dict[str, int]) -> tuple[tuple[str, bool], ...]:
    """The status fields a table has: (field, whether the whole value is a status)."""
    return tuple((f, True) for f in STATUS_FIELDS if f in columns) + tuple((f, False) for f in TEXT_FIELDS if f in columns)


def _reason(person: Person, fields: tuple[tuple[str, bool], ...]) -> str | None:
    if person.apart:
        return person.apart
    values = person.record.values
    for field, whole in fields:
        raw = values.get(field)
        if raw is None:
            continue
        if (_status(raw, _header(person, field)) if whole and _hashable(raw)
                else raw.__class__ is str and _text(raw)):
            return f"{_header(person, field)}为“{cell_text(raw)}”"
    section = person.record.section
    if section and _section(section):
        return f"所在分组为“{section_label(section)}”"
    if _text(person.sheet):
        return f"所在工作表为“{person.sheet}”"
    return None


@lru_cache(maxsize=256)
def _section(text: str) -> str | None:
    return text_kind(section_label(text))


def _hashable(raw: object) -> bool:
    return raw.__class__ in (str, int, float, bool)


def _header(person: Person, field: str) -> str:
    """The header as the user wrote it (`在岗情况`), else the field's usual name."""
    table = person.table
    col = person.record.columns.get(field)
    text = table.headers.get(col) if table is not None and col is not None else None
    return squash(text) if text else field_label(field)
