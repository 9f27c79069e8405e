"""The 计算说明: formula, policy, pass marks and rounding rule, in Chinese, as printed
under the 成绩汇总 sheet and shown on the terminal. The formula is the scheme's."""

from __future__ import annotations

from cadre_cli.policy.schema import Policy
from cadre_cli.rules.registry import REGISTRY
from cadre_cli.score.schemes import scheme_of

STAGE_LABELS = {"panel": "考评分", "poll": "测评分", "written": "笔试成绩", "speech": "演讲答辩", "org": "组织考察",
                "interview": "面试成绩"}


def method_lines(policy: Policy, source_name: str) -> list[str]:
    s = policy.score
    scheme = scheme_of(policy)
    rule = REGISTRY.defined(scheme.rule, "cadre_cli.rules.scoring")
    basis = policy.cite(scheme.rule, rule.basis)
    lines = [f"计分依据：政策“{policy.name}”（{policy.title}），{basis}。", *scheme.formula(policy)]
    final = scheme.final
    if s.round_stages:
        lines.append(f"舍入：{scheme.rounded}先各自四舍五入保留两位小数，再由这些数值计算{final}并四舍五入保留两位小数。")
    else:
        lines.append(f"舍入：{final}由未经舍入的分项直接计算，最后四舍五入保留两位小数（与 Excel 对整个公式用 ROUND 相同）；"
                     "表中显示的各分项也各自四舍五入保留两位小数。")
    tie = ""
    if s.tie_break:
        tie = "；分数相同时依次比较" + "、".join(STAGE_LABELS[t] for t in s.tie_break) + "，仍相同者名次相同"
    lines.append(f"名次：按{final}（保留两位小数后）从高到低排列，分数相同者名次相同（如1、2、2、4）{tie}。")
    lines.append(f"本表由 cadre score 根据“{source_name}”计算生成，单元格中是数值（不是公式）。")
    return lines
