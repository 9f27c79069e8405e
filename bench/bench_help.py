"""`cadre --help` against `python -c "import typer"`, whole processes."""

from __future__ import annotations

import sys
from pathlib import Path

from bench.common import ratio_line, time_process


def run(workdir: Path, repeats: int = 7) -> list[dict]:
    base = time_process('python -c "import typer"', [sys.executable, "-c", "import typer"], repeats)
    ours = time_process("cadre --help", [sys.executable, "-m", "cadre_cli", "--help"], repeats)
    return [ratio_line("cadre --help", ours, base, 1.3)]


if __name__ == "__main__":
    from bench.run import print_lines

    print_lines(run(Path(".")))
