"""A `RawCard` read as typed values: the `LrmxRecord` the checks and the roster mapping use.

Keys follow the roster's field names where one exists (`name`, `gender`, `birth`, `ethnicity`,
`joined_party`, `political_status`, `work_start`, `education_fulltime`, `degree_parttime`,
`post`, `post_since`, `id_number` …). A value that cannot be read becomes a `ValueIssue` and its
key stays None, so every other value is still there. Pure: no file access.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cadre_cli.lrmx.assessment import parse_assessments
from cadre_cli.lrmx.fields import FAMILY, FAMILY_FIELDS, FIELDS
from cadre_cli.lrmx.record import LrmxRecord, RawCard, ValueIssue
from cadre_cli.lrmx.resume import parse_resume
from cadre_cli.lrmx.values import (
    degree_level,
    education_level,
    read_date,
    read_limit,
    read_name,
    read_party,
)
from cadre_cli.parse.categories import parse_ethnicity, parse_gender
from cadre_cli.parse.dates import PDate, full_years
from cadre_cli.parse.idcard import parse_id
from cadre_cli.parse.problem import ValueProblem

DATE_KEYS = ("birth", "work_start", "retire_month", "age_date", "fill_date")
DAY_ALLOWED = frozenset({"age_date", "fill_date"})  # YYYYMMDD is also the editor's form there
DECEASED = ("去世", "死亡", "逝世", "已逝", "已故")
_TEXT_KEYS = ("native_place", "birthplace", "health", "title", "expertise", "school_fulltime", "degree_school_fulltime",
              "school_parttime", "degree_school_parttime", "post", "proposed_post", "proposed_removal", "rewards",
              "assessment_text", "reason", "reporting_unit", "filler")


@dataclass(frozen=True, slots=True)
class FamilyMember:
    index: int  # 1-based position of its <Item>
    relation: str | None
    name: str | None
    birth: PDate | None
    political_status: str | None
    work: str | None

    @property
    def deceased(self) -> bool:
        """The editor leaves the printed age blank when the work text names a death."""
        return any(w in (self.work or "") for w in DECEASED)


def _blank_none(text: str) -> str | None:
    s = text.strip()
    return s or None


def build_record(card: RawCard) -> LrmxRecord:
    record = LrmxRecord(card)
    values = record.values

    def attempt(key: str, element: str, fn: Any, *args: Any) -> Any:
        raw = card.elements.get(element, "")
        try:
            return fn(raw, *args)
        except ValueProblem as exc:
            record.issues.append(ValueIssue(key, element, raw, exc.reason))
            return None

    keys = {f.key: f.element for f in FIELDS}
    for key in _TEXT_KEYS:
        values[key] = _blank_none(card.elements.get(keys[key], ""))
    values["name"] = read_name(card.elements.get("XingMing", ""))
    values["gender"] = attempt("gender", "XingBie", parse_gender)
    values["ethnicity"] = attempt("ethnicity", "MinZu", parse_ethnicity)
    forms: dict[str, bool] = {}
    for key in DATE_KEYS:
        got = attempt(key, keys[key], read_date, key in DAY_ALLOWED)
        values[key], forms[key] = got if got is not None else (None, True)
    values["date_forms_ok"] = forms
    party = attempt("joined_party", "RuDangShiJian", read_party)
    values["party"] = party
    values["joined_party"] = party.joined if party else None
    values["parties"] = party.parties if party else ()
    values["political_status"] = party.political_status if party else None
    for track in ("fulltime", "parttime"):
        edu, deg = keys[f"education_{track}"], keys[f"degree_{track}"]
        values[f"education_{track}"] = attempt(f"education_{track}", edu, education_level)
        values[f"degree_{track}"] = attempt(f"degree_{track}", deg, degree_level)
        values[f"education_{track}_text"] = _blank_none(card.elements.get(edu, ""))
        values[f"degree_{track}_text"] = _blank_none(card.elements.get(deg, ""))
    values["pre_reform_limit"] = attempt("pre_reform_limit", "GaiGeQianRenZhiNianLingJieXian", read_limit)
    values["id"] = attempt("id_number", "ShenFenZheng", parse_id)
    values["id_number"] = values["id"].number if values["id"] else _blank_none(card.elements.get("ShenFenZheng", ""))
    resume = parse_resume(card.elements.get("JianLi", ""))
    values["resume"] = resume
    values["post_since"] = resume.post_since
    values["posts"] = resume.posts
    values["secondments"] = resume.secondments()
    reference = values["fill_date"] or values["age_date"]
    assessed = parse_assessments(card.elements.get("NianDuKaoHeJieGuo", ""), reference.year if reference else None)
    values["assessment"] = assessed
    values["assessments"] = assessed.grades
    values["family"] = _family(card, record)
    values["photo"] = card.photo
    values["version"] = card.version
    birth, on = values["birth"], values["age_date"]
    values["age"] = full_years(birth, on.first_day()) if birth and on else None
    return record


def _family(card: RawCard, record: LrmxRecord) -> list[FamilyMember]:
    members = []
    for index, item in enumerate(card.family, start=1):
        if not any(v.strip() for v in item.values()):
            continue
        birth_element = f"{FAMILY}/Item[{index}]/ChuShengRiQi"
        raw_birth = item.get("ChuShengRiQi", "")
        try:
            birth, _ = read_date(raw_birth)
        except ValueProblem as exc:
            record.issues.append(ValueIssue("family.birth", birth_element, raw_birth, exc.reason))
            birth = None
        get = {f.key: _blank_none(item.get(f.element, "")) for f in FAMILY_FIELDS}
        name = read_name(item.get("XingMing", ""))
        members.append(FamilyMember(index, get["relation"], name, birth, get["political_status"], get["work"]))
    return members
