"""Emitter: the annotated workbook, a copy of the input with the results written in
(`writers/audit_book.py`, `writers/score_book.py` do the cells)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.api.audit import AuditReport
    from cadre_cli.api.poll import PollReport
    from cadre_cli.api.progress import Progress
    from cadre_cli.api.score import ScoreReport
    from cadre_cli.policy.schema import Policy


def write_audit(report: AuditReport, target: Path, keep_password: bool = True) -> None:
    """The roster with each finding at its cell, a status per person, a summary and a list
    of problems; `report.output` and `report.notes` say what was written."""
    from cadre_cli.writers.audit_book import write_audit_book

    extra = [] if report.lrmx is None else [lambda annotated: cross_sheet(annotated, report.lrmx)]
    report.notes += write_audit_book(report.book, report.result, target, keep_password=keep_password,
                                     extra_sheets=extra).notes
    report.output = target


def cross_sheet(annotated, cross) -> None:
    """任免表核对: the roster against the 任免表 files, one row per difference."""
    from cadre_cli.writers.lrmx_book import add_findings_sheet

    s = cross.summary()
    add_findings_sheet(annotated, "任免表核对", f"名册与任免表核对（{cross.source}）", cross.findings,
                       [f"对应上{s['matched']}人；不一致{s['errors']}条，其他{s['warnings']}条。"])


def write_score(report: ScoreReport, target: Path, progress: Progress, keep_password: bool = True) -> None:
    """The score sheets with each candidate's results beside their row and a printable
    summary sheet; locked like the input unless `keep_password` is False."""
    from cadre_cli.writers.locked import output_password
    from cadre_cli.writers.reading_sheet import add_reading_sheet
    from cadre_cli.writers.score_book import annotate
    from cadre_cli.writers.workbook import open_for_annotation, save

    book, read, run = report.reading.book, report.reading.report, report.run
    password, lock_notes = output_password(book, target, keep=keep_password)
    rows = sum(len(r.candidate.records) for r in run.results)
    progress.stage("打开工作簿", total=rows)
    annotated = open_for_annotation(book, read.own)
    progress.stage("写入成绩")
    annotate(annotated, run, advance=progress.advance)
    add_reading_sheet(annotated, read)
    progress.stage("保存文件", total=None)
    save(annotated, target, mode_from=book.path, password=password)
    report.notes += annotated.notes + lock_notes
    report.output = target


def write_poll(report: PollReport, policy: Policy, target: Path, progress: Progress, keep_password: bool = True) -> None:
    """The poll sheets with each candidate's results beside their row, and a print-ready
    推荐结果统计表 / 测评结果统计表; locked like the input unless `keep_password` is False."""
    from cadre_cli.writers.locked import output_password
    from cadre_cli.writers.poll_book import annotate
    from cadre_cli.writers.reading_sheet import add_reading_sheet
    from cadre_cli.writers.workbook import open_for_annotation, save

    book = report.book
    password, lock_notes = output_password(book, target, keep=keep_password)
    progress.stage("打开工作簿", total=sum(len(p.rows) for d in report.data for p in d.parts))
    annotated = open_for_annotation(book, report.reading.own)
    progress.stage("写入结果")
    annotate(annotated, report, policy, advance=progress.advance)
    add_reading_sheet(annotated, report.reading)
    progress.stage("保存文件", total=None)
    save(annotated, target, mode_from=book.path, password=password)
    report.notes += annotated.notes + lock_notes
    report.output = target
