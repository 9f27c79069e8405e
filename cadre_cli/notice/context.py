"""The allow-list: the one path from roster data to a notice template.

A template sees plain dicts of text built here from a `Person`, and nothing else: no
`Person`, no raw cells, no ID number, phone, address, remarks or any field that is not
named in `PUBLISHABLE` or `RESULT_LABELS`. A template asking for anything more gets an
empty value and a warning (see `sandbox`).

Published per person: name, gender, ethnicity, birth year and month (never the day),
education and degree, political status, date of starting work, unit and post, reserve
level and, when asked for (P3), the evaluation results in `RESULT_LABELS` and the votes
of the democratic evaluation (民主测评). Individual judges' marks and annual assessment
grades are not evaluation results of the selection and are not published.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from cadre_cli.model.person import Person
from cadre_cli.notice.period import Period, cn_date
from cadre_cli.parse.categories import Education
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.numbers import ABSENT, parse_number, round_half_up
from cadre_cli.parse.problem import ValueProblem

# Roster fields a published document may carry (besides results).
PUBLISHABLE = ("name", "gender", "ethnicity", "birth", "education", "degree", "political_status", "work_start",
               "unit", "post", "reserve_level")
# Evaluation results (P3), in the order they are printed.
RESULT_LABELS = {
    "written": "笔试成绩",
    "speech": "演讲答辩成绩",
    "org_total": "组织考察得分",
    "panel_score": "考评分",
    "poll_score": "测评分",
    "defense": "答辩测评成绩",
    "total": "总成绩",
}
POLL_LABEL = "民主测评"
# Keys of each person dict: a template may use these and only these.
PERSON_KEYS = ("seq", "name", "gender", "ethnicity", "birth", "birth_short", "education", "degree",
               "education_degree", "political_status", "work_start", "unit", "post", "unit_post", "reserve_level",
               "reserve_class", "results", "results_text", "line")

_EDUCATION_WORDS = {
    Education.POSTGRADUATE: "研究生",
    Education.BACHELOR: "大学",
    Education.COLLEGE: "大专",
    Education.HIGH: "高中",
    Education.MIDDLE: "初中",
}


def _unsafe(ch: str) -> bool:
    """Characters XML (docx) cannot hold, or docxtpl reads as layout (\a, \f, \t, \n)."""
    return unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff"


def clean(value: object) -> str:
    """Text safe for any output: control characters become spaces, runs of whitespace one."""
    if value is None:
        return ""
    text = "".join(" " if _unsafe(ch) else ch for ch in str(value))
    return " ".join(text.split())


def _month(value: Any) -> tuple[str, str]:
    """`1985年3月` and `1985.03` from a PDate; the day is never published."""
    if value is None:
        return "", ""
    month = PDate(value.year, value.month)
    return month.chinese(), str(month)


def _education(person: Person) -> str:
    level = person.education
    if level is None:
        return ""
    if level is Education.HIGH:
        raw = "".join(clean(person.record.raw(k)) for k in ("education", "education_fulltime", "education_parttime"))
        return "中专" if "中专" in raw else "高中"
    return _EDUCATION_WORDS[level]


def _score(raw: object) -> str:
    """A result cell as printed: `85.5分`, or a verdict as typed (合格, 缺考)."""
    try:
        value = parse_number(raw)
    except ValueProblem:
        return clean(raw)
    if value is None:
        return ""
    return "缺考" if value is ABSENT else f"{round_half_up(value).normalize():f}分"


def withheld(person: Person) -> dict[str, str]:
    """Fields of the person's table that are not published (see `private.mark_tables`)."""
    return getattr(person.table, "withheld", None) or {}


def results(person: Person, tallied: tuple[dict[str, str], ...] | None = None) -> list[dict[str, str]]:
    """The publishable evaluation results found in the person's row; `tallied` are the
    person's results from a poll workbook (`cadre notice --poll`), printed first and in
    place of a row's own 民主测评 votes."""
    found: list[dict[str, str]] = list(tallied or ())
    taken = {item["label"] for item in found}
    hide = withheld(person)
    poll = person.poll
    if poll is not None and not any(f.startswith("poll:") for f in hide):
        votes = f"优秀{poll.excellent}票、称职{poll.competent}票、基本称职{poll.basic}票、不称职{poll.incompetent}票"
        if poll.voters:
            votes += f"（参加测评{poll.voters}人）"
        if POLL_LABEL not in taken:
            found.append({"label": POLL_LABEL, "value": votes})
    for key, label in RESULT_LABELS.items():
        value = "" if key in hide else _score(person.record.raw(key))
        if value:
            found.append({"label": label, "value": value})
    return found


def level_phrase(reserve_level: str) -> str:
    """`正科级后备` -> `正科级后备干部`; `正科级` -> `正科级后备干部`."""
    if not reserve_level or reserve_level.endswith(("后备干部", "人选")):
        return reserve_level
    return reserve_level + ("干部" if reserve_level.endswith("后备") else "后备干部")


def _has_unit(person: Person) -> bool:
    """The post already names its unit (a 所在单位及职务 column), or the unit is only the
    sheet's name (`院领导`): nothing is glued in front of the post."""
    return person.unit_from_sheet or "unit_post" in person.record.values


