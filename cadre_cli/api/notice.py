"""`cadre notice`: public notices (公示) and published lists (名单) in batch, one file per
group and format, with only what may be made public."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadre_cli.api.common import as_day, as_path, as_policy, progress_of, unlocked
from cadre_cli.api.progress import Progress

if TYPE_CHECKING:
    from cadre_cli.model.person import Roster
    from cadre_cli.notice.batch import NoticeFile
    from cadre_cli.notice.context import NoticeText
    from cadre_cli.policy.schema import Policy


@dataclass
class NoticeReport:
    """A batch done: the files written (`docs`), the groups withheld because a public value
    could not be verified (`blocked`), the files stopped (`stopped`), and warnings."""

    source: Path
    policy: Policy
    kind: str  # "notice" (公示) | "list" (名单)
    text: NoticeText
    roster: Roster
    folder: Path
    formats: list[str]
    docs: list[NoticeFile] = field(default_factory=list)
    blocked: dict[str, list[str]] = field(default_factory=dict)
    stopped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    tallied: Any = None  # the --poll results matched to the people (notice/tallied.py), or None

    @property
    def period(self) -> Any:
        return self.text.period

    @property
    def label(self) -> str:
        from cadre_cli.notice.batch import LABEL

        return LABEL[self.kind]

    @property
    def failed(self) -> bool:
        return bool(self.blocked or self.stopped or (self.tallied and self.tallied.problems))

    def blocked_lines(self) -> list[str]:
        return blocked_lines(self.blocked, self.label)


def blocked_lines(blocked: dict[str, list[str]], label: str) -> list[str]:
    """Each withheld group in one sentence, then what to do."""
    lines = []
    for group, problems in blocked.items():
        what = f"“{group}”的{label}" if group else f"{label}"
        lines.append(f"{what}未生成：" + "；".join(problems[:10]) + ("等" if len(problems) > 10 else "") + "。")
    lines.append("以上信息无法识别或与身份证号不一致，公开前必须改正；改正名册后重新运行，"
                 "或加 --blank-unverified 把这些信息留空后生成。")
    return lines


def _dates(values: Iterable[str | dt.date] | None, option: str) -> list[dt.date]:
    """Dates of a repeatable option, each value a date or text possibly listing several."""
    out: list[dt.date] = []
    for value in values or ():
        if isinstance(value, dt.date):
            out.append(value)
            continue
        out += [as_day(part, option) for part in re.split(r"[,，、\s]+", value) if part]
    return out


def choose_formats(formats: str | Iterable[str], templates: Iterable[str | Path]) -> tuple[list[str], dict[str, Path]]:
    """The formats to write (`--format`, plus those of `--template` files) and the user's
    template per format."""
    from cadre_cli.errors import CadreError
    from cadre_cli.notice.templates import FORMATS, template_format

    text = formats if isinstance(formats, str) else ",".join(formats)
    chosen = [f.strip().lower() for f in re.split(r"[,，、\s]+", text) if f.strip()]
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise CadreError(f"不支持的输出格式“{'、'.join(unknown) or text}”；--format 可用 docx、html、md，用逗号分隔。")
    own: dict[str, Path] = {}
    for path in map(as_path, templates):
        fmt = template_format(path)
        if fmt in own:
            raise CadreError(f"给了两个 {fmt} 模板（“{own[fmt].name}”和“{path.name}”），每种格式只能用一个。")
        own[fmt] = path
    return list(dict.fromkeys([*chosen, *own])), own


def renderer(path: Path, fmt: str) -> Any:
    """The renderer of a template by its format."""
    if fmt == "docx":
        from cadre_cli.notice.render_docx import DocxTemplateFile

        return DocxTemplateFile(path)
    from cadre_cli.notice.render_text import TextTemplate

    return TextTemplate(path, fmt)


def notice_text(p: Policy, kind: str | None, *, start: dt.date | str | None, days: int | None,
                working_days: bool | None, holidays: Iterable[str | dt.date] | None,
                workdays: Iterable[str | dt.date] | None, issuer: str | None, contacts: Iterable[str] | None,
                date: dt.date | str | None, with_results: bool | None,
                poll: Path | None = None) -> tuple[NoticeText, list[str], Path | None]:
    """The words of the document: the policy's defaults with what the caller gave over them,
    and the warnings about the choice (a period option for a list, a reach of the notice); a poll
    workbook lists the results unless they are turned off (then it is dropped: None)."""
    from cadre_cli.errors import CadreError
    from cadre_cli.notice.context import NoticeText
    from cadre_cli.notice.period import notice_period, work_calendar
    from cadre_cli.notice.settings import KIND_WORDS, choose_kind, reach_warnings

    settings = p.notice
    period_options = [name for name, value in (("--days", days), ("--start", start), ("--working-days", working_days))
                      if value is not None]
    doc_kind, warnings = choose_kind(KIND_WORDS.get(kind, kind) if kind else None, settings.kind, period_options)
    start_day = as_day(start, "--start")
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
    contacts = tuple(contacts or ())
    text = NoticeText(
        kind=doc_kind, subject=settings.subject, document=p.document, issuer=sign,
        issue_date=as_day(date, "--date") if date else (period.start if period else start_day),
        period=period, preamble=settings.list_preamble if doc_kind == "list" else settings.preamble,
        report=settings.report, contacts=contacts if contacts else tuple(settings.contacts),
        with_results=(settings.include_results or poll is not None) if with_results is None else with_results,
    )
    if poll is not None and with_results is False:
        warnings.append("给了 --no-results，不列出结果，已忽略 --poll。")
        poll = None
    return text, warnings + reach_warnings(text), poll


def notice_batch(
    path: str | Path,
    *,
    by: str | None = None,
    kind: str | None = None,
    start: dt.date | str | None = None,
    days: int | None = None,
    working_days: bool | None = None,
    holidays: Iterable[str | dt.date] | None = None,
    workdays: Iterable[str | dt.date] | None = None,
    formats: str | Iterable[str] = "docx,html",
    templates: Iterable[str | Path] = (),
    issuer: str | None = None,
    contacts: Iterable[str] | None = None,
    date: dt.date | str | None = None,
    with_results: bool | None = None,
    poll: str | Path | None = None,
    policy: str | Path | Policy | None = None,
    output: str | Path | None = None,
    force: bool = False,
    include_hidden: bool = False,
    blank_unverified: bool = False,
    include_inactive: bool = False,
    password: str | None = None,
    progress: Progress | None = None,
) -> NoticeReport:
    """Write the notices or lists of the roster at `path`, one per value of the column `by`
    (all in one without it), into `output` (default a folder beside the roster). A group with
    a public value that cannot be verified is withheld (`blocked`) unless `blank_unverified`;
    when every group is, InputError."""
    from cadre_cli.api.common import check_folder
    from cadre_cli.errors import CadreError, InputError
    from cadre_cli.model.person import build_roster
    from cadre_cli.notice import batch
    from cadre_cli.notice.grouping import group_people, resolve_by
    from cadre_cli.notice.private import mark_tables
    from cadre_cli.notice.templates import builtin
    from cadre_cli.readers.roster_input import read_roster as read_workbook  # workbook or 任免表 files

    chosen, own = choose_formats(formats, templates)
    p = as_policy(policy)
    text, warnings, poll_path = notice_text(p, kind, start=start, days=days, working_days=working_days,
                                            holidays=holidays, workdays=workdays, issuer=issuer, contacts=contacts,
                                            date=date, with_results=with_results,
                                            poll=None if poll is None else as_path(poll))
    doc_kind, label = text.kind, batch.LABEL[text.kind]
    source = as_path(path)
    with unlocked(password):
        reading = read_workbook(source)
    book, tables = reading.book, reading.tables
    warnings += book.notes
    if book.password is not None:
        warnings.append("公示和名单只含可公开的信息，按常规写出，不加打开密码。")
    warnings += mark_tables(tables, include_hidden)  # before the people are built: hidden rows kept apart
    roster_data = build_roster(source.name, tables, reading.report)
    people, extra = batch.select_people(roster_data.people, include_inactive, include_hidden)
    warnings += extra
    if not people:
        raise CadreError(f"“{source.name}”中没有可列入{label}的人员（没有填写姓名的行，或都已写明不在册、不在岗；后者确需列入请加 --include-inactive）。")
    tallied = None
    if poll_path is not None:
        tallied = _tally(poll_path, p, people)
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
        check_folder(as_path(output), "公示或名单")
    folder = as_path(output) if output is not None else source.with_name(f"{source.stem}_{label}")
    if not groups:
        raise InputError("".join(blocked_lines(blocked, label)))
    created = batch.prepare_folder(folder)
    try:
        docs = batch.plan(groups, folder, doc_kind, chosen, p.notice.subject)
        batch.check_targets(docs, force)
        docs, stopped = batch.withhold_numbers(docs, text)
        renderers = {fmt: renderer(own.get(fmt) or builtin(fmt, doc_kind), fmt) for fmt in chosen}

        bar = progress_of(progress)
        bar.stage(f"生成{label}", total=len(docs))
        outputs = batch.render(docs, text, renderers, bar.advance)
        if outputs:
            bar.stage("写出文件")
            batch.write(outputs, folder)
    finally:
        if created:
            batch.drop_if_empty(folder)
    warnings += batch.missing_warnings(renderers)
    return NoticeReport(source, p, doc_kind, text, roster_data, folder, chosen, docs, blocked, stopped, warnings,
                        tallied)


def _tally(path: Path, policy: Policy, people: list[Any]) -> Any:
    """The poll workbook's results matched to the people of the notices."""
    from cadre_cli.api.poll import poll_file
    from cadre_cli.notice.tallied import match

    report = poll_file(path, policy)
    return match(people, report.polls, report.source)
