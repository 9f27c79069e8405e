"""Run the enabled rules over a roster: findings, rules skipped for want of columns,
a verdict per person (audit/verdict.py), and a summary by severity, rule and unit.
People listed apart (not active candidates: model/standing.py) are not checked."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cadre_cli.audit.context import AuditContext, PostCounts
from cadre_cli.audit.coverage import TablePlan, column_gaps, everyone_gap, gap_json, person_gaps, skipped_for, table_plan
from cadre_cli.audit.finding import Finding, Gap, Skipped, person_key
from cadre_cli.audit.verdict import (
    INACTIVE,
    INCOMPLETE,
    OK,
    RuleCoverage,
    Verdict,
    completeness,
    judge,
    rule_coverage,
    status_counts,
)
from cadre_cli.diagnostic import PersonKey
from cadre_cli.errors import CadreError
from cadre_cli.model.person import Roster
from cadre_cli.model.hidden import HIDDEN_ROW, hidden_reason
from cadre_cli.model.standing import apart_reasons
from cadre_cli.policy.schema import Policy
from cadre_cli.rules.registry import PERSON, REGISTRY, ROSTER, RULES, SEVERITY_ORDER, Rule


@dataclass
class AuditResult:
    policy: Policy
    as_of: dt.date
    roster: Roster  # every person read, the people listed apart included
    findings: list[Finding]
    skipped: list[Skipped]
    rules: list[Rule]  # the rules that ran
    enabled: list[Rule] = field(default_factory=list)  # the rules the policy (or --select) enables
    verdicts: dict[PersonKey, Verdict] = field(default_factory=dict)
    coverage: list[RuleCoverage] = field(default_factory=list)

    @property
    def status(self) -> dict[PersonKey, str]:
        """Each person's 合格 / 需关注 / 取消资格建议 / 未能全部核查 / 不在岗."""
        return {key: v.label for key, v in self.verdicts.items()}

    @property
    def candidates(self) -> int:
        """The people audited: those read, less those listed apart."""
        return sum(1 for v in self.verdicts.values() if v.status != INACTIVE)

    @property
    def complete(self) -> bool:
        return self.candidates > 0 and all(r.checked for r in self.coverage)

    def completeness(self) -> str:
        return completeness(self.coverage, self.candidates)

    def persons(self) -> list[dict]:
        """One entry per person read, in roster order, for --json."""
        shown: dict[int, list[dict]] = {}  # id(gaps) -> entries: most people share one tuple of gaps
        out = []
        for person in self.roster.people:
            v = self.verdicts[person_key(person)]
            unchecked = shown.get(id(v.gaps))
            if unchecked is None:
                unchecked = shown[id(v.gaps)] = [gap_json(g) for g in v.gaps]
            out.append({"name": person.name, "sheet": person.sheet, "row": person.row, "status": v.status,
                        "unchecked": unchecked, "apart": v.apart})
        return out

    def summary(self) -> dict:
        by_severity = Counter(f.severity.value for f in self.findings)
        by_rule = Counter(f.rule for f in self.findings)
        by_rule_severity: dict[str, Counter] = {}
        for f in self.findings:  # one rule may report errors and warnings (expired / soon)
            by_rule_severity.setdefault(f.rule, Counter())[f.severity.value] += 1
        units: dict[str, Counter] = {}
        for person in self.roster.people:
            counts = units.setdefault(person.unit or "（未填单位）", Counter())
            counts["people"] += 1
            if self.verdicts[person_key(person)].status == INACTIVE:
                counts["inactive"] += 1
        for f in self.findings:
            if f.name is not None:
                units.setdefault(f.unit or "（未填单位）", Counter())[f.severity.value] += 1
        return {
            "errors": by_severity.get("error", 0),
            "warnings": by_severity.get("warning", 0),
            "infos": by_severity.get("info", 0),
            "by_rule": dict(sorted(by_rule.items())),
            "by_rule_severity": {r: dict(c) for r, c in sorted(by_rule_severity.items())},
            "by_unit": {u: dict(c) for u, c in sorted(units.items())},
            "status": status_counts(self.verdicts),
            "rules_enabled": len(self.coverage),
            "rules_checked": sum(1 for r in self.coverage if r.checked),
            "completeness": self.completeness(),
            "rules_unchecked": [
                {"rule": r.rule.id, "topic": r.topic, "for": "all" if r.skipped else "some",
                 "reason": r.skipped.reason if r.skipped else None, "people": len(r.people)}
                for r in self.coverage if not r.checked
            ],
        }


