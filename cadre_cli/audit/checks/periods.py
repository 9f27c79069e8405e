"""Periods: management period (R11), secondment (T1, T2), rotation (T3, T5), mentoring
(T4) and borrowed staff (T6). "满N年" is reached on the anniversary itself; a date known
only to the month counts from the first of that month."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.registry import person_check
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date, full_months
from cadre_cli.rules.registry import Severity


cn = chinese_date


def span(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"


@person_check("management-period-expired")
def management_period(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.management.period_years
    since: PDate | None = person.get("reserve_since")
    if not years or person.get("promoted"):
        return
    if since is None:
        yield ctx.missing("management-period-expired", person, ("reserve_since",), "管理期")
        return
    end = anniversary(since, years)
    cell = person.cell("reserve_since")
    if ctx.as_of >= end:
        yield ctx.finding("management-period-expired", person,
                          f"{since.chinese()}列入后备，至{cn(end)}已满{years}年管理期，未提拔使用的后备资格自行取消", cell)
    elif end <= ctx.horizon_end:
        yield ctx.finding("management-period-expired", person,
                          f"{since.chinese()}列入后备，{years}年管理期将于{cn(end)}届满（在{ctx.horizon_months}个月提示期内）",
                          cell, Severity.WARNING)


@person_check("min-cultivation")
def min_cultivation(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.management.min_cultivation_years
    since: PDate | None = person.get("reserve_since")
    if not years or since is None or person.get("promoted"):
        return
    end = anniversary(since, years)
    if ctx.as_of < end:
        yield ctx.finding("min-cultivation", person,
                          f"{since.chinese()}列入后备，至{cn(end)}方满{years}年最低培养期，此前不得提拔使用",
                          person.cell("reserve_since"))


def _length(ctx: AuditContext, start: PDate, end: PDate | None) -> tuple[int, bool]:
    """Months of a period, and whether it is still running at the as-of date."""
    ongoing = end is None or end.first_day() > ctx.as_of
    last = ctx.as_of if ongoing else end.first_day()
    return full_months(start.first_day(), last), ongoing


@person_check("secondment-length")
def secondment_length(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    period = person.period("secondment")
    if period is None:
        return
    start, end, cell = period
    low, high = ctx.policy.secondment.min_months, ctx.policy.secondment.max_months
    months, ongoing = _length(ctx, start, end)
    where = person.get("secondment_unit")
    at = f"在{where}" if where else ""
    if high is not None and months > high:
        state = "至今已" if ongoing else "共"
        yield ctx.finding("secondment-length", person,
                          f"{start.chinese()}起{at}挂职{state}{span(months)}，超过{span(high)}的上限", cell)
    elif not ongoing and low is not None and months < low:
        yield ctx.finding("secondment-length", person,
                          f"{start.chinese()}至{end.chinese()}{at}挂职{span(months)}，不足{span(low)}", cell)


def _exempt_from_rotation(ctx: AuditContext, person: Person) -> str | None:
    age, gender = ctx.age(person), person.gender
    rule = ctx.policy.rotation
    limit = rule.exempt_age_male if gender == "男" else rule.exempt_age_female if gender == "女" else None
    if age is not None and limit is not None and age >= limit:
        return f"{gender}性年满{limit}周岁"
    return None


@person_check("rotation-due")
def rotation_due(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.rotation.years
    since: PDate | None = person.get("post_since")
    if not years or since is None:
        return
    due = anniversary(since, years)
    if ctx.as_of >= due and _exempt_from_rotation(ctx, person) is None:
        months = full_months(since.first_day(), ctx.as_of)
        post = person.get("post") or "现职"
        yield ctx.finding("rotation-due", person,
                          f"{since.chinese()}起任{post}，已满{years}年（{span(months)}），应当交流轮岗", person.cell("post_since"))


@person_check("single-post")
def single_post(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.rotation.single_post_years
    since: PDate | None = person.get("post_since")
    posts = person.get("post_count")
    if not years or (posts is not None and posts >= 2):
        return
    if since is None:
        ctx.unchecked("single-post", person, ("post_since",))
        return
    due = anniversary(since, years)
    if ctx.as_of >= due:
        yield ctx.finding("single-post", person,
                          f"{since.chinese()}起在同一岗位已满{years}年，经历单一的应由单位组织内部轮岗交流",
                          person.cell("post_since"))


@person_check("mentoring")
def mentoring(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.mentoring.round_years
    since: PDate | None = person.get("mentor_since")
    if years and since is not None and ctx.as_of >= anniversary(since, years):
        mentor = person.get("mentor")
        by = f"（帮带人{mentor}）" if mentor else ""
        yield ctx.finding("mentoring", person,
                          f"{since.chinese()}开始的帮带{by}已满{years}年，应重新落实帮带人", person.cell("mentor_since"))


@person_check("borrowed-staff")
def borrowed_staff(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    period = person.period("borrowed")
    high = ctx.policy.borrowed.max_months
    if period is None or high is None:
        return
    start, end, cell = period
    months, ongoing = _length(ctx, start, end)
    if months > high:
        state = "至今已" if ongoing else "共"
        yield ctx.finding("borrowed-staff", person,
                          f"{start.chinese()}起借用{state}{span(months)}，超过{span(high)}的上限", cell)
