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
