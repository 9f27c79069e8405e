from __future__ import annotations


class ValueProblem(ValueError):
    """A cell value that cannot be understood; `reason` is a Chinese phrase."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
