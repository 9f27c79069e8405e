"""A rich progress bar on stderr for long batches (quiet with --json)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cadre_cli.cli.common import err_console


class _Silent:
    """The progress API, doing nothing (JSON output, or not a terminal): rich.progress
    is then not even imported."""

    def add_task(self, *args: Any, **kwargs: Any) -> int:
        return 0

    def update(self, *args: Any, **kwargs: Any) -> None:
        pass

    def advance(self, *args: Any, **kwargs: Any) -> None:
        pass


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Any]:
    if quiet or not err_console.is_terminal:
        yield _Silent()
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console.real, transient=True,
    )
    with bar:
        yield bar
