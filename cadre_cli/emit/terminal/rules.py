"""The rule registry on the terminal: the table of every rule (`render_list`), or one rule
explained (`render_rule`), like `ruff rule`."""

from __future__ import annotations

from typing import Any

from cadre_cli.api.rules import RuleReport, RulesReport
from cadre_cli.emit.severity import markup

PRESET_SHORT = {
    "county": "县", "county-term": "临", "young-cadre": "青", "college": "院", "street": "街",
    "school": "校", "village": "村", "enterprise": "企", "bureau": "局",
}


def render_list(console: Any, report: RulesReport) -> None:
    from rich import box
    from rich.table import Table

    from cadre_cli.cli.common import stacked

    table = Table(title="检查规则（cadre rules 编号 查看详细说明）", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("编号", style="bold cyan", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("名称与依据", ratio=1)
    table.add_column("启用的预设", max_width=14, overflow="fold")
    for entry in report.rules:
        r = entry.rule
        on = " ".join(PRESET_SHORT.get(n, n) for n in entry.presets)
        table.add_row(r.id, markup(r.severity.value), stacked(r.title, (entry.basis, "dim")),
                      "全部" if not r.params else on or "（需设定参数）")
    console.print(table)
    console.print("预设简称：" + "、".join(f"{v}={k}" for k, v in PRESET_SHORT.items()))


def _grouped(citations: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, cite in citations.items():
        out.setdefault(cite, []).append(name)
    return out


def _shown(value: Any) -> str:
    """A parameter's value as the terminal shows it: a switch as 是/否, not True/False."""
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def render_rule(console: Any, report: RuleReport) -> None:
    rule, entry, one = report.rule, report.entry, report.policy is not None
    console.print(f"[bold cyan]{rule.id}[/]  {markup(rule.severity.value)}  [bold]{rule.title}[/]")
    console.print(rule.explanation)
    citations = entry.basis_by_preset
    if len(set(citations.values())) > 1:
        console.print("依据：", markup=False)
        for cite, names in _grouped(citations).items():
            console.print(f"  {cite}（{'、'.join(names)}）", markup=False)
    else:
        console.print(f"依据：{next(iter(citations.values()), rule.basis)}", markup=False)
    if rule.example:
        console.print(f"示例：{rule.example}")
    for heads in report.columns:
        console.print(f"需要的列（任一）：{'；'.join(heads)}", markup=False)
    if not rule.params:
        console.print("在所有政策中启用（数据规范规则）。")
        return
    console.print("读取的政策参数及各预设中的取值：")
    for param, values in report.param_values.items():
        shown = "；".join(f"{name}={_shown(value)}" for name, value in values.items()) or ("（未设定）" if one else "（各预设均未设定）")
        console.print(f"  {param}：{shown}", markup=False)
    if one:
        console.print(f"在政策 {report.policy} 中{'启用' if entry.presets else '未启用（须在政策文件中设定参数）'}", markup=False)
        return
    console.print(f"启用的预设：{'、'.join(entry.presets) or '无（须在政策文件中设定参数）'}")
