"""The notice period (公示期): a start date and N calendar or Chinese working days.

Working days follow the State Council's holiday arrangements, adjusted weekends
(调休) included, from `chinese-calendar`. A year that package has no data for is an
error: guessing Monday-to-Friday would print a wrong end date on an official notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from cadre_cli.errors import CadreError


def cn_date(day: dt.date) -> str:
    """`2026年12月1日`, as official documents print a date."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    days: int
    working_days: bool

    @property
    def text(self) -> str:
        unit = "个工作日" if self.working_days else "天"
        return f"公示期为{cn_date(self.start)}至{cn_date(self.end)}（{self.days}{unit}）。"

    def as_json(self) -> dict:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "days": self.days,
                "working_days": self.working_days}


def _is_workday(day: dt.date) -> bool:
    import chinese_calendar

    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        years = _covered_years()
        span = f"（目前只有{years[0]}—{years[1]}年的数据）" if years else ""
        raise CadreError(
            f"节假日安排数据不包含{day.year}年{span}，无法按工作日计算公示期；"
            "请升级 chinese-calendar 后再试，或去掉 --working-days 按自然日计算。"
        ) from None


def _covered_years() -> tuple[int, int] | None:
    import chinese_calendar

    known = [d.year for d in chinese_calendar.holidays] + [d.year for d in chinese_calendar.workdays]
    return (min(known), max(known)) if known else None


def notice_period(start: dt.date, days: int, working_days: bool = False) -> tuple[Period, list[str]]:
    """The period of `days` days from `start` (counted as day one), and any warnings.

    With `working_days`, only working days count; a start on a rest day moves to the
    next working day, with a warning saying so.
    """
    if days < 1:
        raise CadreError(f"公示天数应为正整数，收到 {days}。")
    if not working_days:
        return Period(start, start + dt.timedelta(days=days - 1), days, False), []
    warnings: list[str] = []
    first = start
    while not _is_workday(first):
        first += dt.timedelta(days=1)
    if first != start:
        warnings.append(f"开始日期{cn_date(start)}不是工作日，公示期从{cn_date(first)}起算。")
    end, counted = first, 1
    while counted < days:
        end += dt.timedelta(days=1)
        if _is_workday(end):
            counted += 1
    return Period(first, end, days, True), warnings
