"""`poll_file`: a 民主推荐 or 民主测评 workbook tallied by voter class, as a plain report.

Reads the workbook (leaving out what this tool added to it on an earlier run), tallies
every poll in it with the policy's `[tally]` section, the `[poll]` thresholds `cadre audit`
applies (R9, R10) and the `[score.grade_points]`, and says what was read: which column of
which sheet counts what, and the sheets and columns not used. Nothing is printed.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadre_cli.api.progress import Progress
from cadre_cli.diagnostic import Diagnostic, Severity
from cadre_cli.policy.schema import Policy
from cadre_cli.poll.engine import tally_book
from cadre_cli.poll.model import ALL, FIGURE_LABELS, GRADE_LABELS, KIND_LABELS, PollData
from cadre_cli.poll.result import PollResult
from cadre_cli.readers.own_output import Marks, looks_own_sheet, read_marks
from cadre_cli.readers.raw import RawBook, load_book
from cadre_cli.readers.report import ColumnRead, ReadReport, SheetRead

__all__ = ["PollReport", "poll_file"]

_MEASURE_LABELS = {"votes": "票数", "share": "得票率（已填，核对）", "score": "测评分（已填，核对）",
                   "total": "合计票数（已填，核对）", "name": "姓名", "post": "现任职务", "voter_class": "投票人类别",
                   "ballot": "票号", "ballot_valid": "是否有效", **{k: v + "票数" for k, v in GRADE_LABELS.items()},
                   **FIGURE_LABELS}
_NOT_USED = frozenset({"unit", "seq", "remarks", "rank"})


@dataclass
class PollReport:
    """One workbook's polls: results, problems (each naming its cell), what was read."""

    source: str  # the file's name
    policy: str
    polls: list[PollResult]
    reading: ReadReport
    data: list[PollData] = field(default_factory=list, repr=False)  # what each poll read (for the workbook)
    book: RawBook | None = field(default=None, repr=False)  # the workbook as read (to annotate a copy)
    notes: list[str] = field(default_factory=list)
    output: Path | None = None  # the annotated copy written, if any

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return [d for p in self.polls for d in p.findings]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def infos(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.INFO]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "policy": self.policy,
            "polls": [p.as_json() for p in self.polls],
            "errors": [d.as_json() for d in self.errors],
            "warnings": [d.as_json() for d in self.warnings],
            "notes": list(self.notes),
            "columns": [c.as_json() for c in self.reading.columns],
            "reading": self.reading.as_json(),
        }


ADDED_COLUMNS = 16  # at most, beside a sheet's table (per-class shares, totals, rank, 说明)


def poll_file(path: str | Path | Any, policy: str | Path | Policy | None = None, *,
              output: str | Path | bool | None = None, force: bool = False, keep_password: bool = True,
              password: str | None = None, progress: Progress | None = None) -> PollReport:
    """Tally the polls of the workbook at `path` (or a `readers.source.Source`) under
    `policy` (a preset name, a .toml path, a Policy; default county). `output`: an annotated
    copy at that path, or beside the input for True; none by default."""
    from cadre_cli.api.common import as_policy, check_suffix, progress_of, target_of, unlocked
    from cadre_cli.writers.atomic import check_target
    from cadre_cli.writers.workbook import output_suffix

    pol = as_policy(policy)
    bar = progress_of(progress)
    with unlocked(password):
        bar.stage("读取票数表", total=None)
        book = load_book(Path(path) if isinstance(path, str) else path)
        target = None
        if output:
            source = book.path
            suffix = output_suffix(book.kind)
            target = target_of(output, source, "计票", suffix)
            check_suffix(target, suffix, "带结果的工作簿" + ("（输入含宏，输出保留宏）" if suffix == ".xlsm" else ""))
        own = _own_marks(book)
        run = tally_book(_without_own(book, own), pol.tally, unfit_share_max=pol.poll.unfit_share_max,
                         weak_share_max=pol.poll.weak_share_max,
                         points={g: getattr(pol.score.grade_points, g) for g in GRADE_LABELS})
        reading = _reading(book, run.data, own)
        report = PollReport(book.path.name, pol.name, run.polls, reading, run.data, book, list(book.notes))
        if target is not None:
            from cadre_cli.emit.workbook import write_poll

            _check_room(report)
            check_target(target, (book.source,), force)
            write_poll(report, pol, target, bar, keep_password=keep_password)
    return report


