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
from cadre_cli.parse.text import cell_text, header_key, is_blank, squash
from cadre_cli.readers.cells import CellRef, col_letter
from cadre_cli.readers.fields import accepted_headers, field_label, field_of, group_of
from cadre_cli.readers.raw import RawBook, RawSheet

HEADER_SCAN_ROWS = 40
_SKIP_WORDS = ("合计", "小计", "总计", "共计", "平均")
_END_WORDS = ("填表说明", "填表人", "审核人", "制表人", "填报人", "经办人", "单位负责人", "填报日期", "说明：", "说明:",
              "注：", "注:", "备注：", "备注:")
_UNIT_LINE = re.compile(r"(?:填报单位|单位名称|报送单位|单位)[:：]\s*([^\s（(]+)")
_OPTIONAL_DUPLICATES = frozenset({"seq", "remarks", "phone", "address"})


@dataclass(frozen=True, slots=True)
class Cell:
    """A raw value and where it came from."""

    value: object
    ref: CellRef


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
        return {f: Cell(v, CellRef(self.sheet, self.row, self.columns[f])) for f, v in self.values.items()}


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
    def first_data_row(self) -> int:
        return self.header_rows[-1] + 1


def _merged_lookup(sheet: RawSheet) -> dict[tuple[int, int], tuple[int, int, int, int]]:
    lookup = {}
    for r0, c0, r1, c1 in sheet.merged:
        if r0 > HEADER_SCAN_ROWS + 2:
            continue
        for r in range(r0, min(r1, r0 + 3) + 1):
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


def locate(book: RawBook, sheet: RawSheet, key_fields: tuple[str, ...]) -> Table | None:
    """The table of a sheet, or None when no row looks like a header with a key field.

    Every row with at least two header-like cells is a candidate; the one whose full
    mapping (with the row below when that is a sub-header) holds a key field and the
    most columns wins, the upper one on a tie.
    """
    merged = _merged_lookup(sheet)
    best: tuple[tuple[int, int], int, dict, dict, bool] | None = None
    for r in range(min(HEADER_SCAN_ROWS, len(sheet.rows))):
        top_texts = _row_text(sheet, r)
        if _score_row(top_texts) < 2:
            continue
        width = max(sheet.width, len(top_texts))
        top_full = [_spread(sheet, merged, r, c, top_texts) for c in range(width)]
        sub_texts = _row_text(sheet, r + 1) if r + 1 < len(sheet.rows) else []
        columns, headers, two_rows = _map_columns(top_full, sub_texts, width, merged, r)
        if two_rows and _holds_data(columns, sub_texts, top_full):
            columns, headers, two_rows = _map_columns(top_full, [], width, merged, r)
        if not any(k in columns for k in key_fields):
            continue
        rank = (len(columns), -r)
        if best is None or rank > best[0]:
            best = (rank, r, columns, headers, two_rows)
    if best is None:
        return None
    _, top, columns, headers, two_rows = best
    header_rows = (top + 1, top + 2) if two_rows else (top + 1,)
    table = Table(book.path.name, sheet, header_rows, {}, headers)
    _check_duplicates(book, sheet, columns, header_rows[-1])
    table.columns = {f: cols[0] for f, cols in columns.items()}
    table.title, table.unit_hint = _title_lines(sheet, top)
    return table


def _holds_data(columns: dict[str, list[int]], sub: list[str], top: list[str]) -> bool:
    """The row under a header is data, not a sub-header, when a name, exam number or ID
    number stands in it: those headers are merged down over a two-row header."""
    for key in ("name", "exam_number", "id_number"):
        for col in columns.get(key, []):
            c = col - 1
            text = sub[c] if c < len(sub) else ""
            if text and header_key(text) != header_key(top[c] if c < len(top) else ""):
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


