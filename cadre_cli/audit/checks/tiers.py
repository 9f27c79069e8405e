"""The four-tier scheme (R12; seed 003, second text, 五(一)): 各梯队后备干部人才实行滚动管理，
两年一届，每年考核一次，期满总结性考核 … 对年度考核成绩靠后、一年之后仍达不到要求的，
有一票否决行为的，总结考核不合格的 … 不再列入培养对象.

A person is in the scheme when their 后备类别 (梯队, 层级) holds one of `tiers.match`.
The term runs from 列入时间; "靠后" is a yearly grade in `tiers.low_grades`."""

from __future__ import annotations

from collections.abc import Iterator

from cadre_cli.audit.checks.negative import in_tier
from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date
from cadre_cli.parse.grades import parse_grade
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, Severity, person_rule


def _grade_text(person: Person, year: int) -> str:
    return str(person.raw(f"assessment:{year}")).strip()


@person_rule(
    "tier-term", severity=E, title="梯队培养对象应调整", topic="梯队培养期",
    explanation=("各梯队后备干部人才两年一届（自列入时间起），每年考核一次，期满总结性考核。年度考核靠后（基本称职、"
                 "不称职等）、一年之后仍达不到要求的，有一票否决行为的，总结考核不合格的，不再列入培养对象；"
                 "只有一年靠后、下一年尚未考核的为警告；届满而名册没有总结考核结果的为警告。只对后备类别（梯队、"
                 "层级）含“梯队”等词的人检查。"),
    sources=("R12",), basis="《干部人才四级梯队培养方案》（镇党委）五(一)",
    params=(POLICY.tiers.term_years,),
    options=(POLICY.tiers.match, POLICY.tiers.low_grades, POLICY.tiers.final_failing, POLICY.tiers.veto_words),
    needs=(("reserve_level",), ("reserve_since",), ("assessment:*", "tier_final")), removes=True,
    example="2024、2025年年度考核均为基本称职，一年之后仍达不到要求，不再列入培养对象",
)
def tier_term(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    if not in_tier(ctx, person):
        return
    tiers = ctx.policy.tiers
    for field, marked in person.flags.items():
        if marked and any(w in field for w in tiers.veto_words):
            shown = str(person.raw(field)).strip()
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
        shown = str(person.raw("tier_final")).strip()
        yield ctx.finding("tier-term", person, f"期满总结考核为{shown}，不再列入培养对象", person.cell("tier_final"))
    elif final is None:
        what = "未填" if person.cell("tier_final") is not None else "没有"  # a blank cell, or no column
        yield ctx.finding("tier-term", person,
                          f"{since.chinese()}列入，{tiers.term_years}年一届已于{chinese_date(end)}期满，应进行总结性考核并依据结果动态调整；"
                          f"名册{what}总结考核结果", person.cell("tier_final") or person.cell("reserve_since"),
                          Severity.WARNING, data={"listed": since, "years": tiers.term_years, "ends": end})


def _yearly(ctx: AuditContext, person: Person, since: PDate) -> Iterator[Finding]:
    low = {parse_grade(g) for g in ctx.policy.tiers.low_grades}
    years = sorted(y for y, g in person.assessments.items() if g is not None and since.year <= y <= ctx.as_of.year)
    lows = [y for y in years if person.assessments[y] in low]
    again = next((y for y in lows if y + 1 in lows), None)
    if again is not None:
        yield ctx.finding("tier-term", person,
                          f"{again}年度考核为{_grade_text(person, again)}、{again + 1}年度为{_grade_text(person, again + 1)}："
                          "年度考核成绩靠后，一年之后仍达不到要求，不再列入培养对象", person.cell(f"assessment:{again + 1}"),
                          data={"years": [again, again + 1]})
    elif lows and lows[-1] == years[-1]:
        year = lows[-1]
        yield ctx.finding("tier-term", person,
                          f"{year}年度考核为{_grade_text(person, year)}，成绩靠后；一年之后仍达不到要求的，不再列入培养对象",
                          person.cell(f"assessment:{year}"), Severity.WARNING, data={"year": year})
