"""The annotated audit workbook: each finding's cell filled and commented, per person a
verdict, a summary of findings and what was not checked (核查状态); a 审核概况 sheet that
says first how complete the audit was; a 问题清单 sheet with links to the cells (findings,
rules not checked per person, people listed apart); a 结构分析 sheet with the pool's
make-up and native Excel charts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from cadre_cli.audit.coverage import topic
from cadre_cli.audit.engine import AuditResult
from cadre_cli.audit.finding import Finding, person_key
from cadre_cli.diagnostic import PersonKey
from cadre_cli.audit.verdict import (
    APART_TITLE,
    ATTENTION,
    DISQUALIFY,
    INACTIVE,
    INCOMPLETE,
    LABELS,
    OK,
    apart_line,
    gap_lines,
    gaps_brief,
    gaps_text,
)
from cadre_cli.audit.structure import breakdowns
from cadre_cli.model.hidden import hidden_reason
from cadre_cli.parse.dates import chinese_date
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.raw import RawBook
from cadre_cli.rules.registry import REGISTRY, SEVERITY_ORDER, Severity
from cadre_cli.writers.reading_sheet import add_reading_sheet
from cadre_cli.writers.package import Style
from cadre_cli.writers.workbook import (
    AMBER,
    BLUE,
    GREEN,
    RED,
    Annotated,
    display_width,
    open_for_annotation,
    print_sheet,
    save,
    set_value,
    styles,
)
from cadre_cli.writers.pages import a4_fit_width, paginate, rows_for_height

FILL = {Severity.ERROR: RED, Severity.WARNING: AMBER, Severity.INFO: BLUE}
GREY = "EDEDED"
STATUS_FILL = {OK: GREEN, ATTENTION: AMBER, DISQUALIFY: RED, INCOMPLETE: BLUE, INACTIVE: GREY}


def write_audit_book(book: RawBook, result: AuditResult, target: Path, keep_password: bool = True,
                     extra_sheets: Sequence[Callable[[Any], Any]] = ()) -> Annotated:
    """The annotated copy; from a locked roster it is locked with the same password
    unless `keep_password` is False (`--no-password-on-output`). `extra_sheets` add sheets
    of their own (the 任免表 cross-check of `--lrmx`) before the reading sheet."""
    from cadre_cli.writers.locked import output_password

    annotated = open_for_annotation(book, result.roster.report.own)
    password, lock_notes = output_password(book, target, keep_password)
    annotated.notes += lock_notes
    _annotate_cells(annotated, result.findings)
    _status_columns(annotated, result)
    _summary_sheet(annotated, result)
    _findings_sheet(annotated, result)
    _structure_sheet(annotated.wb, result)
    for add in extra_sheets:
        add(annotated)
    add_reading_sheet(annotated, result.roster.report)
    save(annotated, target, mode_from=book.path, password=password)
    return annotated


def _annotate_cells(annotated: Annotated, findings: list[Finding]) -> None:
    by_cell: dict[tuple[str, int, int], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.cell is not None:
            row, col = annotated.sheet(f.cell.sheet).anchor(f.cell.row, f.cell.col)  # inside a merge: its top-left
            by_cell[(f.cell.sheet, row, col)].append(f)
    for (sheet, row, col), found in by_cell.items():
        color = FILL[min(found, key=lambda f: SEVERITY_ORDER[f.severity]).severity]
        text = "\n".join(f"【{f.severity.label}】{f.rule}：{f.message}\n依据：{f.basis}" for f in found)
        annotated.sheet(sheet).mark(row, col, color, text, height=min(60 + 70 * len(found), 400))


def _status_columns(annotated: Annotated, result: AuditResult) -> None:
    titles: dict[PersonKey, list[str]] = defaultdict(list)
    for f in result.findings:
        if f.person is not None and f.severity is not Severity.INFO:
            title = REGISTRY[f.rule].title
            if title not in titles[f.person]:
                titles[f.person].append(title)
    people_by_table = defaultdict(list)
    for person in result.roster.people:
        people_by_table[id(person.table)].append(person)
    checked: dict[int, str] = {}  # id(gaps) -> text: most people share one tuple of gaps
    left = Style("left")
    for table in result.roster.tables:
        sheet = annotated.sheet(table.name)
        people = people_by_table[id(table)]
        first = sheet.free_column(table.width, {p.row for p in people} | set(table.header_rows))
        sheet.header(table.header_rows, first, ["审核结论", "问题摘要", "核查状态"], [13, 36, 20])
        widest = 0
        texts = []
        for person in people:
            verdict = result.verdicts[person_key(person)]
            sheet.put(person.row, first, verdict.label, Style("center", STATUS_FILL[verdict.status]))
            summary = "；".join(titles.get(person_key(person), []))
            sheet.put(person.row, first + 1, summary, left)
            if verdict.status == INACTIVE:
                state = f"未参加核查：{verdict.apart}"
            elif not verdict.gaps:
                state = "全部核查"
            else:
                state = checked.get(id(verdict.gaps))
                if state is None:
                    state = checked[id(verdict.gaps)] = "未能核查：" + gaps_brief(verdict.gaps)
                    widest = max(widest, display_width(state))
            sheet.put(person.row, first + 2, state, left)
            texts.append((person.row, summary, state))
        state_width = min(widest + 2, 60) if widest else 20  # one line per person where it fits
        sheet.width(first + 2, state_width)
        for row, summary, state in texts:  # a longer text wraps in a taller row: printed whole, inside the page
            sheet.grow_row(row, [summary, state], [36, state_width])
        sheet.fit_page(table.width, (table.header_rows[0], table.header_rows[-1]))


def _summary_sheet(annotated: Annotated, result: AuditResult) -> None:
    """Completeness first, then the counts, the rules not checked and who is listed apart."""
    s = result.summary()
    sheets = len(result.roster.tables)
    candidates = result.candidates
    rows = [
        ["核查范围", result.completeness()],
        ["审核结论", "，".join(f"{label}{n}人" for label, n in s["status"].items()) + "。"],
        ["问题", f"错误{s['errors']}条，警告{s['warnings']}条，提示{s['infos']}条（明细见“问题清单”）。"],
        ["名册与政策", f"共{len(result.roster.people)}人；政策：{result.policy.name}（{result.policy.title}）；"
                    f"检查基准日：{chinese_date(result.as_of)}。"],
    ]
    rows += [["未能核查", line] for line in gap_lines(result.coverage, candidates, sheets, names=50)]
    apart = apart_line(result.roster.people, result.verdicts, sheets, names=50)
    if apart:
        rows.append([APART_TITLE, apart])
    fills = [None if result.complete else BLUE] + [None] * (len(rows) - 1)
    print_sheet(annotated, "审核概况", "后备干部名册审核概况", ["项目", "内容"], rows, widths=[14, 84], fills=fills)


def _findings_sheet(annotated: Annotated, result: AuditResult) -> None:
    headers = ["序号", "级别", "规则", "姓名", "单位", "位置", "问题", "依据"]
    ordered = sorted(result.findings, key=lambda f: (SEVERITY_ORDER[f.severity],) + _where(f))
    rows, fills, links = [], [], []
    for f in ordered:
        rows.append([f.severity.label, f"{REGISTRY[f.rule].title}\n{f.rule}", f.name or "—", f.unit or "—",
                     result.roster.report.rewrite(f.message), f.basis])
        fills.append(FILL[f.severity] if f.severity is Severity.ERROR else None)
        links.append(f.cell)
    for k in result.skipped:  # not checked for anyone: said once
        rows.append(["未核查", f"{REGISTRY[k.rule].title}\n{k.rule}", "（全体）", "—", f"未能核查：{k.reason}", ""])
        fills.append(BLUE)
        links.append(None)
    for person in result.roster.people:  # not checked for this person
        verdict = result.verdicts[person_key(person)]
        own = tuple(g for g in verdict.gaps if not g.everyone)
        if verdict.status == INACTIVE:
            rows.append([LABELS[INACTIVE], "—", person.name or "—", person.unit or "—", f"未参加核查：{verdict.apart}", ""])
        elif own:
            rules = "、".join(dict.fromkeys(topic(REGISTRY[g.rule]) for g in own)) + "\n" + \
                "、".join(dict.fromkeys(g.rule for g in own))
            rows.append(["未核查", rules, person.name or "—", person.unit or "—", "未能核查：" + gaps_text(own), ""])
        else:
            continue
        fills.append(None)
        links.append(_gap_cell(person, own))
    report = result.roster.report  # 任免表 input: the place is a file and an element
    rows = [[i, *row[:4], (report.place(cell.sheet, cell.row, cell.col) if cell else None) or _link_text(cell), *row[4:]]
            for i, (row, cell) in enumerate(zip(rows, links), start=1)]
    s = result.summary()
    notes = [
        result.completeness(),
        f"检查基准日：{chinese_date(result.as_of)}；政策：{result.policy.name}（{result.policy.title}）；"
        f"共{len(result.roster.people)}人，错误{s['errors']}条、警告{s['warnings']}条、提示{s['infos']}条；"
        + "，".join(f"{label}{n}人" for label, n in s["status"].items()) + "。",
    ]
    locations = [None if ref is None else f"'{_escape(annotated.titles.get(ref.sheet, ref.sheet))}'!{ref.ref}"
                 for ref in links]
    print_sheet(annotated, "问题清单", "后备干部名册审核问题清单", headers, rows, widths=[6, 7, 20, 9, 16, 14, 48, 30],
                notes=notes, landscape=True, fills=fills, links=locations, link_column=6, autofilter=True)


def _gap_cell(person, gaps) -> CellRef:
    """The cell to fill in: the first blank a gap names in the person's row, else the name."""
    for gap in gaps:
        for field in gap.fields:
            ref = person.cell(field)
            if ref is not None:
                return ref
    return person.cell("name") or CellRef(person.sheet, person.row, 1)


