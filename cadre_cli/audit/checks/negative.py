"""The negative list (R1–R3, R5, A11): columns marking a problem (受处分情况, 失信被执行人 …).

Some entries count only for a while (seed 003 二(4): 受撤销党内职务处分不满2年, 近三年来曾被
民主评议为不合格, 正被纪检机关立案调查). The policy lists those as `[[negative.windows]]`; a
marked cell that names one counts only inside its window at the as-of date. Its date is
the one written in the cell, else the row's 处分时间/立案时间 column. An undated entry asks
for the date: a warning, never an automatic removal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate, add_years, chinese_date
from cadre_cli.parse.history import Mention, dates_in
from cadre_cli.parse.text import squash
from cadre_cli.policy.schema import FlagWindow
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, REGISTRY, Severity, person_rule

_CLOSED = ("已结案", "结案", "撤案", "撤销立案", "不予立案", "终止调查", "已结束", "已了结", "已办结", "已解除")
_STILL_OPEN = ("未结案", "尚未", "未结束", "未办结", "未了结", "未解除", "正在")


def _shown(raw: object) -> str:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return PDate(raw.year, raw.month, raw.day).chinese()
    return str(raw).strip()


def _mentions(raw: object) -> list[Mention]:
    if isinstance(raw, dt.datetime):
        raw = raw.date()
    if isinstance(raw, dt.date):
        return [Mention(raw.year, raw.month, raw.day)]
    return dates_in(str(raw))


def window_of(windows: list[FlagWindow], text: str) -> FlagWindow | None:
    key = squash(text)
    return next((w for w in windows if any(word in key for word in w.words)), None)


def in_tier(ctx: AuditContext, person: Person) -> bool:
    tiers = ctx.policy.tiers
    text = person.reserve_level
    return tiers.term_years is not None and bool(text) and any(w in squash(text) for w in tiers.match)


def is_veto_mark(ctx: AuditContext, person: Person, field: str) -> bool:
    """A 一票否决 column of a tier member: reported by tier-term, not by negative-flag."""
    return (any(w in field for w in ctx.policy.tiers.veto_words) and REGISTRY["tier-term"].enabled(ctx.policy)
            and in_tier(ctx, person))


@person_rule(
    "negative-flag", severity=E, title="负面情形", topic="负面情形",
    explanation=("名册中标注了负面清单情形（如受处分、失信被执行人、跑官拉票、配偶子女移居国（境）"
                 "外等）的列，取消资格或不得列为考察对象。政策文件中 negative.windows 列出有时限的情形（如“受撤"
                 "销党内职务处分不满2年”“近三年来曾被民主评议为不合格”“正被纪检机关立案调查”）"
                 "：写明时间的，只在检查基准日仍在期限内时才算负面情形（已过期限的只作提示）；没写时间的提示补填时间，"
                 "不直接取消资格。时间取自该单元格中的日期，或同一行的“处分时间”“立案时间”列；"
                 "只写到年份而期限正好落在该年内的，提示写明月份。"),
    sources=("R1", "R2", "R3", "R5", "A11"), basis="《后备干部培养管理实施规定》四",
    params=(POLICY.negative.enabled,), options=(POLICY.negative.windows,), needs=(("flag:*",),),
    blank_means_none=True, removes=True,
    example="“受处分情况”一栏标注为“2025.03受撤销党内职务处分”，自2025年3月起至2027年3月1日方满2年，属于“受撤销党内职务处分不满2年”的负面情形",
)
def negative_flag(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    windows = ctx.policy.negative.windows
    for field, marked in person.flags.items():
        if not marked or is_veto_mark(ctx, person, field):
            continue  # a veto mark of a tier member is the tier-term rule's
        raw = person.raw(field)
        header, shown = field_label(field), _shown(raw)
        window = window_of(windows, f"{header}{shown}")
        lead = f"“{header}”一栏标注为“{shown}”"
        if window is None:
            yield ctx.finding("negative-flag", person, f"{lead}，属于负面情形", person.cell(field))
            continue
        dates, source = _mentions(raw), ""
        if not dates and person.get("flag_date") is not None:
            since: PDate = person.get("flag_date")
            dates, source = [Mention(since.year, since.month, since.day)], f"（时间据“{field_label('flag_date')}”列）"
        yield _windowed(ctx, person, field, lead + source, shown, window, dates)


def _windowed(ctx: AuditContext, person: Person, field: str, lead: str, shown: str, window: FlagWindow,
              dates: list[Mention]) -> Finding:
    cell = person.cell(field)
    label = window.label
    if window.years is None and not window.ongoing and window.since_year is None:
        return ctx.finding("negative-flag", person,
                           f"{lead}：“{label}”的年限原文留给各地设定，政策未设定（政策文件中 negative.windows 该项的 years 或 since_year），"
                           "无法判断是否仍在期限内，请核实", cell, Severity.WARNING)
    if not dates:
        ask = "立案时间并注明是否已结案" if window.ongoing else "时间"
        return ctx.finding("negative-flag", person,
                           f"{lead}，未写明时间；“{label}”只在期限内构成负面情形，请补填{ask}后再核查（不直接取消资格）",
                           cell, Severity.WARNING)
    first = dates[0]
    if window.ongoing:
        return _ongoing(ctx, person, cell, lead, shown, label, dates)
    if first.earliest > ctx.as_of:
        return ctx.finding("negative-flag", person, f"{lead}：{first.chinese()}在检查基准日之后，检查基准日尚不属于“{label}”",
                           cell, Severity.INFO)
    if window.since_year is not None:
        start = dt.date(window.since_year, 1, 1)
        if first.earliest >= start:
            return ctx.finding("negative-flag", person, f"{lead}，时间为{first.chinese()}，属于“{label}”的负面情形", cell,
                               data={"date": first, "since_year": window.since_year})
        return ctx.finding("negative-flag", person, f"{lead}：时间{first.chinese()}在{window.since_year}年以前，不属于“{label}”",
                           cell, Severity.INFO, data={"date": first, "since_year": window.since_year})
    years = window.years or 0
    soonest, latest = add_years(first.earliest, years), add_years(first.latest, years)
    data = {"date": first, "years": years}
    if ctx.as_of < soonest:
        return ctx.finding("negative-flag", person,
                           f"{lead}，自{first.chinese()}起至{chinese_date(soonest)}方满{years}年，属于“{label}”的负面情形", cell,
                           data={**data, "ends": soonest})
    if ctx.as_of >= latest:
        return ctx.finding("negative-flag", person,
                           f"{lead}：自{first.chinese()}起已满{years}年（{chinese_date(latest)}期满），不再属于“{label}”", cell,
                           Severity.INFO, data={**data, "ends": latest})
    return ctx.finding("negative-flag", person,
                       f"{lead}：时间只写到{first.chinese()}，满{years}年之日在{chinese_date(soonest)}至{chinese_date(latest)}之间，"
                       f"无法判断是否仍属于“{label}”，请写明月份", cell, Severity.WARNING,
                       data={**data, "ends_earliest": soonest, "ends_latest": latest})


def _ongoing(ctx: AuditContext, person: Person, cell, lead: str, shown: str, label: str,
             dates: list[Mention]) -> Finding:
    start = dates[0]
    text = squash(shown)
    closed = any(w in text for w in _CLOSED) and not any(w in text for w in _STILL_OPEN)
    closed_on = dates[1].earliest if closed and len(dates) > 1 else None
    if start.earliest > ctx.as_of:
        return ctx.finding("negative-flag", person, f"{lead}：{start.chinese()}在检查基准日之后，检查基准日尚不属于“{label}”",
                           cell, Severity.INFO)
    if closed and (closed_on is None or closed_on <= ctx.as_of):
        return ctx.finding("negative-flag", person, f"{lead}：已结案，不再属于“{label}”", cell, Severity.INFO)
    return ctx.finding("negative-flag", person, f"{lead}，自{start.chinese()}起至检查基准日未见结案，属于“{label}”的负面情形",
                       cell, data={"since": start})