def _map_columns(top: list[str], sub: list[str], width: int, merged: dict, r: int):
    """Fields per column from the header row and, when it is one, the row below."""
    sub_fields: dict[int, str] = {}
    group_left: str | None = None
    for c in range(width):
        top_key = header_key(top[c]) if c < len(top) else ""
        group = group_of(top_key) if top_key else None
        area = merged.get((r, c))
        horizontally_merged = area is not None and area[3] > area[1]
        if top_key:
            group_left = group if (group and (horizontally_merged or field_of(top_key) is None)) else None
        sub_key = header_key(sub[c]) if c < len(sub) else ""
        if not sub_key:
            continue
        # a header that is a field by itself (`2024年度考核`) is no group over the cell below it
        is_group = group is not None and (horizontally_merged or field_of(top_key) is None)
        under = (group if is_group else None) if top_key else group_left
        found = field_of(sub_key, under) if under else None
        if found is None and (not top_key or horizontally_merged):
            found = field_of(sub_key)
        if found is not None:
            sub_fields[c] = found
    vertical = any(a[2] > a[0] for (rr, _), a in merged.items() if rr == r)
    two_rows = bool(sub_fields) and (vertical or _sub_row_is_header(top, sub, sub_fields))
    columns: dict[str, list[int]] = {}
    headers: dict[int, str] = {}
    for c in range(width):
        text = top[c] if c < len(top) else ""
        fld = sub_fields.get(c) if two_rows else None
        shown = text
        if fld is not None:
            shown = f"{text}/{sub[c]}" if text else sub[c]
        elif text:
            fld = field_of(header_key(text))
            if two_rows and c < len(sub) and sub[c] and group_of(header_key(text)):
                fld = None  # a group cell over sub-columns we do not know
        if shown:
            headers[c + 1] = shown.replace("\n", "")
        if fld is not None:
            columns.setdefault(fld, []).append(c + 1)
    return columns, headers, two_rows


def _sub_row_is_header(top: list[str], sub: list[str], sub_fields: dict[int, int]) -> bool:
    """Without merge information (CSV, ODS), the row below is a sub-header when its
    mapped cells sit under group cells or blanks, and it holds no name-like data."""
    under_group_or_blank = 0
    for c in sub_fields:
        text = top[c] if c < len(top) else ""
        if not text or group_of(header_key(text)):
            under_group_or_blank += 1
    return under_group_or_blank >= max(1, len(sub_fields) // 2)


def _check_duplicates(book: RawBook, sheet: RawSheet, columns: dict[str, list[int]], row: int) -> None:
    for fld, cols in columns.items():
        if len(cols) > 1 and fld not in _OPTIONAL_DUPLICATES:
            refs = "、".join(f"{col_letter(c)}{row}" for c in cols)
            raise InputError(
                f"“{book.path.name}”工作表“{sheet.name}”中表头“{field_label(fld)}”出现了{len(cols)}次（{refs}），"
                "无法确定用哪一列，请删去或改名多余的一列。"
            )


def _title_lines(sheet: RawSheet, top: int) -> tuple[str | None, str | None]:
    title = unit = None
    for r in range(top):
        texts = [t for t in _row_text(sheet, r) if t]
        if not texts:
            continue
        line = " ".join(texts)
        m = _UNIT_LINE.search(squash(line).replace("：", ":").replace(":", "：", 1))
        if m and unit is None:
            unit = m.group(1).rstrip("（(盖章）)")
        elif title is None and len(texts) == 1:
            title = texts[0]
    return title, unit


def records(table: Table) -> list[Record]:
    """The data rows under the header, with footers, blanks and sections left out."""
    sheet = table.sheet
    col_fields = sorted(((c - 1, f) for f, c in table.columns.items()), key=lambda x: x[0])
    key_cols = [table.columns[k] - 1 for k in ("name", "exam_number", "id_number") if k in table.columns]
    header_rows = [sheet.rows[r - 1] for r in table.header_rows]
    header_words = {cell_text(h[c]) for h in header_rows for c in key_cols if c < len(h) and not is_blank(h[c])}
    name = sheet.name
    columns = dict(table.columns)
    out: list[Record] = []
    section: str | None = None
    for r in range(table.header_rows[-1], len(sheet.rows)):
        row = sheet.rows[r]
        n = len(row)
        values = {f: v for c, f in col_fields if c < n and (v := row[c]) != "" and v is not None}
        first = _first_text(row)
        if first is not None:
            key = squash(first)
            if key.startswith(_END_WORDS):
                break
            if key.startswith(_SKIP_WORDS):
                continue
        if not values:
            continue
        if key_cols and all(c >= n or is_blank(row[c]) for c in key_cols):
            values = {f: v for f, v in values.items() if not is_blank(v)}  # whitespace-only cells
            if not values:
                continue
            nonblank = [v for v in row if not is_blank(v)]
            if len(nonblank) == 1 and isinstance(nonblank[0], str):
                section = nonblank[0].strip()
                continue
            if any(_same_text(row, h, range(max(n, len(h)))) for h in header_rows):
                continue  # a sub-header row repeated for printing
        if key_cols and key_cols[0] < n and row[key_cols[0]].__class__ is str and row[key_cols[0]].strip() in header_words \
                and any(_same_text(row, h, key_cols) for h in header_rows):
            continue  # a header row repeated for printing
        out.append(Record(name, r + 1, values, columns, section))
    table.records = out
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
