"""The figures of a meeting — 应到人数, 实到人数, 发出票数, 收回票数, 有效票, 无效票, 弃权 —
from the rows around a tally table, per voter class where the sheet gives them.

The ways offices write them, all read here:
- a sentence: `应到60人，实到58人，发出选票58张，收回58张，其中有效票57张、无效票1张`,
  maybe per class: `领导班子成员：应到9人，实到9人；中层干部：应到25人，实到24人`;
- a label cell and its value to the right: `实到人数 | 58`;
- a footer row under the class columns: `实到人数 | | 9 | | 24 | | 25`;
- a small grid, figures across and classes down (`类别 | 应到人数 | 实到人数 …`), or
  classes across (`项目 | 领导班子成员 | 中层干部 …`) and figures down.
Class None is the whole meeting (合计, 总计, 全体, or no class named).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.text import cell_text, header_key, is_blank, nfkc, squash
from cadre_cli.poll.classes import ClassWords
from cadre_cli.poll.counts import read_count
from cadre_cli.poll.finding import diagnostic, where
from cadre_cli.poll.header import FIGURE_MEASURES, measure_of
from cadre_cli.poll.model import FIGURE_LABELS, Figures
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import TALLY_SYNONYMS
from cadre_cli.readers.raw import RawSheet
from cadre_cli.rules.registry import Severity

TOTAL_WORDS = ("合计", "总计", "全体", "总数", "小计", "共计")
_LABEL_WORDS = sorted(((squash(w), f) for f in FIGURE_MEASURES for w in TALLY_SYNONYMS[f]), key=lambda p: -len(p[0]))
_LABEL_OF = dict(_LABEL_WORDS)
_SENTENCE = re.compile("(" + "|".join(re.escape(w) for w, _ in _LABEL_WORDS) + r")(?:人数|票数)?[:：为是共计有]{0,3}(\d+)")


def _is_number(v: object) -> bool:
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, str) and bool(re.fullmatch(r"-?\d+(\.\d+)?(人|张|票|名)?", squash(v)))


@dataclass
class FigureReader:
    """Collects figures over the rows of one sheet; `found[class][figure]`."""

    sheet: RawSheet
    words: ClassWords
    column_classes: dict[int, str] = field(default_factory=dict)  # 1-based column -> class (the table's)
    found: dict[str | None, Figures] = field(default_factory=dict)
    findings: list[Diagnostic] = field(default_factory=list)
    _across: dict[int, str] = field(default_factory=dict)  # grid: column -> figure
    _class_cols: dict[int, str | None] = field(default_factory=dict)  # grid: 1-based column -> class

    def row(self, r: int) -> None:
        """Read row r (0-based) for figures."""
        row = self.sheet.rows[r] if r < len(self.sheet.rows) else []
        cells = [(c, v) for c, v in enumerate(row) if not is_blank(v)]
        if not cells:
            self._across, self._class_cols = {}, {}
            return
        numbers = [c for c, v in cells if _is_number(v)]
        labels = [(c, *lab) for c, v in cells if isinstance(v, str) and (lab := self._label(v)) is not None]
        if labels and not numbers and (len(labels) >= 2 or self._grid_corner(cells[0][1])):
            self._across, self._class_cols = {c: fig for c, fig, _ in labels}, {}
            return
        if self._across and numbers:
            if self._grid_row(r, row, cells):
                return
            self._across = {}
        classes = [(c, self._row_class(v)) for c, v in cells if isinstance(v, str)]
        if len([1 for _, k in classes if k is not False]) >= 2 and not numbers and not labels:
            self._class_cols = {c + 1: k for c, k in classes if k is not False}
            return
        label_cols = {c for c, _, _ in labels}
        for c, v in cells:
            if isinstance(v, str) and c not in label_cols:
                self._sentence(r, c, v)
        for i, (c, fig, cls) in enumerate(labels):
            stop = labels[i + 1][0] if i + 1 < len(labels) else len(row)
            self._label_values(r, row, c, stop, fig, cls, cells)

    @staticmethod
    def _grid_corner(value: object) -> bool:
        """The top-left cell of a figures grid: 类别, 项目, 投票人类别 …"""
        return isinstance(value, str) and (measure_of(value) == "voter_class" or squash(value) in ("项目", "类型", "分类"))

    def _label(self, text: str) -> tuple[str, str | None] | None:
        """(figure, class) of a cell that is a figure label, maybe with a class word."""
        key = header_key(text)
        found = self.words.find(key)
        cls = None
        if found is not None:
            cls, word = found
            key = key.replace(word, "", 1)
        for word in TOTAL_WORDS:
            key = key.removeprefix(word)
        m = measure_of(key) if key else None
        return (m, cls) if m in FIGURE_MEASURES else None

    def _row_class(self, text: object) -> str | None | bool:
        """The class a row label names; None for a total (合计); False for neither."""
        s = squash(cell_text(text))
        if any(s.startswith(w) for w in TOTAL_WORDS):
            return None
        found = self.words.exact(s)
        return found if found is not None else False

    def _grid_row(self, r: int, row: list, cells: list) -> bool:
        first = next((v for _, v in cells if isinstance(v, str)), None)
        cls = self._row_class(first) if first is not None else False
        if cls is False:
            return False
        for c, fig in self._across.items():
            if c < len(row) and not is_blank(row[c]):
                self._put(cls, fig, row[c], CellRef(self.sheet.name, r + 1, c + 1))
        return True

    def _sentence(self, r: int, c: int, text: str) -> None:
        s = squash(nfkc(text))
        if not _SENTENCE.search(s):
            return
        marks = self.words.positions(s)  # (position, class) of the class words in the text
        marks += [(m.start(), None) for m in re.finditer(r"(?:合计|总计|全体)", s)]
        row_cls = self._row_class(self.sheet.rows[r][0]) if self.sheet.rows[r] else False
        cell = CellRef(self.sheet.name, r + 1, c + 1)
        for m in _SENTENCE.finditer(s):
            before = [cid for p, cid in sorted(marks, key=lambda x: x[0]) if p < m.start()]
            cls = before[-1] if before else (None if row_cls is False else row_cls)
            self._put(cls, _LABEL_OF[m.group(1)], int(m.group(2)), cell)

    def _label_values(self, r: int, row: list, c: int, stop: int, fig: str, cls: str | None, cells: list) -> None:
        """A label cell's value: the numbers under class columns of the row (a footer
        aligned with the table, or a classes-across grid), else the next number right."""
        if cls is None:
            cols = self._class_cols or self.column_classes
            aligned = [(k, v) for k, v in cells if k > c and _is_number(v) and k + 1 in cols]
            if aligned:
                for k, v in aligned:
                    self._put(cols[k + 1], fig, v, CellRef(self.sheet.name, r + 1, k + 1))
                return
            first = row[0] if c > 0 else None
            row_cls = self._row_class(first) if not is_blank(first) else False
            cls = None if row_cls is False else row_cls
        value = next(((k, v) for k, v in cells if c < k < stop), None)
        if value is not None:
            self._put(cls, fig, value[1], CellRef(self.sheet.name, r + 1, value[0] + 1))

    def _put(self, cls: str | None, fig: str, raw: object, cell: CellRef) -> None:
        label = (self.words.label(cls) if cls else "") + FIGURE_LABELS[fig]
        got = read_count(raw, cell, label)
        if isinstance(got, Diagnostic):
            self.findings.append(got)
            return
        if got is None:
            return
        have = self.found.setdefault(cls, {})
        old = have.get(fig)
        if old is None:
            have[fig] = got
        elif old.value != got.value:
            self.findings.append(diagnostic(
                "tally-figure-conflict", Severity.ERROR,
                f"{label}写了两次且不一致：{old.where}为{old.value}，{where(cell)}为{got.value}；按先出现的{old.value}计。",
                "同一数字只能有一个值", cell, raw, {"figure": fig, "first": old.value, "second": got.value}))


def merge_figures(into: dict[str | None, Figures], more: dict[str | None, Figures], findings: list[Diagnostic],
                  words: ClassWords) -> None:
    """Add figures of another sheet; a figure given twice must agree."""
    for cls, figs in more.items():
        have = into.setdefault(cls, {})
        for fig, count in figs.items():
            old = have.get(fig)
            if old is None:
                have[fig] = count
            elif old.value != count.value:
                label = (words.label(cls) if cls else "") + FIGURE_LABELS[fig]
                findings.append(diagnostic(
                    "tally-figure-conflict", Severity.ERROR,
                    f"{label}写了两次且不一致：{old.where}为{old.value}，{count.where}为{count.value}；按先出现的{old.value}计。",
                    "同一数字只能有一个值", count.cell, count.value, {"figure": fig, "first": old.value, "second": count.value}))


def read_sheet_figures(sheet: RawSheet, words: ClassWords, rows: range | list[int],
                       column_classes: dict[int, str] | None = None) -> FigureReader:
    reader = FigureReader(sheet, words, dict(column_classes or {}))
    for r in rows:
        reader.row(r)
    return reader

