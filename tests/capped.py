"""Run `cadre` in a child process under a memory cap and a timeout, so that a hostile
input that regresses fails its test instead of taking the machine.

    run_capped("audit", "x.xlsx", memory_mb=1500, timeout=60) -> Result
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Result

ROOT = Path(__file__).resolve().parents[1]
CHILD = (
    "import resource, sys\n"
    "cap = int(sys.argv[1]) * 1024 * 1024\n"
    "resource.setrlimit(resource.RLIMIT_AS, (cap, cap))\n"
    "from cadre_cli.cli import main\n"
    "main(sys.argv[2:])\n"
)
MEMORY_MB = 1500
TIMEOUT = 90


def run_capped(*args: object, memory_mb: int = MEMORY_MB, timeout: float = TIMEOUT,
               env: dict[str, str] | None = None, cwd: Path | None = None) -> Result:
    full_env = {k: v for k, v in os.environ.items() if k not in ("CADRE_DEBUG", "COLUMNS")}
    full_env.update({"COLUMNS": "200", "PYTHONPATH": str(ROOT)})
    full_env.update(env or {})
    argv = [sys.executable, "-c", CHILD, str(memory_mb), *[a if isinstance(a, bytes) else str(a) for a in args]]
    done = subprocess.run(argv, capture_output=True, timeout=timeout, env=full_env, cwd=cwd or ROOT)
    return Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
