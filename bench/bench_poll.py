"""Benchmark the tally of raw ballots: 100,000 民主推荐 ballots for 50 candidates in one
generated .xlsx (票号 | 投票人类别 | a √ column per candidate, 差额 limit 5, about 1% of
the ballots naming too many), read and tallied by class with every check, against a
python-calamine read of the same sheet (the floor for any reader of the file).

    python -m bench.bench_poll [BALLOTS]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.common import ROOT, ratio_line, time_code_pair

BALLOTS = 100_000
CANDIDATES = 50
MAX_CHOICES = 5
TARGET_RATIO = None  # the issue asks for the time; no target is set


def make_ballots(path: Path, ballots: int = BALLOTS) -> Path:
    from sample_data.make_poll_samples import build_ballots

    return build_ballots(path, ballots=ballots, candidates=CANDIDATES, seed=100, max_choices=MAX_CHOICES)


def run(workdir: Path, repeats: int = 3, ballots: int = BALLOTS) -> list[dict]:
    workdir.mkdir(parents=True, exist_ok=True)
    source = workdir / f"ballots_{ballots}.xlsx"
    if not source.exists():
        make_ballots(source, ballots)
    ours = ("cadre_cli.api.poll_file (what `cadre poll --json` runs: read + tally + checks + reading notes)",
            "from pathlib import Path\nfrom cadre_cli.api.poll import poll_file\nfrom cadre_cli.policy import load_policy\n"
            "base = load_policy('county')\n"
            f"policy = base.model_copy(update={{'tally': base.tally.model_copy(update={{'max_choices': {MAX_CHOICES}}})}})\n"
            f"report = poll_file(Path({str(source)!r}), policy)\n"
            f"assert report.polls[0].ballots == {ballots}")
    base = ("python-calamine to_python of the sheet",
            "import python_calamine as pc\n"
            f"wb = pc.CalamineWorkbook.from_path({str(source)!r})\n"
            "rows = wb.get_sheet_by_index(0).to_python(skip_empty_area=False)")
    a, b = time_code_pair(ours, base, repeats)
    line = ratio_line(f"poll_ballots_{ballots}x{CANDIDATES}", a, b, TARGET_RATIO)
    line["runs_s"] = [round(x, 3) for x in a.runs]
    return [line]


def main() -> None:
    ballots = int(sys.argv[1]) if len(sys.argv) > 1 else BALLOTS
    for line in run(ROOT / "bench" / "out", ballots=ballots):
        print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
