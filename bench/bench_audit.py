"""Audit of a 50,000-row roster: `cadre audit --json` against reading the same file with
pandas + calamine, and `cadre audit` writing the annotated workbook against an openpyxl
load-and-save of the same file.

    python -m bench.bench_audit [ROWS]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.common import ratio_line, time_cli, time_pair

LARGEST = 100_000  # the largest realistic roster: memory growth is watched on it


def run(workdir: Path, repeats: int = 3, rows: int = 50_000) -> list[dict]:
    source = workdir / f"roster_{rows}.xlsx"
    if not source.exists():
        from bench.gen import roster

        roster(source, rows)
    out = workdir / "roster_审核结果.xlsx"
    audit_json, read = time_pair(
        ("cadre audit --json", ["audit", str(source), "--json", "--as-of", "2026-12-01"]),
        ("pandas.read_excel(engine='calamine')",
         f"import pandas as pd; pd.read_excel({str(source)!r}, engine='calamine', header=None)"),
        repeats=max(repeats, 7))
    audit_book, save = time_pair(
        ("cadre audit（写标注工作簿）", ["audit", str(source), "--as-of", "2026-12-01", "--output", str(out), "--force"]),
        ("openpyxl load + save",
         f"import openpyxl; openpyxl.load_workbook({str(source)!r}).save({str(workdir / 'copy.xlsx')!r})"),
        repeats=repeats)
    return [
        ratio_line(f"audit --json, {rows} rows", audit_json, read, 1.5),
        ratio_line(f"audit + annotated workbook, {rows} rows", audit_book, save, 1.25),
        *largest(workdir),
    ]


def largest(workdir: Path) -> list[dict]:
    """The 100,000-row roster, once each way: time and peak memory (no ratio target)."""
    source = workdir / f"roster_{LARGEST}.xlsx"
    if not source.exists():
        from bench.gen import roster

        roster(source, LARGEST)
    lines = []
    for label, extra in (("--json", ["--json"]), ("annotated workbook", ["--output", str(workdir / "big_审核结果.xlsx"), "--force"])):
        t = time_cli(f"cadre audit {label}", ["audit", str(source), "--as-of", "2026-12-01", *extra], repeats=1)
        lines.append({"name": f"audit {label}, {LARGEST} rows", "ours": t.label, "ours_s": round(t.median_s, 3),
                      "ours_peak_mb": round(t.peak_mb), "baseline": "—", "baseline_s": "—", "baseline_peak_mb": "—",
                      "ratio": "—", "target": None, "met": None})
    return lines


if __name__ == "__main__":
    from bench.run import print_lines

    work = Path(__file__).resolve().parent / "out"
    work.mkdir(exist_ok=True)
    print_lines(run(work, rows=int(sys.argv[1]) if len(sys.argv) > 1 else 50_000))
