"""The make-up of the pool (数量与结构) for the 结构分析 sheet: counts by age band,
gender, ethnicity, party, education, level and unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from cadre_cli.audit.context import match_level
from cadre_cli.model.person import Person
from cadre_cli.parse import categories as cat
from cadre_cli.parse.dates import full_years
from cadre_cli.policy.schema import Policy

UNKNOWN = "未填写"
AGE_BANDS = ((None, 30, "30岁及以下"), (31, 35, "31—35岁"), (36, 40, "36—40岁"), (41, 45, "41—45岁"), (46, None, "46岁及以上"))


@dataclass
class Breakdown:
    title: str
    rows: list[tuple[str, int]]
    chart: str = "bar"  # bar | pie

    @property
    def total(self) -> int:
        return sum(n for _, n in self.rows)


def _age_band(person: Person, as_of: dt.date) -> str:
    if person.born is None:
        return UNKNOWN
    age = full_years(person.born, as_of)
    for low, high, label in AGE_BANDS:
        if (low is None or age >= low) and (high is None or age <= high):
            return label
    return UNKNOWN


def _party(person: Person) -> str:
    party = person.get("political_status")
    if party is None:
        return UNKNOWN
    return "中共党员" if cat.is_cpc(party) else "非中共党员"


def _education(person: Person) -> str:
    level = person.education
    if level is None:
        return UNKNOWN
    return level.label if level >= cat.Education.COLLEGE else "高中（中专）及以下"


def _ordered(counter: Counter, order: list[str]) -> list[tuple[str, int]]:
    rows = [(k, counter[k]) for k in order if counter.get(k)]
    rows += sorted(((k, n) for k, n in counter.items() if k not in order), key=lambda kv: (-kv[1], kv[0]))
    return rows


def breakdowns(people: list[Person], policy: Policy, as_of: dt.date) -> list[Breakdown]:
    """The make-up of the pool; pass each person once (`Roster.distinct_people`)."""
    def count(fn) -> Counter:
        return Counter(fn(p) for p in people)

    def level(p: Person) -> str:
        found = match_level(policy, p.reserve_level)
        return found[1].label if found else (p.reserve_level or UNKNOWN)

    return [
        Breakdown("年龄结构", _ordered(count(lambda p: _age_band(p, as_of)), [b[2] for b in AGE_BANDS])),
        Breakdown("性别", _ordered(count(lambda p: p.gender or UNKNOWN), ["男", "女"]), "pie"),
        Breakdown("民族", _ordered(count(lambda p: UNKNOWN if p.get("ethnicity") is None else
                                     ("少数民族" if cat.is_minority(p.get("ethnicity")) else "汉族")), ["汉族", "少数民族"]), "pie"),
        Breakdown("政治面貌", _ordered(count(_party), ["中共党员", "非中共党员"]), "pie"),
        Breakdown("学历", _ordered(count(_education), ["研究生", "大学本科", "大专", "高中（中专）及以下"])),
        Breakdown("后备类别", _ordered(count(level), [l.label for l in policy.levels.values()])),
        Breakdown("单位", _ordered(count(lambda p: p.unit or UNKNOWN), [])),
    ]
