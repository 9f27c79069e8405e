"""The 计算说明: formula, policy, pass marks and rounding rule, in Chinese, as printed
under the 成绩汇总 sheet and shown on the terminal."""

from __future__ import annotations

from decimal import Decimal

from cadre_cli.policy.schema import Policy
from cadre_cli.rules.registry import REGISTRY
from cadre_cli.score.cells import plain

STAGE_LABELS = {"panel": "考评分", "poll": "测评分", "written": "笔试成绩", "speech": "演讲答辩", "org": "组织考察"}


def _pct(weight: Decimal) -> str:
    return f"{plain(weight * 100)}%"


def method_lines(policy: Policy, source_name: str) -> list[str]:
    s = policy.score
    scheme = s.scheme or "defense"
    rule = "score-enterprise" if scheme == "enterprise" else "score-defense"
    basis = policy.cite(rule, REGISTRY[rule].basis)
    lines = [f"计分依据：政策“{policy.name}”（{policy.title}），{basis}。"]
    trim = "，去掉一个最高分和一个最低分后" if s.trim_panel else ""
    if scheme == "enterprise":
        e = s.enterprise
        lines += [
            f"总成绩 = 笔试（满分{plain(e.written_max)}分）+ 演讲答辩（满分{plain(e.speech_max)}分）+ 组织考察（满分{plain(e.org_max)}分，"
            f"其中公司领导班子{plain(e.leadership_max)}分、中层干部{plain(e.middle_max)}分、职工代表{plain(e.staff_max)}分）。",
            f"演讲答辩有评委评分的取各评委评分{trim}的平均分；组织考察填了三项评分的取三项之和。",
            "缺考或成绩空白不计零分，不计算总成绩。",
        ]
        final = "总成绩"
    else:
        g = s.grade_points
        if s.written_pass is not None:
            lines.append(f"笔试成绩达到{plain(s.written_pass)}分为合格，合格者方可进入答辩测评；笔试成绩不带入答辩测评分数；"
                         "缺考或成绩空白不计零分，不计算成绩。")
        lines += [
            f"考评分 = 考评组各评委评分{trim}的平均分；表中只有考评分（无评委评分）的，按所填考评分。",
            f"测评分 =（优秀票×{plain(g.excellent)} + 称职票×{plain(g.competent)} + 基本称职票×{plain(g.basic)}"
            f" + 不称职票×{plain(g.incompetent)}）÷ 测评人数；未投票的人计入测评人数。表中只有测评分的，按所填测评分。",
            f"答辩测评分 = 考评分×{_pct(s.panel_weight)} + 测评分×{_pct(s.poll_weight)}"
            + (f"，达到{plain(s.defense_pass)}分为合格。" if s.defense_pass is not None else "。"),
        ]
        final = "答辩测评分"
    if s.round_stages:
        stages = "演讲答辩" if scheme == "enterprise" else "考评分、测评分"
        lines.append(f"舍入：{stages}先各自四舍五入保留两位小数，再由这些数值计算{final}并四舍五入保留两位小数。")
    else:
        lines.append(f"舍入：{final}由未经舍入的分项直接计算，最后四舍五入保留两位小数（与 Excel 对整个公式用 ROUND 相同）；"
                     "表中显示的各分项也各自四舍五入保留两位小数。")
    tie = ""
    if s.tie_break:
        tie = "；分数相同时依次比较" + "、".join(STAGE_LABELS[t] for t in s.tie_break) + "，仍相同者名次相同"
    lines.append(f"名次：按{final}（保留两位小数后）从高到低排列，分数相同者名次相同（如1、2、2、4）{tie}。")
    lines.append(f"本表由 cadre score 根据“{source_name}”计算生成，单元格中是数值（不是公式）。")
    return lines
