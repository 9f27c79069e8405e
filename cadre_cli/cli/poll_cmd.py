"""`cadre poll FILE`: 民主推荐 and 民主测评 tallied by voter class, on the sheets offices fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import batch_mode, console, emit_json, err_console, input_path
from cadre_cli.cli.password_opt import PasswordOption, PlainOutputOption, unlocks



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
    from cadre_cli.cli.progress import job_progress

    write = not no_output and (output is not None or not as_json)  # --json alone writes no workbook
    with job_progress(quiet=as_json) as progress:
        report = poll_file(input_path(file), policy, output=(output or True) if write else None, force=force,
                           keep_password=not plain_output, progress=progress)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.poll(report))
    else:
        from cadre_cli.emit.terminal.poll import render
        from cadre_cli.emit.terminal.reading import render_reading

        render(console, err_console, report, verbose)
        render_reading(console, report.reading, verbose)
    if report.errors:
        raise typer.Exit(2)
