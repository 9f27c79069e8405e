"""Annual assessments (R4, A11) and democratic-evaluation votes (R9, R10)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from fractions import Fraction

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.numbers import percent
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, W, person_rule


def _word_for(text: str, year: int) -> str | None:
    """The grade word a several-years cell gives `year` (`2023年不合格` -> 不合格): the
    message repeats what the clerk wrote, not its civil-service equivalent."""
    m = re.search(rf"{year}年度?[:：]?\s*(基本合格|不合格)", text)
    return m.group(1) if m else None


@person_rule(
    "annual-assessment", severity=E, title="年度考核为基本称职或不称职", topic="年度考核",
    explanation="年度考核为政策所列等次（如基本称职、不称职，或基本合格、不合格）的，取消后备干部资格。",
    sources=("R4",), basis="《后备干部培养管理实施规定》四(四)",
    params=(POLICY.assessment.failing,), needs=(("assessment:*",),), removes=True,
)
def annual_assessment(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    failing = ctx.failing_grades
    years = [y for y, grade in person.assessments.items() if grade in failing]
    if not years:
        return ()
    found = []
    for year in sorted(years):
        grade = person.assessments[year]
        raw = str(person.raw(f"assessment:{year}")).strip()
        shown = raw if raw in ("基本合格", "不合格") else _word_for(raw, year) or grade.label
        found.append(ctx.finding("annual-assessment", person, f"{year}年度考核为{shown}，按规定应取消后备干部资格",
                                 person.cell(f"assessment:{year}"), data={"year": year, "grade": grade.label}))
    return found


@person_rule(
    "assessment-history", severity=W, title="近三年考核有基本称职及以下", topic="近年考核",
    explanation="近三个已考核年度中有基本称职（基本合格）及以下等次的，不得列为考察对象。",
    sources=("A11",), basis="《株洲市经信委关于进一步加强全委干部队伍建设的意见》一(四)",
    params=(POLICY.assessment.history_years,), needs=(("assessment:*",),),
)
def assessment_history(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years_back = ctx.policy.assessment.history_years or 0
    floor = parse_grade(ctx.policy.assessment.history_floor)
    assessed = sorted((y for y, g in person.assessments.items() if g is not None and y <= ctx.as_of.year), reverse=True)
    for year in sorted(assessed[:years_back]):
        grade = person.assessments[year]
        if grade is not None and floor is not None and grade < floor:
            yield ctx.finding("assessment-history", person,
                              f"近{years_back}年年度考核中{year}年为{grade.label}，不得列为考察对象",
                              person.cell(f"assessment:{year}"),
                              data={"history_years": years_back, "year": year, "grade": grade.label})


def _share_finding(ctx: AuditContext, person: Person, rule_id: str, votes: int, what: str, limit: Fraction,
                   cell_field: str) -> Iterator[Finding]:
    poll = person.poll
    if poll is None or poll.base == 0:
        return
    if poll.voters is not None and poll.cast > poll.voters:
        return  # reported by invalid-value; a share of an impossible count means nothing
    share = Fraction(votes, poll.base)
    if share > limit:
        base = f"测评人数{poll.voters}人" if poll.voters else f"总票数{poll.base}票"
        yield ctx.finding(rule_id, person, f"民主测评{what}{votes}票，占{base}的{percent(share)}，超过{percent(limit)}",
                          person.cell(cell_field),
                          data={"votes": votes, "base": poll.base, "voters": poll.voters, "share": share, "limit": limit})


@person_rule(
    "poll-unfit-share", severity=E, title="民主测评不称职票比例超标", topic="民主测评不称职票",
    explanation="不称职票占测评人数（无测评人数时为四类票之和）的比例超过政策上限；“超过20%”时恰好20%不算超过。",
    sources=("R10",), basis="临朐县《科级后备干部选拔培养和管理使用办法（试行）》",
    params=(POLICY.poll.unfit_share_max,), needs=(("poll:incompetent",),), removes=True,
)
def poll_unfit_share(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    limit = ctx.policy.poll.unfit_share_max
    if person.poll is not None and limit is not None:
        yield from _share_finding(ctx, person, "poll-unfit-share", person.poll.incompetent, "不称职票", limit,
                                  "poll:incompetent")


@person_rule(
    "poll-weak-share", severity=E, title="民主测评基本称职和不称职比例超标", topic="民主测评基本称职票",
    explanation="基本称职票与不称职票之和占测评人数的比例超过政策上限（原文为“xx%”，须由各地设定后启用）。",
    sources=("R9",), basis="《优秀年轻干部重点培养工程实施方案》三(三)",
    params=(POLICY.poll.weak_share_max,), needs=(("poll:basic", "poll:incompetent"),), removes=True,
)
def poll_weak_share(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    limit = ctx.policy.poll.weak_share_max
    if person.poll is not None and limit is not None:
        votes = person.poll.basic + person.poll.incompetent
        yield from _share_finding(ctx, person, "poll-weak-share", votes, "基本称职和不称职票共", limit, "poll:basic")
