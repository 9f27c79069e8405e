"""Score sheets in the layouts offices use, for the `cadre score` tests: a title, a
two-row header with 考评组评分 over 评委N and 民主测评票数 over the four grades, data
rows, a blank row, a 合计 row and footnotes (see tests/builders.write_table)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from tests.builders import write_table

TITLE = "2025年科级后备干部答辩测评成绩汇总表"


def row(name: str, exam: str | None = None, written: Any = 80, marks: tuple = (80, 80, 80, 80, 80),
        votes: tuple = (10, 6, 2, 0), voters: Any = 18, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if exam is not None:
        out["准考证号"] = exam
    out["姓名"] = name
    if written is not None:
        out["笔试成绩"] = written
    for i, mark in enumerate(marks, start=1):
        out[f"评委{i}"] = mark
    for grade, n in zip(("优秀", "称职", "基本称职", "不称职"), votes):
        out[grade] = n
    if voters is not None:
        out["测评人数"] = voters
    out.update(extra)
    return out


def headers_of(rows: list[dict[str, Any]]) -> list[str]:
    return list(dict.fromkeys(k for r in rows for k in r))


def book(path: Path, sheets: dict[str, list[dict[str, Any]]], title: str | None = TITLE, **kwargs: Any) -> Path:
    """One table per sheet, each with every header any of its rows uses."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        write_table(wb.create_sheet(name), rows, headers=headers_of(rows), title=title, unit_line=None, **kwargs)
    wb.save(path)
    return path


def sheet(path: Path, rows: list[dict[str, Any]], **kwargs: Any) -> Path:
    return book(path, {"答辩测评": rows}, **kwargs)
