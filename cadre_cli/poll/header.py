"""The header of a tally sheet: for every column, its voter class and what it counts.

A column's header is the chain of texts above it (one to three rows; merged group
cells spread over their sub-columns, or written once and carried right as WPS's
"跨列居中" leaves them). The class comes from any level that holds a class word
(`领导班子成员` over `票数 | 得票率`, or `得票数` over `领导班子成员 | 中层干部`, or
`中层干部优秀票` in one cell); the measure from the lowest level that names one.
A text that is neither (a candidate's name on a ballot sheet) is kept as `other`.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre_cli.parse.text import cell_text, header_key, is_blank
from cadre_cli.poll.classes import ClassWords
from cadre_cli.readers.fields import tally_field_of
from cadre_cli.readers.raw import RawSheet

SCAN_ROWS = 40
MAX_DEPTH = 3
KEY_MEASURES = ("name", "voter_class", "ballot")

_MEASURES = {
    "candidate": "name", "name": "name", "post": "post", "unit": "unit", "seq": "seq", "remarks": "remarks",
    "exam_number": "seq", "votes": "votes", "total": "total", "share": "share", "rank": "rank", "score": "score",
    "poll_score": "score", "total_score": "score", "poll:voters": "present",
    "expected": "expected", "present": "present", "issued": "issued", "returned": "returned", "valid": "valid",
    "invalid": "invalid", "abstain": "abstain", "voter_class": "voter_class", "ballot": "ballot",
    "ballot_valid": "ballot_valid",
    "poll:excellent": "excellent", "poll:competent": "competent", "poll:basic": "basic",
    "poll:incompetent": "incompetent", "good": "excellent", "fair": "competent", "average": "basic",
    "poor": "incompetent",
}
GRADE_MEASURES = frozenset({"excellent", "competent", "basic", "incompetent"})
FIGURE_MEASURES = frozenset({"expected", "present", "issued", "returned", "valid", "invalid", "abstain"})
# Measures a group cell gives the sub-columns under it (`得票数` over the classes; `优秀`
# over them); a group `候选人` over names leaves the names as they are.
_GROUP_MEASURES = GRADE_MEASURES | FIGURE_MEASURES | {"votes", "share", "score", "total", "rank"}


def measure_of(text: str) -> str | None:
    """What a header text counts or holds (`得票数` -> votes, `实到人数` -> present)."""
    key = header_key(text)
    return _MEASURES.get(tally_field_of(key)) if key else None


@dataclass(frozen=True, slots=True)
class Column:
    col: int  # 1-based
    texts: tuple[str, ...]  # header texts, top down
    cls: str | None  # voter class id
    measure: str | None
    other: str | None  # the lowest text that is neither a class nor a measure

    @property
    def text(self) -> str:
        return "/".join(self.texts)


@dataclass
class Header:
    sheet: RawSheet
    rows: tuple[int, ...]  # 1-based Excel rows
    columns: list[Column]
    sheet_class: str | None = None  # the class the sheet's name gives
    title: str | None = None

    @property
    def top(self) -> int:
        return self.rows[0]

    @property
    def last(self) -> int:
        return self.rows[-1]

    def first(self, measure: str) -> Column | None:
        return next((c for c in self.columns if c.measure == measure), None)

    def has(self, measures: frozenset[str] | set[str]) -> bool:
        return any(c.measure in measures for c in self.columns)


def resolve(texts: tuple[str, ...], words: ClassWords) -> tuple[str | None, str | None, str | None]:
    """(class, measure, other) of a column's chain of header texts."""
    cls = measure = other = None
    for text in reversed(texts):
        found = words.find(text)
        if found is not None:
            cid, word = found
            cls = cls or cid
            rest = header_key(text).replace(word, "", 1)
            m = measure_of(rest) if rest else None
        else:
            m = measure_of(text)
            if m is None and other is None:
                other = text
        if measure is None and m is not None and (text is texts[-1] or m in _GROUP_MEASURES or other is None):
            measure = m
    return cls, measure, other


