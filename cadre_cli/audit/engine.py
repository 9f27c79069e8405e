"""Run the enabled rules over a roster: findings, rules skipped for want of columns,
and a summary by severity, rule and unit."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cadre_cli.audit import checks  # noqa: F401  (registers the checks)
from cadre_cli.audit.context import AuditContext, PostCounts
from cadre_cli.audit.finding import SEVERITY_ORDER, Finding, Skipped
from cadre_cli.audit.registry import PERSON_CHECKS, ROSTER_CHECKS
from cadre_cli.errors import CadreError
from cadre_cli.model.person import Person, Roster
from cadre_cli.policy.schema import Policy
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.registry import REGISTRY, RULES, Rule, Severity

# Rules whose error means the person should lose reserve status (取消资格建议).
REMOVAL_RULES = frozenset({
    "age-limit", "annual-assessment", "poll-unfit-share", "poll-weak-share", "management-period-expired",
    "exam-failed", "negative-flag",
})
STATUS_OK, STATUS_WATCH, STATUS_REMOVE = "合格", "需关注", "取消资格建议"


@dataclass
class AuditResult:
    policy: Policy
    as_of: dt.date
    roster: Roster
    findings: list[Finding]
    skipped: list[Skipped]
    rules: list[Rule]
    status: dict[int, str] = field(default_factory=dict)  # id(person) -> status

    def summary(self) -> dict:
        by_severity = Counter(f.severity.value for f in self.findings)
        by_rule = Counter(f.rule for f in self.findings)
        by_rule_severity: dict[str, Counter] = {}
        for f in self.findings:  # one rule may report errors and warnings (expired / soon)
            by_rule_severity.setdefault(f.rule, Counter())[f.severity.value] += 1
        units: dict[str, Counter] = {}
        for person in self.roster.people:
            units.setdefault(person.unit or "（未填单位）", Counter())["people"] += 1
        for f in self.findings:
            if f.name is not None:
                units.setdefault(f.unit or "（未填单位）", Counter())[f.severity.value] += 1
        statuses = Counter(self.status.values())
        return {
            "errors": by_severity.get("error", 0),
            "warnings": by_severity.get("warning", 0),
            "infos": by_severity.get("info", 0),
            "by_rule": dict(sorted(by_rule.items())),
            "by_rule_severity": {r: dict(c) for r, c in sorted(by_rule_severity.items())},
            "by_unit": {u: dict(c) for u, c in sorted(units.items())},
            "status": {s: statuses.get(s, 0) for s in (STATUS_OK, STATUS_WATCH, STATUS_REMOVE)},
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
    rules = [r for r in RULES if r.scope in ("person", "data", "pool") and (r.id in select or r.enabled(policy))]
    if select:
        rules = [r for r in rules if r.id in select]
    return [r for r in rules if r.id not in ignore]


def _missing_columns(rule: Rule, roster: Roster, ctx: AuditContext) -> list[tuple[str, ...]]:
    missing = [group for group in rule.needs if not any(roster.has_field(f) for f in group)]
    if rule.id in ("age-limit", "age-limit-soon") and not missing and _levels_needed(ctx):
        if not roster.has_field("reserve_level") and not any(ctx.level(p) for p in roster.people):
            missing.append(("reserve_level",))
    if rule.id == "pool-size" and not missing and not _posts_known(ctx):
        missing.append(("posts",))
    if rule.id == "exam-failed" and missing and ctx.scores is not None:
        return []  # results come from the score workbook given with --scores
    return missing


def _levels_needed(ctx: AuditContext) -> bool:
    age = ctx.policy.age
    per_level = any(l.age_max or l.age_max_male or l.age_max_female for l in ctx.policy.levels.values())
    return per_level and not (age.max or age.max_male or age.max_female)


def _posts_known(ctx: AuditContext) -> bool:
    levels = ctx.policy.levels.values()
    return (
        any(l.pool_count for l in levels)
        or (ctx.posts.principal is not None or ctx.posts.deputy is not None)
        or (ctx.policy.pool.units_ratio is not None and ctx.posts.units is not None)
    )


def _skip_reason(groups: list[tuple[str, ...]]) -> str:
    parts = []
    for group in groups:
        if group == ("posts",):
            parts.append("领导职数（在名册中加“领导职数”工作表，列出单位、正职职数、副职职数；或用 --posts 指定；"
                         "按部门数确定的用 --units 指定部门、社区、管理处数）")
        else:
            parts.append("或".join(_column_name(f) for f in group))
    return "名册缺少" + "、".join(parts) + "列，该规则未检查" if ("posts",) not in groups else "缺少" + "、".join(parts)


def _column_name(field: str) -> str:
    if field == "flag:*":
        return "负面情形标注列（如“受处分情况”“失信被执行人”）"
    if field.endswith(":*"):
        return {"assessment:*": "“年度考核”"}.get(field, f"“{field}”")
    return f"“{field_label(field)}”"


def run_audit(roster: Roster, policy: Policy, as_of: dt.date, *, horizon_months: int | None = None,
              select: set[str] = frozenset(), ignore: set[str] = frozenset(), posts: PostCounts | None = None,
              scores: dict | None = None, progress: Callable[[int], None] | None = None) -> AuditResult:
    horizon = policy.age.horizon_months if horizon_months is None else horizon_months
    ctx = AuditContext(policy, as_of, roster, horizon, posts or PostCounts(), scores=scores)
    rules = choose_rules(policy, set(select), set(ignore))
    skipped: list[Skipped] = []
    active: list[Rule] = []
    for rule in rules:
        missing = _missing_columns(rule, roster, ctx)
        if missing:
            skipped.append(Skipped(rule.id, _skip_reason(missing)))
        else:
            active.append(rule)
    if any(r.id == "education" for r in active) and policy.education.full_time_minimum \
            and not roster.has_field("education_fulltime") and not _mentions_full_time(roster.people):
        skipped.append(Skipped("education", "名册没有区分全日制与在职学历（缺少“全日制教育”列），全日制学历要求未检查"))
    person_checks = [PERSON_CHECKS[r.id] for r in active if r.id in PERSON_CHECKS]
    findings: list[Finding] = []
    for i, person in enumerate(roster.people):
        for check in person_checks:
            findings.extend(check(ctx, person))
        if progress is not None and i % 500 == 499:
            progress(500)
    for rule in active:
        if rule.id in ROSTER_CHECKS:
            findings.extend(ROSTER_CHECKS[rule.id](ctx))
    if progress is not None:
        progress(len(roster.people) % 500)
    findings.sort(key=_order(roster))
    result = AuditResult(policy, as_of, roster, findings, skipped, active)
    result.status = statuses(roster.people, findings)
    return result


def _mentions_full_time(people: list[Person]) -> bool:
    return any("全日制" in str(p.record.raw("education") or "") for p in people[:200])


def _order(roster: Roster):
    sheets = {t.name: i for i, t in enumerate(roster.tables)}

    def key(f: Finding):
        cell = f.cell
        where = (sheets.get(cell.sheet, 99), cell.row, cell.col) if cell else (-1, 0, 0)
        return (where, SEVERITY_ORDER[f.severity], f.rule)

    return key


def statuses(people: list[Person], findings: list[Finding]) -> dict[int, str]:
    worst: dict[int, str] = {id(p): STATUS_OK for p in people}
    for f in findings:
        if f.person_key is None or f.person_key not in worst:
            continue
        if f.severity is Severity.ERROR and f.rule in REMOVAL_RULES:
            worst[f.person_key] = STATUS_REMOVE
        elif worst[f.person_key] != STATUS_REMOVE and f.severity is not Severity.INFO:
            worst[f.person_key] = STATUS_WATCH
    return worst
