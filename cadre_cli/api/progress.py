"""How a job tells its caller how far it got: named stages and steps within a stage.
The library's default says nothing; the command line passes its one progress bar."""

from __future__ import annotations

from typing import Any, Protocol


KEEP: Any = ...  # a stage's total left as it was


class Progress(Protocol):
    """`stage(description)` renames the current stage; `stage(description, total=n)` starts
    one of n steps (None: of unknown length) from zero."""

    def stage(self, description: str, total: int | None = KEEP) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class Silent:
    """No progress shown (a Python caller, `--json`)."""

    def stage(self, description: str, total: int | None = KEEP) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass
