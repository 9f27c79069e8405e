"""A roster against 任免审批表 files, person by person (三龄两历一身份: 出生年月, 参加工作时间,
入党时间, 学历学位, 现任职务, 性别, 民族).

A person is matched by ID number, else by name and birth month. A field is compared only when
the roster has its column; a value on one side and a blank on the other is a warning, two
values that disagree an error (现任职务: a warning, since a post is written in many ways). Each
finding names both places: the roster cell (sheet, row, column) and the file and element.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from cadre_cli.diagnostic import Diagnostic, Location, PersonKey
from cadre_cli.lrmx.fields import label
from cadre_cli.lrmx.finding import RULES
from cadre_cli.lrmx.record import LrmxRecord
from cadre_cli.model.person import Person, Roster
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.text import squash
from cadre_cli.readers.fields import field_label

BASIS = "干部任免审批表与干部名册应一致（“三龄两历一身份”：年龄、工龄、党龄，学历、工作经历，干部身份）"
_PUNCT = re.compile(r"[、，,；;（）()\s·]")


def _month(d: PDate | None) -> str | None:
    return None if d is None else f"{d.year}.{d.month:02d}"


def _level(value: Any) -> str | None:
    return None if value is None else getattr(value, "label", str(value))


def _highest(values: Sequence[Any]) -> Any:
    known = [v for v in values if v is not None]
    return max(known) if known else None


# (what is compared, the roster fields any one of which must be a column, element,
#  roster value, file value)
Compare = tuple[str, tuple[str, ...], str, Callable[[Person], Any], Callable[[LrmxRecord], Any]]
COMPARED: tuple[Compare, ...] = (
    ("出生年月", ("birth",), "ChuShengNianYue", lambda p: _month(p.get("birth")), lambda r: _month(r.get("birth"))),
    ("参加工作时间", ("work_start",), "CanJiaGongZuoShiJian", lambda p: _month(p.get("work_start")),
     lambda r: _month(r.get("work_start"))),
    ("入党时间", ("joined_party",), "RuDangShiJian", lambda p: _month(p.get("joined_party")),
     lambda r: _month(r.get("joined_party"))),
    ("全日制学历", ("education_fulltime",), "QuanRiZhiJiaoYu_XueLi", lambda p: _level(p.get("education_fulltime")),
     lambda r: _level(r.get("education_fulltime"))),
    ("在职学历", ("education_parttime",), "ZaiZhiJiaoYu_XueLi", lambda p: _level(p.get("education_parttime")),
     lambda r: _level(r.get("education_parttime"))),
    ("最高学历", ("education",), "QuanRiZhiJiaoYu_XueLi", lambda p: _level(p.get("education")),
     lambda r: _level(_highest([r.get("education_fulltime"), r.get("education_parttime")]))),
    ("全日制学位", ("degree_fulltime",), "QuanRiZhiJiaoYu_XueWei", lambda p: _level(p.get("degree_fulltime")),
     lambda r: _level(r.get("degree_fulltime"))),
    ("在职学位", ("degree_parttime",), "ZaiZhiJiaoYu_XueWei", lambda p: _level(p.get("degree_parttime")),
     lambda r: _level(r.get("degree_parttime"))),
    ("学位", ("degree",), "QuanRiZhiJiaoYu_XueWei", lambda p: _level(p.get("degree")),
     lambda r: _level(_highest([r.get("degree_fulltime"), r.get("degree_parttime")]))),
    ("性别", ("gender",), "XingBie", lambda p: p.get("gender"), lambda r: r.get("gender")),
    ("民族", ("ethnicity",), "MinZu", lambda p: p.get("ethnicity"), lambda r: r.get("ethnicity")),
)
_FIELD_OF = {"最高学历": "education", "学位": "degree"}


def _key_birth(d: PDate | None) -> tuple[int, int] | None:
    return None if d is None else (d.year, d.month)


def _person_birth(p: Person) -> tuple[int, int] | None:
    return _key_birth(p.born)


def _record_birth(r: LrmxRecord) -> tuple[int, int] | None:
    birth = r.get("birth")
    if birth is None and r.get("id") is not None:
        b = r.get("id").birth
        return (b.year, b.month)
    return _key_birth(birth)


def cross_check(roster: Roster, records: Sequence[LrmxRecord]) -> tuple[int, list[Diagnostic]]:
    """(how many people were matched, the findings)."""
    by_id: dict[str, list[LrmxRecord]] = {}
    by_name: dict[tuple, list[LrmxRecord]] = {}
    for r in records:
        if r.get("id") is not None:
            by_id.setdefault(r.get("id").number, []).append(r)
        if r.name and _record_birth(r):
            by_name.setdefault((r.name, _record_birth(r)), []).append(r)
    used: set[int] = set()
    found: list[Diagnostic] = []
    matched = 0
    for person in roster.people:
        if person.apart:
            continue
        same_id = [r for r in by_id.get(person.id.number, []) if id(r) not in used] if person.id is not None else []
        record = same_id[0] if same_id else None
        if record is None and person.name and _person_birth(person):
            candidates = [r for r in by_name.get((person.name, _person_birth(person)), [])
                          if id(r) not in used and not (r.get("id") and person.id and r.get("id").number != person.id.number)]
            record = candidates[0] if candidates else None
        if record is None:
            found.append(_no_file(person))
            continue
        used.add(id(record))
        matched += 1
        found.extend(_compare(roster, person, record))
    for r in records:
        if id(r) not in used:
            found.append(Diagnostic("lrmx-cross-no-row", RULES["lrmx-cross-no-row"].severity,
                                    f"“{r.file}”（{r.name or '无姓名'}）在名册中找不到（按身份证号，或姓名和出生年月）",
                                    BASIS, Location(file=r.file), person=PersonKey("", 0, r.file), name=r.name))
    return matched, found


def _no_file(person: Person) -> Diagnostic:
    cell = person.cell("name")
    return Diagnostic("lrmx-cross-no-file", RULES["lrmx-cross-no-file"].severity,
                      f"名册第{person.row}行的{person.name or '（无姓名）'}没有对应的任免表（按身份证号，或姓名和出生年月）",
                      BASIS, Location.of(cell, "name"), person=PersonKey(person.sheet, person.row), name=person.name,
                      unit=person.unit)


def _has(roster: Roster, fields: tuple[str, ...]) -> bool:
    return any(roster.has_field(f) for f in fields)


def _compare(roster: Roster, person: Person, record: LrmxRecord) -> list[Diagnostic]:
    found = []
    for what, fields, element, ours, theirs in COMPARED:
        if not _has(roster, fields):
            continue
        a, b = ours(person), theirs(record)
        if a == b or (a is None and b is None):
            continue
        field = _FIELD_OF.get(what, fields[0])
        if a is not None and b is not None:
            rule, how = "lrmx-cross-mismatch", "不一致"
        else:
            rule, how = "lrmx-cross-blank", "一方为空"
        found.append(_diagnostic(rule, person, record, field, element,
                                 f"{what}{how}：名册为“{a or '空'}”，任免表为“{b or '空'}”", a, b))
    post = _post_difference(person, record)
    if post is not None and _has(roster, ("post", "unit_post")):
        found.append(post)
    return found


def _diagnostic(rule: str, person: Person, record: LrmxRecord, field: str, element: str, message: str,
                ours: Any, theirs: Any) -> Diagnostic:
    cell = person.cell(field)
    where = Location(cell.sheet if cell else person.sheet, cell.row if cell else person.row, cell.col if cell else None,
                     field, record.file, element)
    return Diagnostic(rule, RULES[rule].severity, message, BASIS, where, theirs,
                      {"roster": ours, "file_value": theirs, "file": record.file, "element": element,
                       "label": label(element), "field_label": field_label(field)},
                      PersonKey(person.sheet, person.row), person.name, person.unit)


def _norm(text: str | None) -> str:
    return _PUNCT.sub("", squash(text or ""))


def _post_difference(person: Person, record: LrmxRecord) -> Diagnostic | None:
    post = person.get("post") or person.get("unit_post")
    theirs = record.get("post")
    if not post and not theirs:
        return None
    mine, file_post = _norm(post), _norm(theirs)
    unit = _norm(person.unit)
    if mine == file_post or (mine and file_post and (unit + mine == file_post or
                                                     (mine in file_post and (not unit or unit in file_post)))):
        return None
    field = "post" if person.get("post") else "unit_post"
    rule = "lrmx-cross-post" if post and theirs else "lrmx-cross-blank"
    return _diagnostic(rule, person, record, field, "XianRenZhiWu",
                       f"现任职务写法不同：名册为“{post or '空'}”，任免表为“{theirs or '空'}”", post, theirs)
