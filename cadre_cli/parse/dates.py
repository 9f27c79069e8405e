"""Dates as rosters hold them: to the day or only to the month.

Accepted: Excel dates and serial numbers; text `1985.03`, `1985.3`, `1985.10`,
`1985年3月`, `1985年03月15日`, `1985-03`, `1985/3/15`, `198503`, `19850315`; numbers
typed as `1985.03` (the cell's number format tells `1985.10` = October from `1985.1`).

Convention for ages and periods: a date known only to the month counts from the
first day of that month (`PDate.first_day`). A person born `1985.03` is 40 周岁 from
2025-03-01. This is the stricter reading and the one organisation departments use
when 出生年月 has no day.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, nfkc

EXCEL_EPOCH = dt.date(1899, 12, 30)
MIN_YEAR, MAX_YEAR = 1900, 2100
# A date cell showing a day before this year cannot be a real date in a roster: it is a
# number such as `1981.02` typed into a date-formatted cell (see `typed_into_date_cell`).
TRAP_BEFORE_YEAR = 1920
# The serial's origin in Excel's 1900 and 1904 date systems.
_SERIAL_BASES = (dt.datetime(1899, 12, 30), dt.datetime(1904, 1, 1))
_MAX_SERIAL = (dt.date(MAX_YEAR, 12, 31) - EXCEL_EPOCH).days

_CN_YMD = re.compile(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})[日号]?)?(?:生|出生)?$")
_SEP_YMD = re.compile(r"^(\d{4})[./\-](\d{1,2})(?:[./\-](\d{1,2}))?[./]?$")
_DIGITS = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")
_TIME_TAIL = re.compile(r"^(.+?)[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YEAR_ONLY = re.compile(r"^(\d{4})年?$")


def chinese_date(day: dt.date) -> str:
    """`2026年12月1日`: the one form of a date in everything a user reads (no leading
    zeros, as official documents print dates)."""
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True, slots=True)
class PDate:
    """A date known to the day, or only to the month (`day is None`)."""

    year: int
    month: int
    day: int | None = None

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, self.day or 1)

    @property
    def has_day(self) -> bool:
        return self.day is not None

    def __str__(self) -> str:
        if self.day is None:
            return f"{self.year}.{self.month:02d}"
        return f"{self.year}.{self.month:02d}.{self.day:02d}"

    def iso(self) -> str:
        if self.day is None:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-{self.month:02d}-{self.day:02d}"

    def chinese(self) -> str:
        """`1985年3月` or `1985年3月15日`, as notices print it."""
        if self.day is not None:
            return chinese_date(dt.date(self.year, self.month, self.day))
        return f"{self.year}年{self.month}月"

    def __lt__(self, other: PDate) -> bool:
        return self.first_day() < other.first_day()

    def __le__(self, other: PDate) -> bool:
        return self.first_day() <= other.first_day()


def _make(year: int, month: int, day: int | None, shown: str) -> PDate:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueProblem(f"“{shown}”的年份不在{MIN_YEAR}—{MAX_YEAR}年之间")
    if not 1 <= month <= 12:
        raise ValueProblem(f"“{shown}”的月份{month}不存在")
    if day is not None:
        try:
            dt.date(year, month, day)
        except ValueError:
            raise ValueProblem(f"“{shown}”这一天不存在") from None
    return PDate(year, month, day)


def from_date(value: dt.date) -> PDate:
    return _make(value.year, value.month, value.day, value.isoformat())


def _from_number(value: float | int, decimals: int | None) -> PDate:
    shown = _number_text(value, decimals)
    if isinstance(value, float) and not value.is_integer():
        year_text, _, frac = shown.partition(".")
        if len(year_text) == 4 and 1 <= len(frac) <= 2:
            return _make(int(year_text), int(frac), None, shown)
        raise ValueProblem(f"“{shown}”不是日期")
    n = int(value)
    if MIN_YEAR <= n <= MAX_YEAR:
        raise ValueProblem(f"“{n}”只有年份，缺少月份")
    digits = _DIGITS.match(str(n))
    if digits and MIN_YEAR <= int(digits.group(1)) <= MAX_YEAR:
        return _from_digits(digits, str(n))
    if 0 < n <= _MAX_SERIAL:
        return from_date(EXCEL_EPOCH + dt.timedelta(days=n))
    raise ValueProblem(f"“{n}”不是日期")


def _number_text(value: float | int, decimals: int | None) -> str:
    if isinstance(value, float) and decimals:
        return f"{value:.{decimals}f}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _from_digits(match: re.Match[str], shown: str) -> PDate:
    day = match.group(3)
    return _make(int(match.group(1)), int(match.group(2)), int(day) if day else None, shown)


def parse_date(raw: object, decimals: int | None = None) -> PDate | None:
    """Parse a date cell. `decimals` is the number of decimals the cell's number format
    shows (2 for `0.00`), needed to read the number `1985.1` shown as `1985.10`."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        raise ValueProblem(f"“{raw}”不是日期")
    if isinstance(raw, (dt.datetime, dt.date)):
        if raw.year < TRAP_BEFORE_YEAR and _serial_year(raw) is not None:
            return typed_into_date_cell(raw)
        return from_date(raw.date() if isinstance(raw, dt.datetime) else raw)
    if isinstance(raw, (int, float)):
        return _from_number(raw, decimals)
    if isinstance(raw, (dt.time, dt.timedelta)):
        raise ValueProblem(f"“{raw}”是时间，不是日期")
    return parse_date_text(str(raw))


