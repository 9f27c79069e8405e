"""Workbooks about 任免表 files: the check of a batch (one row per file with its findings, and
the list of findings), and the roster-against-files cross-check sheet of an audit. Written with
the same print-ready sheets as the audit's (`workbook.print_sheet`), atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.dates import chinese_date

FINDING_HEADERS = ["文件", "姓名", "栏目", "级别", "规则", "问题", "栏目中的内容", "依据"]
FINDING_WIDTHS = [18, 8, 16, 6, 18, 40, 24, 30]


def finding_rows(findings: Sequence[Diagnostic]) -> list[list[Any]]:
    from cadre_cli.lrmx.finding import place

    rows = []
    for f in findings:
        file = f.where.file or ""
        element = place(f)[len(file):].strip().removeprefix("的 ") if f.where.element else ""
        raw = None if f.raw is None else str(f.raw)
        rows.append([file, f.name or "", element, f.severity.label, f.rule,
                     f.message, raw, f.basis])
    return rows


def add_findings_sheet(annotated: Any, name: str, title: str, findings: Sequence[Diagnostic], notes: Sequence[str] = ()) -> Any:
    from cadre_cli.writers.workbook import print_sheet

    return print_sheet(annotated, name, title, FINDING_HEADERS, finding_rows(findings), FINDING_WIDTHS, list(notes),
                       landscape=True)


def write_check_book(report: Any, target: Path) -> Path:
    """`任免表检查`: one row per file (name, counts, every finding on a line of its own);
    `问题清单`: one row per finding."""
    from cadre_cli.lrmx.finding import place
    from cadre_cli.writers.workbook import new_book, print_sheet, save

    book = new_book()
    rows = []
    for r in report.files:
        c = r.counts
        lines = "\n".join(f"{f.severity.label}：{f.message}（{place(f)}）" for f in r.findings)
        status = "无法读取" if r.format is None else ("有错误" if c["errors"] else ("有警告" if c["warnings"] else "通过"))
        rows.append([r.file, r.name or "", f".{r.format}" if r.format else "", status, c["errors"], c["warnings"],
                     c["infos"], lines or "没有发现问题"])
    s = report.summary()
    title = f"任免审批表检查（{report.source}，检查基准日{chinese_date(report.as_of)}）"
    notes = [f"共{s['files']}个文件：错误{s['errors']}条，警告{s['warnings']}条，提示{s['infos']}条；"
             f"没有错误和警告的{s['clean']}个。"]
    if report.ignored:
        notes.append("未读取（不是任免表）：" + "、".join(report.ignored[:20]) + ("等" if len(report.ignored) > 20 else ""))
    print_sheet(book, "任免表检查", title, ["文件", "姓名", "格式", "结论", "错误", "警告", "提示", "问题"], rows,
                [20, 8, 7, 8, 6, 6, 6, 70], notes, landscape=True)
    add_findings_sheet(book, "问题清单", "问题清单（一行一条）", report.findings)
    return save(book, target)
