"""`cadre poll` on the terminal: each poll's table (readable at 80 columns), its voting
figures, the problems naming their cells, and what was written."""

from __future__ import annotations

from typing import Any

from cadre_cli.api.poll import PollReport
from cadre_cli.poll.result import PollResult

TABLE_MAX_ROWS = 60  # the terminal table shows this many candidates; the rest is in the workbook / JSON
MAX_SHOWN_PROBLEMS = 50


def render(console: Any, err_console: Any, report: PollReport, verbose: bool) -> None:
    """Each poll's table, its figures and notes, the problems (each naming its cell), what was written."""
    from cadre_cli.cli.common import shown
    from cadre_cli.poll.model import KIND_LABELS
    from cadre_cli.writers.poll_book import SHEETS, figure_lines

    for result in report.polls:
        _table(console, report, result)
        for line in figure_lines(result):
            _indented(console, line)
        what = "得票率" if result.kind == "recommend" else "测评分和比例"
        _indented(console, f"{what}的基数：{result.denominator}；排名依据：{result.basis}。")
        for note in result.notes:
            _indented(console, f"说明：{note}")
        for d in [d for d in result.findings if d.severity.value == "info"]:
            _indented(console, f"说明：{d.message}")
    problems = report.errors + report.warnings
    for d in problems[:MAX_SHOWN_PROBLEMS]:
        label = "[bold red]错误[/]" if d.severity.value == "error" else "[yellow]警告[/]"
        err_console.print(f"{label}（{d.rule}）：{shown(d.message)}")
    if len(problems) > MAX_SHOWN_PROBLEMS:
        err_console.print(f"……另有{len(problems) - MAX_SHOWN_PROBLEMS}条问题未列出；加 --json 可看到全部。")
    for note in report.notes:
        console.print(f"说明：{shown(note)}")
    target = report.output
    if target is not None:
        sheets = "、".join(dict.fromkeys(f"“{SHEETS[p.kind]}”" for p in report.polls))
        console.print(f"已写出带结果的工作簿：{shown(target)}（每行旁加了结果列；新增工作表{sheets}可直接打印）")
    if report.errors:
        kinds = "、".join(dict.fromkeys(KIND_LABELS[p.kind] for p in report.polls))
        err_console.print(f"[bold red]{kinds}票数中有{len(report.errors)}处错误（上面已写明单元格），相关人员的相关类别未计算结果，"
                          "其余照常计算；请改正后重新运行。[/]")


def _table(console: Any, report: PollReport, result: PollResult) -> None:
    from rich import box
    from rich.table import Table

    from cadre_cli.cli.common import stacked, visible
    from cadre_cli.poll.model import KIND_LABELS

    narrow = console.width < 100
    many = len(result.classes) > 1
    weighted = any(c.weight is not None for c in result.classes)
    title = f"{KIND_LABELS[result.kind]}结果（{visible(report.source)}，政策：{report.policy}）"
    table = Table(title=title, box=box.SIMPLE_HEAD if narrow else box.HEAVY_HEAD, show_edge=not narrow,
                  padding=(0, 1, 0, 0) if narrow else (0, 1))
    table.add_column("名次", justify="right", no_wrap=True)
    table.add_column("姓名", no_wrap=True)
    if not narrow and any(r.post for r in result.candidates):
        table.add_column("现任职务", overflow="fold", max_width=16)
    recommend = result.kind == "recommend"
    classes = result.classes if many else []
    for c in classes:
        table.add_column(c.label, justify="right", overflow="fold", min_width=6)
    if recommend:
        table.add_column("合计", justify="right", no_wrap=True)
        if weighted:
            table.add_column("综合", justify="right", no_wrap=True)
        table.add_column("过半", justify="center", no_wrap=True)
    else:
        table.add_column("测评分", justify="right", no_wrap=True)
        if weighted:
            table.add_column("综合", justify="right", no_wrap=True)
        table.add_column(stacked("基本称职", "和不称职"), justify="right", no_wrap=True)
        table.add_column("不称职", justify="right", no_wrap=True)
    qualify = any(r.qualified is not None for r in result.candidates)
    if qualify:
        table.add_column("入围", justify="center", no_wrap=True)

    def pct(v: Any) -> str:
        return "" if v is None else f"{v}%"

    ranked = result.ranked()
    for r in ranked[:TABLE_MAX_ROWS]:
        cells: list[Any] = ["" if r.rank is None else str(r.rank), visible(r.name)]
        if not narrow and any(x.post for x in result.candidates):
            cells.append(visible(r.post or ""))
        for c in classes:
            cr = r.by_class(c.cls)
            if recommend:
                votes = "" if cr is None or cr.votes is None else f"{cr.votes}票"
                cells.append(stacked(votes, pct(cr.share_shown) if cr else "") if narrow else
                             f"{votes} {pct(cr.share_shown) if cr else ''}".strip())
            else:
                cells.append("" if cr is None or cr.score_shown is None else str(cr.score_shown))
        if recommend:
            total = "" if r.votes is None else f"{r.votes}票"
            cells.append(stacked(total, pct(r.overall_shown)) if narrow else f"{total} {pct(r.overall_shown)}".strip())
            if weighted:
                cells.append(pct(r.weighted_shown))
            cells.append({True: "是", False: "否", None: ""}[r.majority])
        else:
            cells.append("" if r.score_shown is None else str(r.score_shown))
            if weighted:
                cells.append("" if r.weighted_shown is None else str(r.weighted_shown))
            cells += [pct(r.weak_shown), pct(r.unfit_shown)]
        if qualify:
            cells.append({True: "是", False: "否", None: ""}[r.qualified])
        table.add_row(*cells, style="red" if r.rank is None else None)
    console.print(table)
    if len(ranked) > TABLE_MAX_ROWS:
        console.print(f"（共{len(ranked)}人，上表只列出前{TABLE_MAX_ROWS}名；完整结果见输出工作簿，或加 --json。）")
    for r in ranked[:TABLE_MAX_ROWS]:
        own = [n for n in r.notes if n not in result.notes]  # a note of the whole poll is said once, under the table
        if own:
            _indented(console, f"{r.name}：{'；'.join(own)}")


def _indented(console: Any, text: str) -> None:
    """A line under the table, its wrapped lines indented like the first (and no trailing spaces)."""
    from rich.text import Text

    from cadre_cli.cli.common import visible

    for line in Text(visible(text)).wrap(console.real, max(console.width - 2, 20)):
        line.rstrip()
        console.print(Text("  ") + line, soft_wrap=True)
