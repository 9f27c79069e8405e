"""What was read in a workbook, on the terminal."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from cadre_cli.api.inspect import InspectReport


def render(console: Any, report: InspectReport, verbose: bool) -> None:
    from cadre_cli.cli.common import labelled, stacked
    from cadre_cli.emit.terminal.reading import render_reading
    from cadre_cli.readers.fields import field_label

    found = report.found
    twice = f"（其中{found.entered_twice}人重复录入，只计一次）" if found.entered_twice else ""
    console.print(f"[bold]{escape(report.source.name)}[/]：读到{found.rows}行人员，共{found.people}人{twice}。")
    for note in report.notes:
        console.print(escape(labelled(note, "注意：")))
    render_reading(console, found.report, verbose, hint="去掉 --brief 列出每一列")
    if not found.problems:
        console.print("[green]各列的值都能识别。[/]")
        return
    table = Table(title="各列的值有问题的单元格", title_justify="left")
    for label in ("表头", "读作", "个数", "例子"):
        table.add_column(label, overflow="fold", no_wrap=label == "个数")
    for p in found.problems:
        where = p.header if len({q.sheet for q in found.problems}) == 1 else f"{p.sheet}!{p.header}"
        table.add_row(escape(f"{where}（{p.cell}）"), escape(field_label(p.field)),
                      str(p.count), stacked(*p.examples))
    console.print(table)
