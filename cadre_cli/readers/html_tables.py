"""Web pages saved as "名册.xls" (or .htm/.html): every `<table>` with data is a sheet.

Parsed with lxml's HTML parser (a streaming target: no tree is built). `rowspan` and
`colspan` place cells as a browser does and become merged ranges; `<th>` and `<td>`
alike; `<br>` is a line break; a cell of `&nbsp;` is blank. A cell is text when its
style, or a CSS class from the page's `<style>`, says `mso-number-format:"\\@"` (or
`vnd.ms-excel.numberformat:@`), so an 18-digit ID number or a leading-zero code stays
exactly as written. Other cells hold a number where the text is one that a float
keeps exactly (`85.5`, not `1985.10`, `0123` or an ID number), or Excel's own
`x:num` value. Text outside the tables (a title `<h2>`, a `填报单位：…` line, a
`填表人：` line below) becomes rows above and below the table next to it, as Excel
shows them. Sheets are named after Excel's `<x:Name>`, else a `<caption>`, else the
heading line above the table, else (a page of one table) the file's name, as Excel
names the sheet when it opens the page.

Charset: a byte-order mark, else the `<meta>` charset (GB2312/GBK read as GB18030),
else UTF-8 if the bytes are valid UTF-8, else GB18030.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from cadre_cli.errors import InputError
from cadre_cli.readers.charset import bom, codec_name, utf16_without_bom
from cadre_cli.readers.grid import Grid, check_sheets, read_text_file
from cadre_cli.readers.numfmt import format_decimals

MAX_SPAN = 1000  # the HTML limits for colspan and rowspan
MAX_ROWSPAN = 65_534
LOOSE_LINES = 5  # text lines kept above / below a table
_META = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")
_FORMAT = re.compile(r"""(?:mso-number-format|vnd\.ms-excel\.numberformat)\s*:\s*("[^"]*"|'[^']*'|[^;"']+)""", re.I)
_SHEET_NAME = re.compile(r"<x:Name>(.*?)</x:Name>", re.S | re.I)
_SPACES = re.compile(r"[ \t\r\n\f]+")
_NOT_PLAIN = re.compile(r"[\t\r\n\f\xa0]|  |^ | $")
# a number a float keeps exactly as written; not `-0` (a float shows it as 0)
_EXACT_NUMBER = re.compile(r"(?!-0$)-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?")
_BLOCKS = frozenset("p div h1 h2 h3 h4 h5 h6 li ul ol center form blockquote pre hr section article header footer".split())
_SKIP = frozenset(("script", "noscript", "template", "title"))


def load_html(path: Path, name: str | None = None) -> list:
    name = name or path.name
    text = decode_page(read_text_file(path, "网页表格"), name)
    from lxml import etree

    builder = _Builder(name)
    parser = etree.HTMLParser(target=builder, no_network=True, recover=True, remove_comments=False, huge_tree=False)
    for start in range(0, len(text), 1 << 20):
        parser.feed(text[start:start + (1 << 20)])
    parser.close()
    sheets = builder.finish()
    if not sheets:
        found = f"有{builder.tables}个表格，但都没有数据" if builder.tables else "没有任何表格（<table>）"
        title = f"（网页标题“{builder.title.strip()[:40]}”）" if builder.title.strip() else ""
        raise InputError(f"“{name}”是网页{title}，其中{found}，不是可以读取的名册或成绩表。")
    return sheets


def decode_page(data: bytes, name: str) -> str:
    found = bom(data)
    if found:
        return data[found[1]:].decode(found[0], errors="replace")
    utf16 = utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    head = data[:4096]
    declared = _META.search(head) or _XML_DECL.search(head)
    codec = codec_name(declared.group(1).decode("ascii", "replace")) if declared else None
    utf8 = _decodes(data, "utf-8")
    if utf8 is not None and (codec in (None, "utf-8", "gb18030") or utf8.isascii()):
        return utf8  # valid UTF-8 with Chinese in it is never GBK, whatever the <meta> says
    if codec and codec != "utf-8":
        text = _decodes(data, codec)
        if text is not None:
            return text
    return data.decode("gb18030", errors="replace")


