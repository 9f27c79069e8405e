"""The 读取说明 sheet of an annotated workbook: which column of which sheet was read as
what, which were not read and why, and the notes on rows and values."""

from __future__ import annotations

from typing import Any

from cadre_cli.readers.report import ReadReport
from cadre_cli.writers.workbook import AMBER, print_sheet

SHEET = "读取说明"


def reading_lines(report: ReadReport) -> list[str]:
    """The sentences under the table: summary, sheets left out, warnings, notes."""
    lines = [report.summary()]
    for sheet in report.sheets:
        if sheet.skipped:
            lines.append(f"工作表“{sheet.name}”未作为名单读取：{sheet.skipped}。")
        elif sheet.header_rows:
            rows = "—".join(str(r) for r in (sheet.header_rows[0], sheet.header_rows[-1]) if r) \
                if len(sheet.header_rows) > 1 else str(sheet.header_rows[0])
            lines.append(f"工作表“{sheet.name}”：表头在第{rows}行，其下读取{sheet.records}行。")
    lines += [f"提示：{w}" for w in report.warnings]
    lines += report.notes
    return lines


def add_reading_sheet(annotated: Any, report: ReadReport) -> Any:
    headers = ["工作表", "单元格", "表头", "读作", "说明"]
    rows, fills = [], []
    for c in report.columns:
        note = c.note or ("未读取" + ("，像是要读的项目，见下方提示" if c.warning else "") if c.field is None else "")
        rows.append([c.sheet, c.cell, c.header, c.label or "（未读取）", note])
        fills.append(AMBER if c.warning else None)
    return print_sheet(annotated, SHEET, SHEET, headers, rows, widths=[14, 8, 26, 18, 40], notes=reading_lines(report),
                       fills=fills)
