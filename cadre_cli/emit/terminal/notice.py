"""The batch of notices on the terminal: what was written, the period, the warnings,
what was read, then the files withheld or stopped."""

from __future__ import annotations

from typing import Any

from rich.markup import escape

from cadre_cli.api.notice import NoticeReport


def render(console: Any, err_console: Any, report: NoticeReport, verbose: bool = False) -> None:
    from cadre_cli.emit.terminal.reading import render_reading

    docs = report.docs
    if docs:
        console.print(f"已生成{len(docs)}份{report.label}（{'、'.join(report.formats)}），"
                      f"共{sum(len(d.people) for d in docs)}人：{report.folder}", markup=False)
        if report.period:
            console.print(report.period.text, markup=False)
    for line in report.warnings:
        err_console.print(f"提示：{line}", markup=False)
    render_reading(console, report.roster.report, verbose)
    for line in report.stopped:
        err_console.print(f"[bold red]错误：[/]{escape(line)}")
    if report.blocked:
        for line in report.blocked_lines():
            err_console.print(f"[bold red]错误：[/]{escape(line)}")
    for line in report.tallied.problems if report.tallied else []:
        err_console.print(f"[bold red]错误：[/]{escape(line)}")
