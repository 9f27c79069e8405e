"""Exam and defense results (S6, R8, S9): below the pass mark, or written as 不合格."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, Groups, Severity, person_rule

FAILED_WORDS = ("不合格", "不及格", "未通过")


def shown(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def exam_columns(ctx: AuditContext, missing: Groups) -> Groups:
    return [] if ctx.scores is not None else missing  # results from the score workbook given with --scores


@person_rule(
    "exam-failed", severity=E, title="考试或答辩测评不合格", topic="考试和答辩",
    explanation=("笔试或答辩测评成绩低于合格分数（或结果为“不合格”）的，取消后备资格；可由名册中的成绩列或 --scores 给"
                 "出的成绩表判断。"),
    sources=("S6", "R8", "S9"), basis="《后备干部培养管理实施规定》四(八)",
    params=(POLICY.score.written_pass, POLICY.score.defense_pass, POLICY.score.exam_required),
    needs=(("written", "defense"),), any_param=True, removes=True, columns=exam_columns,
)
def exam_failed(ctx: AuditContext, person: Person) -> Iterator[Finding]:
    score = ctx.policy.score
    external = ctx.scores_of(person)
    for field, label, mark in (("written", "笔试", score.written_pass), ("defense", "答辩测评", score.defense_pass)):
        value, source = person.get(field), ""
        cell = person.cell(field)
        if value is None and field in external:
            value, where = external[field]
            source = f"（据{where}）"
        if value is None:
            continue
        if isinstance(value, str):
            if value in FAILED_WORDS:
                yield ctx.finding("exam-failed", person, f"{label}结果为“{value}”{source}，应取消后备资格", cell)
            elif value == "缺考":
                yield ctx.finding("exam-failed", person, f"{label}缺考{source}，请核实是否属于不服从调训", cell,
                                  Severity.WARNING)
        elif mark is not None and value < mark:
            yield ctx.finding("exam-failed", person,
                              f"{label}成绩{shown(value)}分{source}，低于{shown(mark)}分的合格线，应取消后备资格", cell,
                              data={"stage": field, "score": value, "pass_mark": mark})
