"""`cadre inspect FILE`: what the tool reads in a workbook, without checking anything."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import console, emit_json, input_path, shown
from cadre_cli.cli.password_opt import PasswordOption, unlocks


def register(app: typer.Typer) -> None:
    app.command("inspect")(inspect)


@unlocks("file")
def inspect(
    file: Annotated[str, typer.Argument(metavar="文件", help="名册或成绩表（.xlsx/.xlsm/.xls/.et/.ods/.csv，或系统导出的 XML/网页格式“.xls”）；也可以是干部任免审批表：.lrmx/.lrm文件、存放它们的文件夹或.zip压缩包（一个文件一人）。")],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
    csv_file: Annotated[Path | None, typer.Option("--csv", metavar="文件", help="把无法识别的值逐个写成 CSV 问题清单（UTF-8，Excel、WPS 可直接打开）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="CSV 文件已存在时覆盖。")] = False,
    brief: Annotated[bool, typer.Option("--brief", "-b", help="只列出需要说明的列（默认列出每一列）。")] = False,
    password: PasswordOption = False,
) -> None:
    """查看工具从文件中读到了什么：各工作表、找到的表头行、每一列读作哪一项、读到多少人、各列的值有哪些问题。

    不检查任何规则，不写任何文件。拿到一份新表格，先用它看一看。

    示例：cadre inspect 后备干部名册.xlsx；cadre inspect 名册.xls --json
    """
    from cadre_cli.api.inspect import inspect_file

    from cadre_cli.emit import csv

    if csv_file is not None:
        csv.check(csv_file, (input_path(file),), force)
    report = inspect_file(input_path(file))
    if csv_file is not None:
        csv.write(report.diagnostics, csv_file, report.roster.report)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.inspect(report))
        return
    from cadre_cli.emit.terminal.inspect import render

    render(console, report, verbose=not brief)
    if csv_file is not None:
        console.print(f"问题清单（CSV，{len(report.diagnostics)}条）已写到：[bold]{shown(csv_file)}[/]")
