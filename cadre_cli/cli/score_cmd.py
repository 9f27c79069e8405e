"""`cadre score FILE`: written exam and defense results, on the score sheets as they are."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import batch_mode, console, emit_json, err_console, input_path, shown
from cadre_cli.cli.password_opt import PasswordOption, PlainOutputOption, unlocks


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
    csv_file: Annotated[Path | None, typer.Option("--csv", metavar="文件", help="另把数据问题清单写成 CSV 文件（UTF-8，Excel、WPS 可直接打开）。")] = None,
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
    from cadre_cli.api.score import score_file
    from cadre_cli.cli.progress import job_progress
    from cadre_cli.emit import csv

    if csv_file is not None:
        csv.check(csv_file, (input_path(file),), force)
    write = not no_output and (output is not None or not as_json)  # --json alone writes no workbook, as in audit
    with job_progress(quiet=as_json) as progress:
        report = score_file(input_path(file), policy, output=(output or True) if write else None, force=force,
                            keep_password=not plain_output, progress=progress)
    if csv_file is not None:
        csv.write(report.diagnostics, csv_file)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.score(report))
    else:
        from cadre_cli.emit.terminal.score import render

        render(console, err_console, report, verbose)
        if csv_file is not None:
            console.print(f"问题清单（CSV，{len(report.diagnostics)}条）已写到：[bold]{shown(csv_file)}[/]")
    if report.errors:
        raise typer.Exit(2)
