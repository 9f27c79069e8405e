"""Dated entries in free text: a resume (简历, 任职经历) and marks such as
`2025.03受撤销党内职务处分`.

A resume is one stint a line, as the 任免审批表 writes it: `2019.07--2021.03  县财政局科员`,
an open end for the present (`2023.05--`), continuation lines without a date, and
`（其间：2020.03--2021.03挂任白水镇党委副书记）` lines for what happened during a stint.
Range separators: `--`, `—`, `－`, `–`, `-`, `~`, `～`, `至`, `到`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from cadre_cli.parse.dates import PDate
from cadre_cli.parse.text import nfkc

_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*(?:年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?|[./](\d{1,2})(?:[./](\d{1,2}))?(?![\d.])"
    r"|-(\d{1,2})(?!\d)|(年))"
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A date written in text: to the day, the month, or only the year (`month is None`)."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        """The last day the text allows: a month-only date counts from its first day (the
        project's convention), a year-only one may be any day of the year."""
        return self.earliest if self.month is not None else dt.date(self.year, 12, 31)

    def iso(self) -> str:
        """As written, in ISO form: `2023`, `2023-05` or `2023-05-10` (a diagnostic's `data`)."""
        if self.month is None:
            return str(self.year)
        return f"{self.year}-{self.month:02d}" + (f"-{self.day:02d}" if self.day is not None else "")

    def chinese(self) -> str:
        if self.month is None:
            return f"{self.year}年"
        return PDate(self.year, self.month, self.day).chinese()


def dates_in(text: str) -> list[Mention]:
    """Every readable date in a text, in order; impossible ones (`2025.13`) are skipped."""
    found: list[Mention] = []
    for m in _DATE.finditer(nfkc(text)):
        year = int(m.group(1))
        month_text = m.group(2) or m.group(4) or m.group(6)
        day_text = m.group(3) or m.group(5)
        if month_text is None:
            found.append(Mention(year))
            continue
        month, day = int(month_text), int(day_text) if day_text else None
        try:
            dt.date(year, month, day or 1)
        except ValueError:
            continue
        found.append(Mention(year, month, day))
    return found


@dataclass(frozen=True, slots=True)
class Stint:
    """One line of a resume: from `start` to `end` (None: to date), what was done."""

    start: PDate
    end: PDate | None
    text: str
    during: bool = False  # a `（其间：…）` line inside another stint

    @property
    def is_study(self) -> bool:
        return is_study(self.text)


_YM = r"((?:19|20)\d{2})\s*[./年\-]\s*(\d{1,2})\s*月?"
_LINE = re.compile(rf"^{_YM}\s*(?:--+|—+|－+|–|-|~|～|至|到)\s*(?:{_YM})?\s*(.*)$")
_DURING = re.compile(r"[（(]\s*其间\s*[:：]?\s*")
_STUDY = ("学习", "读书", "就读", "攻读", "学生", "进修", "待业", "毕业", "读研", "读博")


def is_study(text: str) -> bool:
    s = text.rstrip("）)。;；，, ")
    return s.endswith(_STUDY) or "学生" in s or "就读" in s


def parse_resume(text: str) -> list[Stint]:
    """The dated lines of a resume; a line without a date continues the one before."""
    stints: list[Stint] = []
    for raw_line in re.split(r"[\r\n；;]+", nfkc(text)):
        for part, during in _split_during(raw_line):
            line = part.strip().rstrip("）)").strip()
            if not line:
                continue
            m = _LINE.match(line)
            if m is None:
                if stints and not during:
                    last = stints[-1]
                    stints[-1] = Stint(last.start, last.end, f"{last.text}{line}", last.during)
                continue
            start = _pdate(m.group(1), m.group(2))
            end = _pdate(m.group(3), m.group(4)) if m.group(3) else None
            if start is None:
                continue
            what = re.sub(r"^(?:至今|至现在|今|现在)\s*", "", m.group(5).strip())
            stints.append(Stint(start, end, what, during))
    return stints


def _split_during(line: str) -> list[tuple[str, bool]]:
    parts = _DURING.split(line)
    return [(parts[0], False)] + [(p, True) for p in parts[1:]]


def _pdate(year: str, month: str) -> PDate | None:
    y, mo = int(year), int(month)
    return PDate(y, mo) if 1 <= mo <= 12 else None
