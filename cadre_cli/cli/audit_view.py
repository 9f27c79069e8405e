"""Terminal view of an audit: summary by rule and by unit, then the findings."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cadre_cli.audit.engine import AuditResult
from cadre_cli.rules.registry import REGISTRY

SEVERITY_STYLE = {"error": "[red]错误[/]", "warning": "[yellow]警告[/]", "info": "[blue]提示[/]"}


def render(console: Console, roster: Path, result: AuditResult, target: Path | None, notes: list[str],
           limit: int | None) -> None:
    s = result.summary()
    status = s["status"]
    console.print(
        f"[bold]{escape(roster.name)}[/]：{len(result.roster.people)}人；政策 {result.policy.name}（{escape(result.policy.title)}）；"
        f"检查基准日 {result.as_of:%Y-%m-%d}"
    )
    console.print(
        f"错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 [blue]{s['infos']}[/] 条；"
        f"{'（不含隐藏行）' if result.hidden else ''}合格 {status['合格']} 人，需关注 {status['需关注']} 人，取消资格建议 [red]{status['取消资格建议']}[/] 人。"
    )
    hidden = result.hidden_people()
    if hidden:
        reasons = s["hidden"]["reasons"]
        parts = [f"{n} 行为{why}" for why, n in reasons.items()]
        h = s["hidden"]["status"]
        console.print(f"其中{'、'.join(parts)}（在 Excel 中隐藏、折叠或被筛选掉），已照常检查，单独列出，不计入上面的人数：" +
                      f"合格 {h['合格']} 人，需关注 {h['需关注']} 人，取消资格建议 {h['取消资格建议']} 人。")
    if s["by_rule"]:
        table = Table(title="按规则统计", title_justify="left")
        for col in ("规则", "名称", "级别", "条数"):
            table.add_column(col)
        for rule_id, count in sorted(s["by_rule"].items(), key=lambda kv: (-kv[1], kv[0])):
            rule = REGISTRY[rule_id]
            table.add_row(rule_id, rule.title, SEVERITY_STYLE[rule.severity.value], str(count))
        console.print(table)
    units = s["by_unit"]
    if len(units) > 1:
        table = Table(title="按单位统计", title_justify="left")
        for col in ("单位", "人数", "错误", "警告"):
            table.add_column(col)
        for unit, counts in units.items():
            table.add_row(escape(unit), str(counts.get("people", 0)), str(counts.get("error", 0)), str(counts.get("warning", 0)))
        console.print(table)
    shown = result.findings if limit is None else result.findings[:limit]
    if shown:
        console.print(_findings_table(console, result, shown))
        if len(shown) < len(result.findings):
            console.print(f"……另有{len(result.findings) - len(shown)}条未在屏幕上列出，见输出工作簿的“问题清单”，或加 --all。")
    else:
        console.print("[green]没有发现问题。[/]")
    if hidden:
        shown = "、".join(f"{escape(p.sheet)}第{p.row}行 {escape(p.name or '—')}（{result.status.get(id(p), '合格')}）"
                         for p in hidden[:50])
        console.print(f"隐藏行的人员：{shown}" + ("等" if len(hidden) > 50 else "") + "。")
    for skipped in result.skipped:
        console.print(f"[dim]未检查 {skipped.rule}：{escape(skipped.reason)}[/]")
    for note in notes:
        console.print(f"注意：{escape(note)}")
    if target is not None:
        console.print(f"标注后的工作簿已写到：[bold]{escape(str(target))}[/]（原文件未改动）")


RULE_COLOR = {"error": "red", "warning": "yellow", "info": "blue"}


def _findings_table(console: Console, result: AuditResult, shown: list) -> Table:
    """All columns on a wide terminal; on a narrow one the sheet name, unit and severity
    give way to the message (the rule id is coloured by severity instead)."""
    wide = console.width >= 120
    one_sheet = len(result.roster.tables) == 1
    table = Table(title="问题明细", title_justify="left", show_lines=False)
    columns = ("位置", "姓名", "单位", "级别", "规则", "问题") if wide else ("位置", "姓名", "规则", "问题")
    for col in columns:
        table.add_column(col, overflow="fold", no_wrap=col in ("位置", "规则", "姓名"))
    for f in shown:
        where = "（整体）" if f.cell is None else (f.cell.ref if one_sheet else f"{f.cell.sheet}!{f.cell.ref}")
        name = escape(f.name or "—")
        if wide:
            table.add_row(escape(where), name, escape(f.unit or "—"), SEVERITY_STYLE[f.severity.value], f.rule,
                          escape(f.message))
        else:
            table.add_row(escape(where), name, f"[{RULE_COLOR[f.severity.value]}]{f.rule}[/]", escape(f.message))
    return table
