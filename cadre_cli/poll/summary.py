"""Summary sheets: one row per candidate, counts per voter class in columns.

Recommendation (推荐票汇总): `推荐人选 | 现任职务 | 领导班子成员 | 中层干部 | … | 合计 | 得票率`,
or each class a group over `票数 | 得票率`. Evaluation (测评结果汇总): each class a group
over `优秀 | 称职 | 基本称职 | 不称职 [| 弃权 | 测评人数]` (or `好 | 较好 | 一般 | 差`).
A sheet with no class columns counts for the class its name gives (`中层干部`), else for
all voters. Blank count cells are 0 (and said so); text and negative numbers are findings.
"""

from __future__ import annotations

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.text import cell_text, is_blank, squash
from cadre_cli.poll.classes import ClassWords
from cadre_cli.poll.counts import read_count
from cadre_cli.poll.figures import FigureReader, merge_figures
from cadre_cli.poll.finding import diagnostic
from cadre_cli.poll.header import FIGURE_MEASURES, GRADE_MEASURES, Column, Header, measure_of
from cadre_cli.poll.model import ALL, FIGURE_LABELS, GRADE_LABELS, Count, Entry
from cadre_cli.poll.sheet import SheetPoll
from cadre_cli.readers.cells import CellRef, col_letter
from cadre_cli.rules.registry import Severity

SKIP_WORDS = ("合计", "小计", "总计", "共计", "平均", "总数")
END_WORDS = ("填表说明", "填表人", "审核人", "制表人", "计票人", "监票人", "唱票人", "填报人", "经办人", "说明",
             "注：", "注:", "备注：", "备注:")
TYPED = frozenset({"share", "score", "total"})
COUNT_MEASURES = GRADE_MEASURES | FIGURE_MEASURES | {"votes"}
MAX_LISTED = 8


def _role(col: Column, header: Header) -> tuple[str | None, str | None]:
    """(class, measure) a column gives each candidate; a class with no measure is votes."""
    cls = col.cls or header.sheet_class
    measure = col.measure
    if measure is None and col.cls is not None:
        measure = "votes"
    return cls, measure


def read_summary(header: Header, words: ClassWords, above: FigureReader) -> SheetPoll | None:
    sheet = header.sheet
    name_col = header.first("name")
    if name_col is None:
        return None
    roles: dict[tuple[str | None, str], Column] = {}
    findings: list[Diagnostic] = []
    ignored: list[str] = []
    for col in header.columns:
        cls, measure = _role(col, header)
        if measure in COUNT_MEASURES or measure in TYPED:
            key = (cls, measure)
            if measure in COUNT_MEASURES and key in roles:
                first = roles[key]
                findings.append(diagnostic(
                    "tally-duplicate-column", Severity.ERROR,
                    f"工作表“{sheet.name}”中“{first.text}”（{col_letter(first.col)}列）和“{col.text}”（{col_letter(col.col)}列）"
                    f"都是{words.label(cls) if cls else ''}{_measure_label(measure)}，无法确定用哪一列；只用了{col_letter(first.col)}列。"
                    "如两列是不同的投票人类别，请在政策的 [tally] classes 中分开设置。",
                    "每一类别的每项票数只能有一列", CellRef(sheet.name, header.last, col.col), col.text))
                continue
            roles.setdefault(key, col)
        elif measure not in ("name", "post", "unit", "seq", "remarks", "rank") and col.col != name_col.col:
            ignored.append(col.text)
    grades = any(m in GRADE_MEASURES for _, m in roles)
    votes = any(m == "votes" for _, m in roles)
    if not grades and not votes:
        return None
    kind = "evaluate" if grades else "recommend"
    counts = [(cls or ALL.id, m, col) for (cls, m), col in roles.items() if m in COUNT_MEASURES]
    if kind == "evaluate":
        counts = [c for c in counts if c[1] != "votes"]
    typed = [(cls, m, col) for (cls, m), col in roles.items() if m in TYPED]
    classed = any(c.cls for c in header.columns) or header.sheet_class is not None
    result = SheetPoll(sheet.name, kind, classed, {c for c, _, _ in counts}, title=header.title, ignored=ignored)
    result.findings.extend(findings)
    result.header = header
    post_col = header.first("post")
    column_classes = {col.col: cls for (cls, m), col in roles.items() if cls and m in COUNT_MEASURES | {"share"}}
    footer = FigureReader(sheet, words, column_classes)
    blanks: list[CellRef] = []
    class_col = header.first("voter_class")  # a long layout: one row per candidate and class
    row_classes: set[str] = set()
    by_key: dict[tuple[str, str | None], Entry] = {}
    for r in range(header.last, len(sheet.rows)):
        row = sheet.rows[r]
        raw_name = row[name_col.col - 1] if name_col.col - 1 < len(row) else None
        text = squash(raw_name) if isinstance(raw_name, str) else ""
        if not text or _not_a_candidate(row, text, words, class_col is None):
            footer.row(r)
            continue
        if text.startswith(SKIP_WORDS) or measure_of(text) == "name":
            continue  # a total row, or a header repeated for printing
        row_cls = _row_class(row, r, class_col, words, result) if class_col is not None else None
        if class_col is not None and row_cls is None:
            continue
        post = _text(row, post_col)
        result.rows.append(r + 1)
        entry = by_key.get((text, post))
        if entry is None or class_col is None:
            entry = Entry(text, post, CellRef(sheet.name, r + 1, name_col.col), len(result.entries))
            result.entries.append(entry)
            by_key.setdefault((text, post), entry)
        elif row_cls in entry.votes or row_cls in entry.grades:
            cell = CellRef(sheet.name, r + 1, name_col.col)
            result.findings.append(diagnostic(
                "tally-duplicate-name", Severity.ERROR,
                f"工作表“{sheet.name}”第{r + 1}行：{text}的{words.label(row_cls)}票数已在前面出现过，这一行未计入。",
                "每人每类别的票数只能有一处", cell, text))
            continue
        for cls, measure, col in counts:
            target = row_cls if row_cls is not None and cls == ALL.id else cls
            row_classes.add(target)
            _count(entry, row, r, target, measure, col, sheet.name, words, result, blanks, kind)
        for cls, measure, col in typed:
            raw = row[col.col - 1] if col.col - 1 < len(row) else None
            if not is_blank(raw):
                target = row_cls if row_cls is not None and cls is None else cls
                entry.typed.append((target, measure, raw, CellRef(sheet.name, r + 1, col.col)))
    if class_col is not None:
        result.classes, result.classed = row_classes, True
    if blanks:
        listed = "、".join(c.ref for c in blanks[:MAX_LISTED]) + ("等" if len(blanks) > MAX_LISTED else "")
        result.findings.append(diagnostic(
            "tally-blank-count", Severity.INFO,
            f"工作表“{sheet.name}”中{len(blanks)}个票数单元格是空白（{listed}），均按0票计。",
            "汇总表中空白的票数格按0票计", blanks[0], None, {"cells": [c.ref for c in blanks]}))
    for reader in (above, footer):
        result.findings.extend(reader.findings)
        found = {(header.sheet_class if cls is None else cls): figs for cls, figs in reader.found.items()}
        merge_figures(result.figures, found, result.findings, words)
    if not result.entries:
        return None
    return result


