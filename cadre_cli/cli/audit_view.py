"""Terminal view of an audit: summary by rule and by unit, then the findings."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cadre_cli.audit.engine import AuditResult
from cadre_cli.audit.verdict import APART_TITLE, INACTIVE, LABELS, apart_line, gap_lines
from cadre_cli.rules.registry import REGISTRY

SEVERITY_STYLE = {"error": "[red]错误[/]", "warning": "[yellow]警告[/]", "info": "[blue]提示[/]"}


def render(console: Console, roster: Path, result: AuditResult, target: Path | None, notes: list[str],
           limit: int | None, strict: bool = False) -> None:
    s = result.summary()
    status = s["status"]
    complete = result.complete
    # how complete the check was comes first, before any count: a first line copied into a report is true
    # (soft-wrapped: the terminal folds a long line anywhere, rich would break it at a space after a number)
    console.print(f"[bold {'green' if complete else 'yellow'}]{escape(result.completeness())}[/]", soft_wrap=True)
    apart = status[LABELS[INACTIVE]]
    read = f"{len(result.roster.people)}人" + (f"（其中{APART_TITLE}{apart}人）" if apart else "")
    console.print(
        f"[bold]{escape(roster.name)}[/]：{read}；政策 {result.policy.name}（{escape(result.policy.title)}）；"
        f"检查基准日 {result.as_of:%Y-%m-%d}"
    )
    console.print(
        f"合格 {status['合格']} 人，需关注 {status['需关注']} 人，取消资格建议 [red]{status['取消资格建议']}[/] 人，"
        f"未能全部核查 [yellow]{status['未能全部核查']}[/] 人，不在岗 {apart} 人。"
    )
    console.print(f"错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 [blue]{s['infos']}[/] 条。")
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
    elif complete:
        console.print("[green]没有发现问题。[/]")
    else:
        console.print("[yellow]在已核查的规则中未发现问题；但有规则未能核查（见下），不能据此认定合格。[/]")
    _coverage(console, result, limit)
    for note in notes:
        console.print(f"注意：{escape(note)}")
    if strict and not complete:
        console.print("[yellow]已加 --strict：有规则未能核查，退出码为1。[/]")
    if target is not None:
        console.print(f"标注后的工作簿已写到：[bold]{escape(str(target))}[/]（原文件未改动）")


def _coverage(console: Console, result: AuditResult, limit: int | None) -> None:
    """The rules not checked (each said once), then the people listed apart."""
    sheets = len(result.roster.tables)
    candidates = result.candidates
    names = None if limit is None else 10
    lines = gap_lines(result.coverage, candidates, sheets, names=names)
    if lines:
        console.print("[bold yellow]未能核查：[/]")
        for line in lines:
            console.print(f"  {escape(line)}", soft_wrap=True)
    apart = apart_line(result.roster.people, result.verdicts, sheets, names=names)
    if apart:
        console.print(escape(apart), soft_wrap=True)


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
