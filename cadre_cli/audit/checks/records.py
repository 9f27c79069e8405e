"""Routine records (M1, M3, R13): talks, 履职体会 articles, inspections.

Counts are this year's. What is due is the number of the year's periods (quarters for 4 a
year, half-years for 2) that have ended by the as-of date, from the period in which the
reserve was listed (seed 001 三(三) 谈心谈话活动每季度至少开展一次: listed in July, two talks
are due by 31 December). Without a 列入时间 the whole year counts, and the finding says so."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.registry import person_check
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, add_months, chinese_date, full_months

def _period_end(year: int, months: int, index: int) -> dt.date:
    return add_months(dt.date(year, 1, 1), months * (index + 1)) - dt.timedelta(days=1)


def due_by(per_year: int, as_of: dt.date, listed: dt.date | None = None) -> int:
    """How many are due by the as-of date: the periods of the year that have ended by then
    and did not end before the reserve was listed (talks 4 a year: 3 due on 1 December,
    4 on 31 December; 2 on 31 December for someone listed in July)."""
    if 12 % per_year == 0:
        months = 12 // per_year
        ends = [_period_end(as_of.year, months, i) for i in range(per_year)]
        return sum(1 for end in ends if end <= as_of and (listed is None or listed <= end))
    month_complete = (as_of + dt.timedelta(days=1)).month != as_of.month
    months_done = as_of.month if month_complete else as_of.month - 1
    if listed is not None and listed.year == as_of.year:
        months_done -= listed.month - 1
    elif listed is not None and listed > as_of:
        months_done = 0
    return max(0, per_year * months_done // 12)


def _count_rule(ctx: AuditContext, person: Person, rule_id: str, field: str, per_year: int | None, what: str,
                cadence: str) -> Iterator[Finding]:
    if not per_year:
        return
    count = person.get(field)
    if count is None:
        yield ctx.missing(rule_id, person, (field,), what)
        return
    listed: PDate | None = person.get("reserve_since")
    start = listed.first_day() if listed is not None else None
    due = due_by(per_year, ctx.as_of, start)
    if count < due:
        day = ctx.as_of
        if start is not None and start.year == day.year:
            since = f"，自{listed.chinese()}列入后备起算"
        elif start is None and "reserve_since" in person.record.columns:
            since = "，未填列入后备时间，按全年计"
        else:
            since = ""
        yield ctx.finding(rule_id, person, f"本年度{what}{count}次，截至{chinese_date(day)}应不少于{due}次"
                          f"（{cadence}{since}）", person.cell(field))


@person_check("talks")
def talks(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    yield from _count_rule(ctx, person, "talks", "talks", ctx.policy.records.talks_per_year, "谈心谈话", "每季度至少一次")


@person_check("articles")
def articles(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    yield from _count_rule(ctx, person, "articles", "articles", ctx.policy.records.articles_per_year, "履职体会文章",
                           "每半年一篇")


@person_check("inspection")
def inspection(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    per_year = ctx.policy.records.inspections_per_year
    if not per_year:
        return
    last = person.get("last_inspection")
    if last is not None:
        months = full_months(last.first_day(), ctx.as_of)
        if months >= 12:
            yield ctx.finding("inspection", person, f"最近一次考察在{last.chinese()}，已超过一年（一年至少考察一次）",
                              person.cell("last_inspection"))
        return
    yield from _count_rule(ctx, person, "inspection", "inspections", per_year, "考察", "一年至少考察一次")
