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
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, add_months, chinese_date, full_months
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import W, person_rule

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
        elif start is None and person.cell("reserve_since") is not None:  # the roster has the column
            since = "，未填列入后备时间，按全年计"
        else:
            since = ""
        yield ctx.finding(rule_id, person, f"本年度{what}{count}次，截至{chinese_date(day)}应不少于{due}次"
                          f"（{cadence}{since}）", person.cell(field), data={"count": count, "due": due, "per_year": per_year})


@person_rule(
    "talks", severity=W, title="谈心谈话次数不足", topic="谈心谈话",
    explanation=("谈心谈话每季度至少一次（每年不少于4次）。次数列为本年度次数；应谈次数为本年度已结束的季度中、"
                 "自列入后备的那个季度起的季度数（7月列入的，到年底应不少于2次）；没有列入时间的按全年计，"
                 "并在说明中写明。"),
    sources=("M3",), basis="《优秀年轻干部重点培养工程实施方案》三(三)",
    params=(POLICY.records.talks_per_year,), needs=(("talks",),),
)
def talks(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    yield from _count_rule(ctx, person, "talks", "talks", ctx.policy.records.talks_per_year, "谈心谈话", "每季度至少一次")


@person_rule(
    "articles", severity=W, title="履职体会篇数不足", topic="履职体会",
    explanation="每半年撰写一篇履职体会文章（每年不少于2篇）；应交篇数从列入后备的那个半年起算。",
    sources=("M1",), basis="《后备干部培养管理实施规定》三(二)",
    params=(POLICY.records.articles_per_year,), needs=(("articles",),),
)
def articles(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    yield from _count_rule(ctx, person, "articles", "articles", ctx.policy.records.articles_per_year, "履职体会文章",
                           "每半年一篇")


@person_rule(
    "inspection", severity=W, title="年度考察次数不足", topic="年度考察",
    explanation="对后备干部一年至少考察一次：考察次数不足，或最近一次考察已超过一年。",
    sources=("R13",), basis="《后备干部选拔方案》（街道）七(一)",
    params=(POLICY.records.inspections_per_year,), needs=(("inspections", "last_inspection"),),
)
def inspection(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    per_year = ctx.policy.records.inspections_per_year
    if not per_year:
        return
    last = person.get("last_inspection")
    if last is not None:
        months = full_months(last.first_day(), ctx.as_of)
        if months >= 12:
            yield ctx.finding("inspection", person, f"最近一次考察在{last.chinese()}，已超过一年（一年至少考察一次）",
                              person.cell("last_inspection"), data={"last": last, "months": months})
        return
    yield from _count_rule(ctx, person, "inspection", "inspections", per_year, "考察", "一年至少考察一次")
