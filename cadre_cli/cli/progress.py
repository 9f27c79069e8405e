"""A rich progress bar on stderr for long batches (quiet with --json)."""

from __future__ import annotations

from contextlib import contextmanager
from collections.abc import Iterator

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from cadre_cli.cli.common import err_console


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Progress]:
    bar = Progress(
        SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err_console, transient=True, disable=quiet or not err_console.is_terminal,
    )
    with bar:
        yield bar