def publishable_fields(person: Person) -> dict[str, str]:
    """The allow-listed fields of one person, as display text ('' when unknown)."""
    from cadre_cli.notice.verify import published_birth, published_gender

    values = person.values
    hide = withheld(person)
    birth, birth_short = _month(None if "birth" in hide else published_birth(person))
    education = "" if hide.keys() & {"education", "education_fulltime", "education_parttime"} else _education(person)
    degree = person.degree.label if person.degree is not None and not hide.keys() & {
        "degree", "degree_fulltime", "degree_parttime", "education"} else ""
    unit = "" if "unit" in hide else clean(person.unit)
    post = "" if "post" in hide else clean(values.get("post"))
    reserve_level = "" if "reserve_level" in hide else clean(person.reserve_level)
    return {
        "name": "" if "name" in hide else clean(person.name),
        "gender": "" if "gender" in hide else published_gender(person) or "",
        "ethnicity": "" if "ethnicity" in hide else clean(values.get("ethnicity")),
        "birth": birth,
        "birth_short": birth_short,
        "education": education,
        "degree": degree,
        "education_degree": " ".join(x for x in (education, degree) if x),
        "political_status": "" if "political_status" in hide else clean(values.get("political_status")),
        "work_start": "" if "work_start" in hide else _month(values.get("work_start"))[0],
        "unit": unit,
        "post": post,
        "unit_post": post if (not unit or post.startswith(unit) or _has_unit(person)) else unit + post,
        "reserve_level": reserve_level,
        "reserve_class": reserve_level.removesuffix("干部").removesuffix("后备") or reserve_level,
    }


def person_context(person: Person, seq: int, kind: str, with_results: bool,
                   tallied: tuple[dict[str, str], ...] | None = None) -> dict[str, Any]:
    """One person as a template sees them: only publishable fields, all as text."""
    found = results(person, tallied) if with_results else []
    ctx: dict[str, Any] = {"seq": seq, **publishable_fields(person), "results": found,
                           "results_text": "；".join(f"{r['label']}：{r['value']}" for r in found)}
    ctx["line"] = person_line(ctx, kind)
    return ctx


def person_line(p: dict[str, Any], kind: str) -> str:
    """`张三，男，汉族，1985年3月生，大学学历，学士学位，中共党员，2007年7月参加工作，现任…，拟列为…人选。`"""
    parts = [p["name"], p["gender"], p["ethnicity"], p["birth"] and f"{p['birth']}生",
             p["education"] and f"{p['education']}学历", p["degree"] and f"{p['degree']}学位",
             p["political_status"], p["work_start"] and f"{p['work_start']}参加工作",
             f"现任{p['unit_post']}" if p["post"] else p["unit"] and f"现在{p['unit']}工作"]
    level = level_phrase(p["reserve_level"])
    if level:
        parts.append(f"拟列为{level}人选" if kind == "notice" and not level.endswith("人选") else level)
    line = "，".join(x for x in parts if x) + "。"
    if p["results_text"]:
        line += p["results_text"] + "。"
    return line


@dataclass(frozen=True)
class NoticeText:
    """What a document says besides its people: from the policy and the options."""

    kind: str  # notice | list
    subject: str
    document: str
    issuer: str
    issue_date: dt.date
    period: Period | None = None
    preamble: str | None = None
    report: str | None = None
    contacts: tuple[str, ...] = field(default_factory=tuple)
    with_results: bool = False
    tallied: dict[tuple[str, int], tuple[dict[str, str], ...]] = field(default_factory=dict)  # (sheet, row) -> poll results

    def tallied_for(self, person: Person) -> tuple[dict[str, str], ...] | None:
        return self.tallied.get((person.sheet, person.row))


def default_preamble(text: NoticeText) -> str:
    if text.kind == "list":
        return (f"根据{text.document}，经民主推荐、组织考察和研究确定，现将{text.subject}名单予以公开，"
                "实行公开管理，接受干部群众监督。")
    return f"根据{text.document}，经民主推荐、组织考察，拟将下列同志列为{_candidates(text.subject)}，现予以公示。"


DEFAULT_REPORT = ("公示期间，干部群众可通过来电、来信、来访等方式，反映公示对象在政治思想、道德品质、工作作风、"
                  "廉洁自律等方面的情况和问题。反映问题应实事求是，提倡以真实姓名反映，我们将严格保密；"
                  "来信以邮戳日期为准。")


def _candidates(subject: str) -> str:
    return subject if subject.endswith("人选") else subject + "人选"


def title(text: NoticeText, people: list[dict[str, Any]], group: str) -> str:
    if text.kind == "list":
        return f"{group}{text.subject}名单"
    names = people[0]["name"] + ("等" if len(people) > 1 else "")
    return f"关于{names}同志拟列为{_candidates(text.subject)}的公示"


def document_context(people: list[Person], text: NoticeText, group: str = "") -> dict[str, Any]:
    """Everything one document's template may use."""
    rows = [person_context(p, i, text.kind, text.with_results, text.tallied_for(p)) for i, p in enumerate(people, start=1)]
    period = text.period
    return {
        "kind": text.kind,
        "title": clean(title(text, rows, group)),
        "subject": clean(text.subject),
        "group": clean(group),
        "preamble": clean(text.preamble or default_preamble(text)),
        "people": rows,
        "count": len(rows),
        "has_results": any(r["results"] for r in rows),
        "period": None if period is None else {
            "start": cn_date(period.start), "end": cn_date(period.end), "days": period.days,
            "working_days": period.working_days, "text": period.text,
        },
        "period_text": "" if period is None else period.text,
        "report": "" if text.kind == "list" else clean(text.report or DEFAULT_REPORT),
        "contacts": [clean(c) for c in text.contacts if clean(c)],
        "issuer": clean(text.issuer),
        "date": cn_date(text.issue_date),
    }
