"""Routine records (M1, M3, R13): talks, 履职体会 articles, inspections.

Counts are taken as this year's so far: the number due is the number of periods of
the year fully elapsed at the as-of date (talks 4 a year: 3 due by 31 October)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.registry import person_check
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import chinese_date, full_months


def due_by(per_year: int, as_of: dt.date) -> int:
    """How many are due by the as-of date: periods of the year fully elapsed by then
    (talks 4 a year: 3 due on 1 December, 4 on 31 December)."""
    month_complete = (as_of + dt.timedelta(days=1)).month != as_of.month
    months_done = as_of.month if month_complete else as_of.month - 1
    return per_year * months_done // 12


def _count_rule(ctx: AuditContext, person: Person, rule_id: str, field: str, per_year: int | None, what: str,
                cadence: str) -> Iterator[Finding]:
    if not per_year:
        return
    count = person.get(field)
    if count is None:
        yield ctx.missing(rule_id, person, (field,), what)
        return
    due = due_by(per_year, ctx.as_of)
    if count < due:
        yield ctx.finding(rule_id, person, f"本年度{what}{count}次，截至{chinese_date(ctx.as_of)}应不少于{due}次（{cadence}）",
                          person.cell(field))


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
