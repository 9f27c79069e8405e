"""年度考核结果 free text as {year: grade}.

`2021年、2022年年度考核称职，2023年度考核优秀。` gives 2021 and 2022 称职, 2023 优秀: the years
named before a grade word take that grade. `2021—2023年` names three years. A grade word that
is part of an honour (`优秀共产党员`, `优秀公务员`) is no grade. `近三年年度考核均为称职` names
no year: the years are the ones before a reference year the caller gives (the year the form
was filled in), and the result says they were inferred. Grades are `parse.grades.Grade`; a
year written as not assessed (`未确定等次`) maps to None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cadre_cli.parse.grades import Grade, parse_grade
from cadre_cli.parse.text import nfkc

_YEAR = r"(?:19[5-9]\d|20\d\d)"
_RANGE_SEP = r"\s*(?:年度?)?\s*(?:--|—+|－|–|-|~|～|至|到)\s*"
_GRADE_WORDS = ("基本称职", "不称职", "称职", "基本合格", "不合格", "合格", "优秀", "良好")
_NOT_ASSESSED = ("未确定等次", "不确定等次", "不定等次", "未定等次", "未评定等次", "未参加年度考核", "未参加考核",
                 "不参加考核", "未考核", "不参加年度考核")
_CN_NUMBERS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "五": 5}
_TOKEN = re.compile(
    rf"(?P<range>(?P<from>{_YEAR}){_RANGE_SEP}(?P<to>{_YEAR}))"
    rf"|(?P<year>{_YEAR})"
    rf"|(?P<relative>(?:近|最近|前|连续)(?P<n>[一两二三四五\d])个?年)"
    rf"|(?P<none>{'|'.join(_NOT_ASSESSED)})"
    rf"|(?P<grade>{'|'.join(_GRADE_WORDS)})"
)
# A grade word followed by one of these is an honour (or a bound such as 称职以上), not a grade.
_HONOUR_TAIL = re.compile(r"^(以上|及以上|共产党员|党员|党务|公务员|干部|教师|工作者|个人|员工|职工|青年|人才|班主任|校长|"
                          r"领导|村|社区|团员|称号|奖|学生|毕业生|科技|企业家|人民|基层)")


@dataclass(frozen=True)
class Assessments:
    grades: dict[int, Grade | None]  # year -> grade (None: not assessed that year)
    inferred_from: int | None = None  # the reference year relative years were counted back from
    relative: str | None = None  # the phrase naming no year (`近三年`)
    unread: tuple[str, ...] = ()  # what could not be attached to a year or a grade
    conflicts: tuple[int, ...] = ()  # years given two different grades


def parse_assessments(text: str, reference_year: int | None = None) -> Assessments:
    """Read the 年度考核结果 element; never raises (what is not understood is in `unread`)."""
    s = nfkc(text)
    grades: dict[int, Grade | None] = {}
    pending: list[int] = []
    relative: str | None = None
    relative_years: list[int] = []
    conflicts: set[int] = set()
    unread: list[str] = []
    for m in _TOKEN.finditer(s):
        if m.group("range"):
            first, last = int(m.group("from")), int(m.group("to"))
            if first <= last and last - first < 10:
                pending.extend(range(first, last + 1))
            else:
                unread.append(m.group(0))
        elif m.group("year"):
            pending.append(int(m.group("year")))
        elif m.group("relative"):
            n = m.group("n")
            count = int(n) if n.isdigit() else _CN_NUMBERS[n]
            if pending:  # `2021年至2023年连续三年`: restates the years just named
                if count != len(set(pending)):
                    unread.append(f"“{m.group('relative')}”与所写的{len(set(pending))}个年份不符")
                continue
            relative = m.group("relative")
            if reference_year is None:
                unread.append(f"“{relative}”没有写明年份")
            else:
                relative_years = list(range(reference_year - count, reference_year))
        else:
            if m.group("grade") and _HONOUR_TAIL.match(s[m.end():]):
                continue
            grade = None if m.group("none") else parse_grade(m.group("grade"))
            years = pending or relative_years
            if not years:
                unread.append(f"“{m.group(0)}”没有对应的年份")
            for year in years:
                if year in grades:
                    if grades[year] != grade:
                        conflicts.add(year)  # the first grade stays; the conflict is reported
                    continue
                grades[year] = grade
            pending, relative_years = [], []
    for year in pending:
        unread.append(f"{year}年没有写明考核等次")
    if relative_years:
        unread.append(f"“{relative}”没有写明考核等次")
    inferred = reference_year if relative is not None and reference_year is not None else None
    return Assessments(dict(sorted(grades.items())), inferred, relative, tuple(unread), tuple(sorted(conflicts)))
