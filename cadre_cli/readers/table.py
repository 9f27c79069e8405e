"""Find the header of a sheet, map its columns to fields, and cut out the records.

Takes the layouts of real rosters: title and `填报单位` lines above the header, a
header of one or two rows with merged group cells, noisy header text, section lines
(`一、正科级后备干部`), repeated header rows, blank rows, `合计`/`小计` rows and
footnotes (`填表说明`, `填表人`, `审核人`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cadre_cli.errors import InputError
from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, header_key, is_blank, nfkc, squash
from cadre_cli.readers.cells import CellRef, col_letter
from cadre_cli.readers.fields import (
    LOOKUP, accepted_headers, code_base, display_base, field_label, field_of, group_of, resembles,
)
from cadre_cli.readers.raw import RawBook, RawSheet
from cadre_cli.readers.report import ColumnRead

HEADER_SCAN_ROWS = 100
MAX_HEADER_DEPTH = 3
_SKIP_WORDS = ("合计", "小计", "总计", "共计", "平均")
_SUBTOTAL_WORDS = ("合计", "小计", "总计")
_END_WORDS = ("填表说明", "填表人", "审核人", "制表人", "填报人", "经办人", "单位负责人", "填报日期", "说明：", "说明:",
              "注：", "注:", "备注：", "备注:")
# Fields no rule reads: a second column of one (two 毕业院校 under 第一学历 and 最高学历) is
# reported and left unread, not a refusal of the whole file.
_OPTIONAL_DUPLICATES = frozenset({"seq", "remarks", "phone", "address", "school", "previous_post", "department"})


class Cell:
    """A raw value and where it came from (`ref`, made when asked for: scoring makes one
    per score cell of every candidate and most are never named in a message)."""

    __slots__ = ("value", "_sheet", "_row", "_col")

    def __init__(self, value: object, sheet: str, row: int, col: int) -> None:
        self.value = value
        self._sheet, self._row, self._col = sheet, row, col

    @property
    def ref(self) -> CellRef:
        return CellRef(self._sheet, self._row, self._col)

    def __repr__(self) -> str:
        return f"Cell({self.value!r}, {self.ref})"


class Record:
    """One data row: the raw values of its mapped, non-blank cells. Cell references are
    made on demand (a 50,000-row roster would otherwise hold a million of them)."""

    __slots__ = ("sheet", "row", "values", "columns", "section")

    def __init__(self, sheet: str, row: int, values: dict[str, object], columns: dict[str, int] | None = None,
                 section: str | None = None) -> None:
        self.sheet = sheet
        self.row = row  # Excel row, 1-based
        self.values = values  # field -> raw value (blank cells left out)
        self.columns = columns if columns is not None else {}  # field -> 1-based column, shared by a table
        self.section = section  # the section line above it, e.g. `一、正科级后备干部`

    def raw(self, field: str) -> object:
        return self.values.get(field)

    def has(self, field: str) -> bool:
        return field in self.values

    def ref(self, field: str) -> CellRef | None:
        col = self.columns.get(field)
        return None if col is None else CellRef(self.sheet, self.row, col)

    @property
    def cells(self) -> dict[str, Cell]:
        sheet, row, columns = self.sheet, self.row, self.columns
        return {f: Cell(v, sheet, row, columns[f]) for f, v in self.values.items()}


@dataclass
class Table:
    path_name: str
    sheet: RawSheet
    header_rows: tuple[int, ...]  # 1-based Excel rows of the header
    columns: dict[str, int]  # field -> 1-based column
    headers: dict[int, str]  # 1-based column -> header text as written
    records: list[Record] = field(default_factory=list)
    title: str | None = None
    unit_hint: str | None = None
    report: list[ColumnRead] = field(default_factory=list)  # every header column: read as what, or why not
    notes: list[str] = field(default_factory=list)  # rows left out and why (Chinese sentences)
    added: frozenset[int] = frozenset()  # columns this tool added on an earlier run (1-based)

    @property
    def name(self) -> str:
        return self.sheet.name

    def has_field(self, name: str) -> bool:
        return name in self.columns

    def family(self, prefix: str) -> dict[str, int]:
        """Fields of one family, e.g. `assessment:` -> {'assessment:2024': col}."""
        return {k: v for k, v in self.columns.items() if k.startswith(prefix + ":")}

    def header_cell(self, field: str) -> str:
        col = self.columns[field]
        return f"{col_letter(col)}{self.header_rows[-1]}"

    @property
    def width(self) -> int:
        """The used width without the columns this tool added on an earlier run: new
        result columns go where the old ones were."""
        return min(self.added) - 1 if self.added else self.sheet.width

    @property
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def _merged_lookup(sheet: RawSheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    lookup = {}
    for r0, c0, r1, c1 in sheet.merged:
        if r0 > HEADER_SCAN_ROWS + 2:
            continue
        for r in range(r0, min(r1, r0 + MAX_HEADER_DEPTH) + 1):
            for c in range(c0, c1 + 1):
                lookup[(r, c)] = (r0, c0, r1, c1)
    return lookup


def _row_text(sheet: RawSheet, r: int) -> list[str]:
    row = sheet.rows[r] if r < len(sheet.rows) else []
    return [cell_text(v) if isinstance(v, str) else ("" if is_blank(v) else cell_text(v)) for v in row]


def _score_row(texts: list[str]) -> int:
    hits = 0
    for text in texts:
        key = header_key(text)
        if key and (field_of(key) is not None or group_of(key) is not None) and len(key) <= 24:
            hits += 1
    return hits


def locate(book: RawBook, sheet: RawSheet, key_fields: tuple[str, ...],
           added: frozenset[int] = frozenset()) -> Table | None:
    """The table of a sheet, or None when no row looks like a header with a key field.

    Every row with a header-like cell may start a header of one to three
    rows. Each column's field comes from its lowest header text, read under the
    nearest group cell above it (年度考核 / 2024年, 考评组评分 / 评委1, 全日制教育 / 学历).
    A lower row is part of the header only if it holds no data (no name or number
    where a name or number goes). The mapping with a key field and the most columns
    wins; on a tie the upper row (a sub-header row is no header by itself), then the
    shallower header. `added` are 1-based columns this tool added to the sheet on an
    earlier run: never read.
    """
    merged = _merged_lookup(sheet)
    best: tuple[tuple[int, int, int], int, int, dict, list] | None = None
    for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        if _score_row(_row_text(sheet, r)) < 1:
            continue
        width = max(sheet.width, len(sheet.rows[r]))
        for depth in range(1, MAX_HEADER_DEPTH + 1):
            if r + depth > len(sheet.rows):
                break
            if depth > 1 and not any(_row_text(sheet, r + depth - 1)):
                break  # a blank row ends the header
            stack = _stack(sheet, merged, r, depth, width)
            columns, cols = _map_stack(stack, width, added)
            if depth > 1 and _holds_data(columns, stack[-1], _row_text(sheet, r + depth - 1)):
                break
            if not any(k in columns for k in key_fields):
                continue
            rank = (len(columns), -r, -depth)
            if best is None or rank > best[0]:
                best = (rank, r, depth, columns, cols)
    if best is None:
        return None
    _, top, depth, columns, cols = best
    header_rows = tuple(range(top + 1, top + depth + 1))
    title, unit_hint = _title_lines(sheet, top)
    cols = _refine(sheet, header_rows[-1], cols, title)
    columns: dict[str, list[int]] = {}
    for i, c in enumerate(cols):
        if c.field is None:
            continue
        first = columns.get(c.field)
        if first and c.field in _OPTIONAL_DUPLICATES:
            cols[i] = c.ignored(f"与{col_letter(first[0])}列同为“{field_label(c.field)}”，只读取第一列")
            continue
        columns.setdefault(c.field, []).append(c.col)
    _check_duplicates(book, sheet, columns, header_rows[-1])
    table = Table(book.path.name, sheet, header_rows, {f: v[0] for f, v in columns.items()},
                  {c.col: c.text for c in cols}, title=title, unit_hint=unit_hint, added=added)
    table.report = _column_report(sheet.name, header_rows[-1], cols, table.columns)
    return table


@dataclass(frozen=True, slots=True)
class _Col:
    """A header column while the mapping is decided."""

    col: int  # 1-based
    text: str  # as written; `年度考核/2024年` for a stack
    key: str  # the lowest text, normalised
    field: str | None
    note: str | None = None

    def ignored(self, note: str) -> _Col:
        return _Col(self.col, self.text, self.key, None, note)

    def read_as(self, fld: str, note: str) -> _Col:
        return _Col(self.col, self.text, self.key, fld, note)


_BARE_YEAR = re.compile(r"^(\d{4})年?度?$")
_TITLE_YEAR = re.compile(r"(\d{4})\s*年")
SNIFF_ROWS = 300


def _refine(sheet: RawSheet, header_row: int, cols: list[_Col], title: str | None) -> list[_Col]:
    """Decisions that need the whole header, the title or the cells below: display twins
    of code columns, a bare `2018年` column holding grades, a 考核结果 column with or
    without the year in the title."""
    cols = _display_twins(cols)
    fields = {c.field for c in cols}
    out = []
    for c in cols:
        if c.field is None and c.note is None:
            year = _BARE_YEAR.match(c.key)
            if year and _holds_grades(sheet, header_row, c.col):
                c = c.read_as(f"assessment:{year.group(1)}", "按单元格内容（考核等次）读作该年度的年度考核")
        elif c.field == "assessment_result" and "assessment_year" not in fields:
            year = _TITLE_YEAR.search(title or "")
            if year and "考核" in (title or ""):
                c = c.read_as(f"assessment:{year.group(1)}", f"按标题“{title}”读作{year.group(1)}年度考核")
            else:
                c = c.read_as("assessment_text", "没有“考核年份”列：按单元格中写明的年份读取")
        out.append(c)
    return out


def _display_twins(cols: list[_Col]) -> list[_Col]:
    """An HR export holds a field twice: a code column (`性别码`: 1, 2) and its display twin
    (`性别码_显示值`: 男, 女). The display twin is read; the code column never is."""
    twins = [(c, display_base(c.key)) for c in cols if c.field is not None and display_base(c.key)]
    if not twins:
        return cols
    out = []
    for c in cols:
        for twin, base in twins:
            if c.col != twin.col and display_base(c.key) is None and (
                    c.key in (base, code_base(base)) or code_base(c.key) == code_base(base) or c.field == twin.field):
                c = c.ignored(f"代码列：已读取其显示值列“{twin.text}”（{col_letter(twin.col)}），代码不作为该项的值")
                break
        out.append(c)
    return out


def _holds_grades(sheet: RawSheet, header_row: int, col: int) -> bool:
    """The cells under a bare year header are all assessment grades (优秀、称职…)."""
    seen = False
    for r in range(header_row, min(len(sheet.rows), header_row + SNIFF_ROWS)):
        row = sheet.rows[r]
        value = row[col - 1] if col - 1 < len(row) else None
        if is_blank(value):
            continue
        try:
            grade = parse_grade(value) if isinstance(value, str) else None
        except ValueProblem:
            return False
        if not isinstance(value, str):
            return False
        seen = seen or grade is not None
    return seen


_SAME_INFO = {"unit": ("unit", "department", "unit_post"), "department": ("unit", "department", "unit_post"),
              "post": ("post", "unit_post"), "secondment_period": ("secondment_start", "secondment_period"),
              "borrowed_period": ("borrowed_start", "borrowed_period")}


def _column_report(sheet_name: str, row: int, cols: list[_Col], columns: dict[str, int]) -> list[ColumnRead]:
    """The column report of a table: what each header column was read as. An unread
    column that looks like a field the table does not otherwise have is a warning."""
    report = []
    for c in cols:
        like = None
        if c.field is None and c.note is None:
            like = resembles(c.key)
            if like is not None and _has(columns, like):
                like = None
        report.append(ColumnRead(sheet_name, c.col, row, c.text, c.field, c.note, like))
    return report


def _has(columns: dict[str, int], fld: str) -> bool:
    if fld.endswith(":*"):
        prefix = fld[:-1]
        return any(k.startswith(prefix) for k in columns)
    return any(f in columns for f in _SAME_INFO.get(fld, (fld,)))


def _stack(sheet: RawSheet, merged: dict, top: int, depth: int, width: int) -> list[list[str]]:
    """The header texts of rows top..top+depth-1, merged cells spread over their area.
    Without merge information (CSV, ODS, "centre across selection"), a group cell
    written once is carried right over the blanks above its sub-columns."""
    stack = []
    for r in range(top, top + depth):
        texts = _row_text(sheet, r)
        stack.append([_spread(sheet, merged, r, c, texts) for c in range(width)])
    for d in range(depth - 1):
        row, below = stack[d], stack[d + 1]
        carry = ""
        for c in range(width):
            if row[c]:
                carry = row[c] if group_of(header_key(row[c])) else ""
            elif carry and below[c]:
                row[c] = carry
            else:
                carry = ""
    return stack


def _map_stack(stack: list[list[str]], width: int,
               added: frozenset[int] = frozenset()) -> tuple[dict[str, list[int]], list[_Col]]:
    """Each header column's field. A band cell over (nearly) the whole header, such as a
    title merged across it, is no group: `XX大学在职干部名册` never makes 学历 into 在职学历."""
    bands = _bands(stack)
    columns: dict[str, list[int]] = {}
    cols: list[_Col] = []
    for c in range(width):
        chain: list[tuple[str, str]] = []  # (key, text) from the top down, vertical repeats once
        for d, row in enumerate(stack):
            text = row[c]
            key = header_key(text)
            if key and (d == len(stack) - 1 or text not in bands[d]) and (not chain or chain[-1][0] != key):
                chain.append((key, text.replace("\n", "")))
        if not chain:
            continue
        text = "/".join(t for _, t in chain)
        if c + 1 in added:
            cols.append(_Col(c + 1, text, chain[-1][0], None, "本工具上次运行时添加的列，不作为名册内容读取"))
            continue
        fld = _chain_field(chain)
        cols.append(_Col(c + 1, text, chain[-1][0], fld))
        if fld is not None:
            columns.setdefault(fld, []).append(c + 1)
    return columns, cols


_IDENTIFIERS = frozenset({"name", "id_number", "seq", "exam_number", "staff_number"})


def _bands(stack: list[list[str]]) -> list[set[str]]:
    """Per upper header row, the texts that are no group: those standing over a 姓名, 序号
    or ID column (a title or a band such as 基本情况 runs over those too; a real group
    such as 年度考核 or 考评组评分 never does)."""
    last = stack[-1]
    out: list[set[str]] = []
    for row in stack[:-1]:
        out.append({row[c] for c in range(len(last)) if row[c] and row[c] != last[c]
                    and field_of(header_key(last[c])) in _IDENTIFIERS})
    out.append(set())
    return out


def _chain_field(chain: list[tuple[str, str]]) -> str | None:
    """The field of a column: its lowest header text under the nearest group above it,
    else that text by itself."""
    leaf = chain[-1][0]
    for key, _ in reversed(chain[:-1]):
        group = group_of(key)
        if group is not None:
            found = field_of(leaf, group)
            if found is not None:
                return found
    return field_of(leaf)


def _holds_data(columns: dict[str, list[int]], spread: list[str], raw: list[str]) -> bool:
    """A lower header row is really data when a name, exam number or ID number stands in
    it: a value that is not a header of that same field."""
    for key in ("name", "exam_number", "id_number"):
        for col in columns.get(key, []):
            c = col - 1
            text = raw[c] if c < len(raw) else ""
            if text and field_of(header_key(text)) != key:
                return True
    return False


def _spread(sheet: RawSheet, merged: dict, r: int, c: int, texts: list[str]) -> str:
    """A header cell's text, taking a merged range's text over all its cells."""
    area = merged.get((r, c))
    if area is not None:
        r0, c0 = area[0], area[1]
        row = sheet.rows[r0] if r0 < len(sheet.rows) else []
        return cell_text(row[c0]) if c0 < len(row) and not is_blank(row[c0]) else ""
    return texts[c] if c < len(texts) else ""


def _check_duplicates(book: RawBook, sheet: RawSheet, columns: dict[str, list[int]], row: int) -> None:
    for fld, cols in columns.items():
        if len(cols) > 1 and fld not in _OPTIONAL_DUPLICATES:
            refs = "、".join(f"{col_letter(c)}{row}" for c in cols)
            raise InputError(
                f"“{book.path.name}”工作表“{sheet.name}”中表头“{field_label(fld)}”出现了{len(cols)}次（{refs}），"
                "无法确定用哪一列，请删去或改名多余的一列。"
            )


_UNIT_IN_LINE = re.compile(r"(?:填报单位|报送单位|单位名称|单位)\s*(?:\([^)]*\))?\s*:\s*(.+?)(?=\s{2,}|\s+(?:填报|日期|时间|联系|电话)|$)")


def _title_lines(sheet: RawSheet, top: int) -> tuple[str | None, str | None]:
    """The title above the header, and the unit of a `填报单位：XX局（盖章）  填报日期：…` line."""
    title = unit = None
    for r in range(top):
        texts = [t for t in _row_text(sheet, r) if t]
        if not texts:
            continue
        m = _UNIT_IN_LINE.search(nfkc(" ".join(texts)))
        if m and unit is None:
            unit = re.sub(r"\(?盖章\)?$", "", m.group(1).strip()).strip() or None
        elif title is None and len(texts) == 1:
            title = texts[0]
    return title, unit


_SECTION = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|第[一二三四五六七八九十\d]+[部分类批])")
_COUNT = re.compile(r"^[(（]?(?:共|合计)?\d+(?:人|名)[)）]?$")


def section_label(text: str) -> str:
    """A section line as a label: `一、正科级后备干部（共3人）` -> `正科级后备干部`."""
    label = _SECTION.sub("", squash(text), count=1)
    return re.sub(r"[(（][^)）]*[)）]$", "", label)


def records(table: Table) -> list[Record]:
    """The data rows under the header, with footers, blanks and sections left out.

    A section line (`一、正科级后备干部`, maybe with `共3人` beside it) sets the section of
    the rows below it; a repeated page title (`……名册（续表）`) is skipped. A value merged
    down over several rows (a unit beside its people) belongs to each of those rows.
    """
    sheet = table.sheet
    col_fields = sorted(((c - 1, f) for f, c in table.columns.items()), key=lambda x: x[0])
    key_cols = [table.columns[k] - 1 for k in ("name", "exam_number", "id_number") if k in table.columns]
    header_rows = [sheet.rows[r - 1] for r in table.header_rows]
    header_words = {cell_text(h[c]) for h in header_rows for c in key_cols if c < len(h) and not is_blank(h[c])}
    merged_down = _merged_down(table)
    name = sheet.name
    columns = dict(table.columns)
    out: list[Record] = []
    skipped: dict[str, list[int]] = {}
    section: str | None = None
    # each repeated text one object (calamine makes one per cell; a roster repeats most of its
    # texts: units, parties, dates written as text): 50,000 people keep 34 MB of values, not 90
    share = {}.setdefault
    for r in range(table.header_rows[-1], len(sheet.rows)):
        row = sheet.rows[r]
        n = len(row)
        values = {f: share(v, v) if v.__class__ is str else v for c, f in col_fields
                  if c < n and (v := row[c]) != "" and v is not None}
        if r in merged_down:
            for f, v in merged_down[r]:
                values.setdefault(f, v)
        first = _first_text(row)
        if first is not None:
            key = squash(first)
            if key.startswith(_END_WORDS):
                break
            if key.startswith(_SKIP_WORDS) or (len(key) <= 20 and any(w in key for w in _SUBTOTAL_WORDS)):
                continue
        if not values:
            continue
        keyless = not key_cols or all(c >= n or is_blank(row[c]) for c in key_cols)
        if keyless or len(values) <= 2:  # only such rows can be section lines or footers
            texts = [v.strip() for v in row if isinstance(v, str) and v.strip()]
            if keyless and any(squash(t).startswith(_END_WORDS) for t in texts):
                break  # a signature line further right (填表人、审核人)
            line = _section_line(row, texts, keyless, table.title)
            if line is not None:
                if line:
                    section = line
                continue
        if keyless:
            values = {f: v for f, v in values.items() if not is_blank(v)}  # whitespace-only cells
            if not values:
                continue
            if any(_same_text(row, h, range(max(n, len(h)))) for h in header_rows):
                continue  # a sub-header row repeated for printing
        if key_cols and key_cols[0] < n and row[key_cols[0]].__class__ is str and row[key_cols[0]].strip() in header_words \
                and any(_same_text(row, h, key_cols) for h in header_rows):
            continue  # a header row repeated for printing
        kind = _not_a_person(row, values)
        if kind is not None:
            skipped.setdefault(kind, []).append(r + 1)
            continue
        out.append(Record(name, r + 1, values, columns, section))
    table.records = out
    table.notes += [_skip_note(table, kind, rows) for kind, rows in skipped.items()]
    return out


# Template placeholders left in an export template: `{{$fe:listMap t.id`, `t.name`, `${name}`, `#{x}`.
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\$\{|#\{|^\s*[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+\s*$|^\s*\{[A-Za-z_][\w.]*\}\s*$")
_ONLY_NUMBERING = frozenset({"seq"})
_SKIPPED = {
    "placeholder": "是导出模板的占位符（如“t.name”“${name}”），不是人员",
    "dictionary": "的“姓名”一栏是表头用语（如“职务”“性别”“出生年月”），是字段说明，不是人员",
    "numbering": "只有序号，没有其他内容",
}


def _not_a_person(row: list[object], values: dict[str, object]) -> str | None:
    """Why a data row is no person: a template placeholder row, a row of a field
    dictionary (its 姓名 cell holds a header word), a row with only its number. Runs
    once per row: the name cell decides, the other cells only when there is no name."""
    name = values.get("name")
    if name.__class__ is str:
        if _PLACEHOLDER.search(name):
            return "placeholder"
        fld = LOOKUP.get(name.strip())
        return "dictionary" if fld is not None and ":" not in fld else None
    texts = [v for v in row if isinstance(v, str) and v.strip()]
    if texts and sum(1 for t in texts if _PLACEHOLDER.search(t)) * 2 >= len(texts):
        return "placeholder"
    if values and set(values) <= _ONLY_NUMBERING:
        return "numbering"
    return None


def _skip_note(table: Table, kind: str, rows: list[int]) -> str:
    shown = "、".join(str(r) for r in rows[:8]) + ("等" if len(rows) > 8 else "")
    return f"工作表“{table.name}”第{shown}行{_SKIPPED[kind]}，未作为人员读取（共{len(rows)}行）。"


def _section_line(row: list[object], texts: list[str], keyless: bool, title: str | None) -> str | None:
    """The text of a section line; "" for a repeated page title (skipped, section kept);
    None for an ordinary row. Only text and at most a head count may stand in the row."""
    nonblank = [v for v in row if not is_blank(v)]
    if not texts or len(nonblank) != len(texts):
        return None
    words = [t for t in texts if not _COUNT.match(squash(t))]
    if len(words) != 1 or len(texts) > 2:
        return None
    text = words[0]
    key = squash(text)
    if (title and key == squash(title)) or "续表" in key or key.endswith(("名册", "名单", "汇总表", "登记表")):
        return ""
    if keyless or _SECTION.match(key) or "后备" in key:
        return text
    return None


def _merged_down(table: Table) -> dict[int, list[tuple[str, object]]]:
    """Row index -> (field, value) for the cells a vertical merge covers below its first
    row: the merged value belongs to every row of the merge."""
    fields = {c - 1: f for f, c in table.columns.items()}
    first_data = table.header_rows[-1]
    rows = table.sheet.rows
    out: dict[int, list[tuple[str, object]]] = {}
    for r0, c0, r1, c1 in table.sheet.merged:
        if r1 <= r0 or r0 < first_data or c0 not in fields or r0 >= len(rows):
            continue
        value = rows[r0][c0] if c0 < len(rows[r0]) else None
        if is_blank(value):
            continue
        for r in range(r0 + 1, r1 + 1):
            out.setdefault(r, []).append((fields[c0], value))
    return out


def _same_text(row: list[object], header: list[object], cols) -> bool:
    """The row repeats the header in these columns (blank where the header is blank)."""
    seen = False
    for c in cols:
        a = row[c] if c < len(row) else None
        b = header[c] if c < len(header) else None
        if is_blank(a) and is_blank(b):
            continue
        if is_blank(a) or is_blank(b) or header_key(a) != header_key(b):
            return False
        seen = True
    return seen


def _first_text(row: list[object]) -> str | None:
    for v in row[:4]:
        if not is_blank(v):
            return v if isinstance(v, str) else None
    return None


def missing_fields_message(path_name: str, sheet: RawSheet | None, headers: list[str], fields: list[str]) -> str:
    wanted = "；".join(f"“{field_label(f)}”可写作：{'、'.join(accepted_headers(f))}" for f in fields)
    seen = "、".join(f"“{h}”" for h in headers[:30]) or "（没有找到表头）"
    where = f"工作表“{sheet.name}”" if sheet is not None else "各工作表"
    return f"“{path_name}”{where}缺少必需的列。看到的表头：{seen}。需要：{wanted}。"
