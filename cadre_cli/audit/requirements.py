"""Prerequisites such as "副科级以上、且任现职级两年以上" or "本科学历，参加工作3年以上":
a person meets a list of alternatives when all conditions of any one hold."""

from __future__ import annotations

from dataclasses import dataclass

from cadre_cli.audit.context import AuditContext
from cadre_cli.model.person import Person
from cadre_cli.parse import categories as cat
from cadre_cli.parse.dates import full_years
from cadre_cli.policy.schema import Requirement


@dataclass
class Outcome:
    met: bool | None  # None: not enough data to tell
    shortfalls: list[str]  # why an alternative fails, in Chinese
    unknown: list[str]  # fields missing to decide
    figures: dict | None = None  # the values compared and what was required, for the finding's `data`


def _years(ctx: AuditContext, person: Person, field: str) -> int | None:
    """Full years since a date; 0 when the roster says it never happened (任中层时间 `无`)."""
    since = person.get(field)
    if since is None:
        return 0 if field in person.never else None
    return full_years(since, ctx.as_of)


def check_one(ctx: AuditContext, person: Person, req: Requirement) -> Outcome:
    fails: list[str] = []
    unknown: list[str] = []
    figures: dict = {}

    def at_least(value, needed, label: str, shown, key: str | None = None) -> None:
        if key is not None:
            figures[key] = getattr(value, "label", value)
            figures[key + "_min"] = getattr(needed, "label", needed)
        if value is None:
            unknown.append(label)
        elif value < needed:
            fails.append(shown)

    if req.rank_min:
        need = cat.RANK_NAMES[req.rank_min.removesuffix("级")]
        rank = person.get("rank")
        if isinstance(rank, cat.RelativeRank):  # 正职/副职: the level is not in the cell
            unknown.append("rank")
        else:
            at_least(rank, need, "rank", f"现职级为{rank.label if rank else ''}，须{need.label}以上", "rank")
    for attr, field, what in (("rank_years_min", "rank_since", "任现职级"), ("work_years_min", "work_start", "参加工作"),
                              ("post_years_min", "post_since", "任现职"), ("middle_years_min", "middle_since", "任中层")):
        need_years = getattr(req, attr)
        if need_years:
            years = _years(ctx, person, field)
            at_least(years, need_years, field, f"{what}{years}年，不满{need_years}年", attr.removesuffix("_min"))
    if req.education_min:
        need_edu = cat.EDUCATION_NAMES[req.education_min]
        edu = person.education
        at_least(edu, need_edu, "education", f"学历为{edu.label if edu else ''}，须{need_edu.label}以上", "education")
    if req.degree_min:
        need_degree = cat.DEGREE_NAMES[req.degree_min]
        degree = person.degree
        if degree is None:
            fails.append(f"没有{need_degree.label}以上学位")
        elif degree < need_degree:
            fails.append(f"学位为{degree.label}，须{need_degree.label}以上")
    if req.title_min:
        need_title = cat.TITLE_NAMES[req.title_min]
        title = person.get("title")
        if title is None and person.raw("title") is not None:  # written, but no title it can read
            unknown.append("title")
        elif title is None or title < need_title:
            fails.append(f"职称为{title.label if title else '无'}，须{need_title.label}以上")
    if req.post_any:
        text = f"{person.get('post') or ''}{person.get('remarks') or ''}"
        if not text:
            unknown.append("post")
        elif not any(word in text for word in req.post_any):
            fails.append(f"未担任{'或'.join(req.post_any)}")
    if fails:
        return Outcome(False, fails, unknown, figures)
    return Outcome(None if unknown else True, [], unknown, figures)


def check_any(ctx: AuditContext, person: Person, options: list[Requirement]) -> tuple[bool | None, list[tuple[Requirement, Outcome]]]:
    outcomes = [(req, check_one(ctx, person, req)) for req in options]
    if any(o.met for _, o in outcomes):
        return True, outcomes
    if any(o.met is None for _, o in outcomes):
        return None, outcomes
    return False, outcomes


def describe(outcomes: list[tuple[Requirement, Outcome]]) -> str:
    parts = []
    for req, outcome in outcomes:
        label = req.label or "条件"
        parts.append(f"“{label}”（{'；'.join(outcome.shortfalls)}）")
    return "不满足以下任一条件：" + "，".join(parts)
