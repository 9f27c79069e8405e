"""The 2025 gradual retirement-age rule (渐进式延迟法定退休年龄), month by month.

Let n be the index of the person's original retirement month counted from 2025-01 (= 1).
If n < 1 there is no delay; otherwise the delay is min(cap, ceil(n / step)) months: step 4
and cap 36 for an original age of 60 (men) or 55 (women cadres), step 2 and cap 60 for
women whose original age is 50. The 2025 .lrmx field 改革前任职年龄界限 may also state 63, 65
or 66: what applies to those is not in the texts, so it is a parameter (`extra`), never a
guess; without it the month is unknown (None).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cadre_cli.parse.dates import PDate

BASIS = ("《全国人民代表大会常务委员会关于实施渐进式延迟法定退休年龄的决定》（2024年9月13日）"
         "及所附《国务院关于渐进式延迟法定退休年龄的办法》，2025年1月1日起施行")
_REFORM_INDEX = 2025 * 12  # month index of 2025-01 (year * 12 + month - 1)


@dataclass(frozen=True, slots=True)
class DelayRule:
    age: int  # the original (pre-reform) age
    step: int  # one month of delay for every `step` months; 0: no delay
    cap: int  # the most months of delay

    @property
    def label(self) -> str:
        if not self.step or not self.cap:
            return f"原{self.age}周岁，不延迟"
        return f"原{self.age}周岁，每{self.step}个月延迟1个月，最多延迟{self.cap}个月"


MEN_60 = DelayRule(60, 4, 36)
WOMEN_55 = DelayRule(55, 4, 36)
WOMEN_50 = DelayRule(50, 2, 60)
RULES_BY_AGE = {60: MEN_60, 55: WOMEN_55, 50: WOMEN_50}


@dataclass(frozen=True, slots=True)
class Retirement:
    original: PDate  # the month of the original age
    month: PDate  # the month after the delay (到龄年月)
    delay: int  # months

    @property
    def yyyymm(self) -> str:
        return f"{self.month.year}{self.month.month:02d}"


def _month(index: int) -> PDate:
    year, month = divmod(index, 12)
    return PDate(year, month + 1)


def retirement(birth: PDate, rule: DelayRule) -> Retirement:
    """The retirement month of a person born in `birth`'s month under `rule`."""
    original = birth.year * 12 + birth.month - 1 + rule.age * 12
    n = original - _REFORM_INDEX + 1
    delay = 0
    if n >= 1 and rule.step and rule.cap:
        delay = min(rule.cap, -(-n // rule.step))
    return Retirement(_month(original), _month(original + delay), delay)


def default_limit(gender: str | None) -> int | None:
    """The original age when nothing else is stated: 60 for men, 55 for women (cadres)."""
    return {"男": 60, "女": 55}.get(gender or "")


def rule_for_limit(limit: int, extra: Mapping[int, DelayRule | None] | None = None) -> DelayRule | None:
    """The rule for a pre-reform limit: the 2025 rule for 50, 55 and 60; for other limits
    (63, 65, 66) whatever `extra` says, None when it says nothing."""
    if extra and limit in extra:
        return extra[limit]
    return RULES_BY_AGE.get(limit)
