"""The verdict per person, and how complete the audit was.

合格 only when every enabled rule was checked for the person with data in their own row;
a person with no finding but a rule left unchecked is 未能全部核查; a person whose row
says they are not an active candidate is listed apart (不在岗) and never judged.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cadre_cli.audit.coverage import POSTS, column_label, topic
from cadre_cli.audit.finding import Finding, Gap, Skipped, person_key
from cadre_cli.rules.registry import REGISTRY, Rule, Severity

if TYPE_CHECKING:
    from cadre_cli.diagnostic import PersonKey

if TYPE_CHECKING:
    from cadre_cli.model.person import Person

OK, ATTENTION, DISQUALIFY, INCOMPLETE, INACTIVE = "ok", "attention", "disqualify", "incomplete", "inactive"
LABELS = {OK: "合格", ATTENTION: "需关注", DISQUALIFY: "取消资格建议", INCOMPLETE: "未能全部核查", INACTIVE: "不在岗"}
APART_TITLE = "不在册/非在岗"


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # one of LABELS
    gaps: tuple[Gap, ...] = ()  # the rules not checked for this person, and why
    apart: str | None = None  # why the person is listed apart (INACTIVE)

    @property
    def label(self) -> str:
        return LABELS[self.status]


def judge(findings: list[Finding], gaps: tuple[Gap, ...] | list[Gap]) -> str:
    """The status of an active person from their findings and unchecked rules."""
    status = OK
    for f in findings:
        if f.severity is Severity.ERROR and REGISTRY[f.rule].removes:  # the rule's error removes the status
            return DISQUALIFY
        if f.severity is not Severity.INFO:
            status = ATTENTION
    if status == OK and gaps:
        return INCOMPLETE
    return status


@dataclass
class RuleCoverage:
    """One enabled rule: not checked at all (`skipped`), or not for some people."""

    rule: Rule
    skipped: Skipped | None = None
    people: list[tuple[Person, Gap]] = field(default_factory=list)

    @property
    def checked(self) -> bool:
        return self.skipped is None and not self.people

    @property
    def topic(self) -> str:
        return topic(self.rule)


def rule_coverage(enabled: list[Rule], skipped: list[Skipped], people: list[Person],
             verdicts: dict[PersonKey, Verdict]) -> list[RuleCoverage]:
    by_rule = {rule.id: RuleCoverage(rule) for rule in enabled}
    for s in skipped:
        if s.rule in by_rule:
            by_rule[s.rule].skipped = s
    for person in people:
        verdict = verdicts[person_key(person)]
        for gap in verdict.gaps:
            entry = by_rule.get(gap.rule)
            if entry is not None and not gap.everyone and (not entry.people or entry.people[-1][0] is not person):
                entry.people.append((person, gap))
    return list(by_rule.values())


def completeness(rules: list[RuleCoverage], candidates: int) -> str:
    """The first line of every summary: how much of the policy was checked.

    `已核查 11 条规则中的 2 条：9 条因缺少“身份证号”“出生年月”“年度考核”等列未能核查。`"""
    if candidates == 0:
        return f"没有核查任何人：名册中的人都已另列为{APART_TITLE}。"
    total = len(rules)
    checked = sum(1 for r in rules if r.checked)
    if checked == total:
        return f"已核查全部 {total} 条规则。"
    parts = []
    skipped = [r for r in rules if r.skipped is not None]
    if skipped:
        fields = list(dict.fromkeys(f for r in skipped for f in r.skipped.fields))
        columns = [f"“{column_label(f)}”" for f in fields if f != POSTS[0]]
        wanted = "".join(columns[:3]) + ("等" if len(columns) > 3 else "") + ("列" if columns else "")
        if POSTS[0] in fields:
            wanted += "和领导职数" if columns else "领导职数"
        parts.append(f"{len(skipped)} 条因缺少{wanted}未能核查")
    partial = [r for r in rules if r.skipped is None and r.people]
    # a rule whose column is there but unusable for every person is unchecked for all, not for some
    whole = [r for r in partial if len({person_key(p) for p, _ in r.people}) >= candidates]
    if whole:
        parts.append(f"{len(whole)} 条对全部 {candidates} 人均未能核查（名册中的信息不足）")
    some = [r for r in partial if r not in whole]
    if some:
        persons = {person_key(p) for r in some for p, _ in r.people}
        parts.append(f"{len(some)} 条对部分人员未能核查（{len(persons)} 人的信息不全）")
    return f"已核查 {total} 条规则中的 {checked} 条：" + "；".join(parts) + "。"


def status_counts(verdicts: dict[PersonKey, Verdict]) -> dict[str, int]:
    counts = Counter(v.status for v in verdicts.values())
    return {LABELS[s]: counts.get(s, 0) for s in LABELS}


def _where(person: Person, sheets: int) -> str:
    return f"工作表“{person.sheet}”第{person.row}行" if sheets > 1 else f"第{person.row}行"


def _who(person: Person) -> str:
    return person.name or "（无姓名）"


def gap_lines(rules: list[RuleCoverage], candidates: int, sheets: int = 1, names: int | None = 10) -> list[str]:
    """The rules not checked, each said once: for everyone (with the reason), for all
    people alike, or for some (how many, who and why); at most `names` people each."""
    lines = [f"{r.rule.id}（{r.topic}）：{r.skipped.brief or r.skipped.reason}" for r in rules if r.skipped is not None]
    for r in rules:
        if r.skipped is not None or not r.people:
            continue
        n = len(r.people)
        reasons = {g.reason for _, g in r.people}
        head = f"{r.rule.id}（{r.topic}）："
        if n == candidates and len(reasons) == 1:
            lines.append(f"{head}全部 {n} 人均未能核查（{reasons.pop()}）")
            continue
        shown = r.people if names is None else r.people[:names]
        if len(reasons) == 1:
            who = "、".join(f"{_who(p)}（{_where(p, sheets)}）" for p, _ in shown)
            text = f"{head}{n} 人未能核查（{reasons.pop()}）：{who}"
        else:
            who = "、".join(f"{_who(p)}（{_where(p, sheets)}，{g.reason}）" for p, g in shown)
            text = f"{head}{n} 人未能核查：{who}"
        lines.append(text + (f"等 {n} 人" if len(shown) < n else ""))
    return lines


def apart_line(people: list[Person], verdicts: dict[PersonKey, Verdict], sheets: int = 1, names: int | None = 10) -> str | None:
    """Who is listed apart, said once: `不在册/非在岗 2 人（未参加核查，不计入合格）：…`."""
    apart = [p for p in people if verdicts[person_key(p)].status == INACTIVE]
    if not apart:
        return None
    shown = apart if names is None else apart[:names]
    who = "、".join(f"{_who(p)}（{_where(p, sheets)}，{verdicts[person_key(p)].apart}）" for p in shown)
    more = f"等 {len(apart)} 人" if len(shown) < len(apart) else ""
    return f"{APART_TITLE} {len(apart)} 人（未参加核查，不计入合格，公示时不列入）：{who}{more}"


def gaps_text(gaps: tuple[Gap, ...]) -> str:
    """A person's unchecked rules in one cell, those with the same reason together:
    `年龄、即将超龄（出生年月为空）；年度考核（名册没有“年度考核”列）`."""
    by_reason: dict[str, list[str]] = {}
    for g in gaps:
        topics = by_reason.setdefault(g.reason, [])
        name = topic(REGISTRY[g.rule])
        if name not in topics:
            topics.append(name)
    return "；".join(f"{'、'.join(topics)}（{reason}）" for reason, topics in by_reason.items())


def gaps_brief(gaps: tuple[Gap, ...]) -> str:
    """The same in a few words for a roster cell: rules the roster has no columns for by
    name only (`负面情形、履职体会（名册无此列）`), the person's own gaps with the reason."""
    everyone = list(dict.fromkeys(topic(REGISTRY[g.rule]) for g in gaps if g.everyone))
    own = [g for g in gaps if not g.everyone]
    parts = ["、".join(everyone) + "（名册无此列）"] if everyone else []
    if own:
        parts.append(gaps_text(tuple(own)))
    return "；".join(parts)