def _decodes(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _css_formats(css: str) -> dict[str, str]:
    """class name -> number format from `.xl65 {mso-number-format:"\\@";}` rules."""
    found: dict[str, str] = {}
    for selectors, body in _CSS_RULE.findall(css):
        fmt = _FORMAT.search(body)
        if not fmt:
            continue
        for cls in re.findall(r"\.([\w-]+)", selectors):
            found[cls] = _unquote(fmt.group(1))
    return found


def _unquote(value: str) -> str:
    """`"\\@"` -> `@`, `"0\\.00"` -> `0.00`: CSS quoting and Excel's backslash escapes."""
    value = value.strip().strip("\"'")
    return re.sub(r"\\(.)", r"\1", value).strip()


def _is_text_format(fmt: str | None) -> bool:
    return fmt is not None and fmt.strip().lower() in ("@", "text")


def _is_date_format(fmt: str) -> bool:
    plain = re.sub(r'"[^"]*"|\[[^\]]*\]', "", fmt).lower()
    return any(ch in plain for ch in "ymd") and "general" not in plain


class _Table:
    def __init__(self, above: list[str]) -> None:
        self.above = above
        self.below: list[str] = []
        self.claimed = False  # its `above` lines went to a data table nested in it
        self.grid: Grid | None = None  # made at the first cell, when the rows above it are known
        self.top = 0  # grid row of the table's first row
        self.filled = 0
        self.spans: list[tuple[int, int, int, int]] = []
        self.active: list[tuple[int, int, int]] = []  # (last row, first col, last col) of rowspans still open
        self.row = -1
        self.col = 0
        self.caption: list[str] = []
        self.row_format: str | None = None
        self.cell: list[str] | None = None  # the open cell's text parts
        self.cell_attrib: dict = {}
        self.hidden: set[int] = set()  # table rows styled display:none (private in a notice)

    def start_row(self, row_format: str | None, hidden: bool = False) -> None:
        self.row += 1
        self.col = 0
        self.row_format = row_format
        if hidden:
            self.hidden.add(self.row)
        self.active = [span for span in self.active if span[0] >= self.row]

    def place(self, file_name: str, text: str, attrib: dict, fmt: str | None) -> None:
        if self.row < 0:
            self.start_row(None)
        if self.grid is None:
            self.grid = Grid(file_name, "")
            caption = _cell_text(self.caption).replace("\n", " ")
            for line in self.above + ([caption] if caption else []):
                self.grid.put(self.top, 0, line)
                self.top += 1
        moved = True
        while moved:  # past the cells that rowspans from the rows above cover
            moved = False
            for last_row, first, last in self.active:
                if first <= self.col <= last and last_row >= self.row:
                    self.col, moved = last + 1, True
        cols = _span(attrib.get("colspan"), MAX_SPAN)
        rows = _span(attrib.get("rowspan"), MAX_ROWSPAN)
        if text:
            value, decimals = _cell_value(text, attrib.get("x:num"), fmt or self.row_format)
            self.grid.put(self.top + self.row, self.col, value, decimals)
            self.filled += 1
        if cols > 1 or rows > 1:
            self.spans.append((self.row, self.col, self.row + rows - 1, self.col + cols - 1))
        if rows > 1:
            self.active.append((self.row + rows - 1, self.col, self.col + cols - 1))
        self.col += cols

    @property
    def has_data(self) -> bool:
        return self.filled >= 2

    def sheet(self, name: str):
        """The finished RawSheet: rowspans cut to the table's rows, the lines below it."""
        grid = self.grid
        grid.sheet = name
        last = self.top + self.row
        for r0, c0, r1, c1 in self.spans:
            grid.merge(self.top + r0, c0, min(self.top + r1, last), c1)
        for i, line in enumerate(self.below, start=1):
            grid.put(last + i, 0, line)
        raw = grid.raw_sheet()
        raw.hidden_rows = frozenset(self.top + r + 1 for r in self.hidden)
        return raw


def _span(text: str | None, limit: int) -> int:
    if text is None:
        return 1
    try:
        return min(max(int(text.strip() or 1), 1), limit)
    except ValueError:
        return 1


class _Builder:
    """lxml parser target: start/end/data/comment events in document order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.stack: list[_Table] = []
        self.done: list[_Table] = []
        self.tables = 0
        self.css: list[str] = []
        self.sheet_names: list[str] = []
        self.title = ""
        self.loose: list[str] = []  # finished text lines outside tables, since the last table
        self.line: list[str] = []
        self.skip = 0
        self.in_style = self.in_title = self.in_caption = False
        self._formats: dict[str, str] | None = None

    # parser target interface -------------------------------------------------
    def start(self, tag, attrib) -> None:
        tag = str(tag).lower()
        if tag in _SKIP:
            self.skip += 1
            self.in_title = self.in_title or tag == "title"
        elif tag == "style":
            self.in_style = True
        elif tag == "table":
            self._start_table()
        elif not self.stack:
            if tag == "br" or tag in _BLOCKS:
                self._end_line()
        else:
            self._start_in_table(tag, dict(attrib))

    def _start_table(self) -> None:
        self._end_line()
        if not self.stack:
            above, self.loose = self.loose[-LOOSE_LINES:], []
        else:
            outer = self.stack[-1]
            above = [] if any(t.claimed for t in self.stack) else list(self.stack[0].above)
            if outer.cell:  # a heading written in the outer cell, above the nested table
                above += [line for line in _cell_text(outer.cell).split("\n") if line][-LOOSE_LINES:]
                outer.cell = []
        self.stack.append(_Table(above))
        self.tables += 1

    def _start_in_table(self, tag: str, attrib: dict) -> None:
        table = self.stack[-1]
        if tag == "tr":
            style = re.sub(r"\s+", "", str(attrib.get("style", ""))).lower()
            table.start_row(self._format(attrib), "display:none" in style or "hidden" in attrib)
        elif tag in ("td", "th"):
            table.cell, table.cell_attrib = [], attrib
        elif tag == "br" and table.cell is not None:
            table.cell.append("\n")
        elif tag in _BLOCKS and table.cell:
            table.cell.append("\n")
        elif tag == "caption":
            self.in_caption = True

    def end(self, tag) -> None:
        tag = str(tag).lower()
        if tag in _SKIP:
            self.skip = max(self.skip - 1, 0)
            self.in_title = self.in_title and tag != "title"
        elif tag == "style":
            self.in_style = False
        elif not self.stack:
            if tag in _BLOCKS:
                self._end_line()
        elif tag in ("td", "th"):
            table = self.stack[-1]
            if table.cell is not None:
                table.place(self.name, _cell_text(table.cell), table.cell_attrib, self._format(table.cell_attrib))
                table.cell = None
        elif tag == "caption":
            self.in_caption = False
        elif tag == "table":
            table = self.stack.pop()
            if table.has_data:
                self.done.append(table)
                check_sheets(self.name, len(self.done))
                for outer in self.stack:
                    outer.claimed = True

    def data(self, text) -> None:
        if self.in_style:
            self.css.append(text)
        elif self.in_title:
            self.title += text
        elif self.skip:
            return
        elif self.stack:
            table = self.stack[-1]
            if table.cell is not None:
                table.cell.append(text)
            elif self.in_caption:
                table.caption.append(text)
        else:
            self.line.append(text)

    def comment(self, text) -> None:
        self.sheet_names += [n.strip() for n in _SHEET_NAME.findall(str(text))]

    def close(self) -> None:
        return None

    # helpers -------------------------------------------------------------------
    def _end_line(self) -> None:
        text = _cell_text(self.line)
        self.line = []
        self.loose += [part for part in text.split("\n") if part]

    def _format(self, attrib: dict) -> str | None:
        if self._formats is None:
            self._formats = _css_formats("".join(self.css))
        fmt = _FORMAT.search(attrib.get("style") or "")
        if fmt:
            return _unquote(fmt.group(1))
        if "x:str" in attrib:
            return "@"
        for cls in (attrib.get("class") or "").split():
            if cls in self._formats:
                return self._formats[cls]
        return None

    def finish(self) -> list:
        self._end_line()
        if self.done and self.loose:
            self.done[-1].below = self.loose[:LOOSE_LINES]  # 填表人：… under the last table
        sheets = []
        used: set[str] = set()
        for i, table in enumerate(self.done):
            name = self._sheet_name(i, table, used)
            used.add(name)
            sheets.append(table.sheet(name))
        return sheets

    def _sheet_name(self, i: int, table: _Table, used: set[str]) -> str:
        caption = _cell_text(table.caption).replace("\n", " ")
        heading = table.above[-1] if table.above and len(table.above[-1]) <= 31 else ""
        given = self.sheet_names[i] if len(self.sheet_names) == len(self.done) else ""
        # nothing names it: a page of one table opens in Excel as a sheet named after the file
        fallback = Path(self.name).stem if len(self.done) == 1 else f"表{i + 1}"
        name = next(c for c in (given, caption, heading, fallback) if c)[:31]
        base, n = name, 2
        while name in used:
            name, n = f"{base[:27]}({n})", n + 1
        return name


def _cell_text(parts: list[str]) -> str:
    """HTML whitespace collapsed, `<br>` kept as a line break, `&nbsp;` as a space."""
    if len(parts) == 1 and not _NOT_PLAIN.search(parts[0]):
        return parts[0]  # the common cell: one text, nothing to collapse
    lines = [_SPACES.sub(" ", line).replace("\xa0", " ").strip() for line in "".join(parts).split("\n")]
    return "\n".join(lines).strip("\n")


def _shown_decimals(text: str) -> int | None:
    """The decimals of the number as the page shows it: `1985.10` beside x:num="1985.1"."""
    shown = re.fullmatch(r"\s*-?[\d,]+(?:\.(\d+))?\s*", text)
    return len(shown.group(1) or "") if shown else None


def _cell_value(text: str, num: str | None, fmt: str | None) -> tuple[object, int | None]:
    if _is_text_format(fmt):
        return text, None
    if num is not None:
        try:
            number = float(num.strip() or text.replace(",", ""))
        except ValueError:
            return text, None
        if fmt and _is_date_format(fmt):
            from cadre_cli.parse.dates import EXCEL_EPOCH

            return EXCEL_EPOCH + dt.timedelta(days=int(number)), None
        return number, format_decimals(fmt) if fmt else _shown_decimals(text)
    if _EXACT_NUMBER.fullmatch(text) and len(text.replace("-", "").replace(".", "").lstrip("0")) <= 15:
        return float(text), None
    return text, None
