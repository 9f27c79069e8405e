"""Terminal view of an audit: summary by rule and by unit, then the findings."""

from __future__ import annotations

from pathlib import Path

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cadre_cli.cli.common import stacked

from cadre_cli.api.audit import AuditReport
from cadre_cli.audit.engine import AuditResult
from cadre_cli.audit.verdict import APART_TITLE, INACTIVE, LABELS, apart_line, gap_lines
from cadre_cli.cli.common import labelled
from cadre_cli.emit.severity import RANK, markup
from cadre_cli.parse.dates import chinese_date
from cadre_cli.rules.registry import REGISTRY



def render(console: Console, report: AuditReport, limit: int | None, strict: bool = False,
           verbose: bool = False) -> None:
    """The audit, then what was read."""
    from cadre_cli.emit.terminal.reading import render_reading

    _audit(console, report.source, report.result, report.output, report.notes, limit, strict)
    render_reading(console, report.roster.report, verbose)


def _audit(console: Console, roster: Path, result: AuditResult, target: Path | None, notes: list[str],
           limit: int | None, strict: bool) -> None:
    s = result.summary()
    status = s["status"]
    complete = result.complete
    # how complete the check was comes first, before any count: a first line copied into a report is true
    # (wrapped by the rules of Chinese line breaking, cli/linebreak.py: never after a lone number)
    console.print(f"[bold {'green' if complete else 'yellow'}]{escape(result.completeness())}[/]")
    apart = status[LABELS[INACTIVE]]
    read = f"{len(result.roster.people)}人" + (f"（其中{APART_TITLE}{apart}人）" if apart else "")
    console.print(
        f"[bold]{escape(roster.name)}[/]：{read}；政策 {result.policy.name}（{escape(result.policy.title)}）；"
        f"检查基准日 {chinese_date(result.as_of)}"
    )
    console.print(
        f"合格 {status['合格']} 人，需关注 {status['需关注']} 人，取消资格建议 [red]{status['取消资格建议']}[/] 人，"
        f"未能全部核查 [yellow]{status['未能全部核查']}[/] 人，不在岗 {apart} 人。"
    )
    console.print(f"错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 [blue]{s['infos']}[/] 条。")
    hidden = _hidden_counts(result)
    if hidden:
        console.print("其中" + "、".join(f"{n} 行为{why}" for why, n in hidden.items()) +
                      f"：已读出，与{APART_TITLE}人员一样单独列出（见下），不参加核查，不计入合格等人数。")
    if s["by_rule"]:
        table = Table(title="按规则统计", title_justify="left", box=box.SIMPLE_HEAD)
        for col in ("规则", "名称", "级别", "条数"):
            table.add_column(col, no_wrap=col in ("规则", "级别", "条数"), justify="right" if col == "条数" else "left")
        rows = [(rule_id, severity, count) for rule_id, counts in s["by_rule_severity"].items()
                for severity, count in counts.items()]  # errors and warnings of one rule apart
        for rule_id, severity, count in sorted(rows, key=lambda r: (RANK[r[1]], -r[2], r[0])):
            table.add_row(rule_id, REGISTRY[rule_id].title, markup(severity), str(count))
        console.print(table)
    units = s["by_unit"]
    if len(units) > 1:
        table = Table(title="按单位统计", title_justify="left", box=box.SIMPLE_HEAD)
        # 人数 is the people audited; those listed apart (hidden rows, not in post) get a column of their own
        apart = any(counts.get("inactive") for counts in units.values())
        for col in ("单位", "人数", *(("单独列出",) if apart else ()), "错误", "警告"):
            table.add_column(col, justify="left" if col == "单位" else "right")
        for unit, counts in units.items():
            audited = counts.get("people", 0) - counts.get("inactive", 0)
            table.add_row(escape(unit), str(audited), *((str(counts.get("inactive", 0)),) if apart else ()),
                          str(counts.get("error", 0)), str(counts.get("warning", 0)))
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
        console.print(escape(labelled(note, "注意：")))
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
            console.print(f"  {escape(result.roster.report.rewrite(line))}")
    apart = apart_line(result.roster.people, result.verdicts, sheets, names=names)
    if apart:
        console.print(escape(apart))



def _hidden_counts(result: AuditResult) -> dict[str, int]:
    from collections import Counter

    from cadre_cli.model.hidden import hidden_reason

    return dict(Counter(why for p in result.roster.people if (why := hidden_reason(p))))


def place(result: AuditResult, cell, one_sheet: bool = True) -> str:
    """Where a finding points: `C7` (`名册!C7` with several sheets), or for 任免表 files
    `张三.lrmx 的 <MinZu>（民族）`."""
    if cell is None:
        return "（整体）"
    found = result.roster.report.place(cell.sheet, cell.row, cell.col)
    if found is not None:
        return found
    return cell.ref if one_sheet else f"{cell.sheet}!{cell.ref}"


def place_lines(where: str) -> tuple[str, ...]:
    """`张三.lrmx 的 <MinZu>（民族）` on two lines: the file, then the element."""
    file, sep, element = where.partition(" 的 ")
    return (f"{file} 的", element) if sep else (where,)


def _findings_table(console: Console, result: AuditResult, shown: list) -> Table:
    """Every finding with its place, person, unit, severity and rule. On a wide
    terminal each in its own column; on a narrow one (80 columns) the rule id goes
    under the message, which wraps, and the borders give way to plain spacing."""
    wide = console.width >= 120
    # a cell is named by its sheet too when findings point at more than one sheet (a
    # long-form sheet of assessments joined to the roster is not one of its tables)
    tables = {t.sheet.name for t in result.roster.tables}
    one_sheet = len(tables) == 1 and {f.cell.sheet for f in result.findings if f.cell} <= tables
    files = result.roster.report.places is not None  # 任免表 files: the place is a file and an element
    table = Table(title="问题明细", title_justify="left", box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
                  padding=(0, 1) if wide else (0, 1, 0, 0), show_edge=wide)
    columns = ("位置", "姓名", "单位", "级别", "规则", "问题") if wide else ("位置", "姓名", "单位", "级别", "问题")
    if files and not wide:  # a file and an element do not fit a narrow column: under the message
        columns = columns[1:]
    for col in columns:
        table.add_column(col, no_wrap=col in ("级别", "规则") or (col == "位置" and not files),
                         ratio=1 if col == "问题" else None, max_width=None if wide or col == "问题" else 12,
                         overflow="fold" if files else "ellipsis")
    for f in shown:
        where = place(result, f.cell, one_sheet)
        message = result.roster.report.rewrite(f.message)
        cells = [(stacked(*place_lines(where)) if files else escape(where))] if "位置" in columns else []
        cells += [escape(f.name or "—"), escape(f.unit or "—"), markup(f.severity)]
        if wide:
            cells += [f.rule, escape(message)]
        elif files:
            cells.append(stacked(message, (f"{where} {f.rule}", "dim")))
        else:
            cells.append(f"{escape(message)} [dim]{f.rule}[/]")
        table.add_row(*cells)
    return table
