"""Benchmark: `cadre notice` writing 500 unit lists (docx + html) against docxtpl alone
rendering the same docx template 500 times.

    python -m bench.bench_notice [REPEATS]

Prints one JSON line per comparison; `run(workdir)` returns them for bench/run.py.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from bench.common import ROOT, ratio_line, time_cli, time_python

UNITS = 500
PER_UNIT = 3
TARGET = None  # the issue sets no target for notices; the ratio is reported


def make_roster(path: Path, units: int = UNITS, per_unit: int = PER_UNIT) -> Path:
    """A plain roster: one header row, `units` units of `per_unit` people each."""
    from openpyxl import Workbook

    from tests.ids import make_id

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("名册")
    ws.append(["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "政治面貌", "参加工作时间", "学历", "工作单位",
               "现任职务", "后备类别", "联系电话"])
    seq = 0
    for u in range(units):
        for k in range(per_unit):
            seq += 1
            born = dt.date(1980 + seq % 15, 1 + seq % 12, 1 + seq % 28)
            gender = "男" if seq % 3 else "女"
            ws.append([seq, f"测试{seq:05d}", gender, "汉族", f"{born.year}.{born.month:02d}", make_id(born, gender, seq=seq),
                       "中共党员", f"{born.year + 22}.07", "大学 学士", f"测试单位{u:03d}", "副局长" if k == 0 else "股长",
                       "正科级后备" if k == 0 else "副科级后备", f"138{seq:08d}"])
    wb.save(path)
    return path


BASELINE = """
from docxtpl import DocxTemplate
from pathlib import Path
out = Path({out!r})
out.mkdir(exist_ok=True)
person = {{"seq": 1, "name": "测试", "gender": "男", "ethnicity": "汉族", "birth_short": "1985.03",
          "education_degree": "大学 学士", "political_status": "中共党员", "unit_post": "测试单位副局长",
          "reserve_class": "正科级", "results_text": ""}}
for i in range({units}):
    doc = DocxTemplate({template!r})
    doc.render({{"title": f"测试单位{{i:03d}}科级后备干部名单", "preamble": "根据……现将名单予以公开。",
                "people": [dict(person, seq=k + 1) for k in range({per_unit})], "has_results": False,
                "contacts": [], "sign_issuer": "中共泸西县委组织部", "sign_date": "2026年12月1日"}}, autoescape=True)
    doc.save(out / f"{{i:03d}}.docx")
"""


def run(workdir: Path, repeats: int = 3) -> list[dict]:
    workdir.mkdir(parents=True, exist_ok=True)
    roster = make_roster(workdir / "名册_500个单位.xlsx")
    ours = time_cli(f"cadre notice --by 单位 ({UNITS} units, docx+html)",
                    ["notice", str(roster), "--by", "单位", "--format", "docx,html", "--output", str(workdir / "out"),
                     "--force", "--start", "2026-12-01", "--kind", "list"], repeats)
    base = time_python(f"docxtpl alone ({UNITS} × list.docx)",
                       BASELINE.format(out=str(workdir / "baseline"), units=UNITS, per_unit=PER_UNIT,
                                       template=str(ROOT / "cadre_cli" / "templates" / "list.docx")), repeats)
    return [ratio_line("notice-500-units", ours, base, TARGET)]


if __name__ == "__main__":
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    for line in run(ROOT / "bench" / "out" / "notice", repeats):
        print(json.dumps(line, ensure_ascii=False))
