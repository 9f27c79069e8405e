"""Annual-assessment grades (年度考核等次) and vote grades (民主测评等次).

The civil-service grades 优秀/称职/基本称职/不称职 and the public-institution
grades 优秀/合格/基本合格/不合格 are the same four steps. A year not assessed
(`未确定等次`, `不定等次`, blank) is None, not a grade.
"""

from __future__ import annotations

import enum
import re

from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, squash


class Grade(enum.IntEnum):
    """Higher is better; the value orders the grades."""

    INCOMPETENT = 0  # 不称职 / 不合格
    BASIC = 1  # 基本称职 / 基本合格
    COMPETENT = 2  # 称职 / 合格
    EXCELLENT = 3  # 优秀

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def key(self) -> str:
        return self.name.lower()


_LABELS = {
    Grade.EXCELLENT: "优秀",
    Grade.COMPETENT: "称职",
    Grade.BASIC: "基本称职",
    Grade.INCOMPETENT: "不称职",
}

_WORDS = {
    "优秀": Grade.EXCELLENT,
    "称职": Grade.COMPETENT,
    "合格": Grade.COMPETENT,
    "良好": Grade.COMPETENT,
    "基本称职": Grade.BASIC,
    "基本合格": Grade.BASIC,
    "不称职": Grade.INCOMPETENT,
    "不合格": Grade.INCOMPETENT,
}
NOT_ASSESSED = frozenset(
    {"未确定等次", "不定等次", "不确定等次", "未定等次", "未评定等次", "未考核", "不参加考核", "未参加考核",
     "/", "-", "—", "——", "无", "新录用", "新任职"}
)


def grade_from_key(key: str) -> Grade:
    return Grade[key.upper()]


def parse_grade(raw: object) -> Grade | None:
    if is_blank(raw):
        return None
    s = re.sub(r"[(（][^)）]*[)）]$", "", squash(str(raw)).rstrip("。."))  # 称职（嘉奖）
    for suffix in ("等次", "等级"):
        if s.endswith(suffix) and s[: -len(suffix)] in _WORDS:
            s = s[: -len(suffix)]
    if s in _WORDS:
        return _WORDS[s]
    if s in NOT_ASSESSED or any(w in s for w in ("未确定", "不定等次", "不确定", "未定等次")):
        return None
    raise ValueProblem(f"“{str(raw).strip()}”不是考核等次（优秀、称职、基本称职、不称职或合格、基本合格、不合格）")


_YEAR_GRADE = re.compile(r"(\d{4})\s*年?度?\s*(?:年度)?(?:考核)?(?:结果|等次)?\s*(?:为|是)?\s*[:：]?\s*"
                         r"(基本称职|不称职|称职|基本合格|不合格|合格|优秀|良好|未确定等次|不定等次|未定等次|未考核|不参加考核)")
_ALL_SAME = re.compile(r"^(?:近[一二三四五六七八九十\d]+年)?(?:连续[一二三四五六七八九十\d]+年)?(?:年度考核|考核)?(?:结果|等次)?"
                       r"(?:均为|均是|均|都是|都为|全为)(.+)$")
_LIST_SPLIT = re.compile(r"[、，,；;/\s]+")
_YEAR_SPAN = re.compile(r"(\d{4})\s*年?\s*(?:[-—–~～至到]|——)\s*(\d{4})")
_ONE_YEAR = re.compile(r"(\d{4})\s*年")


def header_years(header: str) -> tuple[int, ...]:
    """The years a free-text assessment column covers, from its header:
    `近三年考核结果（2022-2024年）` -> (2022, 2023, 2024); `2024年度考核` -> (2024,)."""
    span = _YEAR_SPAN.search(header)
    if span:
        first, last = sorted((int(span.group(1)), int(span.group(2))))
        return tuple(range(first, last + 1)) if last - first < 15 else ()
    one = _ONE_YEAR.search(header)
    return (int(one.group(1)),) if one else ()


def parse_grade_history(raw: object, years: tuple[int, ...] = ()) -> dict[int, Grade | None]:
    """Grades by year from one free-text cell: `2022年优秀、2023年合格、2024年合格`;
    with the years of the header (`近三年考核结果（2022-2024年）`) also `优秀、称职、称职`
    (in the header's order), `均为称职`, or a single grade for a single year."""
    if is_blank(raw):
        return {}
    text = squash(str(raw))
    shown = str(raw).strip()
    found = {int(y): parse_grade(g) for y, g in _YEAR_GRADE.findall(text)}
    if found:
        return found
    same = _ALL_SAME.match(text)
    words = [same.group(1)] * len(years) if same else [w for w in _LIST_SPLIT.split(text) if w]
    if not years:
        raise ValueProblem(f"“{shown}”没有写明年份（应写成“2023年优秀、2024年称职”），无法确定各年度的考核等次")
    if len(words) == 1 and len(years) > 1 and not same:
        raise ValueProblem(f"“{shown}”只有一个等次，表头有{len(years)}个年度，无法确定是哪一年的考核等次")
    if len(words) != len(years):
        raise ValueProblem(f"“{shown}”有{len(words)}个等次，表头有{len(years)}个年度，无法一一对应")
    return {year: parse_grade(word) for year, word in zip(years, words)}
