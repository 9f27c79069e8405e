"""The annotated copy of a score workbook: the original sheets as they were, result
columns added to the right of each candidate's row, and a print-ready 成绩汇总 sheet
ordered by rank with the 计算说明 under it. Values only, never formulas."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cadre_cli.policy.schema import Policy
from cadre_cli.score.engine import ScoreRun
from cadre_cli.score.explain import method_lines
from cadre_cli.score.model import Result, Status, explanation, failing
from cadre_cli.score.rank import by_rank
from cadre_cli.score.schemes import Shown, scheme_of
from cadre_cli.writers.package import Style
from cadre_cli.writers.user_sheet import UserSheet
from cadre_cli.writers.workbook import AMBER, RED, Annotated, display_width, print_sheet

SUMMARY_SHEET = "成绩汇总"
EXPLAIN_MAX = 40  # columns of 说明 in the annotated sheet
SCORE_FORMAT = "0.00"


@dataclass(frozen=True)
class Column:
    label: str
    value: Callable[[Result], Any]
    width: float = 9
    number: bool = True


def verdict(result: Result) -> str | None:
    """是否合格 as printed (see `Result.verdict`)."""
    return result.verdict


def _columns(shown: list[Shown]) -> list[Column]:
    return [Column(s.label, s.value, s.width, s.number) for s in shown]


def result_columns(policy: Policy) -> list[Column]:
    """The columns added beside each candidate's row: the scheme's, then 名次 and 说明."""
    return _columns(scheme_of(policy).sheet_columns(policy)) + [
        Column("名次", lambda r: r.rank, 6, False), Column("说明", explanation, 40, False)]


def annotate(annotated: Annotated, run: ScoreRun, advance: Callable[[int], None] | None = None) -> None:
    """Write the result columns into every score sheet and add the 成绩汇总 sheet."""
    columns = result_columns(run.policy)
    rows_of: dict[str, list[tuple[int, Result]]] = {}
    for result in run.results:
        for record in result.candidate.records:
            rows_of.setdefault(record.sheet, []).append((record.row, result))
    for table in run.tables:
        rows = rows_of.get(table.name, [])
        if not rows:
            continue
        sheet = annotated.sheet(table.name)
        start = sheet.free_column(table.width, set(table.header_rows) | {r for r, _ in rows})
        widths = [c.width for c in columns[:-1]] + [_explain_width([r for _, r in rows])]
        sheet.header(table.header_rows, start, [c.label for c in columns], widths)
        for row, result in rows:
            _write_row(sheet, row, start, columns, result)
            sheet.grow_row(row, [explanation(result)], widths[-1:])
            if advance:
                advance(1)
        sheet.fit_page(table.width, (table.header_rows[0], table.header_rows[-1]))
    _summary(annotated, run)


def _explain_width(results: list[Result]) -> float:
    """说明 wide enough for its longest text, up to what still prints beside the scores
    (a longer text wraps in a taller row)."""
    longest = max((display_width(explanation(r)) for r in results), default=0)
    return float(min(max(longest + 2, 12), EXPLAIN_MAX))


def _write_row(sheet: UserSheet, row: int, start: int, columns: list[Column], result: Result) -> None:
    fill = RED if failing(result) else AMBER if result.status is Status.ABSENT else None
    for offset, col in enumerate(columns):
        value = col.value(result)
        explain = col.label == "说明"
        color = fill or (AMBER if explain and result.candidate.warnings else None)
        number = SCORE_FORMAT if isinstance(value, Decimal) else None
        # 说明 wraps (its row grows only where the text is longer than the column)
        sheet.put(row, start + offset, None if value == "" else value, Style("left" if explain else "center", color, number))


def _summary(annotated: Annotated, run: ScoreRun) -> None:
    results = by_rank(run.results)
    scheme = run.scheme
    has = {
        "exam_number": any(r.candidate.exam_number for r in results),
        "unit": any(r.candidate.unit for r in results),
        "written": any(r.written is not None for r in results) or scheme.written_always,
    }
    cols: list[Column] = [Column("名次", lambda r: r.rank, 6, False)]
    if has["exam_number"]:
        cols.append(Column("准考证号", lambda r: r.candidate.exam_number, 12, False))
    cols.append(Column("姓名", lambda r: r.candidate.name, 9, False))
    if has["unit"]:
        cols.append(Column("工作单位", lambda r: r.candidate.unit, 14, False))
    if has["written"]:
        cols.append(Column(scheme.written_label, lambda r: r.written, 8))
    cols += _columns(scheme.summary_columns(run.policy))
    cols.append(Column("说明", explanation, 40, False))
    title = next((t.title for t in run.tables if t.title), None) or _default_title(run)
    rows = [[c.value(r) for c in cols] for r in results]
    fills = [RED if failing(r) else AMBER if r.status is Status.ABSENT else None for r in results]
    notes = ["计算说明："] + [f"{i}. {line}" for i, line in enumerate(method_lines(run.policy, run.path_name), 1)]
    notes += run.notes
    notes += signature_lines(run)
    print_sheet(annotated, SUMMARY_SHEET, title, [c.label for c in cols], rows, widths=[c.width for c in cols],
                notes=notes, landscape=len(cols) > 9, fills=fills,
                formats=[SCORE_FORMAT if c.number else None for c in cols])


SIGNERS = ("计分人", "记分人", "统分人", "监督人", "监票人", "计票人", "审核人", "复核人", "填表人", "负责人")


def signature_lines(run: ScoreRun) -> list[str]:
    """The sign-off lines under the user's score sheets (`计分人：王芳  监督人：赵强`),
    repeated under 成绩汇总, which is what gets printed and signed."""
    lines: list[str] = []
    for table in run.tables:
        last = max((rec.row for rec in table.records), default=table.header_rows[-1])
        for row in table.sheet.rows[last:]:
            text = "　　".join(str(v).strip() for v in row if v not in (None, "") and str(v).strip())
            if any(word in text for word in SIGNERS) and text not in lines:
                lines.append(text)
    return ["", *lines] if lines else []


def _default_title(run: ScoreRun) -> str:
    return f"{run.policy.notice.subject}{run.scheme.title}成绩汇总表"
