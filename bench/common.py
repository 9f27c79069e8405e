"""Benchmark plumbing: run a command or Python snippet in a fresh process several
times; report the median wall time and the peak memory (ru_maxrss) of that process."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MEASURE = Path(__file__).with_name("_measure.py")


@dataclass
class Timing:
    label: str
    median_s: float
    runs: list[float]
    peak_mb: float


def time_cli(label: str, args: list[str], repeats: int = 3) -> Timing:
    """`cadre ARGS...` in a fresh interpreter, as a user runs it."""
    return _time(label, ["cli", *args], repeats)


def time_python(label: str, code: str, repeats: int = 3) -> Timing:
    """A Python snippet (a baseline) in a fresh interpreter."""
    return _time(label, ["code", code], repeats)


def _once(label: str, spec: list[str]) -> tuple[float, float]:
    done = subprocess.run([sys.executable, "-m", "bench._measure", *spec], capture_output=True, text=True, cwd=ROOT)
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    if not line.startswith("{"):
        raise RuntimeError(f"{label} failed: {done.stderr[-2000:]}")
    data = json.loads(line)
    return data["seconds"], data["peak_mb"]


def _time(label: str, spec: list[str], repeats: int) -> Timing:
    results = [_once(label, spec) for _ in range(repeats)]
    return Timing(label, statistics.median(r[0] for r in results), [r[0] for r in results], max(r[1] for r in results))


def time_pair(ours: tuple[str, list[str]], base: tuple[str, str], repeats: int = 5) -> tuple[Timing, Timing]:
    """`cadre ARGS` and a baseline snippet, run alternately so that drift in the
    machine's speed falls on both alike."""
    a: list[tuple[float, float]] = []
    b: list[tuple[float, float]] = []
    for _ in range(repeats):
        a.append(_once(ours[0], ["cli", *ours[1]]))
        b.append(_once(base[0], ["code", base[1]]))

    def timing(label: str, results: list[tuple[float, float]]) -> Timing:
        return Timing(label, statistics.median(r[0] for r in results), [r[0] for r in results], max(r[1] for r in results))

    return timing(ours[0], a), timing(base[0], b)


def time_code_pair(ours: tuple[str, str], base: tuple[str, str], repeats: int = 5) -> tuple[Timing, Timing]:
    """Two Python snippets, run alternately in fresh processes (see `time_pair`)."""
    a = [b for _ in range(repeats) for b in [(_once(ours[0], ["code", ours[1]]), _once(base[0], ["code", base[1]]))]]
    timing = lambda label, results: Timing(label, statistics.median(r[0] for r in results), [r[0] for r in results],
                                           max(r[1] for r in results))
    return timing(ours[0], [x for x, _ in a]), timing(base[0], [y for _, y in a])


def time_process(label: str, argv: list[str], repeats: int = 5) -> Timing:
    """A whole process, interpreter start-up included (what a user waits for)."""
    import os
    import time

    runs, peaks = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        _, _, usage = os.wait4(proc.pid, 0)
        runs.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
        proc.returncode = 0
    return Timing(label, statistics.median(runs), runs, max(peaks))


def ratio_line(name: str, ours: Timing, base: Timing, target: float | None) -> dict:
    ratio = ours.median_s / base.median_s if base.median_s else float("inf")
    return {
        "name": name, "ours": ours.label, "ours_s": round(ours.median_s, 3), "ours_peak_mb": round(ours.peak_mb),
        "baseline": base.label, "baseline_s": round(base.median_s, 3), "baseline_peak_mb": round(base.peak_mb),
        "ratio": round(ratio, 2), "target": target,
        "met": None if target is None else ratio <= target,
    }
