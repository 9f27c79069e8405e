"""Annual assessments (R4, A11) and democratic-evaluation votes (R9, R10)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from fractions import Fraction

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.audit.registry import person_check
from cadre_cli.model.person import Person
from cadre_cli.parse.grades import parse_grade


def _percent(share: Fraction) -> str:
    from cadre_cli.parse.numbers import percent

    return percent(share, 2)


@person_check("annual-assessment")
def annual_assessment(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    failing = ctx.failing_grades
    years = [y for y, grade in person.assessments.items() if grade in failing]
    if not years:
        return ()
    found = []
    for year in sorted(years):
        grade = person.assessments[year]
        raw = str(person.raw(f"assessment:{year}")).strip()
        shown = raw if raw in ("基本合格", "不合格") else grade.label
        found.append(ctx.finding("annual-assessment", person, f"{year}年度考核为{shown}，按规定应取消后备干部资格",
                                 person.cell(f"assessment:{year}")))
    return found


@person_check("assessment-history")
def assessment_history(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years_back = ctx.policy.assessment.history_years or 0
    floor = parse_grade(ctx.policy.assessment.history_floor)
    assessed = sorted((y for y, g in person.assessments.items() if g is not None and y <= ctx.as_of.year), reverse=True)
    for year in sorted(assessed[:years_back]):
        grade = person.assessments[year]
        if grade is not None and floor is not None and grade < floor:
            yield ctx.finding("assessment-history", person,
                              f"近{years_back}年年度考核中{year}年为{grade.label}，不得列为考察对象",
                              person.cell(f"assessment:{year}"))


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
        yield ctx.finding(rule_id, person, f"民主测评{what}{votes}票，占{base}的{_percent(share)}，超过{_percent(limit)}",
                          person.cell(cell_field))


@person_check("poll-unfit-share")
def poll_unfit_share(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    limit = ctx.policy.poll.unfit_share_max
    if person.poll is not None and limit is not None:
        yield from _share_finding(ctx, person, "poll-unfit-share", person.poll.incompetent, "不称职票", limit,
                                  "poll:incompetent")


@person_check("poll-weak-share")
def poll_weak_share(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    limit = ctx.policy.poll.weak_share_max
    if person.poll is not None and limit is not None:
        votes = person.poll.basic + person.poll.incompetent
        yield from _share_finding(ctx, person, "poll-weak-share", votes, "基本称职和不称职票共", limit, "poll:basic")
