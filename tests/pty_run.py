"""Run the `cadre` command in a real pseudo-terminal, the way a user types it.

Pipes hide a whole class of faults (rich switches to live progress bars, colours and
terminal widths only on a tty), so the commands in the README are also run here.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class PtyResult:
    code: int
    raw: str  # everything the terminal received, escapes included

    @property
    def text(self) -> str:
        """What a person reads: escape sequences and carriage returns removed."""
        return ANSI.sub("", self.raw)


def run_in_pty(*args: str, columns: int = 80, rows: int = 40, env: dict[str, str] | None = None,
               cwd: Path | None = None, timeout: float = 120, answer: str | None = None,
               command: list[str] | None = None) -> PtyResult:
    """`cadre ARGS` with stdin, stdout and stderr on one pty of the given size.
    `answer` is typed once the program has printed something (a password prompt);
    `command` runs another program instead (a shell line from the README)."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    full_env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "CADRE_DEBUG")}
    full_env.update({"TERM": "xterm-256color", "PYTHONUNBUFFERED": "1"})
    full_env.update(env or {})
    argv = command if command is not None else [sys.executable, "-m", "cadre_cli", *args]
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave,
                            cwd=cwd or ROOT, env=full_env, start_new_session=True)
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    answered = answer is None
    try:
        while True:
            if time.monotonic() > deadline:
                proc.kill()
                raise TimeoutError(f"cadre {' '.join(args)} did not finish in {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.1)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    data = b""
                if not data:
                    if proc.poll() is not None:
                        break
                    continue
                chunks.append(data)
                if not answered:
                    os.write(master, answer.encode() + b"\n")
                    answered = True
            elif proc.poll() is not None:
                break
    finally:
        os.close(master)
    code = proc.wait()
    return PtyResult(code, b"".join(chunks).decode("utf-8", errors="replace"))
