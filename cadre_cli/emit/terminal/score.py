"""The scoring on the terminal: the ranked table (the 说明 column when there is room,
else the notes under it), the counts, the problems, the notes, then what was read."""

from __future__ import annotations

from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table

from cadre_cli.cli.common import labelled

from cadre_cli.api.score import ScoreReport
from cadre_cli.emit.severity import markup
from cadre_cli.score.model import Status

TABLE_MAX_ROWS = 60  # the terminal table shows this many rows; the rest is in the workbook / JSON
WIDE_TERMINAL = 110  # columns needed to show the 说明 column inside the table


def render(console: Any, err_console: Any, report: ScoreReport, verbose: bool = False) -> None:
    from cadre_cli.emit.terminal.reading import render_reading

    _scores(console, err_console, report)
    render_reading(console, report.reading.report, verbose)


def _text(v: Any) -> str:
    return "" if v is None else escape(str(v))


def _scores(console: Any, err_console: Any, report: ScoreReport) -> None:
    from cadre_cli.score.rank import by_rank
    from cadre_cli.score.model import explanation, failing

    run, target = report.run, report.output
    columns = run.scheme.terminal_columns(run.policy)
    wide = console.width >= WIDE_TERMINAL  # room for the 说明 column; else notes go under the table
    results = by_rank(run.results)
    shown = results[:TABLE_MAX_ROWS]
    # on a narrow terminal plain spacing instead of borders: no score is ever cut
    table = Table(title=f"成绩（政策：{run.policy.name}，{run.path_name}）", box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
                  padding=(0, 1) if wide else (0, 1, 0, 0), show_edge=wide)
    numbered = any(r.candidate.exam_number for r in results)  # no empty 准考证号 column
    heads = [("名次", True), *([("准考证号", False)] if numbered else []), ("姓名", False),
             *((c.short or c.label, c.number) for c in columns)]
    for h, number in heads:
        table.add_column(h, justify="right" if number else "left", no_wrap=True)
    if wide:
        table.add_column("说明", overflow="fold", min_width=16, max_width=60)
    for r in shown:
        c = r.candidate
        scores = [col.value(r) for col in columns]
        cells = [_text(r.rank), *([_text(c.exam_number)] if numbered else []), _text(c.name), *map(_text, scores)]
        style = "red" if failing(r) else "yellow" if r.status is Status.ABSENT else None
        table.add_row(*cells, *([_text(explanation(r))] if wide else []), style=style)
    console.print(table)
    if not wide:
        for r in shown:
            if r.candidate.notes:
                who = r.candidate.name or f"第{r.candidate.first.row}行"
                console.print(f"  {escape(who)}：{escape('；'.join(r.candidate.notes))}")
    if len(results) > TABLE_MAX_ROWS:
        console.print(f"（共{len(results)}人，上表只列出前{TABLE_MAX_ROWS}名；完整结果见输出工作簿，或加 --json。）")
    passed = sum(1 for r in run.results if r.passed)
    console.print(f"共{len(run.results)}人：计算成绩{run.count(Status.SCORED)}人"
                  + (f"（合格{passed}人）" if run.scheme.counts_passed(run.policy) else "")
                  + f"，笔试不合格{run.count(Status.FAILED_WRITTEN)}人"
                  f"，缺考{run.count(Status.ABSENT)}人，数据有误{run.count(Status.REJECTED)}人。")
    for issue in run.errors:
        err_console.print(f"{markup(issue.severity, bold=True)}（{issue.rule}）：{escape(issue.message)}")
    for issue in run.warnings:
        err_console.print(f"{markup(issue.severity)}（{issue.rule}）：{escape(issue.message)}")
    for note in report.notes:
        console.print(escape(labelled(note, "说明：")))
    if target is not None:
        console.print(f"已写出带标注的成绩表：{escape(str(target))}（新增工作表“成绩汇总”可直接打印）")
    if run.errors:
        err_console.print(f"[bold red]有{len(run.rejected)}人的数据有误，未计算其成绩；请改正上述单元格后重新运行。[/]"
                          + ("其余人员的成绩已写入输出文件。" if target is not None else ""))
