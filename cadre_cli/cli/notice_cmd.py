"""`cadre notice ROSTER`: public notices (公示) and published lists (名单) in batch."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from cadre_cli.cli.common import batch_mode, console, emit_json, err_console, input_path, parse_as_of
from cadre_cli.cli.options import check_folder, choice
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
    from cadre_cli.cli.progress import progress_bar
    from cadre_cli.errors import CadreError
    from cadre_cli.model.person import build_roster
    from cadre_cli.notice import batch
    from cadre_cli.notice.context import NoticeText, clean
    from cadre_cli.notice.grouping import group_people, resolve_by
    from cadre_cli.notice.period import notice_period, work_calendar
    from cadre_cli.notice.private import mark_tables
    from cadre_cli.notice.settings import choose_kind, reach_warnings
    from cadre_cli.notice.templates import builtin
    from cadre_cli.policy.load import load_policy
    from cadre_cli.readers.roster_input import read_roster

    chosen, own = _formats(formats, templates or [])
    p = load_policy(policy)
    settings = p.notice
    period_options = [name for name, value in (("--days", days), ("--start", start), ("--working-days", working_days))
                      if value is not None]
    doc_kind, warnings = choose_kind(kind, settings.kind, period_options)
    start_day = parse_as_of(start, "--start")
    period = None
    if doc_kind == "notice":
        n_days = days or settings.days
        if n_days is None:
            raise CadreError(f"公示需要公示天数：政策“{p.name}”没有规定，请用 --days 指定（如 --days 7）。")
        calendar = work_calendar(p.calendar, _dates(holidays, "--holiday"), _dates(workdays, "--workday"))
        period, extra = notice_period(start_day, n_days, settings.working_days if working_days is None else working_days,
                                      calendar)
        warnings += extra
    elif period_options:
        warnings.append(f"公开名单不设公示期，已忽略 {'、'.join(period_options)}；要发公示请加 --kind 公示。")
    sign = issuer or settings.issuer
    if not sign:
        raise CadreError(f"政策“{p.name}”没有设定发布机关，请用 --issuer 指定落款，如 --issuer 中共XX县委组织部。")
    text = NoticeText(
        kind=doc_kind, subject=settings.subject, document=p.document, issuer=sign,
        issue_date=parse_as_of(date, "--date") if date else (period.start if period else start_day),
        period=period, preamble=settings.list_preamble if doc_kind == "list" else settings.preamble,
        report=settings.report, contacts=tuple(contacts if contacts else settings.contacts),
        with_results=(settings.include_results or poll is not None) if with_results is None else with_results,
    )
    if poll is not None and with_results is False:
        warnings.append("给了 --no-results，不列出结果，已忽略 --poll。")
        poll = None
    warnings += reach_warnings(text)

    source = input_path(roster)
    reading = read_roster(source)
    book, tables = reading.book, reading.tables
    warnings += book.notes
    if book.password is not None:
        warnings.append("公示和名单只含可公开的信息，按常规写出，不加打开密码。")
    warnings += mark_tables(tables, include_hidden)
    roster_data = build_roster(source.name, tables, reading.report)
    people, extra = batch.select_people(roster_data.people, include_inactive, include_hidden)
    warnings += extra
    if not people:
        raise CadreError(f"“{source.name}”中没有可列入{batch.LABEL[doc_kind]}的人员（没有填写姓名的行，或都已写明不在册、不在岗；后者确需列入请加 --include-inactive）。")
    tallied = None
    if poll is not None:
        tallied = _tally(poll, p, people)
        text = dataclasses.replace(text, tallied=tallied.results)
        warnings += tallied.notes
    if by:
        groups, extra = group_people(people, resolve_by(by, tables, people))
        warnings += extra
    else:
        groups = [("", people)]
    blocked = batch.blocked_groups(groups)
    blocked = {g: [reading.report.rewrite(line) for line in lines] for g, lines in blocked.items()}
    if blank_unverified:
        warnings += [f"{line}，文中留空。" for lines in blocked.values() for line in lines]
        blocked = {}
    groups = [(g, pp) for g, pp in groups if g not in blocked]

    if output is not None:
        check_folder(output, "公示或名单")
    folder = output or source.with_name(f"{source.stem}_{batch.LABEL[doc_kind]}")
    if not groups:
        _refuse_blocked(blocked, batch.LABEL[doc_kind])
    created = batch.prepare_folder(folder)
    try:
        docs = batch.plan(groups, folder, doc_kind, chosen, settings.subject)
        batch.check_targets(docs, force)
        docs, stopped = batch.withhold_numbers(docs, text)
        renderers = {fmt: _renderer(own.get(fmt) or builtin(fmt, doc_kind), fmt) for fmt in chosen}

        with progress_bar(quiet=as_json) as bar:
            task = bar.add_task(f"生成{batch.LABEL[doc_kind]}", total=len(docs))
            outputs = batch.render(docs, text, renderers, lambda: bar.advance(task))
            if outputs:
                bar.update(task, description="写出文件")
                batch.write(outputs, folder)
    finally:
        if created:
            batch.drop_if_empty(folder)
    warnings += batch.missing_warnings(renderers)

    if as_json:
        emit_json({
            "command": "notice", "kind": doc_kind, "policy": p.name,
            "period": period.as_json() if period else None,
            "files": [{"group": d.group, "people": [clean(pp.name) for pp in d.people], "paths": list(d.paths.values())}
                      for d in docs],
            "warnings": warnings,
            "blocked": [{"group": g, "problems": lines} for g, lines in blocked.items()], "errors": stopped,
            "columns": [c.as_json() for c in roster_data.report.columns], "reading": roster_data.report.as_json(),
            "poll": tallied.as_json() if tallied else None,
        })
        if blocked or stopped or (tallied and tallied.problems):
            raise typer.Exit(2)
        return
    label = batch.LABEL[doc_kind]
    if docs:
        console.print(f"已生成{len(docs)}份{label}（{'、'.join(chosen)}），共{sum(len(d.people) for d in docs)}人：{folder}",
                      markup=False)
        if period:
            console.print(period.text, markup=False)
    for line in warnings:
        err_console.print(f"提示：{line}", markup=False)
    from cadre_cli.cli.reading_view import render_reading

    render_reading(console, roster_data.report, verbose)
    for line in stopped:
        err_console.print(f"[bold red]错误：[/]{escape(line)}")
    if blocked:
        _print_blocked(blocked, batch.LABEL[doc_kind])
    for line in tallied.problems if tallied else []:
        err_console.print(f"[bold red]错误：[/]{escape(line)}")
    if blocked or stopped or (tallied and tallied.problems):
        raise typer.Exit(2)


def _tally(path: Path, policy, people):
    """The poll workbook's results matched to the people of the notices."""
    from cadre_cli.api.poll import poll_file
    from cadre_cli.notice.tallied import match

    report = poll_file(path, policy)
    return match(people, report.polls, report.source)


