"""Benchmark: `cadre lrmx check` and `cadre audit` on a folder of 2,000 任免表 (.lrmx) files,
against parsing the same files with defusedxml alone (read, parse, walk every element).

    python -m bench.bench_lrmx [REPEATS]

Prints one JSON line per comparison; `run(workdir)` returns them for bench/run.py.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from bench.common import ratio_line, time_pair

FILES = 2000
TARGET = None  # the issue sets no target; the ratio is reported


def make_folder(folder: Path, count: int = FILES) -> Path:
    """`count` complete .lrmx files (the test builders' record, names and birth months varied)."""
    from tests.ids import make_id
    from tests.lrmx_builders import good_values, lrmx_bytes

    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        born = dt.date(1970 + i % 25, 1 + i % 12, 1 + i % 28)
        values = good_values(XingMing=f"张{chr(0x4E00 + i % 5000)}{chr(0x4E00 + i // 7)}", ChuShengNianYue=f"{born:%Y%m}",
                             ShenFenZheng=make_id(born, seq=i % 500), DaoLingNianYue="")
        (folder / f"{i:04d}.lrmx").write_bytes(lrmx_bytes(values))
    return folder


BASELINE = """
import sys
from pathlib import Path
from defusedxml.ElementTree import fromstring
n = 0
for p in sorted(Path(sys.argv[-1]).glob('*.lrmx')):
    n += sum(1 for _ in fromstring(p.read_bytes()).iter())
"""


def run(workdir: Path, repeats: int = 3) -> list[dict]:
    folder = make_folder(workdir / "lrmx_bench" / "任免表")
    base_code = BASELINE.replace("sys.argv[-1]", repr(str(folder)))
    lines = []
    for label, args in (("cadre lrmx check --json", ["lrmx", "check", str(folder), "--as-of", "2026-12-01", "--json"]),
                        ("cadre audit 任免表/ --json", ["audit", str(folder), "--as-of", "2026-12-01", "--json"])):
        ours, base = time_pair((label, args), ("defusedxml parse of the files", base_code), repeats)
        lines.append(ratio_line(f"{label}，{FILES}个任免表", ours, base, TARGET))
    return lines


if __name__ == "__main__":
    from bench.run import print_lines

    print_lines(run(Path(__file__).resolve().parent / "out", int(sys.argv[1]) if sys.argv[1:] else 3))
