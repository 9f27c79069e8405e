"""`cadre audit`: a roster checked against a policy. Everything the checks need from files
(the roster, a posts sheet in its workbook, a score workbook) is read here, before the
checks run; the annotated workbook is written by `cadre_cli.emit.workbook`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadre_cli.api.common import (
    as_day, as_path, as_policy, check_suffix, check_workbook_output, progress_of, target_of, unlocked,
)
from cadre_cli.api.progress import Progress

if TYPE_CHECKING:
    from cadre_cli.audit.context import PostCounts
    from cadre_cli.audit.engine import AuditResult
    from cadre_cli.model.person import Roster
    from cadre_cli.policy.schema import Policy
    from cadre_cli.readers.raw import RawBook

ADDED_COLUMNS = 3  # 审核状态, 问题, 规则: room needed right of each table


@dataclass
class AuditReport:
    """An audit done: the findings and verdicts (`result`), the roster as read, where the
    annotated workbook went (None: not written) and the notes to tell the user."""

    source: Path
    policy: Policy
    as_of: dt.date
    roster: Roster
    result: AuditResult
    book: RawBook
    output: Path | None = None
    notes: list[str] = field(default_factory=list)
    scores_matched: int | None = None  # people matched in the --scores workbook
    lrmx: Any = None  # api.lrmx.LrmxCrossReport of --lrmx

    @property
    def findings(self) -> list[Any]:
        return self.result.findings

    @property
    def summary(self) -> dict:
        return self.result.summary()

    @property
    def complete(self) -> bool:
        return self.result.complete

    @property
    def has_errors(self) -> bool:
        return bool(self.summary["errors"])


def _rule_ids(value: str | Iterable[str] | None, option: str) -> set[str]:
    from cadre_cli.audit.engine import parse_rule_ids

    text = value if value is None or isinstance(value, str) else ",".join(value)
    return parse_rule_ids(text, option)


def _posts(posts: str | PostCounts | None, units: int | None) -> PostCounts | None:
    from cadre_cli.audit.context import PostCounts
    from cadre_cli.audit.posts import parse_posts_option

    if isinstance(posts, PostCounts):
        return posts
    return parse_posts_option(posts, units)


def audit_file(
    path: str | Path,
    policy: str | Path | Policy | None = None,
    as_of: dt.date | str | None = None,
    *,
    horizon: int | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    posts: str | PostCounts | None = None,
    units: int | None = None,
    scores: str | Path | None = None,
    lrmx: str | Path | None = None,
    output: str | Path | bool | None = None,
    force: bool = False,
    keep_password: bool = True,
    password: str | None = None,
    progress: Progress | None = None,
) -> AuditReport:
    """Audit the roster at `path` under `policy` (a preset name, a .toml file or a Policy;
    default county) on the day `as_of` (default today). `output`: an annotated workbook at
    that path, or beside the roster for True; none by default."""
    from cadre_cli.audit.engine import run_audit
    from cadre_cli.audit.inputs import read_inputs
    from cadre_cli.model.person import build_roster
    from cadre_cli.readers.guard import Kind
    from cadre_cli.readers.roster_input import read_roster as read_workbook  # workbook or 任免表 files
    from cadre_cli.writers.atomic import check_target
    from cadre_cli.writers.workbook import check_room, output_suffix

    source = as_path(path)
    day = as_day(as_of)
    chosen = as_policy(policy)
    selected, ignored = _rule_ids(select, "--select"), _rule_ids(ignore, "--ignore")
    post_counts = _posts(posts, units)
    check_workbook_output(output, source, "（名册含宏，输出保留宏）")
    bar = progress_of(progress)
    with unlocked(password):
        bar.stage("读取名册", total=None)
        reading = read_workbook(source)
        book, tables = reading.book, reading.tables
        suffix = output_suffix(book.kind)
        target = target_of(output, source, "审核结果", suffix)
        if target is not None:
            check_suffix(target, suffix, "带标注的工作簿" + ("（名册含宏，输出保留宏）" if suffix == ".xlsm" else ""))
            check_room(tables, ADDED_COLUMNS)
            check_target(target, (book.source,), force)
        people = build_roster(source.name, tables, reading.report)
        extra = read_inputs(book, people, chosen, posts=post_counts, scores=as_path(scores) if scores else None)
        if target is None or book.kind in (Kind.XLSX, Kind.XLSM):  # an .xls/.ods copy is made from the grids
            for sheet in book.sheets:
                sheet.release()
        bar.stage("逐人检查", total=len(people.people))
        result = run_audit(people, chosen, day, horizon_months=horizon, select=selected, ignore=ignored,
                           posts=extra.posts, scores=extra.scores, progress=bar.advance)
    report = AuditReport(source, chosen, day, people, result, book, notes=[*book.notes, *extra.notes()])
    if extra.scores is not None:
        report.scores_matched = len(extra.scores)
    if lrmx is not None:  # the roster against 任免表 files, person by person
        from cadre_cli.api.lrmx import cross_check_lrmx

        report.lrmx = cross_check_lrmx(people, as_path(lrmx))
    if target is not None:
        from cadre_cli.emit.workbook import write_audit

        bar.stage("写出标注工作簿", total=None)
        write_audit(report, target, keep_password=keep_password)
    return report

