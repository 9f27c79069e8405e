"""What every check needs: the policy, the as-of date, and per-person helpers for
level, age limit and the finding constructor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from cadre_cli.audit.finding import Finding, Gap, person_key
from cadre_cli.diagnostic import Location, PersonKey
from cadre_cli.model.person import Person, Roster
from cadre_cli.parse.dates import PDate, add_months, add_years, full_years
from cadre_cli.parse.text import squash
from cadre_cli.policy.schema import Level, Policy
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.table import Record
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.registry import REGISTRY, Severity

Scores = dict[PersonKey, dict[str, tuple[object, str]]]  # person -> field -> (value, where it came from)


@dataclass
class PostCounts:
    """Leadership posts (领导职数) per level kind, and the number of units, for pool-size."""

    principal: int | None = None
    deputy: int | None = None
    units: int | None = None
    source: str = ""


@dataclass
class AgeLimit:
    limit: int
    wording: str
    who: str  # 正科级后备干部 / 后备干部 / 男性后备干部
    exceptional: int | None = None

    @property
    def exclusive(self) -> bool:
        """`未满N周岁`: N itself is over; every other wording allows N."""
        return self.wording == "未满"

    def over(self, age: int) -> bool:
        return age >= self.limit if self.exclusive else age > self.limit

    def first_age_over(self) -> int:
        return self.limit if self.exclusive else self.limit + 1


@dataclass
class AuditContext:
    policy: Policy
    as_of: dt.date
    roster: Roster
    horizon_months: int = 0
    posts: PostCounts = field(default_factory=PostCounts)
    scores: Scores | None = None  # from --scores, read before the checks run: {"written"/"defense": (value, where)}
    gaps: dict[PersonKey, list[Gap]] = field(default_factory=dict)  # the rules a check could not judge

    @cached_property
    def horizon_end(self) -> dt.date:
        return add_months(self.as_of, self.horizon_months)

    def cite(self, rule_id: str) -> str:
        return self.policy.cite(rule_id, REGISTRY[rule_id].basis)

    def finding(self, rule_id: str, person: Person | None, message: str, cell: CellRef | None = None,
                severity: Severity | None = None, data: dict | None = None) -> Finding:
        """A Diagnostic of a rule: on a person (at `cell`, else their name) or on the pool.
        The field read at the cell and its raw value come with it; `data`: the numbers said."""
        rule = REGISTRY[rule_id]
        if person is None:
            return Finding(rule_id, severity or rule.severity, message, self.cite(rule_id), Location.of(cell),
                           data=data or {})
        if cell is None:
            cell = person.cell("name") or CellRef(person.sheet, person.row, 1)
        name = field_at(person, cell)
        return Finding(rule_id, severity or rule.severity, message, self.cite(rule_id), Location.of(cell, name),
                       raw=person.raw(name) if name else None, data=data or {}, person=person_key(person),
                       name=person.name, unit=person.unit)

    def age(self, person: Person, on: dt.date | None = None) -> int | None:
        """Age in 周岁 at the as-of date (or `on`); memoised per person for the as-of date."""
        if on is not None:
            born = person.born
            return None if born is None else full_years(born, on)
        key = person.record  # a memo for this run: the record itself is the key (no id(), no copy)
        if key not in self._ages:
            born = person.born
            self._ages[key] = None if born is None else full_years(born, self.as_of)
        return self._ages[key]

    @cached_property
    def _ages(self) -> dict[Record, int | None]:
        return {}

    @cached_property
    def _limits(self) -> dict[Record, AgeLimit | None]:
        return {}

    def level(self, person: Person) -> tuple[str, Level] | None:
        """The policy level a person's 后备类别 (or section line) names, longest match wins."""
        text = person.reserve_level
        try:
            return self._levels[text]
        except KeyError:
            found = self._levels[text] = match_level(self.policy, text)
            return found

    @cached_property
    def _levels(self) -> dict[str | None, tuple[str, Level] | None]:
        return {}

    @cached_property
    def failing_grades(self) -> frozenset:
        from cadre_cli.parse.grades import parse_grade

        return frozenset(parse_grade(g) for g in self.policy.assessment.failing or [])

    def age_limit(self, person: Person) -> AgeLimit | None:
        """The age limit that applies, or None when the policy sets none for this person."""
        key = person.record
        if key not in self._limits:
            self._limits[key] = self._age_limit(person)
        return self._limits[key]

    def _age_limit(self, person: Person) -> AgeLimit | None:
        found = self.level(person)
        gender = person.gender
        if found is not None:
            _, level = found
            limit = _by_gender(level.age_max, level.age_max_male, level.age_max_female, gender)
            if limit is not None:
                who = f"{level.label}后备干部"
                return AgeLimit(limit, level.age_wording, who)
        age = self.policy.age
        limit = _by_gender(age.max, age.max_male, age.max_female, gender)
        if limit is None:
            return None
        who = f"{gender}性后备干部" if age.max_male is not None and gender else "后备干部"
        return AgeLimit(limit, age.wording, who, age.exceptional_max)

    def born_cell(self, person: Person) -> CellRef | None:
        return person.cell("birth") if person.get("birth") is not None else person.cell("id_number")

    def missing(self, rule_id: str, person: Person, fields: tuple[str, ...], what: str) -> Finding:
        """A person lacks a value a rule needs: a 缺少 warning, and the rule is not checked
        for this person."""
        labels = "或".join(field_label(f) for f in fields)
        cell = next((c for c in (person.cell(f) for f in fields) if c is not None), None)
        self.unchecked(rule_id, person, fields)
        return self.finding("missing-value", person, f"缺少{labels}，无法检查{what}（规则 {rule_id}）", cell)

    def unchecked(self, rule_id: str, person: Person, fields: tuple[str, ...], reason: str | None = None) -> None:
        """A check could not judge this person (no finding): recorded for the verdict.
        The reason defaults to what the row has in those fields (`出生年月为空`)."""
        from cadre_cli.audit.coverage import blank_reason

        gap = Gap(rule_id, reason or blank_reason(person, fields), fields)
        self.gaps.setdefault(person_key(person), []).append(gap)

    def scores_of(self, person: Person) -> dict[str, tuple[object, str]]:
        """What the score workbook given with --scores says of this person (nothing without one)."""
        return self.scores.get(person_key(person), {}) if self.scores else {}


