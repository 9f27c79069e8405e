"""The annotated audit workbook: each finding's cell filled and commented, a status
column per person, a 问题清单 sheet with links to the cells, and a 结构分析 sheet
with the pool's make-up and native Excel charts."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cadre_cli.audit.engine import STATUS_OK, STATUS_REMOVE, STATUS_WATCH, AuditResult
from cadre_cli.audit.finding import SEVERITY_ORDER, Finding
from cadre_cli.audit.structure import breakdowns
from cadre_cli.parse.dates import chinese_date
from cadre_cli.readers.raw import RawBook
from cadre_cli.rules.registry import REGISTRY, Severity
from cadre_cli.writers.workbook import (
    AMBER,
    BLUE,
    GREEN,
    RED,
    Annotated,
    StyleStamp,
    add_header_columns,
    cell_style,
    first_free_column,
    open_for_annotation,
    print_sheet,
    save,
    set_value,
    styles,
    worksheet,
)
from cadre_cli.writers.pages import a4_fit_width, paginate, rows_for_height

FILL = {Severity.ERROR: RED, Severity.WARNING: AMBER, Severity.INFO: BLUE}
STATUS_FILL = {STATUS_OK: GREEN, STATUS_REMOVE: RED}


def write_audit_book(book: RawBook, result: AuditResult, target: Path) -> Annotated:
    annotated = open_for_annotation(book)
    wb = annotated.wb
    _annotate_cells(annotated, result.findings)
    _status_columns(annotated, result)
    _findings_sheet(annotated, result)
    _structure_sheet(wb, result)
    save(annotated, target, mode_from=book.path)
    return annotated


def _annotate_cells(annotated: Annotated, findings: list[Finding]) -> None:
    from openpyxl.comments import Comment

    st = styles()
    by_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.cell is not None:
            by_cell[(f.cell.sheet, f.cell.row, f.cell.col)].append(f)
    anchors: dict[str, dict[tuple[int, int], tuple[int, int]]] = {}
    merged_found: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for (sheet, row, col), found in by_cell.items():
        if sheet not in anchors:
            anchors[sheet] = _merge_anchors(worksheet(annotated, sheet))
        row, col = anchors[sheet].get((row, col), (row, col))  # inside a merge: its top-left cell
        merged_found[(sheet, row, col)].extend(found)
    stamp = StyleStamp()
    for (sheet, row, col), found in merged_found.items():
        cell = worksheet(annotated, sheet).cell(row, col)
        color = FILL[min(found, key=lambda f: SEVERITY_ORDER[f.severity]).severity]
        stamp.restyle(cell, color, lambda: {"fill": st["fill"](color)})
        text = "\n".join(f"【{f.severity.label}】{f.rule}：{f.message}\n依据：{f.basis}" for f in found)
        comment = Comment(text, "cadre")
        comment.width = 320
        comment.height = min(60 + 70 * len(found), 400)
        cell.comment = comment


def _merge_anchors(ws) -> dict[tuple[int, int], tuple[int, int]]:
    """Every cell covered by a merged range -> the range's top-left cell, which is the
    only one that can carry a fill or a comment."""
    anchors = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    anchors[(r, c)] = (rng.min_row, rng.min_col)
    return anchors


def _status_columns(annotated: Annotated, result: AuditResult) -> None:
    titles: dict[int, list[str]] = defaultdict(list)
    for f in result.findings:
        if f.person_key is not None and f.severity is not Severity.INFO:
            title = REGISTRY[f.rule].title
            if title not in titles[f.person_key]:
                titles[f.person_key].append(title)
    people_by_table = defaultdict(list)
    for person in result.roster.people:
        people_by_table[id(person.table)].append(person)
    stamp = StyleStamp()
    for table in result.roster.tables:
        ws = worksheet(annotated, table.name)
        people = people_by_table[id(table)]
        first = first_free_column(ws, table.sheet.width, {p.row for p in people} | set(table.header_rows))
        add_header_columns(ws, table.header_rows, first, ["审核结论", "问题摘要"], [13, 36])
        a4_fit_width(ws, first + 1, title_rows=(table.header_rows[0], table.header_rows[-1]))
        for person in people:
            status = result.status.get(id(person), STATUS_OK)
            cell = ws.cell(person.row, first)
            cell.value = status  # one of three fixed words: no formula, no illegal characters
            fill = STATUS_FILL.get(status, AMBER)
            stamp.apply(cell, ("center", fill), lambda: cell_style("center", fill))
            summary = ws.cell(person.row, first + 1)
            set_value(summary, "；".join(titles.get(id(person), [])))
            stamp.apply(summary, ("left",), lambda: cell_style("left"))


def _findings_sheet(annotated: Annotated, result: AuditResult) -> None:
    wb = annotated.wb
    headers = ["序号", "级别", "规则", "姓名", "单位", "位置", "问题", "依据"]
    ordered = sorted(result.findings, key=lambda f: (SEVERITY_ORDER[f.severity],) + _where(f))
    rows, fills = [], []
    for i, f in enumerate(ordered, start=1):
        where = f"{f.cell.sheet}!{f.cell.ref}" if f.cell else "（整体）"
        rows.append([i, f.severity.label, f"{REGISTRY[f.rule].title}\n{f.rule}", f.name or "—", f.unit or "—", where,
                     f.message, f.basis])
        fills.append(FILL[f.severity] if f.severity is Severity.ERROR else None)
    s = result.summary()
    notes = [
        f"检查基准日：{chinese_date(result.as_of)}；政策：{result.policy.name}（{result.policy.title}）；"
        f"共{len(result.roster.people)}人，错误{s['errors']}条、警告{s['warnings']}条、提示{s['infos']}条。",
        *[f"未检查：{k.rule}——{k.reason}" for k in result.skipped],
    ]
    ws = print_sheet(wb, "问题清单", "后备干部名册审核问题清单", headers, rows,
                     widths=[6, 7, 20, 9, 16, 14, 48, 30], notes=notes, landscape=True, fills=fills)
    from openpyxl.worksheet.hyperlink import Hyperlink

    stamp = StyleStamp()
    for r, f in enumerate(ordered, start=3):
        if f.cell is not None:
            cell = ws.cell(r, 6)
            sheet = annotated.titles.get(f.cell.sheet, f.cell.sheet)
            cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{_escape(sheet)}'!{f.cell.ref}",
                                       tooltip="转到该单元格")
            fill = fills[r - 3]
            stamp.apply(cell, ("link", fill), lambda: cell_style("link", fill))
    ws.auto_filter.ref = f"A2:H{len(rows) + 2}"


def _escape(sheet: str) -> str:
    return sheet.replace("'", "''")


def _where(f: Finding) -> tuple:
    return (f.cell.sheet, f.cell.row, f.cell.col) if f.cell else ("", 0, 0)


def _structure_sheet(wb, result: AuditResult) -> None:
    from openpyxl.chart import BarChart, PieChart, Reference

    st = styles()
    ws = wb.create_sheet("结构分析")
    ws.cell(1, 1, "后备干部队伍结构分析").font = st["title_font"]
    ws.cell(2, 1, f"检查基准日{chinese_date(result.as_of)}，共{len(result.roster.people)}人；年龄按周岁计算。")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 10
    row = 4
    blocks = []
    for part in breakdowns(result.roster.people, result.policy, result.as_of):
        for c, text in enumerate((part.title, "人数", "占比"), start=1):
            cell = ws.cell(row, c)
            set_value(cell, text)
            cell.font, cell.border, cell.fill = st["head_font"], st["border"], st["fill"]("D9E1F2")
        first = row + 1
        for label, n in part.rows:
            row += 1
            set_value(ws.cell(row, 1), label)
            ws.cell(row, 2, n)
            share = ws.cell(row, 3, n / part.total if part.total else 0)
            share.number_format = "0.0%"
            for c in (1, 2, 3):
                ws.cell(row, c).border = st["border"]
        last = row
        chart = PieChart() if part.chart == "pie" and len(part.rows) <= 8 else BarChart()
        chart.title = part.title
        data = Reference(ws, min_col=2, min_row=first - 1, max_row=last)
        cats = Reference(ws, min_col=1, min_row=first, max_row=last)
        chart.add_data(data, titles_from_data=True)
        chart.set_categories(cats)
        chart.height, chart.width = 6.5, 13
        if isinstance(chart, BarChart):
            chart.legend = None
        ws.add_chart(chart, f"E{first - 1}")
        bottom = max(last, first - 1 + rows_for_height(ws, first - 1, chart.height / 2.54 * 72))
        blocks.append((first - 1, bottom))  # a part's table and chart print on one page
        row = bottom + 2
    ws.column_dimensions["D"].width = 3
    a4_fit_width(ws, 12, landscape=False, last_row=row)
    ws.print_area = f"A1:L{row}"
    paginate(ws, blocks, 12)
