"""The one progress bar of every long batch (reading, checking, writing, rendering):
rich on stderr, shown only on a real terminal, never with --json."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cadre_cli.cli.common import err_console


class _Silent:
    """The progress API, doing nothing (JSON output, a pipe, TERM=dumb): rich.progress
    is then not even imported."""

    def add_task(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def update(self, *args: Any, **kwargs: Any) -> None:
        pass

    def advance(self, *args: Any, **kwargs: Any) -> None:
        pass


def shown(quiet: bool = False) -> bool:
    return not quiet and err_console.is_terminal and not err_console.is_dumb_terminal


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Any]:
    """`with progress_bar(quiet=as_json) as bar: task = bar.add_task("读取名册", total=n)`;
    `bar.update(task, description=…, total=…)` moves to the next stage."""
    if not shown(quiet):
        yield _Silent()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console.real, transient=True,
    )
    with bar:
        yield bar
