"""The notice period (公示期): a start date and N calendar or Chinese working days.

Which days are working days, in order of authority:

1. dates the user adds from a published arrangement: the policy's `[calendar]`
   section and `--holiday` / `--workday`;
2. `chinese-calendar`: the State Council's arrangements, adjusted weekends (调休)
   included, for the years it has data for;
3. past those years, `holidays`: the statutory holidays of any year by rule (with
   the weekday given back when one falls on a weekend), and the adjusted weekends
   where it knows the year's arrangement. A year whose adjusted weekends are known to
   neither is counted with its statutory holidays and Saturdays and Sundays as rest
   days, and the user is told plainly, in a warning, that its 调休 workdays are
   not counted — never silently.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from cadre_cli.errors import CadreError
from cadre_cli.parse.dates import chinese_date

cn_date = chinese_date  # the one date formatter (kept under the name templates' code uses)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    days: int
    working_days: bool

    @property
    def text(self) -> str:
        unit = "个工作日" if self.working_days else "天"
        return f"公示期为{chinese_date(self.start)}至{chinese_date(self.end)}（{self.days}{unit}）。"

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days,
                "working_days": self.working_days}


@lru_cache(maxsize=None)
def _statutory(year: int) -> tuple[frozenset[dt.date], frozenset[dt.date]]:
    """Rest days and adjusted workdays of `year` from `holidays`: the statutory
    holidays (by rule for any year) and, where it knows the year's arrangement, the
    days off moved from a weekend (`Day off (substituted from MM/DD/YYYY)`)."""
    import holidays

    rest = holidays.China(years=year, language="en_US")
    worked = set()
    for day, name in rest.items():
        for m in re.finditer(r"substituted from (\d{2})/(\d{2})/(\d{4})", str(name)):
            worked.add(dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2))))
    return frozenset(rest), frozenset(worked)


def _official(day: dt.date) -> bool | None:
    """chinese-calendar's answer, or None for a year it has no data for."""
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


@dataclass
class WorkCalendar:
    """Working days: the published data, plus the user's own published dates."""

    holidays: frozenset[dt.date] = frozenset()
    workdays: frozenset[dt.date] = frozenset()
    guessed_years: set[int] = field(default_factory=set)  # counted without their 调休 workdays

    def __post_init__(self) -> None:
        both = sorted(self.holidays & self.workdays)
        if both:
            raise CadreError(f"{'、'.join(chinese_date(d) for d in both)}既写作节假日又写作调休上班日，请只写一种。")

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        official = _official(day)
        if official is not None:
            return official
        rest, worked = _statutory(day.year)
        if not worked and not any(d.year == day.year for d in self.workdays):
            self.guessed_years.add(day.year)
        if day in worked:
            return True
        return day.weekday() < 5 and day not in rest

    def warnings(self) -> list[str]:
        return [
            f"{year}年的节假日安排（哪些周末调休上班）不在本程序的数据中：公示期已按{year}年的法定节假日"
            "（逢周末补休）和周六、周日计算，调休上班的周末未算作工作日。国务院办公厅公布该年安排后，"
            f"请核对结束日期，或在政策文件的 [calendar] 一节、或用 --workday {year}-MM-DD 补上调休上班日再生成。"
            for year in sorted(self.guessed_years)
        ]


def work_calendar(policy_days: object | None = None, holidays: Iterable[dt.date] = (),
                  workdays: Iterable[dt.date] = ()) -> WorkCalendar:
    """The calendar of a policy's `[calendar]` section plus `--holiday`/`--workday` dates."""
    return WorkCalendar(frozenset([*getattr(policy_days, "holidays", []), *holidays]),
                        frozenset([*getattr(policy_days, "workdays", []), *workdays]))


def notice_period(start: dt.date, days: int, working_days: bool = False,
                  calendar: WorkCalendar | None = None) -> tuple[Period, list[str]]:
    """The period of `days` days from `start` (counted as day one), and any warnings.

    With `working_days`, only working days count; a start on a rest day moves to the
    next working day, with a warning saying so.
    """
    if days < 1:
        raise CadreError(f"公示天数应为正整数，收到 {days}。")
    if not working_days:
        return Period(start, start + dt.timedelta(days=days - 1), days, False), []
    cal = calendar or WorkCalendar()
    warnings: list[str] = []
    first = start
    while not cal.is_workday(first):
        first += dt.timedelta(days=1)
    if first != start:
        warnings.append(f"开始日期{chinese_date(start)}不是工作日，公示期从{chinese_date(first)}起算。")
    end, counted = first, 1
    while counted < days:
        end += dt.timedelta(days=1)
        if cal.is_workday(end):
            counted += 1
    return Period(first, end, days, True), warnings + cal.warnings()
