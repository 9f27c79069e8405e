"""Raw ballots: one row per ballot — its voter class, then a mark per candidate — tallied
into the same counts a summary sheet holds.

    票号 | 投票人类别 | 张三 | 李四 | 王五 …          (推荐: √ / ○ / 同意, blank = not chosen)
    票号 | 投票人类别 | 张三 | 李四 …                (测评: 优秀 / 称职 / 基本称职 / 不称职, blank = 弃权)
    票号 | 投票人类别 | 张三 (优秀|称职|基本称职|不称职) …   (测评, a √ under one grade)

Per class: every row is a returned ballot (收回); a ballot marked invalid in a
`是否有效` column, or naming more people than `max_choices` allows (差额), is invalid
and none of its marks count; a ballot with a mark that cannot be read is neither valid
nor invalid — a finding names its cell and the ballot is left out until it is fixed.
A ballot with no mark at all is valid and abstains on everyone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.text import cell_text, is_blank, squash
from cadre_cli.policy.tally import Tally
from cadre_cli.poll.classes import ClassWords
from cadre_cli.poll.figures import FigureReader, merge_figures
from cadre_cli.poll.finding import diagnostic, where
from cadre_cli.poll.header import FIGURE_MEASURES, GRADE_MEASURES, Header, measure_of
from cadre_cli.poll.marks import ABSTAIN, BAD, GRADE_ABSTAIN, YES, Marks
from cadre_cli.poll.model import ALL, GRADES, Count, Entry
from cadre_cli.poll.sheet import SheetPoll
from cadre_cli.poll.summary import END_WORDS
from cadre_cli.readers.cells import CellRef
from cadre_cli.rules.registry import Severity

MAX_CELL_FINDINGS = 50
_INVALID_WORDS = frozenset({"否", "无效", "无效票", "废票", "作废", "×", "N", "n", "0"})
_VALID_WORDS = frozenset({"是", "有效", "有效票", "√", "Y", "y", "1"})
_NAME_POST = re.compile(r"^(.+?)[(（](.+)[)）]$")
_SAMPLE_ROWS = 500
NOT_CANDIDATES = ("合计", "小计", "总计", "推荐人数", "所选人数", "选择人数", "已选人数", "人数", "说明", "录入人", "核对")


@dataclass
class _Candidate:
    name: str
    post: str | None
    cell: CellRef
    cols: list[int]  # 0-based: one column, or the four grade columns in GRADES order


@dataclass
class _ClassTally:
    returned: int = 0
    invalid: int = 0
    unreadable: int = 0
    over: list[int] = field(default_factory=list)  # rows of ballots naming too many
    counts: list[list[int]] = field(default_factory=list)  # candidate -> code -> count


def _candidates(header: Header) -> tuple[list[_Candidate], bool]:
    """The candidate columns and whether they are grade sub-columns (测评, four per person)."""
    single: list[_Candidate] = []
    grouped: dict[str, dict[str, int]] = {}
    cells: dict[str, CellRef] = {}
    for col in header.columns:
        if col.other is None or col.cls is not None or col.measure not in (None, *GRADE_MEASURES):
            continue
        text = squash(col.other)
        if text.startswith(NOT_CANDIDATES) or re.fullmatch(r"[\d.\-/年月日]+", text):
            continue  # a column the office added: 合计, 推荐人数, 备注 …
        if col.measure in GRADE_MEASURES:
            grouped.setdefault(text, {})[col.measure] = col.col - 1
            cells.setdefault(text, CellRef(header.sheet.name, header.top, col.col))
        else:
            single.append(_candidate(text, CellRef(header.sheet.name, header.last, col.col), [col.col - 1]))
    if grouped:
        out = [_candidate(t, cells[t], [g.get(k, -1) for k in GRADES]) for t, g in grouped.items()]
        return out, True
    return single, False


def _candidate(text: str, cell: CellRef, cols: list[int]) -> _Candidate:
    m = _NAME_POST.match(text)
    return _Candidate(m.group(1), m.group(2), cell, cols) if m else _Candidate(text, None, cell, cols)


class _Reporter:
    """Cell findings of one rule, the first MAX_CELL_FINDINGS one by one, then a count."""

    def __init__(self, out: list[Diagnostic]) -> None:
        self.out = out
        self.seen: dict[str, int] = {}

    def add(self, finding: Diagnostic) -> None:
        n = self.seen.get(finding.rule, 0) + 1
        self.seen[finding.rule] = n
        if n <= MAX_CELL_FINDINGS:
            self.out.append(finding)

    def close(self, sheet: str) -> None:
        for rule, n in self.seen.items():
            if n > MAX_CELL_FINDINGS:
                self.out.append(diagnostic(rule, Severity.ERROR,
                                        f"工作表“{sheet}”还有{n - MAX_CELL_FINDINGS}张选票有同样的问题（共{n}张），未逐一列出。",
                                        "", None, None, {"count": n}))


def read_ballots(header: Header, words: ClassWords, settings: Tally, above: FigureReader) -> SheetPoll | None:
    sheet = header.sheet
    candidates, grade_columns = _candidates(header)
    if not candidates:
        return None
    class_col = header.first("voter_class")
    valid_col = header.first("ballot_valid")
    key_cols = [c.col - 1 for c in (class_col, header.first("ballot")) if c is not None]
    marks = Marks(settings)
    first = header.last
    kind = "evaluate" if grade_columns or _looks_graded(sheet.rows, first, candidates, marks) else "recommend"
    classed = class_col is not None or header.sheet_class is not None
    fixed_class = header.sheet_class or ALL.id
    findings: list[Diagnostic] = []
    report = _Reporter(findings)
    footer = FigureReader(sheet, words)
    tallies: dict[str, _ClassTally] = {}
    width = max(c for cand in candidates for c in cand.cols) + 1
    width = max(width, *(k + 1 for k in key_cols), (valid_col.col if valid_col else 0))
    n_codes = 5 if kind == "evaluate" else 3
    cols = [cand.cols[0] for cand in candidates]
    ballots = 0
    row_notes: dict[int, str] = {}  # 1-based row -> why the ballot did not count as a valid one
    counted: list[int] = []  # 1-based rows of the ballots read
    last_row = first
    for r in range(first, len(sheet.rows)):
        row = sheet.rows[r]
        if len(row) < width:
            row = list(row) + [None] * (width - len(row))
        lead = next((v for v in row if not is_blank(v)), None)
        if lead is None:
            continue
        if isinstance(lead, str) and (squash(lead).startswith(END_WORDS) or measure_of(squash(lead)) in FIGURE_MEASURES):
            footer.row(r)
            continue
        if grade_columns:
            codes = [_grade_cell(cand, row, marks) for cand in candidates]
        elif kind == "evaluate":
            codes = [marks.grade(row[c]) for c in cols]
        else:
            codes = [marks.recommend(row[c]) for c in cols]
        has_key = any(not is_blank(row[k]) for k in key_cols)
        if not has_key and all(is_blank(row[c]) for cand in candidates for c in cand.cols if c >= 0):
            continue
        ballots += 1
        counted.append(r + 1)
        last_row = r
        cls = fixed_class
        if class_col is not None:
            raw_cls = row[class_col.col - 1]
            found = None if is_blank(raw_cls) else words.exact(raw_cls)
            if found is None:
                cell = CellRef(sheet.name, r + 1, class_col.col)
                report.add(diagnostic("tally-bad-class", Severity.ERROR,
                                   f"{where(cell)}的投票人类别“{cell_text(raw_cls)}”不是政策所列的类别"
                                   f"（{'、'.join(c.label for c in words.classes)}），这张选票未计入。",
                                   "投票人类别须为政策 [tally] classes 所列之一", cell, raw_cls))
                row_notes[r + 1] = "未计入：投票人类别不是政策所列的类别"
                continue
            cls = found
        tally = tallies.get(cls)
        if tally is None:
            tally = tallies[cls] = _ClassTally(counts=[[0] * n_codes for _ in candidates])
        tally.returned += 1
        if BAD in codes:
            i = codes.index(BAD)
            cand = candidates[i]
            cols_bad = [c for c in cand.cols if c >= 0]
            bad_col = next((c for c in cols_bad if not is_blank(row[c])), cols_bad[0])
            cell = CellRef(sheet.name, r + 1, bad_col + 1)
            report.add(diagnostic("tally-bad-mark", Severity.ERROR,
                               f"{where(cell)}对{cand.name}的标记“{cell_text(row[bad_col])}”无法识别"
                               f"（{_expected(kind, grade_columns)}），这张选票暂未计入，请核对原始选票后改正。",
                               "选票标记须可识别", cell, row[bad_col], {"row": r + 1}))
            tally.unreadable += 1
            row_notes[r + 1] = f"暂未计入：对{cand.name}的标记无法识别"
            continue
        if valid_col is not None and _marked_invalid(row[valid_col.col - 1], report, CellRef(sheet.name, r + 1, valid_col.col)):
            tally.invalid += 1
            row_notes[r + 1] = "无效票（标明无效）"
            continue
        if kind == "recommend" and settings.max_choices is not None and codes.count(YES) > settings.max_choices:
            tally.invalid += 1
            tally.over.append(r + 1)
            row_notes[r + 1] = f"无效票（推荐{codes.count(YES)}人，超过每票最多{settings.max_choices}人）"
            continue
        counts = tally.counts
        for i, code in enumerate(codes):
            counts[i][code] += 1
    report.close(sheet.name)
    if not ballots:
        return None
    result = SheetPoll(sheet.name, kind, classed, set(tallies), title=header.title, ballots=ballots, from_ballots=True)
    result.findings.extend(findings)
    result.header, result.rows, result.row_notes = header, counted, row_notes
    span = f"由工作表“{sheet.name}”第{first + 1}至{last_row + 1}行的选票统计"
    for cls, tally in tallies.items():
        result.figures[cls] = {"returned": Count(tally.returned, None, span),
                               "invalid": Count(tally.invalid, None, span),
                               "valid": Count(tally.returned - tally.invalid - tally.unreadable, None, span)}
        if tally.over:
            rows = "、".join(map(str, tally.over[:10])) + ("等" if len(tally.over) > 10 else "")
            label = "" if cls == ALL.id else f"{words.label(cls)}的"
            result.findings.append(diagnostic(
                "tally-over-choices", Severity.INFO,
                f"工作表“{sheet.name}”中{label}{len(tally.over)}张选票推荐人数超过{settings.max_choices}人（第{rows}行），"
                "按规定作废，计入无效票。", "差额推荐：推荐人数超过应推荐人数的选票无效",
                CellRef(sheet.name, tally.over[0], (class_col.col if class_col else 1)), None,
                {"rows": tally.over, "max_choices": settings.max_choices}))
    _entries(result, candidates, tallies, kind, span)
    for reader in (above, footer):
        result.findings.extend(reader.findings)
        found = {(c if c is not None else header.sheet_class or (None if class_col else ALL.id)): figs
                 for c, figs in reader.found.items()}
        merge_typed = {c: {k: v for k, v in figs.items() if k not in ("returned", "invalid", "valid")}
                       for c, figs in found.items()}
        _compare_counted(result, found, words)
        merge_figures(result.figures, merge_typed, result.findings, words)
    return result


def _entries(result: SheetPoll, candidates: list[_Candidate], tallies: dict[str, _ClassTally], kind: str,
             span: str) -> None:
    for i, cand in enumerate(candidates):
        entry = Entry(cand.name, cand.post, cand.cell, i)
        for cls, tally in tallies.items():
            counts = tally.counts[i]
            if kind == "recommend":
                entry.votes[cls] = Count(counts[YES], None, span)
                entry.figures.setdefault(cls, {})["abstain"] = Count(counts[ABSTAIN], None, span)
            else:
                entry.grades[cls] = {g: Count(counts[k], None, span) for k, g in enumerate(GRADES)}
                entry.figures.setdefault(cls, {})["abstain"] = Count(counts[GRADE_ABSTAIN], None, span)
        result.entries.append(entry)


def _compare_counted(result: SheetPoll, typed: dict, words: ClassWords) -> None:
    """收回/有效/无效 written on the ballot sheet must agree with the ballots counted."""
    for cls, figs in typed.items():
        counted = result.figures.get(cls)
        if cls is None and result.figures:  # the meeting's figures: the sums over the classes
            counted = {k: Count(sum(result.figures[c][k].value for c in result.classes), None, "各类别合计")
                       for k in ("returned", "valid", "invalid")}
        if counted is None:
            continue
        for fig in ("returned", "valid", "invalid"):
            given = figs.get(fig)
            if given is not None and given.value != counted[fig].value:
                label = ("" if cls in (None, ALL.id) else words.label(cls)) + {"returned": "收回票数", "valid": "有效票数",
                                                                              "invalid": "无效票数"}[fig]
                result.findings.append(diagnostic(
                    "tally-ballots-mismatch", Severity.ERROR,
                    f"{given.where}写的{label}为{given.value}，按选票逐张统计为{counted[fig].value}；结果按选票统计。",
                    "选票统计", given.cell, given.value, {"given": given.value, "counted": counted[fig].value}))


def _looks_graded(rows: list, first: int, candidates: list[_Candidate], marks: Marks) -> bool:
    cols = [c.cols[0] for c in candidates]
    for row in rows[first:first + _SAMPLE_ROWS]:
        for c in cols:
            if c < len(row) and marks.is_grade_word(row[c]):
                return True
    return False


def _grade_cell(cand: _Candidate, row: list, marks: Marks) -> int:
    """The grade a √ under one of a candidate's four grade columns gives; none is 弃权."""
    chosen = [k for k, c in enumerate(cand.cols) if c >= 0 and not is_blank(row[c])]
    if not chosen:
        return GRADE_ABSTAIN
    if len(chosen) > 1 or not marks.yes(row[cand.cols[chosen[0]]]):
        return BAD
    return chosen[0]


def _marked_invalid(raw: object, report: _Reporter, cell: CellRef) -> bool:
    if is_blank(raw):
        return False
    text = squash(cell_text(raw))
    if text in _INVALID_WORDS:
        return True
    if text not in _VALID_WORDS:
        report.add(diagnostic("tally-bad-mark", Severity.ERROR,
                           f"{where(cell)}的“{text}”看不出选票是否有效（应为“是”或“否”、“有效”或“无效”），按有效票计。",
                           "选票是否有效须写明", cell, raw))
    return False


def _expected(kind: str, grade_columns: bool) -> str:
    if grade_columns:
        return "每人只能在一个等次下打√"
    if kind == "evaluate":
        return "应为优秀、称职、基本称职、不称职，或好、较好、一般、差，空白为弃权"
    return "应为√、○、同意等表示推荐的标记，空白或×表示不推荐，“弃权”为弃权"