def _link_text(ref: CellRef | None) -> str:
    return f"{ref.sheet}!{ref.ref}" if ref is not None else "（整体）"


def _escape(sheet: str) -> str:
    return sheet.replace("'", "''")


def _where(f: Finding) -> tuple:
    return (f.cell.sheet, f.cell.row, f.cell.col) if f.cell else ("", 0, 0)


def _structure_sheet(wb, result: AuditResult) -> None:
    from openpyxl.chart import BarChart, PieChart, Reference

    st = styles()
    ws = wb.create_sheet("结构分析")
    set_value(ws.cell(1, 1), "后备干部队伍结构分析")
    ws.cell(1, 1).font = st["title_font"]
    hidden = {person_key(p) for p in result.roster.people if hidden_reason(p)}
    # people listed apart as 不在册/非在岗 (retired, transferred out…) are not part of the pool's make-up
    inactive = {key for p in result.roster.people if (key := person_key(p)) not in hidden
                and (v := result.verdicts.get(key)) is not None and v.status == INACTIVE}
    people = [p for p in result.roster.distinct_people() if person_key(p) not in hidden and person_key(p) not in inactive]
    twice = len(result.roster.people) - len(hidden) - len(inactive) - len(people)
    again = f"（名册中重复录入的{twice}人只计一次）" if twice > 0 else ""
    apart = f"（另有{len(hidden)}人在隐藏行或隐藏工作表中，单独列出，未计入）" if hidden else ""
    if inactive:
        apart += f"（另有{len(inactive)}人不在册/非在岗，单独列出，未计入）"
    set_value(ws.cell(2, 1), f"检查基准日{chinese_date(result.as_of)}，共{len(people)}人{again}{apart}；年龄按周岁计算。")
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 10
    ws.column_dimensions["C"].width = 10
    row = 4
    blocks = []
    for part in breakdowns(people, result.policy, result.as_of):
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
