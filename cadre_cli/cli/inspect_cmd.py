"""`cadre inspect FILE`: what the tool reads in a workbook, without checking anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import console, emit_json, input_path, stacked


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


def inspect(
    file: Annotated[str, typer.Argument(metavar="文件", help="名册或成绩表（.xlsx .xlsm .xls .ods .csv）；也可以是干部任免审批表：.lrmx/.lrm文件、存放它们的文件夹或.zip压缩包（一个文件一人）。")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="只列出需要说明的列（默认列出每一列）。")] = False,
) -> None:
    """查看工具从文件中读到了什么：各工作表、找到的表头行、每一列读作哪一项、读到多少人、各列的值有哪些问题。

    不检查任何规则，不写任何文件。拿到一份新表格，先用它看一看。

    示例：cadre inspect 后备干部名册.xlsx；cadre inspect 名册.xls --json
    """
    from cadre_cli.model.inspection import inspect_roster
    from cadre_cli.model.person import build_roster
    from cadre_cli.readers.roster_input import read_roster

    source = input_path(file)
    reading = read_roster(source, ("name", "exam_number", "id_number"), allow_empty=True)
    roster = build_roster(source.name, reading.tables, reading.report)
    found = inspect_roster(roster)
    if as_json:
        emit_json({"command": "inspect", "file": source.name, **found.as_json()})
        return
    _render(source, found, verbose=not brief)


def _render(source: Path, found, verbose: bool) -> None:
    from rich.markup import escape
    from rich.table import Table

    from cadre_cli.cli.reading_view import render_reading
    from cadre_cli.readers.fields import field_label

    twice = f"（其中{found.entered_twice}人重复录入，只计一次）" if found.entered_twice else ""
    console.print(f"[bold]{escape(source.name)}[/]：读到{found.rows}行人员，共{found.people}人{twice}。")
    render_reading(console, found.report, verbose, hint="去掉 --brief 列出每一列")
    if not found.problems:
        console.print("[green]各列的值都能识别。[/]")
        return
    table = Table(title="各列的值有问题的单元格", title_justify="left")
    for label in ("表头", "读作", "个数", "例子"):
        table.add_column(label, overflow="fold", no_wrap=label == "个数")
    for p in found.problems:
        where = p.header if len({q.sheet for q in found.problems}) == 1 else f"{p.sheet}!{p.header}"
        table.add_row(escape(f"{where}（{p.cell}）"), escape(field_label(p.field)),
                      str(p.count), stacked(*p.examples))
    console.print(table)
