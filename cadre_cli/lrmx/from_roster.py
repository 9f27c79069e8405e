"""A roster person as the values of a new 任免表 card (`write.new_card`): only what the roster
says, in the forms the editor's code tables take; what it lacks stays empty, with a reason.

A 学历 the roster does not say is 全日制 or 在职 (one “学历” column) goes in neither track: the
form has no third place, and guessing the track would write a false record.
"""

from __future__ import annotations

from typing import Any

from cadre_cli.lrmx.codes import code_table
from cadre_cli.lrmx.values import education_caption, party_name, read_limit
from cadre_cli.model.person import Person
from cadre_cli.parse import categories as cat
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, is_blank

# A level the roster names, as the ZB64 caption of the same level
_EDUCATION_CAPTION = {cat.Education.POSTGRADUATE: "研究生", cat.Education.BACHELOR: "大学", cat.Education.COLLEGE: "大专"}
_HIGH = ("中专", "中技", "高中", "职高", "技校")
_TEXT_FIELDS = {"health": "health", "title": "title", "post_history": "resume", "proposed_post": "proposed_post"}


def _raw_text(person: Person, key: str) -> str | None:
    raw = person.raw(key)
    return None if raw is None or is_blank(raw) else cell_text(raw).strip() or None


def education_text(raw: str | None, level: cat.Education | None) -> str | None:
    """The roster's 学历 as a ZB64 caption: as written when it is one (`大学`, `研究生`),
    else the caption of the level it names (`大学本科` -> `大学`), else as written."""
    if raw is None:
        return None
    if education_caption(raw) in code_table("ZB64"):
        return raw
    if level in _EDUCATION_CAPTION:
        return _EDUCATION_CAPTION[level]
    for word in _HIGH:
        if word in raw:
            return "高中" if word in ("高中", "职高") else "中专"
    return raw


def card_values(person: Person) -> tuple[dict[str, Any], list[str]]:
    """The card values of one roster person, and what was left out (Chinese phrases)."""
    v = person.values
    out: dict[str, Any] = {"name": person.name}
    left: list[str] = []
    for key in ("gender", "birth", "ethnicity", "work_start"):
        if v.get(key) is not None:
            out[key] = v[key]
    out["post"] = v.get("post") or v.get("unit_post")
    if person.id is not None:
        out["id_number"] = person.id.number
    status = v.get("political_status")
    joined = v.get("joined_party")
    parties = () if status is None or cat.is_cpc(status) else tuple(p for p in [party_name(status)] if p)
    if joined is not None or parties:
        out["joined_party"], out["parties"] = joined, parties
    elif cat.is_cpc(status):
        left.append("政治面貌为中共党员，但名册没有入党时间，入党时间栏留空")
    for track in ("fulltime", "parttime"):
        edu = education_text(_raw_text(person, f"education_{track}"), v.get(f"education_{track}"))
        if edu:
            out[f"education_{track}"] = edu
        degree = _raw_text(person, f"degree_{track}")
        if degree:
            out[f"degree_{track}"] = degree
    if _raw_text(person, "education") and not (out.get("education_fulltime") or out.get("education_parttime")):
        left.append("名册的“学历”没有分全日制、在职，两栏都留空（请在名册中分列后再导出）")
    for key, target in _TEXT_FIELDS.items():
        text = _raw_text(person, key)
        if text:
            out[target] = text
    if person.assessments:
        out["assessments"] = dict(person.assessments)
    limit = _raw_text(person, "pre_reform_limit")
    if limit:
        try:
            out["pre_reform_limit"] = read_limit(limit)
        except ValueProblem as exc:
            left.append(f"改革前任职年龄界限“{limit}”：{exc.reason}")
    return {k: val for k, val in out.items() if val is not None}, left
