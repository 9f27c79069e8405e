"""The four-tier scheme (R12; seed 003, second text, 五(一)): 各梯队后备干部人才实行滚动管理，
两年一届，每年考核一次，期满总结性考核 … 对年度考核成绩靠后、一年之后仍达不到要求的，
有一票否决行为的，总结考核不合格的 … 不再列入培养对象.

A person is in the scheme when their 后备类别 (梯队, 层级) holds one of `tiers.match`.
The term runs from 列入时间; "靠后" is a yearly grade in `tiers.low_grades`."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.registry import person_check
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date
from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.text import squash
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.registry import REGISTRY, Severity


def in_tier(ctx: AuditContext, person: Person) -> bool:
    tiers = ctx.policy.tiers
    text = person.reserve_level
    return tiers.term_years is not None and bool(text) and any(w in squash(text) for w in tiers.match)


def is_veto_mark(ctx: AuditContext, person: Person, field: str) -> bool:
    """A 一票否决 column of a tier member: reported by tier-term, not by negative-flag."""
    return (any(w in field for w in ctx.policy.tiers.veto_words) and REGISTRY["tier-term"].enabled(ctx.policy)
            and in_tier(ctx, person))


def _grade_text(person: Person, year: int) -> str:
    return str(person.raw(f"assessment:{year}")).strip()


@person_check("tier-term")
def tier_term(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    if not in_tier(ctx, person):
        return
    tiers = ctx.policy.tiers
    for field, marked in person.flags.items():
        if marked and any(w in field for w in tiers.veto_words):
            shown = str(person.record.raw(field)).strip()
            yield ctx.finding("tier-term", person, f"“{field_label(field)}”一栏标注为“{shown}”：有一票否决行为，不再列入培养对象",
                              person.cell(field))
    since: PDate | None = person.get("reserve_since")
    if since is None:
        yield ctx.missing("tier-term", person, ("reserve_since",), "梯队届期和年度考核")
        return
    yield from _yearly(ctx, person, since)
    end = anniversary(since, tiers.term_years or 0)
    if ctx.as_of < end:
        return
    final = person.get("tier_final")
    failing = {parse_grade(g) for g in tiers.final_failing}
    if final is not None and final in failing:
        shown = str(person.record.raw("tier_final")).strip()
        yield ctx.finding("tier-term", person, f"期满总结考核为{shown}，不再列入培养对象", person.cell("tier_final"))
    elif final is None:
        what = "未填" if "tier_final" in person.record.columns else "没有"
        yield ctx.finding("tier-term", person,
                          f"{since.chinese()}列入，{tiers.term_years}年一届已于{chinese_date(end)}期满，应进行总结性考核并依据结果动态调整；"
                          f"名册{what}总结考核结果", person.cell("tier_final") or person.cell("reserve_since"),
                          Severity.WARNING)


def _yearly(ctx: AuditContext, person: Person, since: PDate) -> Iterator[Finding]:
    low = {parse_grade(g) for g in ctx.policy.tiers.low_grades}
    years = sorted(y for y, g in person.assessments.items() if g is not None and since.year <= y <= ctx.as_of.year)
    lows = [y for y in years if person.assessments[y] in low]
    again = next((y for y in lows if y + 1 in lows), None)
    if again is not None:
        yield ctx.finding("tier-term", person,
                          f"{again}年度考核为{_grade_text(person, again)}、{again + 1}年度为{_grade_text(person, again + 1)}："
                          "年度考核成绩靠后，一年之后仍达不到要求，不再列入培养对象", person.cell(f"assessment:{again + 1}"))
    elif lows and lows[-1] == years[-1]:
        year = lows[-1]
        yield ctx.finding("tier-term", person,
                          f"{year}年度考核为{_grade_text(person, year)}，成绩靠后；一年之后仍达不到要求的，不再列入培养对象",
                          person.cell(f"assessment:{year}"), Severity.WARNING)
