"""Who may be a reserve: education (A6), experience (A8), rank (A7), title (A9) and
household (A10). The negative list is in `negative`, health in `health`."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.requirements import check_any, describe
from cadre_cli.model.person import Person
from cadre_cli.parse import categories as cat
from cadre_cli.parse.text import squash
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import Severity, W, person_rule


def _education_cell(person: Person):
    for field in ("education", "education_fulltime", "education_parttime"):
        if person.raw(field) is not None:
            return person.cell(field)
    return person.cell("education") or person.cell("education_fulltime")


@person_rule(
    "education", severity=W, title="学历不符合要求", topic="学历",
    explanation="最高学历低于政策要求，或政策要求全日制学历而全日制学历不够。",
    sources=("A6",), basis="资格条件",
    params=(POLICY.education.minimum, POLICY.education.full_time_minimum),
    needs=(("education", "education_fulltime", "education_parttime"),), any_param=True,
)
def education(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    rule = ctx.policy.education
    level = person.education
    if rule.minimum:
        need = cat.EDUCATION_NAMES[rule.minimum]
        if level is None:
            yield ctx.missing("education", person, ("education", "education_fulltime"), "学历")
            return
        if level < need:
            yield ctx.finding("education", person, f"最高学历为{level.label}，低于{need.label}的要求", _education_cell(person))
            return
    if rule.full_time_minimum:
        need = cat.EDUCATION_NAMES[rule.full_time_minimum]
        age = ctx.age(person)
        if rule.full_time_age_max is not None and (age is None or age > rule.full_time_age_max):
            return
        full = person.education_fulltime
        has_column = person.cell("education_fulltime") is not None
        if full is None and not has_column:
            ctx.unchecked("education", person, ("education_fulltime",), "名册没有区分全日制与在职学历，全日制学历要求未检查")
            return
        if full is None or full < need:
            who = f"{rule.full_time_age_max}周岁以下的干部" if rule.full_time_age_max is not None else "后备干部"
            shown = full.label if full else "无"
            yield ctx.finding("education", person, f"全日制学历为{shown}；{who}须具有全日制{need.label}及以上学历",
                              person.cell("education_fulltime") or _education_cell(person),
                              data={"age_max": rule.full_time_age_max} if rule.full_time_age_max is not None else None)


def _requirement_finding(ctx: AuditContext, person: Person, rule_id: str, options, what: str) -> Iterator[Finding]:
    met, outcomes = check_any(ctx, person, options)
    if met is False:
        cell_field = {"experience": "work_start", "rank-prerequisite": "rank"}[rule_id]
        yield ctx.finding(rule_id, person, f"{what}{describe(outcomes)}", person.cell(cell_field),
                          data={"options": [{"label": req.label, **(o.figures or {})} for req, o in outcomes]})
    elif met is None:
        fields = sorted({f for _, o in outcomes for f in o.unknown})
        rank = person.get("rank")
        if "rank" in fields and isinstance(rank, cat.RelativeRank):
            yield ctx.finding("missing-value", person, f"职级为“{person.raw('rank')}”，没有写明是哪一级（如正科级、副处级），"
                              f"无法检查{what.rstrip('：')}（规则 {rule_id}）", person.cell("rank"))
            return
        yield ctx.missing(rule_id, person, tuple(fields), what.rstrip("："))


@person_rule(
    "experience", severity=W, title="工作经历不符合要求", topic="工作经历",
    explanation="参加工作年限、任现职级年限或中层任职年限不满足政策列出的任一条件。",
    sources=("A8",), basis="资格条件",
    params=(POLICY.experience.any_of, POLICY.levels.each.experience),
    needs=(("work_start", "rank_since", "middle_since", "post"),), any_param=True,
)
def experience(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    found = ctx.level(person)
    options = list(found[1].experience) if found and found[1].experience else list(ctx.policy.experience.any_of)
    if options:
        who = f"{found[1].label}后备干部" if found and found[1].experience else "后备干部"
        yield from _requirement_finding(ctx, person, "experience", options, f"{who}工作经历")


@person_rule(
    "rank-prerequisite", severity=W, title="现任职级不符合后备类别的要求", topic="任职资格",
    explanation="如高校正处级后备应为现任副处级干部，副处级后备应为现任正科级干部或具备硕士、副高职称等条件。",
    sources=("A7",), basis="资格条件",
    params=(POLICY.levels.each.prerequisites,), needs=(("rank",), ("reserve_level",)),
)
def rank_prerequisite(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    found = ctx.level(person)
    if found is None:
        ctx.unchecked("rank-prerequisite", person, ("reserve_level",))
    elif found[1].prerequisites:
        yield from _requirement_finding(ctx, person, "rank-prerequisite", list(found[1].prerequisites),
                                        f"{found[1].label}后备干部任职资格")


def is_primary_school(person: Person) -> bool:
    """A primary school (小学), not a combined 中小学."""
    text = squash(f"{person.unit or ''}{person.get('post') or ''}")
    return "小学" in text.replace("中小学", "")


@person_rule(
    "title", severity=W, title="职称不符合要求", topic="职称",
    explanation=("专业技术职称低于政策要求（如学校后备干部须具有中级及以上职称）。政策写明“小学可适当放宽”（relax_prim"
                 "ary_school）时，单位或职务含“小学”（不含“中小学”）的人职称不够只作提示，"
                 "请确认是否放宽；设定 primary_school_minimum 时，低于这一放宽后的下限仍为警告。"),
    sources=("A9",), basis="《后备干部选拔推荐工作方案》（学校）一(二)2",
    params=(POLICY.professional_title.minimum,),
    options=(POLICY.professional_title.relax_primary_school, POLICY.professional_title.primary_school_minimum),
    needs=(("title",),),
    example="小学教师职称为二级教师（初级），低于中级；小学可适当放宽，请确认",
)
def title(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    rule = ctx.policy.professional_title
    if not rule.minimum:
        return
    need = cat.TITLE_NAMES[rule.minimum]
    held = person.get("title")
    if held is not None and held >= need:
        return
    shown = held.label if held else "无（未填写）"
    text = f"专业技术职称为{shown}，须具有{need.label}及以上职称"
    if rule.relax_primary_school and is_primary_school(person):
        floor = cat.TITLE_NAMES[rule.primary_school_minimum] if rule.primary_school_minimum else None
        if floor is None or (held is not None and held >= floor):
            yield ctx.finding("title", person, f"{text}；小学可适当放宽，请确认是否放宽", person.cell("title"), Severity.INFO)
            return
        text += f"；小学放宽后也须{floor.label}及以上"
    yield ctx.finding("title", person, text, person.cell("title"))


_OTHER_PLACE = ("外村", "外地", "非本村", "外乡", "外县", "否", "无")
_THIS_PLACE = ("本村", "本组", "本社区", "本居委", "本嘎查", "是")


@person_rule(
    "household", severity=W, title="不是本村户籍", topic="户籍",
    explanation="村级后备干部应具有本村户籍。户籍列写“否”“外村”或另一个村名时提示。",
    sources=("A10",), basis="《村级后备干部选拔培养实施方案》二",
    params=(POLICY.village.household_required,), needs=(("household",),),
)
def household(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    if not ctx.policy.village.household_required:
        return
    text = person.get("household")
    if text is None:
        yield ctx.missing("household", person, ("household",), "户籍")
        return
    key = squash(text)
    unit = squash(person.unit or "")
    if key.startswith(_THIS_PLACE):
        return  # 本村, 本组, 本社区: the village itself
    if any(word in key for word in _OTHER_PLACE) or (unit and key.endswith("村") and unit.endswith("村") and unit not in key and key not in unit):
        yield ctx.finding("household", person, f"户籍为“{text}”，村级后备干部应具有本村户籍", person.cell("household"))
