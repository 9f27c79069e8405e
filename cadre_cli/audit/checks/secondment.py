"""Secondment cycles by kind of post (T2; seed 001 三(一)): 以两年为周期…到乡镇挂任党政副职;
以一年为周期…到市属企业、县(区)直部门、街道(社区)、经济发达地区等挂职锻炼; 以半年为周期…
到信访部门担任信访督查专员.

The kind is read from 挂职单位 + 挂职职务 with the policy's `[[secondment.cycles]]`: the
first kind whose `place` words occur decides, and its `post` words (if any) must occur
too. The cycle ends on the anniversary of the start; a finished secondment ending then
or the day before has served its cycle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cadre_cli.audit.checks.periods import cn, span
from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import add_months, full_months
from cadre_cli.parse.text import squash
from cadre_cli.policy.schema import SecondmentCycle
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import W, person_rule


def cycle_of(cycles: list[SecondmentCycle], text: str) -> tuple[SecondmentCycle | None, SecondmentCycle | None]:
    """(the kind, None) when recognised; (None, the kind whose place matched but whose post
    did not) or (None, None) when no kind fits."""
    key = squash(text)
    for cycle in cycles:
        probe = key
        for phrase in cycle.ignore:
            probe = probe.replace(phrase, "")
        if not any(w in probe for w in cycle.place):
            continue
        if cycle.post and not any(w in probe for w in cycle.post):
            return None, cycle
        return cycle, None
    return None, None


def _months(months: int) -> str:
    return "半年" if months == 6 else span(months)


@person_rule(
    "secondment-cycle", severity=W, title="挂职时间与该类挂职的周期不符", topic="挂职周期",
    explanation=("挂职周期按挂职类别而定（如到乡镇挂任党政副职两年，到企业、县直部门、街道（社区）"
                 "一年，信访督查专员半年）。类别由挂职单位和挂职职务的文字判断（政策文件中 secondment.cycles 各"
                 "项的 place、post 词语，按顺序第一个 place 相符的类别为准）。已结束的挂职短于或长于周期、"
                 "正在进行的挂职已超过周期（或计划结束时间晚于周期）的，均提示；结束日为周期届满日或其前一天都算满周期。"
                 "无法判断类别的写明原因，不猜测。"),
    sources=("T2",), basis="《优秀年轻干部重点培养工程实施方案》三(一)",
    params=(POLICY.secondment.cycles,),
    needs=(("secondment_start", "secondment_period"), ("secondment_post", "secondment_unit")),
    blank_means_none=True,
    example="2025年3月1日起挂职县信访局信访督查专员，至2025年11月1日已8个月，超过半年的周期",
)
def secondment_cycle(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    period = person.period("secondment")
    if period is None:
        return ()
    start, end, cell = period
    unit, post = person.get("secondment_unit") or "", person.get("secondment_post") or ""
    if not (unit or post):
        return [ctx.missing("secondment-cycle", person, ("secondment_post", "secondment_unit"), "挂职周期（挂职类别不明）")]
    cycle, near = cycle_of(ctx.policy.secondment.cycles, unit + post)
    where = f"{unit}{post}"
    if cycle is None:
        if near is not None:
            why = f"挂职单位像是“{near.label}”，但挂职职务中没有{'、'.join(near.post)}"
        else:
            why = "挂职单位和职务中没有可以判断类别的词语"
        return [ctx.finding("secondment-cycle", person,
                            f"挂职“{where}”无法判断属于哪类挂职（{why}），未检查挂职周期；"
                            "请在挂职单位、职务中写明，或在政策文件的 secondment.cycles 中补充词语", cell)]
    first = start.first_day()
    due = add_months(first, cycle.months)
    length = _months(cycle.months)
    why = f"“{cycle.label}”以{length}为周期，应于{cn(due)}期满"
    data = {"start": start, "end": end, "cycle": cycle.label, "cycle_months": cycle.months, "ends": due}
    ended = end is not None and end.first_day() <= ctx.as_of
    if not ended:
        if ctx.as_of > due:
            return [ctx.finding("secondment-cycle", person,
                                f"{start.chinese()}起挂职{where}，至{cn(ctx.as_of)}已{_elapsed(first, ctx.as_of)}，"
                                f"超过{length}的周期（{why}）", cell,
                                data={**data, "months": full_months(first, ctx.as_of)})]
        if end is not None and end.first_day() > due:
            return [ctx.finding("secondment-cycle", person,
                                f"{start.chinese()}起挂职{where}，计划至{end.chinese()}，长于{length}的周期（{why}）", cell,
                                data=data)]
        return ()
    last = end.first_day()
    if last > due or last < due - dt.timedelta(days=1):
        verdict = "长于" if last > due else "不满"
        return [ctx.finding("secondment-cycle", person,
                            f"{start.chinese()}至{end.chinese()}挂职{where}，共{_elapsed(first, last)}，{verdict}{length}的周期（{why}）",
                            cell, data={**data, "months": full_months(first, last)})]
    return ()


def _elapsed(first: dt.date, last: dt.date) -> str:
    months = full_months(first, last)
    rest = (last - add_months(first, months)).days
    return f"{span(months)}{rest}天" if rest else span(months) if months else f"{rest}天"
