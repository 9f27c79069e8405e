from __future__ import annotations

import hashlib
from pathlib import Path

import os

import pytest
from hypothesis import settings

# CI runs the same examples every time (a failure there is reproducible); a developer's
# `make test` keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

from cadre_cli.cli import main


class Result:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err

    def __repr__(self) -> str:
        return f"Result(code={self.code}, out={self.out[-2000:]!r}, err={self.err[-2000:]!r})"


@pytest.fixture
def run(capsys, monkeypatch):
    """Run the CLI in-process: run('audit', 'x.xlsx') -> Result(code, out, err)."""
    monkeypatch.setenv("COLUMNS", "200")

    def _run(*args: str) -> Result:
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
