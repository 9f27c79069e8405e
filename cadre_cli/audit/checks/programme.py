"""Rotation (T5: 同一职位满期应轮岗; T3: 经历单一的同一岗位满两年) and the five-year clause
(T3; seed 001 三(一)): 五年培养期内，所有优秀年轻干部至少要经过两个以上不同岗位的锻炼. "两个以上" includes two.

The programme runs from 列入时间 to its anniversary. Posts come from the resume column
(任职经历/简历) when the roster has one, else from 任现职时间 and the secondment columns.
Two posts are the same when they are in the same organisation once the position and
rank are taken off: 办公室副主任 → 办公室主任, 科员 → 副科长 of one 科 are promotions in the
same post."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from cadre_cli.audit.checks.periods import span
from cadre_cli.audit.context import AuditContext, anniversary
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, chinese_date, full_months
from cadre_cli.parse.history import parse_resume
from cadre_cli.parse.text import squash
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import Severity, W, person_rule

def _exempt_from_rotation(ctx: AuditContext, person: Person) -> str | None:
    age, gender = ctx.age(person), person.gender
    rule = ctx.policy.rotation
    limit = rule.exempt_age_male if gender == "男" else rule.exempt_age_female if gender == "女" else None
    if age is not None and limit is not None and age >= limit:
        return f"{gender}性年满{limit}周岁"
    return None


@person_rule(
    "rotation-due", severity=W, title="同一职位满期应轮岗", topic="轮岗",
    explanation="在同一职位任职满规定年限（如5年）应当交流轮岗；男性年满58周岁、女性年满53周岁的可不轮岗。",
    sources=("T5",), basis="《株洲市经信委关于进一步加强全委干部队伍建设的意见》三(二)",
    params=(POLICY.rotation.years,), needs=(("post_since",),),
)
def rotation_due(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.rotation.years
    since: PDate | None = person.get("post_since")
    if not years or since is None:
        return
    due = anniversary(since, years)
    if ctx.as_of >= due and _exempt_from_rotation(ctx, person) is None:
        months = full_months(since.first_day(), ctx.as_of)
        post = person.get("post") or "现职"
        yield ctx.finding("rotation-due", person,
                          f"{since.chinese()}起任{post}，已满{years}年（{span(months)}），应当交流轮岗", person.cell("post_since"),
                          data={"since": since, "years": years, "months": months})


@person_rule(
    "single-post", severity=W, title="经历单一应轮岗", topic="岗位经历",
    explanation="经历单一的年轻干部在同一岗位满两年，应由单位组织内部轮岗交流。",
    sources=("T3",), basis="《优秀年轻干部重点培养工程实施方案》三(一)",
    params=(POLICY.rotation.single_post_years,), needs=(("post_since", "post_count"),),
)
def single_post(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    years = ctx.policy.rotation.single_post_years
    since: PDate | None = person.get("post_since")
    posts = person.get("post_count")
    if not years or (posts is not None and posts >= 2):
        return
    if since is None:
        ctx.unchecked("single-post", person, ("post_since",))
        return
    due = anniversary(since, years)
    if ctx.as_of >= due:
        yield ctx.finding("single-post", person,
                          f"{since.chinese()}起在同一岗位已满{years}年，经历单一的应由单位组织内部轮岗交流",
                          person.cell("post_since"), data={"since": since, "years": years})


_TITLES = ("主任科员", "调研员", "巡视员", "科员", "办事员", "干事", "秘书", "专员", "主任", "科长", "股长", "局长",
           "处长", "部长", "所长", "站长", "队长", "院长", "校长", "馆长", "书记", "镇长", "乡长", "区长", "县长", "市长",
           "主席", "委员", "经理", "助理", "组长", "负责人", "主管", "会计", "成员")
_TITLE_TAIL = re.compile(rf"(?:[一二三四]级)?(?:{'|'.join(_TITLES)})$")
_BRACKETS = re.compile(r"[(（][^)）]*[)）]")


def post_key(text: str) -> str:
    """The organisation a post is in: `县财政局办公室副主任` and `县财政局办公室主任` are both
    `县财政局办公室`. The first of several posts (`、`, `兼`) is taken."""
    s = _BRACKETS.sub("", squash(text))
    s = re.split(r"[、，,]|兼", s, maxsplit=1)[0]
    s = re.sub(r"^(?:挂任|挂职|任|担任|借调|调任)", "", s).replace("副", "").replace("主持工作", "")
    previous = None
    while s and s != previous:
        previous, s = s, _TITLE_TAIL.sub("", s)
    return s or squash(text)


@dataclass
class Held:
    key: str
    text: str


def _from_resume(stints, start: dt.date, end: dt.date) -> list[Held]:
    held = []
    for s in stints:
        if s.is_study or not s.text:
            continue
        began, stopped = s.start.first_day(), s.end.first_day() if s.end else None
        if began < end and (stopped is None or stopped > start):
            held.append(Held(post_key(s.text), s.text))
    return held


def _secondment(person: Person, start: dt.date, end: dt.date) -> list[Held]:
    """The roster's secondment columns, as one more post when it began within the window
    (seed 000 二(二) counts 挂职锻炼 among the ways of 多岗位锻炼)."""
    period = person.period("secondment")
    if period is None or not start <= period[0].first_day() < end:
        return []
    text = f"{person.get('secondment_unit') or ''}{person.get('secondment_post') or ''}" or "挂职"
    return [Held(post_key(text), f"{period[0].chinese()}起挂职{text}")]


def _distinct(held: list[Held]) -> list[Held]:
    seen: dict[str, Held] = {}
    for h in held:
        seen.setdefault(h.key, h)
    return list(seen.values())


@person_rule(
    "programme-posts", severity=W, title="培养期内未经过两个以上不同岗位", topic="培养期岗位",
    explanation=("五年培养期内，所有优秀年轻干部至少要经过两个以上（含两个）不同岗位的锻炼。培养期自列入时间起算，"
                 "满五年之日届满；岗位取自“任职经历/简历”列（每行“2019.07--2021.03 单位职务”，"
                 "学习经历不算，“其间”挂职算一个岗位），没有简历列时取任现职时间（列入后任现职的算两个岗位）"
                 "与挂职列。同一单位（内设机构）内的晋升（如办公室副主任升主任、科员升副科长）不算不同岗位；"
                 "没有简历、任现职又恰逢职级晋升的，无法区分时提示核实。培养期未满而在提示期内仍只有一个岗位的，作为提示。"),
    sources=("T3",), basis="《优秀年轻干部重点培养工程实施方案》三(一)",
    params=(POLICY.rotation.programme_years, POLICY.rotation.programme_posts),
    needs=(("reserve_since",), ("post_since", "post_history")),
    example="2021年7月列入，5年培养期于2026年7月1日届满，只经过1个不同岗位（县财政局办公室副主任升主任不算不同岗位）",
)
def programme_posts(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    rule = ctx.policy.rotation
    years, needed = rule.programme_years or 0, rule.programme_posts or 0
    listed: PDate | None = person.get("reserve_since")
    if listed is None:
        yield ctx.missing("programme-posts", person, ("reserve_since",), f"{years}年培养期内的岗位")
        return
    start, end = listed.first_day(), anniversary(listed, years)
    if ctx.as_of < end and end > ctx.horizon_end:
        return  # the programme is still running and does not end within the horizon
    history = person.get("post_history")
    stints = parse_resume(history) if history else []
    if stints:
        until = min(end, ctx.as_of + dt.timedelta(days=1))
        held = _distinct(_from_resume(stints, start, until) + _secondment(person, start, until))
        have = len(held)
        if have >= needed:
            return
        names = "、".join(h.text for h in held) or "无"
        count, cell = f"只经过{len(held)}个不同岗位（据任职经历：{names}；同一单位内的晋升不算不同岗位）", person.cell("post_history")
    else:
        if history:
            yield ctx.finding("programme-posts", person, f"任职经历“{history[:30]}”中没有“2019.07--2021.03 单位职务”形式的行，"
                              "无法据此计算岗位，改按任现职时间计算", person.cell("post_history"), Severity.WARNING)
        if person.get("post_since") is None:
            yield ctx.missing("programme-posts", person, ("post_since", "post_history"), f"{years}年培养期内的岗位")
            return
        posts, count, unsure = _without_resume(person, listed, end, needed)
        cell = person.cell("post_since")
        if unsure:
            yield ctx.finding("programme-posts", person, f"{listed.chinese()}列入，{count}", cell, Severity.WARNING)
            return
        if posts >= needed:
            return
        have = posts
    data = {"listed": listed, "years": years, "ends": end, "posts": have, "posts_required": needed}
    if ctx.as_of >= end:
        yield ctx.finding("programme-posts", person,
                          f"{listed.chinese()}列入，{years}年培养期于{chinese_date(end)}届满，{count}，"
                          f"应至少经过{needed}个以上不同岗位的锻炼", cell, data=data)
    else:
        yield ctx.finding("programme-posts", person,
                          f"{listed.chinese()}列入，{years}年培养期将于{chinese_date(end)}届满（在{ctx.horizon_months}个月提示期内），"
                          f"至今{count}，应至少经过{needed}个以上不同岗位的锻炼", cell, Severity.INFO, data=data)


def _without_resume(person: Person, listed: PDate, end: dt.date, needed: int) -> tuple[int, str, bool]:
    """(posts, description, unsure) from 任现职时间 and the secondment columns."""
    since: PDate = person.get("post_since")
    post = person.get("post") or "现职"
    start = listed.first_day()
    if since.first_day() >= end:
        return 0, f"任现职时间{since.chinese()}在培养期届满之后，名册无法说明培养期内的岗位，请在“任职经历”列写明", True
    posts, parts = 1, []
    for held in _secondment(person, start, end):
        posts += 1
        parts.append(held.text)
    if start < since.first_day():
        rank_since: PDate | None = person.get("rank_since")
        if rank_since is not None and rank_since == since and posts < needed:
            return 0, (f"培养期内{since.chinese()}任{post}，同时晋升职级：如为原岗位晋升则不算不同岗位，"
                       "请核实，或在名册中加“任职经历”列"), True
        posts += 1
        parts.insert(0, f"列入时所任岗位、{since.chinese()}起任{post}")
    else:
        parts.insert(0, f"{since.chinese()}起一直任{post}")
    return posts, f"只经过{posts}个岗位（{'；'.join(parts)}）", False
