"""Generate large inputs in the real layouts for the benchmarks (fictional people).

    python -m bench.gen roster 50000 bench/out/roster_50000.xlsx
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from openpyxl import Workbook

from sample_data.make_samples import GIVEN, ROSTER_HEADERS, SURNAMES
from tests.ids import make_id


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def roster(path: Path, rows: int, units: int = 300, seed: int = 1) -> Path:
    """A county-style roster: title, 填报单位 line, two-row merged header, ~8% with findings."""
    rng = random.Random(seed)
    unit_names = [f"第{i + 1}单位" for i in range(units)]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("后备干部名册")
    width = len(ROSTER_HEADERS)
    ws.append(["XX省后备干部名册"] + [None] * (width - 1))
    ws.append(["填报单位：XX省委组织部（盖章）    填报日期：2026年11月20日"] + [None] * (width - 1))
    top, sub = [], []
    for text, group in ROSTER_HEADERS:
        top.append(group if group and (not top or ROSTER_HEADERS[len(top) - 1][1] != group) else (None if group else text))
        sub.append(text if group else None)
    ws.append(top)
    ws.append(sub)
    ws.merged_cells.add("A1:" + _col(width) + "1")
    c = 1
    while c <= width:
        group = ROSTER_HEADERS[c - 1][1]
        if group is None:
            ws.merged_cells.add(f"{_col(c)}3:{_col(c)}4")
            c += 1
            continue
        end = c
        while end < width and ROSTER_HEADERS[end][1] == group:
            end += 1
        ws.merged_cells.add(f"{_col(c)}3:{_col(end)}3")
        c = end + 1
    for i in range(rows):
        principal = rng.random() < 0.4
        lo, hi = (1986, 1993) if principal else (1990, 2000)
        born = dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
        male = rng.random() < 0.6
        grades = [rng.choice(("优秀", "称职", "称职", "称职", "合格")) for _ in range(3)]
        if rng.random() < 0.02:
            grades[rng.randint(0, 2)] = "基本称职"
        voters = rng.randint(15, 20)
        exc = rng.randint(voters // 2, voters - 1)
        sec_start = sec_end = None
        if rng.random() < 0.15:
            y = rng.randint(2022, 2025)
            sec_start = f"{y}.{rng.randint(1, 12):02d}"
            sec_end = f"{y + rng.choice((1, 2, 3))}.{rng.randint(1, 12):02d}"
        ws.append([
            i + 1, _name(rng), "男" if male else "女", rng.choice(("汉族",) * 8 + ("彝族", "回族")),
            f"{born.year}.{born.month:02d}", make_id(born, male, seq=i % 400), rng.choice(("中共党员",) * 9 + ("群众",)),
            f"{born.year + 22}.{rng.randint(7, 9):02d}", rng.choice(("大学 学士",) * 4 + ("研究生 硕士", "大专")),
            rng.choice((None, None, "研究生 硕士")), rng.choice(unit_names), rng.choice(("副局长", "股长", "副主任", "科员")),
            rng.choice(("副科级", "科员", "四级主任科员")), f"{rng.randint(2018, 2025)}.{rng.randint(1, 12):02d}",
            "正科级后备" if principal else "副科级后备", f"{rng.randint(2022, 2026)}.{rng.randint(1, 12):02d}",
            *grades, exc, voters - exc - 1, 1, 0, voters, "某镇" if sec_start else None, sec_start, sec_end,
            f"139{rng.randint(10000000, 99999999)}", None,
        ])
    ws.append([])
    ws.append(["合计", f"{rows}人"])
    ws.append(["填表人：某某        审核人：某某"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _col(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


if __name__ == "__main__":
    kind, count, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
    if kind == "roster":
        roster(out, count)
    print(out)
