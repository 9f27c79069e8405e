"""Errors a user sees: one Chinese sentence and an exit code, never a traceback."""

from __future__ import annotations


class CadreError(Exception):
    """An error the CLI reports as one Chinese sentence (exit code 2 by default)."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if exit_code is not None:
            self.exit_code = exit_code


class InputError(CadreError):
    """The input file cannot be used as it is."""


class PolicyError(CadreError):
    """A policy file is missing, malformed or holds a wrong key or value."""


class OutputError(CadreError):
    """An output cannot be written where the user asked."""


def debug_detail(exc: BaseException) -> str:
    """The library's own (English) words about a failure, only with CADRE_DEBUG=1:
    `（详细：…）`, else nothing, so that a user reads one Chinese sentence."""
    import os

    if not os.environ.get("CADRE_DEBUG"):
        return ""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    return f"（详细：{type(exc).__name__}{': ' + text[:200] if text else ''}）"