def shown_date(value: dt.date) -> str:
    """A date cell as Excel shows it: `1905-06-03 00:28`."""
    if isinstance(value, dt.datetime) and value.time() != dt.time():
        return f"{value:%Y-%m-%d %H:%M}"
    return f"{value:%Y-%m-%d}"


def is_serial_trap(raw: object) -> bool:
    """A date cell that is really a number typed into a date-formatted cell (1905-06-03 00:28
    for `1981.02`): its serial number is a plausible year."""
    return isinstance(raw, (dt.datetime, dt.date)) and raw.year < TRAP_BEFORE_YEAR and _serial_year(raw) is not None


def _serial_year(value: dt.date) -> float | None:
    """The cell's serial number when its whole part could be a year typed by hand."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    for base in _SERIAL_BASES:
        serial = (moment - base).total_seconds() / 86400
        if MIN_YEAR <= int(serial) <= MAX_YEAR:
            return serial
    return None


def typed_into_date_cell(value: dt.date) -> PDate:
    """The year and month a user typed into a date-formatted cell.

    `1981.02` typed into a cell formatted as a date is stored as the serial number
    1981.02, which Excel shows as 1905-06-03 00:28: the whole part is the year and the
    two decimals are the month. `1981.1` and `1981.10` are the same number (January or
    October cannot be told apart), and `1985` alone has no month: both are problems.
    Works for workbooks in either date system (1900 or 1904)."""
    shown = shown_date(value)
    serial = _serial_year(value)
    if serial is None:
        raise ValueProblem(f"日期“{shown}”不是在日期格式单元格中输入的年月")
    year = int(serial)
    hundredths = (serial - year) * 100
    near = round(hundredths)
    if abs(hundredths - near) > 0.05:
        raise ValueProblem(f"日期“{shown}”早于{TRAP_BEFORE_YEAR}年，不是可识别的年月")
    typed = f"{year}.{near:02d}"
    if near == 0:
        raise ValueProblem(f"显示为“{shown}”，实为在日期格式单元格中输入的“{year}”：只有年份，缺少月份")
    if near == 10:
        raise ValueProblem(f"显示为“{shown}”，实为在日期格式单元格中输入的“{year}.1”或“{year}.10”，"
                           "无法确定是1月还是10月")
    month = near // 10 if near % 10 == 0 else near
    if not 1 <= month <= 12:
        raise ValueProblem(f"显示为“{shown}”，实为在日期格式单元格中输入的“{typed}”，月份不存在")
    return PDate(year, month)


def parse_date_text(text: str) -> PDate:
    shown = text.strip()
    s = "".join(nfkc(shown).split())
    timed = _TIME_TAIL.match(nfkc(shown).strip())
    if timed:
        s = "".join(timed.group(1).split())
    for pattern in (_CN_YMD, _SEP_YMD):
        m = pattern.match(s)
        if m:
            day = m.group(3)
            return _make(int(m.group(1)), int(m.group(2)), int(day) if day else None, shown)
    m = _DIGITS.match(s)
    if m:
        return _from_digits(m, shown)
    if _YEAR_ONLY.match(s):
        raise ValueProblem(f"“{shown}”只有年份，缺少月份")
    raise ValueProblem(f"“{shown}”不是可识别的日期")


_RANGE_SEP = re.compile(r"\s*(?:至|到|~|～|—+|–|－|--|\s-\s)\s*")
_ONGOING = {"", "今", "至今", "现在", "在职", "现在职", "未结束"}


def parse_date_range(raw: object) -> tuple[PDate, PDate | None] | None:
    """A period such as `2024.03-2025.03`, `2024年3月至2025年3月` or `2024.03—至今`.
    The end is None when the period is ongoing."""
    if is_blank(raw):
        return None
    if not isinstance(raw, str):
        start = parse_date(raw)
        return (start, None) if start else None
    text = nfkc(raw).strip()
    parts = _RANGE_SEP.split(text, maxsplit=1)
    if len(parts) == 1:
        m = re.match(r"^(\d{4}[./]\d{1,2}(?:[./]\d{1,2})?|\d{4}年\d{1,2}月(?:\d{1,2}日)?)-(.*)$", text)
        if not m:
            raise ValueProblem(f"“{raw.strip()}”不是“开始—结束”形式的时间段")
        parts = [m.group(1), m.group(2)]
    start = parse_date_text(parts[0])
    end_text = parts[1].strip()
    if end_text in _ONGOING:
        return start, None
    end = parse_date_text(end_text)
    if end < start:
        raise ValueProblem(f"“{raw.strip()}”的结束时间早于开始时间")
    return start, end


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for d in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def full_years(born: PDate, on: dt.date) -> int:
    """Age in 周岁 on a day: full years since the birth date (month-only: its first day)."""
    b = born.first_day()
    return on.year - b.year - ((on.month, on.day) < (b.month, b.day))


def full_months(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (2024-03-01 to 2025-03-01 is 12)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if end.day < start.day and add_months(start, months) > end:
        months -= 1
    return months