def _by_gender(common: int | None, male: int | None, female: int | None, gender: str | None) -> int | None:
    if gender == "男" and male is not None:
        return male
    if gender == "女" and female is not None:
        return female
    return common


def match_level(policy: Policy, text: str | None) -> tuple[str, Level] | None:
    if not text or not policy.levels:
        return None
    key = squash(text)
    best: tuple[int, int, str, Level] | None = None
    for order, (name, level) in enumerate(policy.levels.items()):
        for word in level.match:
            if word in key:
                candidate = (len(word), -order, name, level)
                if best is None or candidate[:2] > best[:2]:
                    best = candidate
    return None if best is None else (best[2], best[3])


def anniversary(start: PDate, years: int) -> dt.date:
    return add_years(start.first_day(), years)


def people_of(ctx: AuditContext, level_key: str | None) -> Iterator[Person]:
    for person in ctx.roster.people:
        if level_key is None:
            yield person
        else:
            found = ctx.level(person)
            if found is not None and found[0] == level_key:
                yield person


def field_at(person: Person, cell: CellRef) -> str | None:
    """The field a person's value at this cell was read as (None for a cell of no field)."""
    if person.extra_cells:
        for name, ref in person.extra_cells.items():
            if ref == cell:
                return name
    if cell.sheet != person.sheet or cell.row != person.row:
        return None
    return next((name for name, col in person.record.columns.items() if col == cell.col), None)
