"""The annotated copy of a poll workbook: the original sheets as they were, result columns
beside each candidate's row (or each ballot's), a print-ready 推荐结果统计表 / 测评结果统计表
per poll in the layout offices publish, and the 读取说明. Values only, never formulas."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cadre_cli.api.poll import PollReport
from cadre_cli.diagnostic import Severity
from cadre_cli.parse.numbers import percent
from cadre_cli.poll.model import ALL, FIGURES, GRADE_LABELS, GRADES, KIND_LABELS, PollData
from cadre_cli.poll.result import CandidateResult, PollResult
from cadre_cli.writers.pages import a4_fit_width, paginate
from cadre_cli.writers.score_book import SIGNERS
from cadre_cli.writers.workbook import (
    AMBER, GREEN, RED, Annotated, StyleStamp, add_header_columns, cell_style, display_width, first_free_column, grow_row,
    row_height,
    set_value, styles, unique_sheet_name, worksheet,
)

EXPLAIN_WIDTH = 36
SHEETS = {"recommend": "推荐结果统计表", "evaluate": "测评结果统计表"}


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[CandidateResult], Any]
    width: float = 9
    fmt: str | None = None


def percent_format(places: int) -> str:
    """`88.89%` for a percentage already rounded (the cell holds 88.89, exactly)."""
    return ("0." + "0" * places if places else "0") + '"%"'


def number_format(places: int) -> str:
    return "0." + "0" * places if places else "0"


def yes_no(value: bool | None) -> str | None:
    return None if value is None else ("是" if value else "否")


def explanation(res: CandidateResult, problems: list[str]) -> str:
    return "；".join([p.rstrip("。") for p in problems] + res.notes)


def row_columns(result: PollResult, policy: Any) -> list[Column]:
    """What is written beside each candidate's row: the shares or scores per class, the
    overall result, the rank and 是否过半."""
    tally = policy.tally
    cls_pct, pct = percent_format(tally.share_places), percent_format(tally.places)
    many = len(result.classes) > 1
    weighted = any(c.weight is not None for c in result.classes)
    cols: list[Column] = []
    if result.kind == "recommend":
        if many:
            cols += [Column(f"{c.label}得票率", _by_class(c.cls, "share_shown"), 10, cls_pct) for c in result.classes]
        cols += [Column("合计票数", lambda r: r.votes, 8), Column("总得票率", lambda r: r.overall_shown, 9, pct)]
        if weighted:
            cols.append(Column("综合得票率", lambda r: r.weighted_shown, 10, pct))
        cols += [Column("名次", lambda r: r.rank, 6), Column("是否过半", lambda r: yes_no(r.majority), 8)]
    else:
        score = number_format(tally.score_places)
        if many:
            cols += [Column(f"{c.label}测评分", _by_class(c.cls, "score_shown"), 10, score) for c in result.classes]
        cols.append(Column("测评分", lambda r: r.score_shown, 8, score))
        if weighted:
            cols.append(Column("综合测评分", lambda r: r.weighted_shown, 10, score))
        cols += [Column("基本称职和不称职比例", lambda r: r.weak_shown, 11, pct),
                 Column("不称职比例", lambda r: r.unfit_shown, 9, pct), Column("名次", lambda r: r.rank, 6)]
    if any(r.qualified is not None for r in result.candidates):
        cols.append(Column("是否入围", lambda r: yes_no(r.qualified), 8))
    return cols


def _by_class(cls: str, attr: str) -> Callable[[CandidateResult], Any]:
    def value(res: CandidateResult) -> Any:
        cr = res.by_class(cls)
        return None if cr is None else getattr(cr, attr)

    return value


def annotate(annotated: Annotated, report: PollReport, policy: Any, advance: Callable[[int], None] | None = None) -> None:
    st, stamp = styles(), StyleStamp()
    used: dict[str, int] = {}
    for result, data in zip(report.polls, report.data, strict=True):
        problems, error_rows = _problems_by_cell(result)
        for part in data.parts:
            if part.header is None:
                continue
            ws = worksheet(annotated, part.sheet)
            header_rows = part.header.rows
            if part.from_ballots:
                cols = [Column("计票结果", lambda row, notes=part.row_notes: notes.get(row, "有效"), 24)]
                rows = [(r, r) for r in part.rows]
            else:
                cols = row_columns(result, policy) + [Column("说明", lambda r: None, EXPLAIN_WIDTH)]
                rows = _candidate_rows(data, result, part.sheet)
            width = max(part.header.sheet.width, used.get(part.sheet, 0))
            start = first_free_column(ws, width, set(header_rows) | {r for r, _ in rows})
            used[part.sheet] = start + len(cols) - 1
            add_header_columns(ws, header_rows, start, [c.label for c in cols], [c.width for c in cols])
            for row, item in rows:
                values = [c.value(item) for c in cols]
                fill = None
                if not part.from_ballots:
                    text = explanation(item, problems.get((part.sheet, row), []))
                    values[-1] = text or None
                    fill = RED if (part.sheet, row) in error_rows else AMBER if (part.sheet, row) in problems else None
                    grow_row(ws, row, [text], [EXPLAIN_WIDTH])
                elif values[0] != "有效":
                    fill = AMBER
                for offset, (col, value) in enumerate(zip(cols, values, strict=True)):
                    cell = ws.cell(row, start + offset)
                    if value is not None:
                        set_value(cell, value)
                    fmt = col.fmt if isinstance(value, (Decimal, int)) and not isinstance(value, bool) else None
                    wrap = col.label in ("说明", "计票结果")
                    stamp.apply(cell, (fmt, wrap, fill), lambda f=fmt, w=wrap, c=fill: _style(st, f, w, c))
                if advance:
                    advance(1)
            a4_fit_width(ws, start + len(cols) - 1, title_rows=(header_rows[0], header_rows[-1]))
        results_sheet(annotated.wb, report, result, data, policy)


def _style(st: dict[str, Any], fmt: str | None, wrap: bool, fill: str | None) -> dict[str, Any]:
    from openpyxl.styles import Alignment

    attrs = {"border": st["border"], "alignment": Alignment(vertical="center", wrap_text=True) if wrap else st["center"]}
    if fmt:
        attrs["number_format"] = fmt
    if fill:
        attrs["fill"] = st["fill"](fill)
    return attrs


def _candidate_rows(data: PollData, result: PollResult, sheet: str) -> list[tuple[int, CandidateResult]]:
    by_order = {c.order: c for c in result.candidates}
    rows = []
    for entry in data.entries:
        res = by_order.get(entry.order)
        for cell in ([entry.cell] if entry.cell else []) + entry.also:
            if res is not None and cell.sheet == sheet:
                rows.append((cell.row, res))
    return sorted(rows, key=lambda x: x[0])


def _problems_by_cell(result: PollResult) -> tuple[dict[tuple[str, int], list[str]], set[tuple[str, int]]]:
    """(sheet, row) -> the errors and warnings on that row; the rows with an error."""
    out: dict[tuple[str, int], list[str]] = {}
    errors: set[tuple[str, int]] = set()
    for d in result.findings:
        if d.severity in (Severity.ERROR, Severity.WARNING) and d.where.sheet and d.where.row:
            out.setdefault((d.where.sheet, d.where.row), []).append(d.message)
            if d.severity is Severity.ERROR:
                errors.add((d.where.sheet, d.where.row))
    return out, errors


# --- the print-ready 统计表 ---------------------------------------------------------------

_SUFFIX = re.compile(r"(民主推荐|民主测评|推荐|测评)?(得票情况|得票|票数|票)?(汇总|统计|结果|情况|登记)*表?$")


def sheet_title(result: PollResult, data: PollData) -> str:
    """`XX县财政局科级后备干部民主推荐得票情况汇总表` -> `XX县财政局科级后备干部民主推荐结果统计表`."""
    kind = KIND_LABELS[result.kind]
    source = next((p.title for p in data.parts if p.title), None)
    base = _SUFFIX.sub("", source).strip() if source else ""
    return f"{base}{kind}结果统计表"


def _groups(result: PollResult, policy: Any) -> tuple[list[tuple[str, list[Column]]], list[Column]]:
    """(class or 合计, sub-columns) of the table, and the columns after them."""
    tally = policy.tally
    cls_pct, pct = percent_format(tally.share_places), percent_format(tally.places)
    score = number_format(tally.score_places)
    weighted = any(c.weight is not None for c in result.classes)
    many = len(result.classes) > 1
    groups: list[tuple[str, list[Column]]] = []
    if result.kind == "recommend":
        for c in result.classes if many else []:
            groups.append((c.label, [Column("票数", _by_class(c.cls, "votes"), 6),
                                     Column("得票率", _by_class(c.cls, "share_shown"), 8, cls_pct)]))
        groups.append(("合计", [Column("票数", lambda r: r.votes, 6), Column("得票率", lambda r: r.overall_shown, 8, pct)]))
        tail = [Column("综合得票率", lambda r: r.weighted_shown, 9, pct)] if weighted else []
        tail += [Column("名次", lambda r: r.rank, 5), Column("是否过半", lambda r: yes_no(r.majority), 8)]
    else:
        def grades(get: Callable[[CandidateResult], Any]) -> list[Column]:
            return [Column(GRADE_LABELS[g], lambda r, g=g: (get(r) or {}).get(g), 5) for g in GRADES]

        for c in result.classes if many else []:
            groups.append((c.label, grades(lambda r, k=c.cls: (r.by_class(k).grades if r.by_class(k) else None))
                           + [Column("测评分", _by_class(c.cls, "score_shown"), 7, score)]))
        total = grades(lambda r: _sum_grades(r))
        groups.append(("合计", total + [Column("测评分", lambda r: r.score_shown, 7, score),
                                       Column("基本称职和不称职比例", lambda r: r.weak_shown, 9, pct),
                                       Column("不称职比例", lambda r: r.unfit_shown, 7, pct)]))
        tail = [Column("综合测评分", lambda r: r.weighted_shown, 8, score)] if weighted else []
        tail.append(Column("名次", lambda r: r.rank, 5))
    if any(r.qualified is not None for r in result.candidates):
        tail.append(Column("是否入围", lambda r: yes_no(r.qualified), 6))
    return groups, tail


def _sum_grades(res: CandidateResult) -> dict[str, int] | None:
    present = [c for c in res.classes if c.grades]
    if not present or res.score is None:
        return None
    return {g: sum(c.grades.get(g, 0) for c in present) for g in GRADES}


def results_sheet(wb: Any, report: PollReport, result: PollResult, data: PollData, policy: Any) -> Any:
    from openpyxl.utils import get_column_letter

    st, stamp = styles(), StyleStamp()
    groups, tail = _groups(result, policy)
    lead = [Column("名次", lambda r: r.rank, 5), Column("姓名", lambda r: r.name, 9)]
    posts = [display_width(r.post) for r in result.candidates if r.post]
    if posts:
        lead.append(Column("现任职务", lambda r: r.post, float(min(max(max(posts) + 2, 10), 24))))
    tail = [c for c in tail if c.label != "名次"]
    flat = lead + [c for _, cols in groups for c in cols] + tail
    last = len(flat)
    ws = wb.create_sheet(unique_sheet_name(wb, SHEETS[result.kind]))
    set_value(ws.cell(1, 1), sheet_title(result, data))
    ws.cell(1, 1).font, ws.cell(1, 1).alignment = st["title_font"], st["center"]
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=last)
    ws.row_dimensions[1].height = 30
    set_value(ws.cell(2, 1), _basis_line(result, policy))
    ws.cell(2, 1).alignment = st["left"]
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=last)
    # two header rows: a group (class, 合计) over its sub-columns; the others merged down
    col = 1
    for c in lead:
        _head(ws, stamp, col, c.label, 1)
        col += 1
    for label, cols in groups:
        _head(ws, stamp, col, label, len(cols))
        for i, c in enumerate(cols):
            _sub(ws, stamp, col + i, c.label)
        col += len(cols)
    for c in tail:
        _head(ws, stamp, col, c.label, 1)
        col += 1
    ws.row_dimensions[4].height = row_height([c.label for c in flat], [c.width for c in flat])
    r = 5
    for res in result.ranked():
        fill = GREEN if res.qualified else (RED if res.rank is None else None)
        for i, c in enumerate(flat, start=1):
            value = c.value(res)
            cell = ws.cell(r, i)
            if value is not None:
                set_value(cell, value)
            fmt = c.fmt if isinstance(value, Decimal) else None
            kind = "left" if c.label == "现任职务" else "center"
            stamp.apply(cell, (kind, fill, fmt), lambda k=kind, f=fill, m=fmt: cell_style(k, f, m))
        ws.row_dimensions[r].height = row_height([res.name, res.post], [lead[1].width, lead[-1].width])
        r += 1
    last_data = r - 1
    r += 1
    notes = method_lines(result, data, policy) + _signatures(data)
    for line in notes:
        set_value(ws.cell(r, 1), line)
        ws.cell(r, 1).alignment = st["left"]
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=last)
        ws.row_dimensions[r].height = row_height([line], [sum(c.width for c in flat)])
        r += 1
    for i, c in enumerate(flat, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "C5"
    a4_fit_width(ws, last, landscape=last > 10, title_rows=(3, 4))
    paginate(ws, [(max(5, last_data - 1), r - 1)] if notes else [], last, title_rows=(3, 4))
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    return ws


def _head(ws: Any, stamp: StyleStamp, col: int, label: str, span: int) -> None:
    set_value(ws.cell(3, col), label)
    for c in range(col, col + span):
        for r in (3, 4):
            stamp.apply(ws.cell(r, c), ("head",), lambda: cell_style("head"))
    if span > 1:
        ws.merge_cells(start_row=3, start_column=col, end_row=3, end_column=col + span - 1)
    else:
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)


def _sub(ws: Any, stamp: StyleStamp, col: int, label: str) -> None:
    set_value(ws.cell(4, col), label)


def _basis_line(result: PollResult, policy: Any) -> str:
    places = policy.tally.places
    what = "得票率" if result.kind == "recommend" else "基本称职和不称职比例、不称职比例"
    return (f"{what}的基数：{result.denominator}；按{result.basis}排名；"
            f"百分数保留{places}位小数，四舍五入。政策：{policy.name}。")


_FIGURE_WORDS = {"expected": ("应到", "人"), "present": ("实到", "人"), "issued": ("发出选票", "张"),
                 "returned": ("收回", "张"), "valid": ("有效票", "张"), "invalid": ("无效票", "张"),
                 "abstain": ("弃权票", "张")}


def figure_lines(result: PollResult) -> list[str]:
    """`领导班子成员：应到9人，实到9人，发出选票9张，收回9张，有效票9张，无效票0张。`, in the
    policy's class order, the whole meeting last."""
    labels = {c.cls: c.label for c in result.classes}
    order = [c.cls for c in result.classes] + [None, ALL.id]
    lines = []
    for cls in sorted(result.figures, key=lambda k: order.index(k) if k in order else len(order)):
        figs = result.figures[cls]
        parts = [f"{_FIGURE_WORDS[k][0]}{figs[k]}{_FIGURE_WORDS[k][1]}" for k in FIGURES if k in figs]
        if parts:
            who = "合计" if cls is None and len(labels) > 1 else "全体" if cls in (None, ALL.id) else labels.get(cls, cls)
            lines.append(f"{who}：{'，'.join(parts)}。")
    return lines