def _check_room(report: PollReport) -> None:
    from cadre_cli.errors import OutputError
    from cadre_cli.readers.cells import col_letter
    from cadre_cli.writers.workbook import MAX_COLUMN

    for data in report.data:
        for part in data.parts:
            if part.header is not None and part.header.sheet.width + ADDED_COLUMNS > MAX_COLUMN:
                raise OutputError(f"工作表“{part.sheet}”的内容已用到第 {col_letter(part.header.sheet.width)} 列，右边放不下"
                                  "本工具要添加的结果列（Excel 最多到 XFD 列）；请删去表格右边多余的列，或加 --no-output 只看屏幕结果。")


def _own_marks(book: RawBook) -> Marks:
    from cadre_cli.readers.guard import Kind

    marks = read_marks(book.open()) if book.kind in (Kind.XLSX, Kind.XLSM) else Marks()
    if not marks:
        marks.sheets = {s.name for s in book.sheets if looks_own_sheet(s.name, s.rows[:2])}
    return marks


def _without_own(book: RawBook, own: Marks) -> RawBook:
    """The workbook without the sheets and columns this tool added on an earlier run."""
    if not own:
        return book
    sheets = []
    for sheet in book.sheets:
        if sheet.name in own.sheets:
            continue
        cols = own.columns.get(sheet.name)
        if cols:
            rows = [[None if c + 1 in cols else v for c, v in enumerate(row)] for row in sheet.rows]
            sheet = dataclasses.replace(sheet, rows=rows)
        sheets.append(sheet)
    return dataclasses.replace(book, sheets=sheets)


def _reading(book: RawBook, data: list[PollData], own: Marks) -> ReadReport:
    report = ReadReport(book.path.name, own=own)
    used: dict[str, Any] = {}
    for poll in data:
        for part in poll.parts:
            used[part.sheet] = (poll, part)
    loose = {s for poll in data for s in poll.sheets} - set(used)
    for sheet in book.sheets:
        if sheet.name in own.sheets:
            report.sheets.append(SheetRead(sheet.name, skipped="本工具上次运行时生成的工作表，不是票数"))
            continue
        if sheet.name in loose:
            report.sheets.append(SheetRead(sheet.name, skipped="只有投票情况（应到、实到人数等），已用于计算"))
            continue
        if sheet.name not in used:
            blank = not any(any(v not in (None, "") for v in row) for row in sheet.rows[:20])
            report.sheets.append(SheetRead(sheet.name, skipped="空白工作表" if blank else "没有找到票数表或选票的表头"))
            continue
        poll, part = used[sheet.name]
        header = part.header
        what = "选票" if part.from_ballots else "票数汇总"
        report.sheets.append(SheetRead(sheet.name, header.rows if header else (), len(part.rows)))
        report.notes.append(f"工作表“{sheet.name}”读作{KIND_LABELS[part.kind]}{what}，共{len(part.rows)}行"
                            + (f"（{part.ballots}张选票）" if part.from_ballots else "") + "。")
        hidden = [r for r in part.rows if r in sheet.hidden_rows]
        if hidden:
            report.notes.append(f"工作表“{sheet.name}”有{len(hidden)}行是隐藏的（第{'、'.join(map(str, hidden[:10]))}"
                                f"{'等' if len(hidden) > 10 else ''}行），票数照常计入。")
        if header is not None:
            report.columns += _columns(poll, part, header)
    if own.sheets or own.columns:
        report.notes.insert(0, "本工具上次运行时添加的工作表和列已跳过；本次结果会重新生成。")
    return report


def _columns(poll: PollData, part: Any, header: Any) -> list[ColumnRead]:
    labels = {c.id: c.label for c in poll.classes}
    out = []
    candidates = set()
    if part.from_ballots:
        candidates = {e.cell.col for e in part.entries if e.cell is not None}
    for col in header.columns:
        text = col.text
        if col.col in candidates:
            out.append(ColumnRead(part.sheet, col.col, header.last, text, "人选（逐张计票）"))
            continue
        measure = col.measure
        if col.cls is not None and measure is None:
            measure = "votes"
        if measure is None or measure in _NOT_USED:
            out.append(ColumnRead(part.sheet, col.col, header.last, text, None,
                                  "照原样保留，不参与计算" if measure in _NOT_USED else None))
            continue
        cls = col.cls or header.sheet_class
        prefix = labels.get(cls, "") if cls and cls != ALL.id else ""
        out.append(ColumnRead(part.sheet, col.col, header.last, text, prefix + _MEASURE_LABELS.get(measure, measure)))
    return out
