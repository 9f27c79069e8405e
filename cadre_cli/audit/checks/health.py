"""Health (R6; 身体健康 as a basic condition in the college, school, street and company
schemes). What a 健康状况 cell says is sorted into poor, fair, healthy or unreadable.

Values seen in cadre systems: the code table GB/T 2261.3 as the 任免审批表 editor uses it
(健康 / 一般 / 较差), 良好, and free text (`较差（长期病休）`, `患高血压`, `无重大疾病`)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from cadre_cli.audit.context import AuditContext
from cadre_cli.audit.finding import Finding
from cadre_cli.model.person import Person
from cadre_cli.parse.text import squash
from cadre_cli.rules.params import POLICY
from cadre_cli.rules.registry import E, Severity, person_rule

POOR, FAIR, HEALTHY = "poor", "fair", "healthy"

_POOR = ("较差", "很差", "差", "病休", "病假", "长期病", "住院", "卧床", "丧失", "不能", "无法", "不宜", "重病", "重症",
         "瘫", "病危", "休养")
_FAIR = ("一般", "较弱", "弱", "欠佳", "基本健康", "亚健康", "慢性", "残", "缺陷", "病史", "患", "疾病", "病")
_HEALTHY = ("健康", "良好", "好", "优", "正常", "强健", "佳", "无")
# "无重大疾病", "无慢性病史", "未见异常": a denial of illness, not an illness
_DENIED = re.compile(r"(?:无|没有|未发现|未见|未患)[^，,；;、。]*?(?:病史|疾病|病|异常|残疾|缺陷)")


def classify(text: str) -> str | None:
    """POOR, FAIR or HEALTHY; None when the text says nothing this can read."""
    s = squash(text)
    rest = _DENIED.sub("", s)
    if any(w in rest for w in _POOR):
        return POOR
    if any(w in rest for w in _FAIR):
        return FAIR
    if rest != s or any(w in s for w in _HEALTHY):
        return HEALTHY
    return None


@person_rule(
    "health", severity=E, title="健康状况不符合要求", topic="健康状况",
    explanation=("按政策的 health.condition：“身体健康”（高校、学校、街道、企业方案把身体健康列为基本条件）"
                 "时，健康状况为较差、病休、住院、不能工作等为错误，“一般”“较弱”、慢性病、残疾或写法无法判断的为警告，"
                 "空白提示补填；“能胜任工作”（县级规定“由于健康原因，不能担负本职工作任务的”、"
                 "村级“身体状况差，不能正常履行职责的”）时，只有较差、病休、不能工作等才提示取消资格，"
                 "“一般”不算，无法判断的只作提示。"),
    sources=("R6",), basis="《后备干部培养管理实施规定》四(六)",
    params=(POLICY.health.condition,), needs=(("health",),), removes=True,
    example="健康状况为“较差（长期病休）”，不符合“身体健康”的条件",
)
def health(ctx: AuditContext, person: Person) -> Iterable[Finding]:
    condition = ctx.policy.health.condition
    if condition is None:
        return ()
    text = person.get("health")
    strict = condition == "身体健康"
    if text is None:
        return [ctx.missing("health", person, ("health",), "健康状况")] if strict else ()
    state = classify(text)
    cell = person.cell("health")
    if state == HEALTHY or (state == FAIR and not strict):
        return ()
    if strict:
        if state == POOR:
            return [ctx.finding("health", person, f"健康状况为“{text}”，不符合“身体健康”的条件", cell)]
        if state == FAIR:
            return [ctx.finding("health", person, f"健康状况为“{text}”，请核实是否符合“身体健康”的条件", cell,
                                Severity.WARNING)]
        return [ctx.finding("health", person, f"健康状况“{text}”无法判断是否符合“身体健康”的条件，请核实", cell,
                            Severity.WARNING)]
    if state == POOR:
        return [ctx.finding("health", person, f"健康状况为“{text}”，如由于健康原因不能担负本职工作任务，应取消后备干部资格",
                            cell)]
    ctx.unchecked("health", person, ("health",), f"健康状况“{text}”无法判断")  # a note, not a verdict: not 合格
    return [ctx.finding("health", person, f"健康状况“{text}”无法判断，请核实是否影响履行职责", cell, Severity.INFO)]