def _not_a_candidate(row: list, text: str, words: ClassWords, check_lead: bool) -> bool:
    """A row of the figures under the table (a class or 合计 in front, a figure label, a
    note or signature line), not a candidate's."""
    if text.startswith(END_WORDS) or measure_of(text) in FIGURE_MEASURES or words.exact(text):
        return True
    lead = next((v for v in row if not is_blank(v)), None)
    if check_lead and isinstance(lead, str) and \
            (words.exact(lead) or squash(lead).startswith(("合计", "总计", "类别", "项目"))):
        return True
    return any(squash(v).startswith(END_WORDS) for v in row if isinstance(v, str))


def _row_class(row: list, r: int, col: Column, words: ClassWords, result: SheetPoll) -> str | None:
    raw = row[col.col - 1] if col.col - 1 < len(row) else None
    found = None if is_blank(raw) else words.exact(raw)
    if found is None:
        cell = CellRef(result.sheet, r + 1, col.col)
        result.findings.append(diagnostic(
            "tally-bad-class", Severity.ERROR,
            f"工作表“{result.sheet}”{cell.ref}的投票人类别“{cell_text(raw)}”不是政策所列的类别"
            f"（{'、'.join(c.label for c in words.classes)}），这一行未计入。",
            "投票人类别须为政策 [tally] classes 所列之一", cell, raw))
    return found


def _count(entry: Entry, row: list, r: int, cls: str, measure: str, col: Column, sheet: str, words: ClassWords,
           result: SheetPoll, blanks: list[CellRef], kind: str) -> None:
    raw = row[col.col - 1] if col.col - 1 < len(row) else None
    cell = CellRef(sheet, r + 1, col.col)
    label = f"{entry.name}的{words.label(cls) if cls != ALL.id else ''}{_measure_label(measure)}"
    got = read_count(raw, cell, label)
    if isinstance(got, Diagnostic):
        result.findings.append(got)
        entry.unknown.add(cls)
        return
    if got is None:
        if measure in FIGURE_MEASURES:
            return  # this candidate has no figure of its own: the class's counts
        blanks.append(cell)
        got = Count(0, cell)
    if measure == "votes":
        entry.votes[cls] = got
    elif measure in GRADE_MEASURES:
        entry.grades.setdefault(cls, {})[measure] = got
    else:
        entry.figures.setdefault(cls, {})[measure] = got


def _measure_label(measure: str) -> str:
    return {"votes": "票数", "share": "得票率", "score": "测评分", "total": "合计票数"}.get(
        measure, GRADE_LABELS.get(measure, FIGURE_LABELS.get(measure, measure)) + ("票数" if measure in GRADE_LABELS else ""))


def _text(row: list, col: Column | None) -> str | None:
    if col is None or col.col - 1 >= len(row) or is_blank(row[col.col - 1]):
        return None
    return cell_text(row[col.col - 1])

