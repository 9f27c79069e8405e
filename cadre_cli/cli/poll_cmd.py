"""`cadre poll FILE`: 民主推荐 and 民主测评 tallied by voter class, on the sheets offices fill in."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cadre_cli.cli.common import batch_mode, console, default_output, emit_json, err_console, input_path
from cadre_cli.cli.password_opt import PasswordOption, PlainOutputOption, unlocks

if TYPE_CHECKING:
    from cadre_cli.api.poll import PollReport
    from cadre_cli.poll.result import PollResult

TABLE_MAX_ROWS = 60  # the terminal table shows this many candidates; the rest is in the workbook / JSON
MAX_SHOWN_PROBLEMS = 50
ADDED_COLUMNS = 16  # at most, beside a sheet's table (per-class shares, totals, rank, 说明)


def register(app: typer.Typer) -> None:
    app.command("poll")(poll)


@batch_mode()
@unlocks("file")
def poll(
    file: Annotated[str, typer.Argument(metavar="票数表", help="民主推荐票汇总表、民主测评汇总表，或逐张录入的选票（Excel、WPS 表格或 CSV 文件）。")],
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="预设政策名称（county、street…）或 .toml 政策文件；计票方法在其中的 [tally] 一节，默认 county。")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="输出的带结果工作簿（默认与输入同一文件夹的“原名_计票.xlsx”）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印到标准输出（此时只有给了 --output 才写工作簿）。")] = False,
    no_output: Annotated[bool, typer.Option("--no-output", help="只在屏幕上显示，不写工作簿。")] = False,
    password: PasswordOption = False,
    plain_output: PlainOutputOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出表格每一列读作什么（默认只列出需要说明的列）。")] = False,
) -> None:
    """民主推荐、民主测评按投票人类别计票：各类别和合计的票数、得票率（或测评分），排名，是否过半。

    各类投票人（领导班子成员、中层干部、普通党员群众、服务对象）分别统计，再合并计算；
    得票率的基数（实到人数、有效票数或实到减无效）、类别权重、差额、入围条件和小数位按政策的 [tally] 一节。
    写出带结果的工作簿：每行旁加结果列，另加可直接打印的“推荐结果统计表”或“测评结果统计表”。
    有数据错误的行（单元格已指明）不计算其结果，其余照常计算，退出码为 2。

    示例：cadre poll 民主推荐票汇总.xlsx；cadre poll 选票.xlsx --policy 我县政策.toml --json --no-output
    """
    from cadre_cli.api.poll import poll_file
    from cadre_cli.cli.options import check_suffix
    from cadre_cli.cli.progress import progress_bar
    from cadre_cli.policy.load import load_policy
    from cadre_cli.writers.atomic import check_target
    from cadre_cli.writers.locked import output_password
    from cadre_cli.writers.workbook import MAX_COLUMN, output_suffix

    pol = load_policy(policy)
    source = input_path(file)
    target: Path | None = None
    with progress_bar(quiet=as_json) as bar:
        task = bar.add_task("读取票数表", total=None)
        report = poll_file(source, pol)
        book = report.book
        notes: list[str] = list(report.notes)
        if not no_output and (output is not None or not as_json):
            suffix = output_suffix(book.kind)
            target = output or default_output(source, "计票", suffix)
            check_suffix(target, suffix, "带结果的工作簿" + ("（输入含宏，输出保留宏）" if suffix == ".xlsm" else ""))
            _check_room(report, MAX_COLUMN)
            check_target(target, (book.source,), force)
            lock, lock_notes = output_password(book, target, keep=not plain_output)
            notes += _write(report, pol, target, bar, task, lock) + lock_notes
    if as_json:
        emit_json({"command": "poll", **report.as_json(), "output": str(target) if target else None, "notes": notes})
    else:
        from cadre_cli.emit.terminal.reading import render_reading

        _render(report, target, notes)
        render_reading(console, report.reading, verbose)
    if report.errors:
        raise typer.Exit(2)


def _check_room(report: PollReport, last: int) -> None:
    from cadre_cli.errors import OutputError
    from cadre_cli.readers.cells import col_letter

    for data in report.data:
        for part in data.parts:
            if part.header is not None and part.header.sheet.width + ADDED_COLUMNS > last:
                raise OutputError(f"工作表“{part.sheet}”的内容已用到第 {col_letter(part.header.sheet.width)} 列，右边放不下"
                                  "本工具要添加的结果列（Excel 最多到 XFD 列）；请删去表格右边多余的列，或加 --no-output 只看屏幕结果。")


def _write(report: PollReport, pol: Any, target: Path, bar: Any, task: Any, password: str | None) -> list[str]:
    from cadre_cli.writers.poll_book import annotate
    from cadre_cli.writers.reading_sheet import add_reading_sheet
    from cadre_cli.writers.workbook import open_for_annotation, save

    rows = sum(len(p.rows) for d in report.data for p in d.parts)
    bar.update(task, description="打开工作簿", total=rows, completed=0)
    annotated = open_for_annotation(report.book, report.reading.own)
    bar.update(task, description="写入结果")
    annotate(annotated, report, pol, advance=lambda n: bar.advance(task, n))
    add_reading_sheet(annotated.wb, report.reading)
    bar.update(task, description="保存文件", total=None)
    save(annotated, target, mode_from=report.book.path, password=password)
    return annotated.notes


def _render(report: PollReport, target: Path | None, notes: list[str]) -> None:
    from cadre_cli.cli.common import shown
    from cadre_cli.poll.model import KIND_LABELS
    from cadre_cli.writers.poll_book import SHEETS, figure_lines

    for result in report.polls:
        _table(report, result)
        for line in figure_lines(result):
            _indented(line)
        what = "得票率" if result.kind == "recommend" else "测评分和比例"
        _indented(f"{what}的基数：{result.denominator}；排名依据：{result.basis}。")
        for note in result.notes:
            _indented(f"说明：{note}")
        for d in [d for d in result.findings if d.severity.value == "info"]:
            _indented(f"说明：{d.message}")
    problems = report.errors + report.warnings
    for d in problems[:MAX_SHOWN_PROBLEMS]:
        label = "[bold red]错误[/]" if d.severity.value == "error" else "[yellow]警告[/]"
        err_console.print(f"{label}（{d.rule}）：{shown(d.message)}")
    if len(problems) > MAX_SHOWN_PROBLEMS:
        err_console.print(f"……另有{len(problems) - MAX_SHOWN_PROBLEMS}条问题未列出；加 --json 可看到全部。")
    for note in notes:
        console.print(f"说明：{shown(note)}")
    if target is not None:
        sheets = "、".join(dict.fromkeys(f"“{SHEETS[p.kind]}”" for p in report.polls))
        console.print(f"已写出带结果的工作簿：{shown(target)}（每行旁加了结果列；新增工作表{sheets}可直接打印）")
    if report.errors:
        kinds = "、".join(dict.fromkeys(KIND_LABELS[p.kind] for p in report.polls))
        err_console.print(f"[bold red]{kinds}票数中有{len(report.errors)}处错误（上面已写明单元格），相关人员的相关类别未计算结果，"
                          "其余照常计算；请改正后重新运行。[/]")


def _table(report: PollReport, result: PollResult) -> None:
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
            _indented(f"{r.name}：{'；'.join(own)}")


def _indented(text: str) -> None:
    """A line under the table, its wrapped lines indented like the first (and no trailing spaces)."""
    from rich.text import Text

    from cadre_cli.cli.common import visible

    for line in Text(visible(text)).wrap(console.real, max(console.width - 2, 20)):
        line.rstrip()
        console.print(Text("  ") + line, soft_wrap=True)
