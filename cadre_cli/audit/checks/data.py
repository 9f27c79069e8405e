"""Data-quality rules, on in every policy: unreadable cells, ID numbers, duplicates."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate
from cadre_cli.rules.registry import E, W, Severity, define, person_rule, roster_rule


MAX_NAME = 30


@person_rule(
    "invalid-value", severity=E, title="单元格内容无法识别", topic="单元格内容",
    explanation=("日期、数字、考核等次、性别等单元格的内容无法识别（如“1985.13”“八十五”）"
                 "，该项不参与计算。请按提示改正单元格。"),
    sources=(), basis="数据规范",
    scope="data",
    example="出生年月“1985.13”的月份13不存在",
)
def invalid_value(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    found = [ctx.finding(problem.rule, person, problem.message, problem.cell) for problem in person.problems]
    name = person.name
    if name is None:
        found.append(ctx.finding("invalid-value", person, "该行有数据但没有姓名", person.cell("name")))
    elif len(name) > MAX_NAME:
        found.append(ctx.finding("invalid-value", person, f"姓名一栏有{len(name)}个字，不像姓名，请核对", person.cell("name"),
                                 data={"chars": len(name), "max_chars": MAX_NAME}))
    poll = person.poll
    if poll is not None and poll.voters is not None and poll.cast > poll.voters:
        found.append(ctx.finding("invalid-value", person, f"民主测评票数之和{poll.cast}票超过测评人数{poll.voters}人",
                                 person.cell("poll:voters"), data={"votes": poll.cast, "voters": poll.voters}))
    return found


# The record of values a check lacked (AuditContext.missing): no check of its own.
define(
    "missing-value", severity=W, title="缺少检查所需的信息",
    explanation="某人缺少某条规则需要的信息（如出生年月为空），这条规则对此人无法检查。",
    sources=(), basis="数据规范",
    scope="data", records_gaps=True,
    example="缺少出生年月，无法检查年龄",
)


@person_rule(
    "id-number", severity=E, title="身份证号无效", topic="身份证号",
    explanation=("公民身份号码应为18位，最后一位为数字或X，并符合 GB 11643-1999 的校验规则（ISO 7064 M"
                 "OD 11-2）；15位旧号码自动升为18位。被 Excel 存成数字（科学计数法）"
                 "的号码末几位已丢失，必须重新录入。"),
    sources=("FORMATS",), basis="GB 11643-1999《公民身份号码》",
    needs=(("id_number",),), scope="data",
)
def id_number(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    if person.id_note is not None:  # a passport or travel-permit number: not wrong, not checkable
        return [ctx.finding("id-number", person, person.id_note, person.cell("id_number"), Severity.WARNING)]
    if person.id_problem is None:
        return ()
    return [ctx.finding("id-number", person, person.id_problem, person.cell("id_number"))]


@person_rule(
    "id-mismatch", severity=E, title="出生日期或性别与身份证号不符", topic="身份证号核对",
    explanation=("名册中的出生年月或性别与身份证号所含的出生日期、性别不一致。年龄以名册的出生年月为准，"
                 "身份证号作为核对。"),
    sources=("FORMATS",), basis="GB 11643-1999《公民身份号码》",
    needs=(("id_number",), ("birth", "gender")), scope="data",
)
def id_mismatch(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    if person.id is None:
        return ()
    found = []
    birth: PDate | None = person.get("birth")
    from_id = person.id.birth
    if birth is not None:
        same_month = (birth.year, birth.month) == (from_id.year, from_id.month)
        if not same_month or (birth.day is not None and birth.day != from_id.day):
            in_id = PDate(from_id.year, from_id.month, None if birth.day is None else from_id.day)
            found.append(ctx.finding("id-mismatch", person, f"出生年月{birth.chinese()}与身份证号中的{in_id.chinese()}不一致",
                                     person.cell("birth"), data={"birth": birth, "id_birth": in_id}))
    gender = person.get("gender")
    if gender is not None and gender != person.id.gender:
        found.append(ctx.finding("id-mismatch", person, f"性别“{gender}”与身份证号显示的“{person.id.gender}”不一致",
                                 person.cell("gender")))
    return found


@roster_rule(
    "duplicate-person", severity=E, title="同一人出现两次", topic="重复录入",
    explanation="同一身份证号，或同一姓名且同一出生年月的人在名册中出现不止一次。",
    sources=(), basis="数据规范",
    needs=(("name",),), scope="data",
)
def duplicate_person(ctx: AuditContext) -> Iterator[Finding]:
    """The same ID number twice, or the same name and birth month twice (unless both rows
    carry different valid ID numbers: two people who share a name and birth month)."""
    by_id: dict[str, Person] = {}
    by_name: dict[tuple[str, str], Person] = {}
    for person in ctx.roster.people:
        first, why = None, ""
        if person.id is not None:
            first = by_id.setdefault(person.id.number, person)
            why = "身份证号相同"
        if (first is None or first is person) and person.name and person.born is not None:
            other = by_name.setdefault((person.name, person.born.iso()[:7]), person)
            distinct = other.id is not None and person.id is not None and other.id.number != person.id.number
            if other is not person and not distinct:
                first, why = other, "姓名和出生年月相同"
        if first is not None and first is not person:
            yield ctx.finding("duplicate-person", person,
                              f"与工作表“{first.sheet}”第{first.row}行的{first.name}是同一人（{why}），重复录入",
                              person.cell("name"), data={"first_sheet": first.sheet, "first_row": first.row})