def _merged(sheet: RawSheet) -> dict[tuple[int, int], tuple[int, int]]:
    """(row0, col0) of the merge each header-area cell lies in -> its first cell."""
    out: dict[tuple[int, int], tuple[int, int]] = {}
    for r0, c0, r1, c1 in sheet.merged:
        if r0 > SCAN_ROWS + MAX_DEPTH:
            continue
        for r in range(r0, min(r1, r0 + MAX_DEPTH) + 1):
            for c in range(c0, c1 + 1):
                out[(r, c)] = (r0, c0)
    return out


def _text(sheet: RawSheet, r: int, c: int) -> str:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    v = row[c] if c < len(row) else None
    return "" if is_blank(v) else cell_text(v).replace("\n", "")


def _grid(sheet: RawSheet, merged: dict, top: int, depth: int) -> list[list[str]]:
    width = sheet.width
    grid = [[_text(sheet, *merged.get((r, c), (r, c))) for c in range(width)] for r in range(top, top + depth)]
    for d in range(depth - 1):  # a group cell written once, over blank cells with sub-headers below
        row, below = grid[d], grid[d + 1]
        carry = ""
        for c in range(width):
            if row[c]:
                carry = row[c] if below[c] and (top + d, c) not in merged else ""
            elif carry and below[c]:
                row[c] = carry
            else:
                carry = ""
    return grid


def _columns(grid: list[list[str]], words: ClassWords) -> list[Column]:
    columns = []
    for c in range(len(grid[0]) if grid else 0):
        chain: list[str] = []
        for row in grid:
            if row[c] and (not chain or header_key(chain[-1]) != header_key(row[c])):
                chain.append(row[c])
        if chain:
            cls, measure, other = resolve(tuple(chain), words)
            columns.append(Column(c + 1, tuple(chain), cls, measure, other))
    return columns


def _holds_data(sheet: RawSheet, merged: dict, r: int, key_cols: list[int]) -> bool:
    """A lower header row is data when a number stands in it, or a value under a key
    column (name, voter class) that is not the header above carried down by a merge."""
    row = sheet.rows[r] if r < len(sheet.rows) else []
    if any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row):
        return True
    for c in key_cols:
        if c - 1 < len(row) and not is_blank(row[c - 1]) and merged.get((r, c - 1), (r, c - 1))[0] == r:
            return True
    return False


def _spread_across(merged: dict, r: int, c: int) -> bool:
    """A header cell merged over several columns: a group (候选人 over the names), not a key column."""
    first = merged.get((r, c))
    return first is not None and (merged.get((r, c - 1)) == first or merged.get((r, c + 1)) == first)


def find_header(sheet: RawSheet, words: ClassWords) -> Header | None:
    """The header of a tally sheet: the first row with a name, voter-class or ballot-number
    header, and the depth that tells the most distinct (class, measure) columns apart."""
    merged = _merged(sheet)
    for r in range(min(SCAN_ROWS, len(sheet.rows))):
        first = _columns(_grid(sheet, merged, r, 1), words)
        keys = [c for c in first if c.measure in KEY_MEASURES and c.cls is None]
        if not keys:
            continue
        best: tuple[tuple[int, int], int, list[Column]] | None = None
        for depth in range(1, MAX_DEPTH + 1):
            if r + depth > len(sheet.rows):
                break
            if depth > 1:
                lower = r + depth - 1
                if not any(_text(sheet, lower, c) for c in range(sheet.width)):
                    break
                if _holds_data(sheet, merged, lower, [c.col for c in keys if not _spread_across(merged, r, c.col - 1)]):
                    break
            columns = _columns(_grid(sheet, merged, r, depth), words)
            pairs = {(c.cls, c.measure, c.other if c.measure is None or c.cls is None else None) for c in columns}
            rank = (len(pairs), -depth)
            if best is None or rank > best[0]:
                best = (rank, depth, columns)
        if best is not None:
            _, depth, columns = best
            return Header(sheet, tuple(range(r + 1, r + depth + 1)), columns, _sheet_class(sheet, words, columns),
                          _title(sheet, r))
    return None


def _sheet_class(sheet: RawSheet, words: ClassWords, columns: list[Column]) -> str | None:
    if any(c.cls is not None for c in columns):
        return None
    found = words.find(sheet.name)
    return found[0] if found is not None else None


def _title(sheet: RawSheet, top: int) -> str | None:
    for r in range(top):
        texts = [t for t in (_text(sheet, r, c) for c in range(sheet.width)) if t]
        if len(texts) == 1:
            return texts[0]
    return None
