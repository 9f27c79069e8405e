"""The annotated copy written by patching the package, against an openpyxl load + save
of the same 50,000-row roster: about 10% of the data cells marked (a fill and a
comment each), two status columns, and two new sheets (a 5,000-row 问题清单 with
links, a 结构分析 with two native charts), made and grafted as cadre will.

    python -m bench.bench_patch [ROWS]
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.common import ratio_line, time_code_pair

HEADER_ROWS = (3, 4)
FIRST = 5
RED, AMBER, GREEN = "FFC7CE", "FFEB9C", "C6EFCE"


def edits_for(rows: int, width: int):
    """~10% of the data cells marked, two status columns: the edits an audit makes."""
    from cadre_cli.writers.package import BookEdits, PageSetup, Style

    edits = BookEdits()
    s = edits.sheet("后备干部名册")
    status, summary = width + 1, width + 2
    for offset, label in enumerate(("审核结论", "问题摘要")):
        s.put(HEADER_ROWS[0], status + offset, label, Style("header"))
        s.put(HEADER_ROWS[1], status + offset, None, Style("header"))
        s.merges.append((HEADER_ROWS[0], status + offset, HEADER_ROWS[1], status + offset))
    s.column_widths.update({status: 13, summary: 36})
    seed = 12345
    for r in range(FIRST, FIRST + rows):
        marked = []
        for c in range(1, width + 1):
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            if seed % 10 == 0:
                fill = RED if seed % 3 else AMBER
                s.mark(r, c, fill, f"【错误】规则{c}：第{r}行的值不符合要求\n依据：《干部任用条例》第{c}条")
                marked.append(c)
        s.put(r, status, "建议调整" if marked else "符合", Style("center", RED if marked else GREEN))
        s.put(r, summary, "；".join(f"规则{c}" for c in marked), Style("left"))
    s.page = PageSetup()
    return edits


def new_sheets():
    from openpyxl import Workbook

    from tests.package_corpus import structure_sheet

    wb = Workbook()
    wb.remove(wb.active)
    structure_sheet(wb, [("男", 30000), ("女", 20000)])
    return wb


def print_tables(findings: int = 5000):
    from cadre_cli.writers.print_table import build

    rows = [[i, "错误", f"规则{i % 30}", "张三", "第1单位", f"后备干部名册!B{FIRST + i}", "第几行的值不符合要求", "第三条"]
            for i in range(1, findings + 1)]
    links = [f"'后备干部名册'!B{FIRST + r}" for r in range(3, findings + 3)]
    return [build("问题清单", "后备干部名册审核问题清单", ["序号", "级别", "规则", "姓名", "单位", "位置", "问题", "依据"],
                  rows, widths=[6, 7, 20, 9, 16, 14, 48, 30], landscape=True, links=links, link_column=6)]


def patch_once(source: str, target: str, rows: int) -> None:
    from sample_data.make_samples import ROSTER_HEADERS

    from cadre_cli.writers.package import patch_package

    patch_package(Path(source), Path(target), edits_for(rows, len(ROSTER_HEADERS)), new_sheets(), print_tables(),
                  ["问题清单", "结构分析"])


def run(workdir: Path, repeats: int = 3, rows: int = 50_000) -> list[dict]:
    source = workdir / f"roster_{rows}.xlsx"
    if not source.exists():
        from bench.gen import roster

        roster(source, rows)
    ours, base = time_code_pair(
        ("patch_package（标注 10% 单元格 + 2 列 + 2 张新表）",
         f"from bench.bench_patch import patch_once; patch_once({str(source)!r}, "
         f"{str(workdir / 'patched.xlsx')!r}, {rows})"),
        ("openpyxl load + save",
         f"import openpyxl; openpyxl.load_workbook({str(source)!r}).save({str(workdir / 'copy.xlsx')!r})"),
        repeats=repeats)
    line = ratio_line(f"patched annotated copy, {rows} rows", ours, base, 0.5)
    line["memory_ratio"] = round(ours.peak_mb / base.peak_mb, 2) if base.peak_mb else None
    return [line]


if __name__ == "__main__":
    from bench.run import print_lines

    work = Path(__file__).resolve().parent / "out"
    work.mkdir(exist_ok=True)
    lines = run(work, rows=int(sys.argv[1]) if len(sys.argv) > 1 else 50_000)
    print_lines(lines)
    print(f"peak memory ratio: {lines[0]['memory_ratio']}x (target ≤ 0.5x)")