def method_lines(result: PollResult, data: PollData, policy: Any) -> list[str]:
    """The 计算说明 under the table: figures, the denominator, weights, 过半, ranks, notes
    and what still needs checking."""
    lines = ["投票情况："] + figure_lines(result)
    lines.append("计算说明：")
    how = []
    if result.kind == "recommend":
        how.append(f"各类别得票率 = 得票数 ÷ {result.denominator}；总得票率 = 各类别得票数之和 ÷ 各类别{result.denominator}之和。")
        how.append("得票过半指得票率超过50%，恰好一半不算过半。")
    else:
        pts = policy.score.grade_points
        how.append(f"测评分 =（优秀票×{pts.excellent} + 称职票×{pts.competent} + 基本称职票×{pts.basic}"
                   f" + 不称职票×{pts.incompetent}）÷ 测评人数；比例 = 票数 ÷ 测评人数。")
    weighted = [c for c in result.classes if c.weight is not None]
    if weighted:
        shares = "、".join(f"{c.label}{percent(c.weight)}" for c in weighted)
        how.append(f"综合结果 = Σ 类别权重 × 类别结果，权重：{shares}；"
                   + ("未参加投票的类别，其权重按比例分给其余类别。" if policy.tally.renormalise
                      else "未参加投票的类别按0计入，权重不重新分配。"))
    how.append(f"按{result.basis}从高到低排名，数值完全相同的名次相同；均按精确值计算，最后四舍五入。")
    how += result.notes
    lines += [f"{i}. {line}" for i, line in enumerate(how, start=1)]
    problems = [d.message for d in result.findings if d.severity in (Severity.ERROR, Severity.WARNING)]
    if problems:
        lines.append("需要核对：")
        lines += [f"{i}. {p}" for i, p in enumerate(problems[:20], start=1)]
        if len(problems) > 20:
            lines.append(f"……另有{len(problems) - 20}条，见命令输出。")
    return lines


def _signatures(data: PollData) -> list[str]:
    """The sign-off lines under the user's sheets (计票人、监票人), repeated under the table."""
    lines: list[str] = []
    for part in data.parts:
        rows = part.header.sheet.rows if part.header else []
        start = max(part.rows, default=0)
        for row in rows[start:]:
            text = "　　".join(str(v).strip() for v in row if v not in (None, "") and str(v).strip())
            if any(word in text for word in SIGNERS) and text not in lines:
                lines.append(text)
    return ["", *lines] if lines else []
