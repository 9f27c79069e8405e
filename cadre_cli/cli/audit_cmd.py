"""`cadre audit ROSTER`: the roster checked against the policy, findings on the terminal,
in JSON and in an annotated workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import batch_mode, console, emit_json, err_console, parse_as_of, shown
from cadre_cli.cli.password_opt import PasswordOption, PlainOutputOption, unlocks

TERMINAL_LIMIT = 200


@batch_mode()  # GC paused: reading a large roster builds a million small objects
@unlocks("roster", "scores")
def audit(
    roster: Annotated[Path, typer.Argument(metavar="名册文件", help="后备干部名册：.xlsx .xlsm .xls .et .ods .csv，或系统导出的 XML/网页格式“.xls”；也可以是干部任免审批表：.lrmx/.lrm文件、存放它们的文件夹或.zip压缩包（一个文件一人）。")],
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="政策：预设名称（默认 county）或 .toml 文件。")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="日期", help="检查基准日，如 2026-12-31（默认今天）。年龄和各种期限都按这一天计算。")] = None,
    horizon: Annotated[int | None, typer.Option("--horizon", metavar="月数", help="提前提示的月数：多少个月内将超龄、管理期将满（默认取政策值，county 为6）。", min=0, max=120)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="标注后的工作簿（默认 名册_审核结果.xlsx，与名册同一文件夹）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印到标准输出（此时只有给了 --output 才写工作簿）。")] = False,
    no_output: Annotated[bool, typer.Option("--no-output", help="只在屏幕上显示，不写工作簿。")] = False,
    select: Annotated[str | None, typer.Option("--select", metavar="规则", help="只检查这些规则，逗号分隔，如 age-limit,annual-assessment。")] = None,
    ignore: Annotated[str | None, typer.Option("--ignore", metavar="规则", help="不检查这些规则，逗号分隔。")] = None,
    posts: Annotated[str | None, typer.Option("--posts", metavar="职数", help="领导职数，如“正职=10,副职=20”（用于 pool-size）。")] = None,
    units: Annotated[int | None, typer.Option("--units", metavar="个数", help="机关部门、社区、管理处的个数（街道政策按其二分之一确定后备数量）。", min=1)] = None,
    lrmx: Annotated[Path | None, typer.Option("--lrmx", metavar="任免表", help="干部任免审批表（.lrmx/.lrm文件、文件夹或.zip）：逐人核对出生年月、参加工作时间、入党时间、学历学位、现任职务、性别、民族是否与名册一致。")] = None,
    scores: Annotated[Path | None, typer.Option("--scores", metavar="成绩表", help="答辩测评成绩表：用与 cadre score 相同的计算判断考试、答辩是否合格。")] = None,
    csv_file: Annotated[Path | None, typer.Option("--csv", metavar="文件", help="另把问题清单写成 CSV 文件（UTF-8，Excel、WPS 可直接打开）。")] = None,
    show_all: Annotated[bool, typer.Option("--all", help=f"在屏幕上列出全部问题（默认最多{TERMINAL_LIMIT}条，其余见工作簿）。")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="有规则因缺少列或信息未能核查（对全体或部分人员）时也以退出码1结束，供脚本拦下不完整的名册。")] = False,
    password: PasswordOption = False,
    plain_output: PlainOutputOption = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出名册每一列读作什么（默认只列出需要说明的列）。")] = False,
) -> None:
    """逐人检查后备干部名册：年龄、年度考核、民主测评、管理期、挂职、轮岗、身份证号、重复录入、队伍结构等。

    只有政策启用的每条规则都用本人一行的数据核查过、且没有问题的人才是“合格”；有规则未能核查的人为“未能全部核查”；
    名册写明退休、病休、调出、已去世、已调整等的人另列为“不在册/非在岗”，不参加核查。

    有“错误”级问题时退出码为1，没有时为0（加 --strict 时有规则未能核查也为1）；文件或选项无法使用时为2。

    示例：cadre audit 后备干部名册.xlsx --as-of 2026-12-31；cadre audit 名册.xls --policy county-term --json；cadre audit 任免表/ --as-of 2026-12-01（任免审批表文件夹）；cadre audit 名册.xlsx --lrmx 任免表/
    """
    from cadre_cli.api.audit import audit_file
    from cadre_cli.cli.progress import job_progress
    from cadre_cli.emit import csv

    day = parse_as_of(as_of)
    if csv_file is not None:
        csv.check(csv_file, (roster,), force)
    write = not no_output and (output is not None or not as_json)
    with job_progress(quiet=as_json) as progress:
        report = audit_file(roster, policy, day, horizon=horizon, select=select, ignore=ignore, posts=posts, units=units,
                            scores=scores, lrmx=lrmx, output=(output or True) if write else None, force=force,
                            keep_password=not plain_output, progress=progress)
    if csv_file is not None:
        csv.write(report.findings, csv_file, report.roster.report)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.audit(report))
    else:
        from cadre_cli.emit.terminal.audit import render

        render(console, report, TERMINAL_LIMIT if not show_all else None, strict=strict, verbose=verbose)
        if report.lrmx is not None:
            from cadre_cli.emit.terminal.lrmx import render_cross

            render_cross(console, report.lrmx, TERMINAL_LIMIT if not show_all else None)
        if csv_file is not None:
            console.print(f"问题清单（CSV，{len(report.findings)}条）已写到：[bold]{shown(csv_file)}[/]")
    cross_errors = report.lrmx.summary()["errors"] if report.lrmx is not None else 0
    raise typer.Exit(1 if report.has_errors or cross_errors or (strict and not report.complete) else 0)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)


__all__ = ["register", "err_console"]
