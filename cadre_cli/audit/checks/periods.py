"""Periods: management period and minimum cultivation (R11), secondment length (T1; the
cycles by kind, T2, are in `secondment`). "满N年" is reached on the anniversary itself; a date known
only to the month counts from the first of that month."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date, full_months
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, I, Severity, W, person_rule


cn = chinese_date


def span(months: int) -> str:
    years, rest = divmod(months, 12)
    if years and rest:
        return f"{years}年{rest}个月"
    return f"{years}年" if years else f"{rest}个月"


@person_rule(
    "management-period-expired", severity=E, title="管理期满未提拔", topic="管理期",
    explanation="自列入后备之日起满管理期（如三年）仍未提拔使用的，后备资格自行取消。恰好满三年之日即为期满。",
    sources=("R11",), basis="临朐县《科级后备干部选拔培养和管理使用办法（试行）》",
    params=(POLICY.management.period_years,), needs=(("reserve_since",),), removes=True,
)
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
                          f"{since.chinese()}列入后备，至{cn(end)}已满{years}年管理期，未提拔使用的后备资格自行取消", cell,
                          data={"listed": since, "years": years, "ends": end})
    elif end <= ctx.horizon_end:
        yield ctx.finding("management-period-expired", person,
                          f"{since.chinese()}列入后备，{years}年管理期将于{cn(end)}届满（在{ctx.horizon_months}个月提示期内）",
                          cell, Severity.WARNING, data={"listed": since, "years": years, "ends": end})


@person_rule(
    "min-cultivation", severity=I, title="未满最低培养期", topic="最低培养期",
    explanation="列入后备不满最低培养期（如1年）的，不得提拔使用。",
    sources=("R11",), basis="临朐县《科级后备干部选拔培养和管理使用办法（试行）》",
    params=(POLICY.management.min_cultivation_years,), needs=(("reserve_since",),),
)
def min_cultivation(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.management.min_cultivation_years
    since: PDate | None = person.get("reserve_since")
    if not years or since is None or person.get("promoted"):
        return
    end = anniversary(since, years)
    if ctx.as_of < end:
        yield ctx.finding("min-cultivation", person,
                          f"{since.chinese()}列入后备，至{cn(end)}方满{years}年最低培养期，此前不得提拔使用",
                          person.cell("reserve_since"), data={"listed": since, "years": years, "ends": end})


def _length(ctx: AuditContext, start: PDate, end: PDate | None) -> tuple[int, bool]:
    """Months of a period, and whether it is still running at the as-of date."""
    ongoing = end is None or end.first_day() > ctx.as_of
    last = ctx.as_of if ongoing else end.first_day()
    return full_months(start.first_day(), last), ongoing


@person_rule(
    "secondment-length", severity=W, title="挂职时间不在规定范围", topic="挂职时间",
    explanation="已结束的挂职时长短于下限或长于上限；正在进行的挂职按检查基准日计算，只在已超过上限时提示。",
    sources=("T1",), basis="《后备干部培养管理实施规定》二(二)",
    params=(POLICY.secondment.min_months, POLICY.secondment.max_months),
    needs=(("secondment_start", "secondment_period"),), any_param=True, blank_means_none=True,
)
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
                          f"{start.chinese()}起{at}挂职{state}{span(months)}，超过{span(high)}的上限", cell,
                          data={"start": start, "end": end, "months": months, "max_months": high, "ongoing": ongoing})
    elif not ongoing and low is not None and months < low:
        yield ctx.finding("secondment-length", person,
                          f"{start.chinese()}至{end.chinese()}{at}挂职{span(months)}，不足{span(low)}", cell,
                          data={"start": start, "end": end, "months": months, "min_months": low})
