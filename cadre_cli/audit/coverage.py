"""What each rule could check: for the whole roster (its columns are there) and for each
person (their row has the values it needs).

Both come from the rules. A rule's `needs` (rules/registry.py) names the column groups
it reads; its column hook (`Rule.columns`) adjusts them to the policy and the
options. For a person, a check that cannot judge says so (`AuditContext.missing`, a 缺少
warning, or `AuditContext.unchecked`); otherwise a rule with no finding for the person
was checked when the row has a value in each of its `needs` groups, unless the rule
takes a blank as an answer (`blank_means_none`: no secondment, no mark).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre_cli.audit.finding import Gap, Skipped, person_key
from cadre_cli.parse.text import cell_text
from cadre_cli.readers.fields import field_label
from cadre_cli.rules.registry import REGISTRY, Rule

if TYPE_CHECKING:
    from cadre_cli.audit.context import AuditContext
    from cadre_cli.model.person import Person

POSTS = ("posts",)  # a need that is not a column: leadership posts (领导职数)


def topic(rule: Rule) -> str:
    """What a rule checks, in a word or two, for `年龄：出生年月为空`."""
    return rule.topic or rule.title


def gap_json(gap: Gap) -> dict:
    return {"rule": gap.rule, "topic": topic(REGISTRY[gap.rule]), "reason": gap.reason,
            "fields": [column_label(f) for f in gap.fields]}


def column_label(field: str) -> str:
    """A field as the column a user would add or fill in."""
    if field == "flag:*":
        return "负面情形标注"
    if field == "assessment:*":
        return "年度考核"
    if field == "posts":
        return "领导职数"
    if field.startswith("poll:") and field != "poll:voters":
        return f"民主测评{field_label(field)}票数"
    return field_label(field)


def _joined(fields: tuple[str, ...] | list[str], word: str) -> str:
    labels = list(dict.fromkeys(column_label(f) for f in fields))
    return labels[0] if len(labels) == 1 else "、".join(labels[:-1]) + word + labels[-1]


def blank_reason(person: Person, fields: tuple[str, ...]) -> str:
    """What the row has in fields a rule needed: `出生年月为空`, `出生年月无法识别`,
    `后备类别为“正处级”，无法据此检查` (a value the policy does not know)."""
    bad = _unreadable(person)
    columns = person.record.columns
    for f in fields:
        if any(c in bad for c in _columns_of(f, columns)):
            return f"{column_label(f)}无法识别"
    for f in fields:
        present = [c for c in _columns_of(f, columns) if person.record.has(c)]
        if present:
            return f"{column_label(f)}为“{cell_text(person.record.raw(present[0]))}”，无法据此检查"
    shown = tuple(f for f in fields if _columns_of(f, columns))
    if not shown:
        return f"没有{_joined(fields, '和')}"
    if len(shown) == 1:
        return f"{column_label(shown[0])}为空"
    return f"{_joined(shown, '和')}均为空"


def _unreadable(person: Person) -> set[str]:
    bad = {p.field for p in person.problems} if person.problems else set()
    if person.id_problem is not None:
        bad.add("id_number")
    return bad


# --- the whole roster -------------------------------------------------------------------

def column_gaps(rule: Rule, ctx: AuditContext) -> list[tuple[str, ...]]:
    """The column groups of a rule that the roster lacks (each: "one of these")."""
    roster = ctx.roster
    missing = [group for group in rule.needs if not any(roster.has_field(f) for f in group)]
    return rule.columns(ctx, missing) if rule.columns is not None else missing


def skipped_for(rule: Rule, groups: list[tuple[str, ...]]) -> Skipped:
    """A rule not checked at all, with the reason the terminal and the workbook give."""
    parts = []
    for group in groups:
        if group == POSTS:
            parts.append("领导职数（在名册中加“领导职数”工作表，列出单位、正职职数、副职职数；或用 --posts 指定；"
                         "按部门数确定的用 --units 指定部门、社区、管理处数）")
        else:
            example = "（如“受处分情况”“失信被执行人”）" if "flag:*" in group else ""
            parts.append("或".join(_column_name(f) for f in group) + "列" + example)
    if POSTS in groups:
        reason = brief = "缺少" + "、".join(parts)
    else:
        reason = "名册缺少" + "、".join(parts) + "，该规则未检查"
        brief = "名册没有" + "、".join(parts)
    return Skipped(rule.id, reason, tuple(group[0] for group in groups), brief)


def _column_name(field: str) -> str:
    return "负面情形标注" if field == "flag:*" else f"“{column_label(field)}”"


def everyone_gap(rule: Rule, groups: list[tuple[str, ...]]) -> Gap:
    """The same gap for every person when the roster lacks a rule's columns, in a few
    words (the whole reason, with examples of headers, is said once in its Skipped)."""
    if POSTS in groups:
        reason = "没有领导职数"
    else:
        reason = "名册没有" + "、".join("或".join(f"“{column_label(f)}”" for f in g) + "列" for g in groups)
    return Gap(rule.id, reason, tuple(f for g in groups for f in g), everyone=True)


# --- each person ------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class TablePlan:
    """For one table: the distinct `needs` groups of the rules, each with the table's own
    columns for it; which groups each rule needs; and the rules the table cannot serve
    at all (their columns are only on other sheets)."""

    groups: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]
    needs: tuple[tuple[str, tuple[int, ...]], ...]
    gaps: tuple[Gap, ...]


def table_plan(columns: dict[str, int], sheet: str, rules: list[Rule]) -> TablePlan:
    groups: dict[tuple[str, ...], int] = {}
    needs, gaps = [], []
    for rule in rules:
        if rule.blank_means_none or rule.scope == "pool" or not rule.needs:
            continue
        absent = [g for g in rule.needs if not _columns(g, columns) and not any(f in _ELSEWHERE for f in g)]
        if absent:
            wanted = "、".join("或".join(f"“{column_label(f)}”" for f in g) + "列" for g in absent)
            gaps.append(Gap(rule.id, f"工作表“{sheet}”没有{wanted}", absent[0]))
            continue
        needs.append((rule.id, tuple(groups.setdefault(g, len(groups)) for g in rule.needs)))
    return TablePlan(tuple((g, _columns(g, columns)) for g in groups), tuple(needs), tuple(gaps))


def _columns(group: tuple[str, ...], columns: dict[str, int]) -> tuple[str, ...]:
    return tuple(c for f in group for c in _columns_of(f, columns))


def _columns_of(field: str, columns: dict[str, int]) -> list[str]:
    if field.endswith(":*"):
        prefix = field[:-1]
        found = [k for k in columns if k.startswith(prefix)]
        if field == "assessment:*" and "assessment_text" in columns:
            found.append("assessment_text")  # 近三年考核结果: several years in one cell
        return found
    return [field] if field in columns else []


def _reserve_level(ctx: AuditContext, person: Person) -> bool:
    return person.reserve_level is not None  # 后备类别, or the section line above the row


def _score(field: str):
    def has(ctx: AuditContext, person: Person) -> bool:
        return field in ctx.scores_of(person)
    return has


def _assessed(ctx: AuditContext, person: Person) -> bool:
    """Grades read from a column of one year, from several years in one cell
    (近三年考核结果) or from a sheet of one row per person and year."""
    return any(grade is not None for grade in person.assessments.values())


# Values a person may have outside their own cells of one column each: a section line,
# the --scores workbook, grades from a free-text cell or a long-form sheet.
_ELSEWHERE = {"reserve_level": _reserve_level, "written": _score("written"), "defense": _score("defense"),
              "assessment:*": _assessed}


def person_gaps(ctx: AuditContext, person: Person, plan: TablePlan, decided: set[str] | frozenset) -> tuple[Gap, ...]:
    """The rules that were active but not checked for this person: what the checks said,
    then each rule without a finding whose needs the row does not meet. (Runs once per
    person: the common case, every group met and nothing said, returns at once.)"""
    values = person.record.values
    bad = _unreadable(person) if person.problems or person.id_problem is not None else ()
    unmet = None
    for i, (group, concrete) in enumerate(plan.groups):
        for f in concrete:
            if f in values and f not in bad:
                break
        else:
            if not any(f in _ELSEWHERE and _ELSEWHERE[f](ctx, person) for f in group):
                unmet = (unmet or set()) | {i}
    explicit = ctx.gaps.get(person_key(person)) if ctx.gaps else None
    if unmet is None and not explicit:
        return plan.gaps
    out = list(plan.gaps)
    said = set()
    if explicit:
        out.extend(explicit)
        said = {g.rule for g in explicit}
    if unmet:
        for rule_id, wanted in plan.needs:
            if rule_id in decided or rule_id in said:
                continue
            missing = next((i for i in wanted if i in unmet), None)
            if missing is not None:
                group = plan.groups[missing][0]
                out.append(Gap(rule_id, blank_reason(person, group), group))
    return tuple(out)
