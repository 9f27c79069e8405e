"""Terms that run out: a mentoring round (T4) and a borrowing from another unit (T6)."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.checks.periods import _length, span
from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import I, W, person_rule


@person_rule(
    "mentoring", severity=I, title="帮带期满应重新落实帮带人", topic="帮带",
    explanation="每轮帮带时间为两年，期满后重新落实帮带人。",
    sources=("T4",), basis="《优秀年轻干部重点培养工程实施方案》三(一)",
    params=(POLICY.mentoring.round_years,), needs=(("mentor_since",),), blank_means_none=True,
)
def mentoring(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.mentoring.round_years
    since: PDate | None = person.get("mentor_since")
    if years and since is not None and ctx.as_of >= anniversary(since, years):
        mentor = person.get("mentor")
        by = f"（帮带人{mentor}）" if mentor else ""
        yield ctx.finding("mentoring", person,
                          f"{since.chinese()}开始的帮带{by}已满{years}年，应重新落实帮带人", person.cell("mentor_since"),
                          data={"since": since, "years": years})


@person_rule(
    "borrowed-staff", severity=W, title="借用时间超过上限", topic="借用时间",
    explanation="从外单位借用人员，原则上借用时间不得超过2个月。",
    sources=("T6",), basis="《株洲市经信委关于进一步加强全委干部队伍建设的意见》三(三)",
    params=(POLICY.borrowed.max_months,), needs=(("borrowed_start", "borrowed_period"),),
    blank_means_none=True,
)
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
                          f"{start.chinese()}起借用{state}{span(months)}，超过{span(high)}的上限", cell,
                          data={"start": start, "end": end, "months": months, "max_months": high, "ongoing": ongoing})