def _blocked_lines(blocked: dict[str, list[str]], label: str) -> list[str]:
    lines = []
    for group, problems in blocked.items():
        what = f"“{group}”的{label}" if group else f"{label}"
        lines.append(f"{what}未生成：" + "；".join(problems[:10]) + ("等" if len(problems) > 10 else "") + "。")
    lines.append("以上信息无法识别或与身份证号不一致，公开前必须改正；改正名册后重新运行，"
                 "或加 --blank-unverified 把这些信息留空后生成。")
    return lines


def _print_blocked(blocked: dict[str, list[str]], label: str) -> None:
    for line in _blocked_lines(blocked, label):
        err_console.print(f"[bold red]错误：[/]{escape(line)}")


def _refuse_blocked(blocked: dict[str, list[str]], label: str) -> None:
    from cadre_cli.errors import InputError

    raise InputError("".join(_blocked_lines(blocked, label)))


def _dates(values: list[str] | None, option: str) -> list:
    """Dates of a repeatable option, each value possibly a comma-separated list."""
    return [parse_as_of(part, option) for value in values or () for part in re.split(r"[,，、\s]+", value) if part]


def _formats(text: str, templates: list[Path]) -> tuple[list[str], dict[str, Path]]:
    """The formats to write (`--format`, plus those of `--template` files) and the
    user's template per format."""
    from cadre_cli.errors import CadreError
    from cadre_cli.notice.templates import FORMATS, template_format

    chosen = [f.strip().lower() for f in re.split(r"[,，、\s]+", text) if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise CadreError(f"不支持的输出格式“{'、'.join(unknown) or text}”；--format 可用 docx、html、md，用逗号分隔。")
    own: dict[str, Path] = {}
    for path in templates:
        fmt = template_format(path)
        if fmt in own:
            raise CadreError(f"给了两个 {fmt} 模板（“{own[fmt].name}”和“{path.name}”），每种格式只能用一个。")
        own[fmt] = path
    return list(dict.fromkeys([*chosen, *own])), own


def _renderer(path: Path, fmt: str):
    if fmt == "docx":
        from cadre_cli.notice.render_docx import DocxTemplateFile

        return DocxTemplateFile(path)
    from cadre_cli.notice.render_text import TextTemplate

    return TextTemplate(path, fmt)
