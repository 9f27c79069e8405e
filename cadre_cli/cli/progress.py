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


class _Stages:
    """The application layer's progress (`cadre_cli.api.progress.Progress`) on the bar:
    one task, made at the first stage, renamed and reset stage by stage."""

    def __init__(self, bar: Any) -> None:
        self._bar = bar
        self._task: Any = None

    def stage(self, description: str, total: Any = ...) -> None:
        if self._task is None:
            self._task = self._bar.add_task(description, total=None if total is ... else total)
        elif total is ...:
            self._bar.update(self._task, description=description)
        else:
            self._bar.update(self._task, description=description, total=total, completed=0)

    def advance(self, n: int = 1) -> None:
        if self._task is not None:
            self._bar.advance(self._task, n)


@contextmanager
def job_progress(quiet: bool = False) -> Iterator[Any]:
    """`with job_progress(quiet=as_json) as progress: api.audit_file(..., progress=progress)`."""
    with progress_bar(quiet) as bar:
        yield _Stages(bar)