def parse_rule_ids(text: str | None, option: str) -> set[str]:
    if not text:
        return set()
    ids = {t.strip() for t in text.replace("，", ",").split(",") if t.strip()}
    unknown = sorted(i for i in ids if i not in REGISTRY)
    if unknown:
        raise CadreError(f"{option} 中的规则编号“{'、'.join(unknown)}”不存在；运行 cadre rules 查看全部编号。")
    return ids


def choose_rules(policy: Policy, select: set[str], ignore: set[str]) -> list[Rule]:
    rules = [r for r in RULES if r.audited and (r.id in select or r.enabled(policy))]
    if select:
        rules = [r for r in rules if r.id in select]
    return [r for r in rules if r.id not in ignore]


def run_audit(roster: Roster, policy: Policy, as_of: dt.date, *, horizon_months: int | None = None,
              select: set[str] = frozenset(), ignore: set[str] = frozenset(), posts: PostCounts | None = None,
              scores: dict | None = None, progress: Callable[[int], None] | None = None) -> AuditResult:
    horizon = policy.age.horizon_months if horizon_months is None else horizon_months
    for person in roster.people:  # hidden in Excel: listed apart, counted apart (model/hidden.py)
        why = hidden_reason(person)
        if why and not person.apart:
            person.apart = f"{why}（在 Excel 中隐藏、折叠或被筛选掉）" if why == HIDDEN_ROW else why
    apart = apart_reasons(roster.people)
    candidates = Roster(roster.path_name, roster.tables, [p for p in roster.people if person_key(p) not in apart]) \
        if apart else roster
    ctx = AuditContext(policy, as_of, candidates, horizon, posts or PostCounts(), scores=scores)
    rules = choose_rules(policy, set(select), set(ignore))
    enabled = [r for r in rules if not r.records_gaps]
    skipped: list[Skipped] = []
    everyone: list[Gap] = []
    active: list[Rule] = []
    for rule in rules:
        missing = column_gaps(rule, ctx)
        if missing:
            skip = skipped_for(rule, missing)
            skipped.append(skip)
            if rule.scope != "pool":
                everyone.append(everyone_gap(rule, missing))
        else:
            active.append(rule)
    person_checks = [r.check for r in active if r.runs == PERSON]
    findings: list[Finding] = []
    for i, person in enumerate(candidates.people):
        for check in person_checks:
            findings.extend(check(ctx, person))
        if progress is not None and i % 500 == 499:
            progress(500)
    for rule in active:
        if rule.runs == ROSTER:
            findings.extend(rule.check(ctx))
    if progress is not None:
        progress(len(candidates.people) % 500)
    findings.sort(key=_order(roster))
    verdicts = _verdicts(ctx, roster, findings, active, tuple(everyone), apart)
    return AuditResult(policy, as_of, roster, findings, skipped, active, enabled, verdicts,
                       rule_coverage(enabled, skipped, candidates.people, verdicts))


def _verdicts(ctx: AuditContext, roster: Roster, findings: list[Finding], active: list[Rule],
              everyone: tuple[Gap, ...], apart: dict[PersonKey, str]) -> dict[PersonKey, Verdict]:
    by_person: dict[PersonKey, list[Finding]] = {}
    for f in findings:
        if f.person is not None:
            by_person.setdefault(f.person, []).append(f)
    plans: dict[int, TablePlan] = {}
    verdicts: dict[PersonKey, Verdict] = {}
    shared = {status: Verdict(status, everyone) for status in (OK, INCOMPLETE)}  # most people
    columns, plan = None, None
    for person in roster.people:
        key = person_key(person)
        if key in apart:
            verdicts[key] = Verdict(INACTIVE, (), apart[key])
            continue
        if person.record.columns is not columns:  # one dict per table; a table's people come together
            columns = person.record.columns
            plan = plans.get(id(columns))
            if plan is None:
                plan = plans[id(columns)] = table_plan(columns, person.sheet, active)
        found = by_person.get(key)
        own = person_gaps(ctx, person, plan, {f.rule for f in found} if found else frozenset())
        if not found and not own:
            verdicts[key] = shared[INCOMPLETE if everyone else OK]
            continue
        gaps = everyone + own if own else everyone
        verdicts[key] = Verdict(judge(found or (), gaps), gaps)
    return verdicts


def _order(roster: Roster):
    sheets = {t.name: i for i, t in enumerate(roster.tables)}

    def key(f: Finding):
        cell = f.cell
        where = (sheets.get(cell.sheet, 99), cell.row, cell.col) if cell else (-1, 0, 0)
        return (where, SEVERITY_ORDER[f.severity], f.rule)

    return key
