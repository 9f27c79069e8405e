"""Age limits (A1–A5, R7): over the limit now, or within the horizon."""

from __future__ import annotations

from collections.abc import Iterable

from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import chinese_date
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, Groups, Severity, W, person_rule


_cn = chinese_date
LEVEL = POLICY.levels.each
AGE_PARAMS = (LEVEL.age_max, LEVEL.age_max_male, LEVEL.age_max_female, POLICY.age.max, POLICY.age.max_male,
              POLICY.age.max_female)


def _levels_decide(ctx: AuditContext) -> bool:
    """The policy sets age limits per level only: a person's limit needs their 后备类别."""
    age = ctx.policy.age
    per_level = any(l.age_max or l.age_max_male or l.age_max_female for l in ctx.policy.levels.values())
    return per_level and not (age.max or age.max_male or age.max_female)


def _level_unknown(ctx: AuditContext, person: Person) -> bool:
    """No limit applies because the person's 后备类别 names no level of the policy."""
    return bool(ctx.policy.levels) and ctx.level(person) is None and not (ctx.policy.age.max or ctx.policy.age.max_male)


def age_columns(ctx: AuditContext, missing: Groups) -> Groups:
    roster = ctx.roster
    if not missing and _levels_decide(ctx) and not roster.has_field("reserve_level") \
            and not any(ctx.level(p) for p in roster.people):
        return [("reserve_level",)]
    return missing


@person_rule(
    "age-limit", severity=E, title="超过年龄上限", topic="年龄",
    explanation=("按后备类别（及性别）的年龄上限，以检查基准日计算周岁。“超过40周岁”“40周岁以下”“40岁（含）"
                 "以下”都允许恰好40周岁，41周岁才超过；“未满40周岁”不含40。只有年月的出生日期按该月1日计算。"),
    sources=("A1", "A2", "A3", "A4", "A5", "R7"), basis="《后备干部培养管理实施规定》四(七)",
    params=AGE_PARAMS, needs=(("birth", "id_number"),), any_param=True, removes=True, columns=age_columns,
    example="正科级后备干部年龄41周岁，超过40周岁的上限",
)
def age_limit(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    # a plain function returning () when nothing is found: it runs once per person
    limit = ctx.age_limit(person)
    if limit is None:
        if _level_unknown(ctx, person):
            return [ctx.missing("age-limit", person, ("reserve_level",), "年龄上限（后备类别不明）")]
        return ()
    age = ctx.age(person)
    if age is None:
        return [ctx.missing("age-limit", person, ("birth", "id_number"), "年龄")]
    if not limit.over(age):
        return ()
    cell = ctx.born_cell(person)
    # over the cap that applies: the exceptional one (一般不超过35岁，特别优秀的不超过45岁) when there is one
    since = anniversary(person.born, limit.exceptional + 1 if limit.exceptional is not None else limit.first_age_over())
    if limit.exceptional is not None and age <= limit.exceptional:
        return [ctx.finding("age-limit", person,
                            f"{limit.who}年龄{age}周岁，超过一般不超过{limit.limit}周岁的要求；特别优秀的方可放宽至{limit.exceptional}周岁",
                            cell, Severity.WARNING, data={"age": age, "limit": limit.limit, "exceptional": limit.exceptional})]
    if limit.exclusive:
        text = f"{limit.who}年龄{age}周岁，已满{limit.limit}周岁（须未满{limit.limit}周岁）"
    else:
        cap = limit.exceptional if limit.exceptional is not None else limit.limit
        text = f"{limit.who}年龄{age}周岁，超过{cap}周岁的上限"
    return [ctx.finding("age-limit", person, f"{text}（自{_cn(since)}起超龄）", cell,
                        data={"age": age, "limit": limit.limit, "exceptional": limit.exceptional, "over_since": since})]


@person_rule(
    "age-limit-soon", severity=W, title="即将超过年龄上限", topic="即将超龄",
    explanation=("在提示期（--horizon 个月，默认取政策 age.horizon_months）"
                 "内将超过年龄上限的后备干部，写明超龄的日期。"),
    sources=("A1", "A2", "A3", "A4", "A5"), basis="《后备干部培养管理实施规定》四(七)",
    params=AGE_PARAMS, needs=(("birth", "id_number"),), any_param=True, columns=age_columns,
)
def age_limit_soon(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    if ctx.horizon_months <= 0:
        return ()
    limit = ctx.age_limit(person)
    age = ctx.age(person)
    if limit is None and _level_unknown(ctx, person):
        ctx.unchecked("age-limit-soon", person, ("reserve_level",))
        return ()
    if limit is None or age is None or limit.over(age):
        return ()
    first_over = limit.exceptional + 1 if limit.exceptional is not None else limit.first_age_over()
    if (first_over - age - 1) * 12 > ctx.horizon_months:
        return ()  # too young to reach the limit within the horizon
    when = anniversary(person.born, first_over)
    if not ctx.as_of < when <= ctx.horizon_end:
        return ()
    cap = limit.exceptional if limit.exceptional is not None else limit.limit
    over = f"（须未满{cap}周岁）" if limit.exclusive else f"，超过{cap}周岁的上限"
    return [ctx.finding("age-limit-soon", person, f"{limit.who}将于{_cn(when)}满{first_over}周岁{over}"
                        f"（在{ctx.horizon_months}个月提示期内）", ctx.born_cell(person),
                        data={"age": age, "limit": cap, "over_on": when, "horizon_months": ctx.horizon_months})]
