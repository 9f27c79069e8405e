"""Rules as unit tests on plain `Person`s built in code (no workbook): a check takes people
and the policy, and what it needs from elsewhere (scores, posts) is passed in as data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from cadre_cli.audit.context import AuditContext, PostCounts
from cadre_cli.audit.finding import person_key
from cadre_cli.diagnostic import Diagnostic, PersonKey
from cadre_cli.model.person import Person, Poll, Roster
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.numbers import percent
from cadre_cli.policy.load import load_policy
from cadre_cli.readers.table import Record
from cadre_cli.rules.registry import REGISTRY, Severity
from tests.audit_helpers import write_policy

AS_OF = dt.date(2026, 12, 1)


PERSON_FIELDS = ("assessments", "poll", "flags", "unit")


def plain(row: int, name: str = "张三", **values) -> Person:
    """A person as code builds one: a row number and parsed values (and assessments, poll
    votes, flags, unit), no cells."""
    own = {k: values.pop(k) for k in PERSON_FIELDS if k in values}
    return Person(Record("名册", row, {}), values={"name": name, **values}, **own)


def context(people: list[Person], policy: str = "county", **kwargs) -> AuditContext:
    return AuditContext(load_policy(policy), AS_OF, Roster("名册.xlsx", [], people), 6, **kwargs)


def check(rule_id: str, ctx: AuditContext, person: Person | None = None) -> list[Diagnostic]:
    rule = REGISTRY[rule_id]
    return list(rule.check(ctx, person) if person is not None else rule.check(ctx))


def test_age_limit_on_a_person_built_in_code():
    over = plain(5, reserve_level="正科级后备", birth=PDate(1985, 11, 20), gender="男")
    under = plain(6, "李四", reserve_level="正科级后备", birth=PDate(1986, 3, 10), gender="女")
    ctx = context([over, under])
    [found] = check("age-limit", ctx, over)
    assert found.severity is Severity.ERROR and found.person == PersonKey("名册", 5) == person_key(over)
    assert found.message.startswith("正科级后备干部年龄41周岁，超过40周岁的上限") and found.name == "张三"
    assert found.as_json()["data"] == {"age": 41, "limit": 40, "exceptional": None, "over_since": "2026-11-20"}
    assert check("age-limit", ctx, under) == []
    [soon] = check("age-limit-soon", ctx, under)  # 40 now, 41 on 2027-03-10: within the 6-month horizon
    assert "将于2027年3月10日满41周岁" in soon.message


def test_annual_assessment_and_the_verdict_it_implies():
    person = plain(7, assessments={2024: parse_grade("称职"), 2025: parse_grade("基本称职")})
    [found] = check("annual-assessment", context([person]), person)
    assert found.message == "2025年度考核为基本称职，按规定应取消后备干部资格"
    assert REGISTRY[found.rule].removes


def policy_file(tmp_path, body: str):
    return load_policy(write_policy(tmp_path, 'extends = "county"\n' + body))


def test_poll_share_is_a_half_up_percent(tmp_path):
    person = plain(8, poll=Poll(excellent=20, competent=10, basic=1, incompetent=1, voters=32))
    policy = policy_file(tmp_path, "[poll]\nunfit_share_max = 0.02\n")
    ctx = AuditContext(policy, AS_OF, Roster("名册.xlsx", [], [person]))
    [found] = check("poll-unfit-share", ctx, person)
    assert found.message == "民主测评不称职票1票，占测评人数32人的3.13%，超过2%"  # 1/32 = 3.125%
    assert found.as_json()["data"] == {"votes": 1, "base": 32, "voters": 32, "share": "1/32", "limit": "1/50"}


def test_pool_share_rounds_half_up_like_the_rest(tmp_path):
    people = [plain(10 + i, f"人{i}", gender="女" if i == 0 else "男") for i in range(32)]
    policy = policy_file(tmp_path, '[pool]\nshares = [{ label = "女干部", group = "women", min_share = 0.2 }]\n')
    ctx = AuditContext(policy, AS_OF, Roster("名册.xlsx", [], people))
    assert [f.message for f in check("pool-share", ctx)] == ["女干部：后备干部32人中1人，占3.13%，未达到20%"]


def test_scores_from_elsewhere_are_data_keyed_by_person():
    person = plain(9)
    scores = {PersonKey("名册", 9): {"written": (Decimal("55"), "成绩表“成绩.xlsx”第3行")}}
    [found] = check("exam-failed", context([person], scores=scores), person)
    assert found.message == "笔试成绩55分（据成绩表“成绩.xlsx”第3行），低于60分的合格线，应取消后备资格"
    assert check("exam-failed", context([person]), person) == []


def test_pool_size_takes_post_counts_as_data(tmp_path):
    people = [plain(20, "甲", reserve_level="正科级"), plain(21, "乙", reserve_level="副科级")]
    policy = policy_file(tmp_path, '[levels.principal]\nlabel = "正科级"\nmatch = ["正科"]\nkind = "principal"\n'
                                   "age_max = 40\nposts_ratio = 2\n")
    ctx = AuditContext(policy, AS_OF, Roster("名册.xlsx", [], people), posts=PostCounts(3, 1, source="命令行选项"))
    messages = [f.message for f in check("pool-size", ctx)]
    assert messages == ["正职后备干部1名，按正职职数3个的1:2应为6名，少5名（职数来自命令行选项）"], messages


def test_percent_is_half_up():
    assert percent(Fraction(12345, 100000)) == "12.35%"
    assert percent(Fraction(1, 32)) == "3.13%"
    assert percent(Fraction(1, 5)) == "20%"
    assert percent(Decimal("0.123")) == "12.3%"
    assert percent(Fraction(1, 3), places=1) == "33.3%"
