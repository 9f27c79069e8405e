"""Benchmark `cadre score` on a 5,000-candidate score sheet with the annotated output,
against an openpyxl load-and-save of the same file (the floor for any annotated copy).

    python -m bench.bench_score            # prints the figures as JSON lines
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from bench.common import ROOT, ratio_line, time_pair

CANDIDATES = 5000
JUDGES = 7
TARGET_RATIO = 0.5  # issue 14: the annotated copy is patched, at most half the round trip


def make_sheet(path: Path, n: int = CANDIDATES, seed: int = 5000) -> Path:
    """A score sheet in the real layout: title, two-row merged header (考评组评分 over
    评委1…7, 民主测评票数 over the grades), n candidates (some 缺考, some below 60),
    a note and signature lines."""
    from openpyxl import Workbook

    rng = random.Random(seed)
    wb = Workbook()
    ws = wb.active
    ws.title = "答辩测评"
    heads = ["序号", "准考证号", "姓名", "工作单位", "笔试成绩"] + [f"评委{i}" for i in range(1, JUDGES + 1)] + \
        ["优秀", "称职", "基本称职", "不称职", "测评人数", "备注"]
    width = len(heads)
    ws.cell(1, 1, "2025年科级后备干部培训考试及答辩测评成绩汇总表")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    for c, h in enumerate(heads, start=1):
        if h.startswith("评委") or h in ("优秀", "称职", "基本称职", "不称职"):
            ws.cell(3, c, h)
        else:
            ws.cell(2, c, h)
            ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    ws.cell(2, 6, "考评组评分")
    ws.merge_cells(start_row=2, start_column=6, end_row=2, end_column=5 + JUDGES)
    ws.cell(2, 6 + JUDGES, "民主测评票数")
    ws.merge_cells(start_row=2, start_column=6 + JUDGES, end_row=2, end_column=9 + JUDGES)
    surnames, given = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗", "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"
    units = ["县委办公室", "县财政局", "县教育体育局", "中枢镇", "白水镇", "县卫生健康局"]
    for i in range(1, n + 1):
        written: object = round(rng.uniform(50, 98) * 2) / 2
        if i % 97 == 0:
            written = "缺考"
        voters = rng.randint(15, 20)
        bad = rng.randint(0, 2)
        exc = rng.randint(voters // 3, voters - bad - 1)
        abstain = 1 if i % 11 == 0 else 0
        votes = [exc, voters - exc - bad - abstain, bad, 0]
        marks = [round(rng.uniform(65, 96) * 2) / 2 for _ in range(JUDGES)]
        name = rng.choice(surnames) + rng.choice(given) + rng.choice(given)
        ws.append([i, f"2025{i:05d}", name, rng.choice(units), written, *marks, *votes, voters, None])
    ws.append([])
    ws.append(["注：笔试60分合格；答辩测评分数 = 考评分×60% + 测评分×40%。"])
    ws.append(["计分人：王芳            监督人：赵强"])
    wb.save(path)
    return path


def run(workdir: Path, repeats: int = 3) -> list[dict]:
    workdir.mkdir(parents=True, exist_ok=True)
    source = make_sheet(workdir / "score_5000.xlsx")
    ours_out = workdir / "score_5000_成绩.xlsx"
    base_out = workdir / "score_5000_copy.xlsx"
    ours, base = time_pair(  # measured alternately, so that a busy machine slows both alike
        (f"cadre score ({CANDIDATES} candidates, annotated output)", ["score", str(source), "--output", str(ours_out),
                                                                      "--force"]),
        ("openpyxl load_workbook + save",
         f"from openpyxl import load_workbook\nwb = load_workbook({str(source)!r})\nwb.save({str(base_out)!r})"),
        repeats=repeats)
    line = ratio_line("score_5000", ours, base, TARGET_RATIO)
    line["runs_s"] = [round(x, 3) for x in ours.runs]
    # where the time goes: the same job writing nothing (start-up, reading, exact scoring, the
    # terminal table), against the same baseline again
    alone, base2 = time_pair(
        (f"cadre score --no-output ({CANDIDATES} candidates)", ["score", str(source), "--no-output"]),
        ("openpyxl load_workbook + save",
         f"from openpyxl import load_workbook\nwb = load_workbook({str(source)!r})\nwb.save({str(base_out)!r})"),
        repeats=repeats)
    return [line, ratio_line("score_5000 without the workbook", alone, base2, None)]


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for line in run(ROOT / "bench" / "out", repeats):
        print(json.dumps(line, ensure_ascii=False))


if __name__ == "__main__":
    main()
