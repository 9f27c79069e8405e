"""`cadre score FILE`: written exam and defense results, on the score sheets as they are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cadre_cli.cli.common import batch_mode, console, default_output, emit_json, err_console, input_path
from cadre_cli.cli.password_opt import PasswordOption, PlainOutputOption, unlocks

if TYPE_CHECKING:
    from cadre_cli.score.engine import ScoreRun
    from cadre_cli.score.model import Result

TABLE_MAX_ROWS = 60  # the terminal table shows this many rows; the rest is in the workbook / JSON
WIDE_TERMINAL = 110  # columns needed to show the 说明 column inside the table


def register(app: typer.Typer) -> None:
    app.command("score")(score)


@batch_mode()
@unlocks("file")
def score(
    file: Annotated[str, typer.Argument(metavar="成绩表", help="笔试、答辩测评成绩表（.xlsx .xlsm .xls .et .ods .csv，或系统导出的 XML/网页格式“.xls”），可有多个工作表。")],
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="预设政策名称（county、enterprise…）或 .toml 政策文件；默认 county。")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="输出的带标注工作簿（默认与输入同一文件夹的“原名_成绩.xlsx”）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印到标准输出（此时只有给了 --output 才写工作簿）。")] = False,
    no_output: Annotated[bool, typer.Option("--no-output", help="只在屏幕上显示，不写工作簿。")] = False,
    password: PasswordOption = False,
    plain_output: PlainOutputOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出表格每一列读作什么（默认只列出需要说明的列）。")] = False,
) -> None:
    """计算笔试与答辩测评成绩（或企业公开选拔总成绩），排名，写出带标注的成绩表。

    县级方案（默认 county）：笔试60分合格，合格者进入答辩测评；考评分取评委平均分，
    测评分 =（优秀票×100 + 称职票×80 + 基本称职票×60）÷ 测评人数，
    答辩测评分 = 考评分×60% + 测评分×40%，60分合格。企业方案（--policy enterprise）：
    笔试30 + 演讲答辩35 + 组织考察35。笔试面试方案（政策文件中 scheme = "interview"）：
    综合成绩 = 笔试×x% + 面试×y%，比例由政策给出。有数据错误的行不计算结果，退出码为 2。

    示例：cadre score 答辩测评成绩.xlsx；cadre score 成绩.xlsx --policy enterprise --json --no-output
    """
    from cadre_cli.cli.options import check_suffix
    from cadre_cli.cli.progress import progress_bar
    from cadre_cli.policy.load import load_policy
    from cadre_cli.readers.load import read_workbook
    from cadre_cli.score.engine import READ_KEYS, require_scheme, run_scoring
    from cadre_cli.writers.score_book import result_columns
    from cadre_cli.writers.workbook import check_room
    from cadre_cli.writers.atomic import check_target
    from cadre_cli.writers.locked import output_password
    from cadre_cli.writers.workbook import output_suffix

    pol = load_policy(policy)
    require_scheme(pol)
    source = input_path(file)
    target: Path | None = None
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("读取成绩表", total=None)
        reading = read_workbook(source, READ_KEYS)  # by its bytes: the output's extension follows from them
        book, tables = reading.book, reading.tables
        if not no_output and (output is not None or not as_json):  # --json alone writes no workbook, as in audit
            suffix = output_suffix(book.kind)
            target = output or default_output(source, "成绩", suffix)
            check_suffix(target, suffix, "带标注的工作簿" + ("（输入含宏，输出保留宏）" if suffix == ".xlsm" else ""))
            check_room(tables, len(result_columns(pol)))
            check_target(target, (book.source,), force)
        bar.update(task, description="计算成绩")
        run = run_scoring(source.name, tables, pol)
        notes: list[str] = [*book.notes, *run.notes]
        if target is not None:
            lock, lock_notes = output_password(book, target, keep=not plain_output)
            notes += _write(reading, run, target, bar, task, password=lock) + lock_notes
    if as_json:
        emit_json({**_payload(run, target, notes), "columns": [c.as_json() for c in reading.report.columns],
                   "reading": reading.report.as_json()})
    else:
        from cadre_cli.cli.reading_view import render_reading

        _render(run, target, notes)
        render_reading(console, reading.report, verbose)
    if run.errors:
        raise typer.Exit(2)


def _write(reading: Any, run: ScoreRun, target: Path, bar: Any, task: Any, password: str | None = None) -> list[str]:
    from cadre_cli.writers.reading_sheet import add_reading_sheet
    from cadre_cli.writers.score_book import annotate
    from cadre_cli.writers.workbook import open_for_annotation, save

    book, report = reading.book, reading.report
    rows = sum(len(r.candidate.records) for r in run.results)
    bar.update(task, description="打开工作簿", total=rows, completed=0)
    annotated = open_for_annotation(book, report.own)
    bar.update(task, description="写入成绩")
    annotate(annotated, run, advance=lambda n: bar.advance(task, n))
    add_reading_sheet(annotated.wb, report)
    bar.update(task, description="保存文件", total=None)
    save(annotated, target, mode_from=book.path, password=password)
    return annotated.notes


def _number(value: Any) -> Any:
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value


def _candidate(result: Result) -> dict[str, Any]:
    c = result.candidate
    passed, why = result.outcome
    return {
        "name": c.name, "exam_number": c.exam_number, "unit": c.unit, "status": result.status.value, "status_text": why,
        "written": _number(result.written), "written_passed": result.written_passed,
        "panel": _number(result.panel), "poll": _number(result.poll), "defense": _number(result.defense),
        "speech": _number(result.speech), "org": _number(result.org), "interview": _number(result.interview),
        "total": _number(result.total),
        "passed": passed, "rank": result.rank, "notes": c.notes,
        "rows": [{"sheet": r.sheet, "row": r.row} for r in c.records],
    }


def _payload(run: ScoreRun, target: Path | None, notes: list[str]) -> dict[str, Any]:
    from cadre_cli.score.explain import method_lines
    from cadre_cli.score.model import Status

    return {
        "command": "score", "policy": run.policy.name, "scheme": run.policy.score.scheme,
        "source": run.path_name, "output": str(target) if target else None,
        "summary": {"candidates": len(run.results), "scored": run.count(Status.SCORED),
                    "passed": sum(1 for r in run.results if r.passed), "failed_written": run.count(Status.FAILED_WRITTEN),
                    "absent": run.count(Status.ABSENT), "rejected": run.count(Status.REJECTED)},
        "candidates": [_candidate(r) for r in run.results],
        "errors": [i.as_dict() for i in run.errors],
        "warnings": [i.as_dict() for i in run.warnings],
        "notes": notes,
        "method": method_lines(run.policy, run.path_name),
    }


def _render(run: ScoreRun, target: Path | None, notes: list[str]) -> None:
    from rich.markup import escape
    from rich.table import Table

    from cadre_cli.score.model import Status
    from cadre_cli.score.rank import by_rank
    from cadre_cli.writers.score_book import explanation, failing

    columns = run.scheme.terminal_columns(run.policy)
    wide = console.width >= WIDE_TERMINAL  # room for the 说明 column; else notes go under the table
    results = by_rank(run.results)
    shown = results[:TABLE_MAX_ROWS]
    from rich import box

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

    def text(v: Any) -> str:
        return "" if v is None else escape(str(v))

    for r in shown:
        c = r.candidate
        scores = [col.value(r) for col in columns]
        cells = [text(r.rank), *([text(c.exam_number)] if numbered else []), text(c.name), *map(text, scores)]
        style = "red" if failing(r) else "yellow" if r.status is Status.ABSENT else None
        table.add_row(*cells, *([text(explanation(r))] if wide else []), style=style)
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
                  + (f"（合格{passed}人）" if run.scheme.counts_passed(run.policy) else "") + f"，笔试不合格{run.count(Status.FAILED_WRITTEN)}人"
                  f"，缺考{run.count(Status.ABSENT)}人，数据有误{run.count(Status.REJECTED)}人。")
    for issue in run.errors:
        err_console.print(f"[bold red]错误[/]（{issue.rule}）：{escape(issue.message)}")
    for issue in run.warnings:
        err_console.print(f"[yellow]警告[/]（{issue.rule}）：{escape(issue.message)}")
    for note in notes:
        console.print(f"说明：{escape(note)}")
    if target is not None:
        console.print(f"已写出带标注的成绩表：{escape(str(target))}（新增工作表“成绩汇总”可直接打印）")
    if run.errors:
        err_console.print(f"[bold red]有{len(run.rejected)}人的数据有误，未计算其成绩；请改正上述单元格后重新运行。[/]"
                          + ("其余人员的成绩已写入输出文件。" if target is not None else ""))
