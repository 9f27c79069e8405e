"""`cadre notice ROSTER`: public notices (公示) and published lists (名单) in batch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from cadre_cli.cli.common import batch_mode, console, emit_json, err_console, input_path
from cadre_cli.cli.options import choice
from cadre_cli.cli.password_opt import PasswordOption, unlocks
from cadre_cli.notice.settings import KIND_WORDS


def register(app: typer.Typer) -> None:
    app.command("notice")(notice)


@batch_mode()
@unlocks("roster")
def notice(
    roster: Annotated[str, typer.Argument(metavar="名册", help="后备干部名册（.xlsx/.xls/.et/.ods/.csv，或系统导出的 XML/网页格式“.xls”）；也可以是干部任免审批表：.lrmx/.lrm文件、存放它们的文件夹或.zip压缩包（一个文件一人）。按子文件夹分单位。")],
    by: Annotated[str | None, typer.Option("--by", metavar="列名", help="按哪一列分份，每个值一份文件，如 单位、后备类别；不写则整个名册一份。")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="公示|名单", callback=choice(KIND_WORDS), help="公示（notice）：拟列人选的公示，有公示期；名单（list）：确定名单的公开，无公示期。默认按政策；给了 --days、--start 或 --working-days 时为公示。")] = None,
    start: Annotated[str | None, typer.Option("--start", metavar="日期", help="公示开始日期，如 2026-12-01（默认今天）。")] = None,
    days: Annotated[int | None, typer.Option("--days", metavar="天数", min=1, max=60, help="公示天数（默认按政策，如 street 为7天）。")] = None,
    working_days: Annotated[bool | None, typer.Option("--working-days/--calendar-days", help="按工作日（含调休）或自然日计算公示期（默认自然日）。")] = None,
    holidays: Annotated[list[str] | None, typer.Option("--holiday", metavar="日期", help="程序数据中没有的放假日（按国务院办公厅公布的节假日安排），可写多次或用逗号分隔。")] = None,
    workdays: Annotated[list[str] | None, typer.Option("--workday", metavar="日期", help="程序数据中没有的调休上班日（周末上班），可写多次或用逗号分隔。")] = None,
    formats: Annotated[str, typer.Option("--format", "-f", metavar="格式", help="输出格式，逗号分隔：docx、html、md。")] = "docx,html",
    templates: Annotated[list[Path] | None, typer.Option("--template", "-t", metavar="模板", help="自己的模板（.docx、.html.j2、.md.j2），可写多次，每种格式一个。")] = None,
    issuer: Annotated[str | None, typer.Option("--issuer", metavar="发布机关", help="发布机关（落款），如 中共XX县委组织部（默认按政策）。")] = None,
    contacts: Annotated[list[str] | None, typer.Option("--contact", metavar="联系方式", help="受理反映的联系方式，可写多次，如 --contact \"联系电话：0873-1234567\"。")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="日期", help="落款日期（默认为公示开始日期）。")] = None,
    with_results: Annotated[bool | None, typer.Option("--with-results/--no-results", help="是否列出民主测评票数和考试、测评成绩（默认按政策）。")] = None,
    poll: Annotated[Path | None, typer.Option("--poll", metavar="票数表", help="民主推荐或民主测评的票数表（或 cadre poll 写出的“_计票.xlsx”）：按其计票结果在每人之后列出得票率或测评分，不必手抄；给了它就列出结果。")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="政策预设名称或 .toml 文件（默认 county）。")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件夹", help="输出文件夹（默认在名册旁建立“名册名_公示”或“名册名_名单”）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖输出文件夹中的同名文件。")] = False,
    include_hidden: Annotated[bool, typer.Option("--include-hidden", help="也列入工作簿中隐藏的行、列和工作表（默认不公开隐藏的内容）。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出结果。")] = False,
    blank_unverified: Annotated[bool, typer.Option("--blank-unverified", help="可公开的信息无法识别或与身份证号不一致时（如出生年月“1992.13”），仍生成该份文件，这些信息留空（默认不生成该份文件，退出码为2）。")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="列出名册每一列读作什么（默认只列出需要说明的列）。")] = False,
    include_inactive: Annotated[bool, typer.Option("--include-inactive", help="名册写明退休、病休、调出、已去世、已调整等的人也列入（默认不列入，并逐一提示）。")] = False,
    password: PasswordOption = False,
) -> None:
    """按单位等批量生成公示或公开名单（Word、网页、Markdown），只含可公开的信息。

    身份证号、电话、住址等不会出现在任何输出中；自定义模板也只能取到可公开的字段。

    示例：cadre notice 后备干部名册.xlsx --by 单位；
    cadre notice 名册.xlsx --kind 公示 --start 2026-12-01 --days 7 --working-days --contact "联系电话：0873-1234567"
    """
    from cadre_cli.api.notice import notice_batch
    from cadre_cli.cli.progress import job_progress

    with job_progress(quiet=as_json) as progress:
        report = notice_batch(
            input_path(roster), by=by, kind=kind, start=start, days=days, working_days=working_days, holidays=holidays,
            workdays=workdays, formats=formats, templates=templates or (), issuer=issuer, contacts=contacts, date=date,
            with_results=with_results, poll=poll, policy=policy, output=output, force=force, include_hidden=include_hidden,
            blank_unverified=blank_unverified, include_inactive=include_inactive, progress=progress)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.notice(report))
    else:
        from cadre_cli.emit.terminal.notice import render

        render(console, err_console, report, verbose)
    if report.failed:
        raise typer.Exit(2)
