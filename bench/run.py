"""`make bench`: every benchmark, each figure the median of several runs in fresh
processes, as a ratio to a baseline measured in the same run, with peak memory.

    python -m bench.run            # all
    python -m bench.run audit help # some

Results are printed as a Markdown table (pasted into the README) and saved to
bench/out/results.json.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
import time
from pathlib import Path


SUITES = ["audit", "score", "notice", "help", "patch", "poll", "lrmx"]


def print_lines(lines: list[dict]) -> None:
    print("| benchmark | cadre (median s) | peak MB | baseline | baseline (s) | peak MB | ratio | target |")
    print("|---|---|---|---|---|---|---|---|")
    for d in lines:
        target = "—" if d["target"] is None else f"≤ {d['target']}x {'✓' if d['met'] else '✗ missed'}"
        if d.get("memory_ratio") is not None:
            target += f"; memory {d['memory_ratio']}x (≤ 0.5x {'✓' if d['memory_ratio'] <= 0.5 else '✗ missed'})"
        print(f"| {d['name']} | {d['ours_s']} | {d['ours_peak_mb']} | {d['baseline']} | {d['baseline_s']} | "
              f"{d['baseline_peak_mb']} | {d['ratio']}x | {target} |")


def main(names: list[str]) -> None:
    """Each suite runs in its own fresh process: a child's peak memory (ru_maxrss)
    includes its parent's at the moment it was started, so the parent must stay small."""
    work = Path(__file__).resolve().parent / "out"
    work.mkdir(exist_ok=True)
    lines: list[dict] = []
    for name in names or SUITES:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "bench.run", "--suite", name], capture_output=True, text=True,
                              cwd=Path(__file__).resolve().parent.parent)
        if done.returncode != 0:
            sys.exit(f"[{name}] failed:\n{done.stderr[-3000:]}")
        lines.extend(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"[{name}] done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print_lines(lines)
    (work / "results.json").write_text(json.dumps(lines, ensure_ascii=False, indent=2), encoding="utf-8")


def suite(name: str) -> None:
    work = Path(__file__).resolve().parent / "out"
    module = importlib.import_module(f"bench.bench_{name}")
    print(json.dumps(module.run(work), ensure_ascii=False))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--suite"]:
        suite(sys.argv[2])
    else:
        main(sys.argv[1:])
