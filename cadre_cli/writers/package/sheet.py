"""One pass over a worksheet's XML, in constant memory: the part before `<sheetData>`
and the part after it are small and edited as text (dimension, columns, sheet
properties; merges, page setup, legacy drawing), and `<sheetData>` streams through row
by row. Rows without edits are copied as they are; in an edited row only the cells
that change are touched (a new style index, an appended cell), the rest of its bytes
stay.

Handles `<c r="A1">` and cells or rows without `r` (their position counts on from the
previous one), inline and shared strings, formulas with cached values, namespace
prefixes (`<x:row>`), `spans`, and row styles (`s`/`customFormat`), which a marked
cell that was absent from the file inherits.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cadre_cli.writers.package.cells import cell_rest, col_number, letters, parse_range, range_ref, ref
from cadre_cli.writers.package.edits import CellValue
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import (
    TOKEN, Child, attr, check_safe, children, get_attr, inner, ns_prefix, root_prefix, set_attrs, start_tag,
    with_children,
)

NS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# CT_Worksheet children, in schema order
ORDER = [b"sheetPr", b"dimension", b"sheetViews", b"sheetFormatPr", b"cols", b"sheetData", b"sheetCalcPr",
         b"sheetProtection", b"protectedRanges", b"scenarios", b"autoFilter", b"sortState", b"dataConsolidate",
         b"customSheetViews", b"mergeCells", b"phoneticPr", b"conditionalFormatting", b"dataValidations",
         b"hyperlinks", b"printOptions", b"pageMargins", b"pageSetup", b"headerFooter", b"rowBreaks", b"colBreaks",
         b"customProperties", b"cellWatches", b"ignoredErrors", b"smartTags", b"drawing", b"legacyDrawing",
         b"legacyDrawingHF", b"drawingHF", b"picture", b"oleObjects", b"controls", b"webPublishItems", b"tableParts",
         b"extLst"]
_RANK = {name: i for i, name in enumerate(ORDER)}
_KNOWN = re.compile(rb"<(?:[\w.\-]+:)?(" + b"|".join(ORDER) + rb")[\s/>]")
_ROW_R = re.compile(rb'\sr\s*=\s*["\'](\d+)["\']')
_CELL_R = re.compile(rb'\sr\s*=\s*["\']\$?([A-Za-z]{1,3})\$?\d+["\']')
_S = re.compile(rb'\ss\s*=\s*["\'](\d+)["\']')


class CellsByRow:
    """The cells to put as the rewriter reads them, row -> {col: (style index, value)},
    each row's made from the edits when asked for (a second copy of 150,000 cells would
    be tens of megabytes)."""

    def __init__(self, rows: dict[int, dict[int, Any]], style: Callable[[Any], int]) -> None:
        self._rows = rows  # row -> col -> NewCell
        self._style = style
        self._last: tuple[int, dict] | None = None

    def get(self, row: int, default: Any = None) -> Any:
        if self._last is not None and self._last[0] == row:
            return self._last[1]
        cols = self._rows.get(row)
        if not cols:
            return default
        style = self._style
        found = {c: (style(cell.style), cell.value) for c, cell in cols.items()}
        self._last = (row, found)
        return found

    def __iter__(self) -> Iterator[int]:
        return (r for r, cols in self._rows.items() if cols)

    def __bool__(self) -> bool:
        return any(self._rows.values())

    def items(self) -> Iterator[tuple[int, dict]]:
        return ((r, cols) for r, cols in self._rows.items() if cols)


@dataclass
class SheetPlan:
    """What changes in one sheet, resolved to style indices (see `patch.py`)."""

    fills: dict[int, dict[int, str]] = field(default_factory=dict)  # row -> col -> RGB stamped on the cell's format
    # row -> col -> (style, value): a dict, or the edits' cells seen by row (`CellsByRow`)
    cells: dict[int, dict[int, tuple[int, CellValue]]] | CellsByRow = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)
    widths: dict[int, float] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    fit_page: bool = False
    paper_size: int = 9
    landscape: bool | None = None
    landscape_if_unset: bool | None = None
    legacy_rid: str | None = None  # add <legacyDrawing r:id=…> (the sheet has none yet)
    stamp: Callable[[int, str], int] = lambda base, rgb: base

    def rows(self) -> list[int]:
        return sorted(set(self.fills) | set(self.cells) | set(self.heights))

    def bounds(self) -> tuple[int, int] | None:
        cells = [(r, c) for r, cols in self.cells.items() for c in cols]
        cells += [(r, c) for r, cols in self.fills.items() for c in cols]
        if not cells:
            return None
        return max(r for r, _ in cells), max(c for _, c in cells)


def rewrite(chunks: Iterable[bytes], plan: SheetPlan, part: str = "sheet") -> Iterator[bytes]:
    return _Rewriter(plan, part).run(iter(chunks))


class _Rewriter:
    def __init__(self, plan: SheetPlan, part: str) -> None:
        self.plan = plan
        self.part = part
        self.pending = plan.rows()
        self.col_styles: list[tuple[int, int, int]] = []

    # -- the stream --------------------------------------------------------------
    def run(self, it: Iterator[bytes]) -> Iterator[bytes]:
        buf = b""
        for chunk in it:
            buf += chunk
            if len(buf) > 65536 or re.search(rb"<([\w.\-]+:)?sheetData[\s/>]", buf):
                break
        check_safe(buf, self.part)
        p = self.p = root_prefix(buf, b"worksheet")
        self._compile(p)
        m = re.compile(rb"<" + re.escape(p) + rb"sheetData[\s/>]")
        found = m.search(buf)
        while not found:
            more = next(it, None)
            if more is None:
                raise PackageError(f"{self.part}: no <sheetData>")
            buf += more
            found = m.search(buf, max(0, len(buf) - len(more) - 64))
        head = buf[: found.start()]
        tag = TOKEN.match(buf, found.start())
        while tag is None:
            more = next(it, None)
            if more is None:
                raise PackageError(f"{self.part}: broken <sheetData>")
            buf += more
            tag = TOKEN.match(buf, found.start())
        yield self._head(head)
        open_tag = tag.group(0)
        rest = buf[tag.end():]
        if open_tag.endswith(b"/>"):
            yield open_tag[:-2].rstrip() + b">"
            yield from self._remaining_rows()
            yield b"</" + p + b"sheetData>"
            yield self._tail(rest + b"".join(it))
            return
        yield open_tag
        tail = yield from self._rows(rest, it)
        yield self._tail(tail)

    def _compile(self, p: bytes) -> None:
        e = re.escape(p)
        self.row_or_end = re.compile(rb"<" + e + rb"row(?=[\s>/])|</" + e + rb"sheetData\s*>")
        self.row_close = b"</" + p + b"row>"
        self.cell_re = re.compile(rb"<" + e + rb"c(?=[\s>/])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</" + e
                                  + rb"c>)", re.S)
        self.cell_open = b"<" + p + b"c"
        self.cell_open_r = b"<" + p + b'c r="'

    def _rows(self, buf: bytes, it: Iterator[bytes]) -> Iterator[bytes]:
        """Rows of <sheetData>; returns what follows its end tag (the rest of the part)."""
        pos = 0  # next byte to look at
        out = 0  # next byte not yet emitted
        prev = 0
        pending = self.pending
        nxt = pending[0] if pending else None
        idx = 0
        eof = False
        while True:
            m = self.row_or_end.search(buf, pos)
            close = -1
            tag = None
            if m is not None and m.group(0)[1:2] != b"/":
                tag = TOKEN.match(buf, m.start())
                if tag is not None and not tag.group(0).endswith(b"/>"):
                    close = buf.find(self.row_close, tag.end())
            complete = m is not None and (m.group(0)[1:2] == b"/" or (tag is not None and (
                tag.group(0).endswith(b"/>") or close >= 0)))
            if not complete:
                if eof:
                    raise PackageError(f"{self.part}: <sheetData> is not closed")
                if out < len(buf):
                    keep = max(out, m.start() if m is not None else max(pos, len(buf) - 64))
                    if keep > out:
                        yield buf[out:keep]
                    out = keep
                buf = buf[out:]
                pos = max(0, pos - out) if m is None else m.start() - out
                out = 0
                more = next(it, None)
                if more is None:
                    eof = True
                    continue
                buf += more
                continue
            if m.group(0)[1:2] == b"/":  # </sheetData>
                if nxt is not None:
                    yield buf[out:m.start()]
                    out = m.start()
                    yield from self._remaining_rows(idx)
                yield buf[out:m.end()]
                return buf[m.end():] + b"".join(it)
            open_tag = tag.group(0)
            rm = _ROW_R.search(open_tag)
            n = int(rm.group(1)) if rm else prev + 1
            if n <= prev:
                raise PackageError(f"{self.part}: rows out of order at row {n}")
            prev = n
            end = tag.end() if close < 0 else close + len(self.row_close)
            if nxt is not None and nxt <= n:
                yield buf[out:m.start()]
                while nxt is not None and nxt < n:
                    yield self._new_row(nxt)
                    idx += 1
                    nxt = pending[idx] if idx < len(pending) else None
                if nxt == n:
                    content = b"" if close < 0 else buf[tag.end():close]
                    yield self._row(n, open_tag, content)
                    idx += 1
                    nxt = pending[idx] if idx < len(pending) else None
                else:
                    yield buf[m.start():end]
                out = end
            pos = end

    def _remaining_rows(self, idx: int = 0) -> Iterator[bytes]:
        for n in self.pending[idx:]:
            yield self._new_row(n)

    # -- rows ----------------------------------------------------------------------
    def _new_row(self, n: int) -> bytes:
        p = self.p
        tag = b"<" + p + b'row r="%d">' % n
        cells = self._cells_for(n, ())
        tag = self._row_tag(n, tag, [c for c, _ in cells])
        return tag + b"".join(xml for _, xml in cells) + b"</" + p + b"row>"

    def _row_tag(self, n: int, tag: bytes, added: list[int]) -> bytes:
        changes: dict[bytes, bytes | None] = {}
        height = self.plan.heights.get(n)
        current = get_attr(tag, b"ht")
        if height is not None and current is not None and _number(current) >= height:
            height = None  # a row the user made taller stays as it is: ours only grow
        if height is not None:
            changes[b"ht"] = f"{height:g}".encode()
            changes[b"customHeight"] = b"1"
        spans = get_attr(tag, b"spans")
        if spans is not None and added:
            lo, _, hi = spans.partition(b":")
            if lo.isdigit() and hi.isdigit():
                changes[b"spans"] = b"%d:%d" % (min(int(lo), added[0]), max(int(hi), added[-1]))
            else:
                changes[b"spans"] = None
        return set_attrs(tag, changes) if changes else tag

    def _base_style(self, row_tag: bytes, col: int) -> int:
        """The format a cell absent from the file shows: its row's, else its column's."""
        if get_attr(row_tag, b"customFormat") in (b"1", b"true"):
            s = get_attr(row_tag, b"s")
            if s and s.isdigit():
                return int(s)
        for lo, hi, style in self.col_styles:
            if lo <= col <= hi:
                return style
        return 0

    def _cells_for(self, n: int, existing: Container[int], row_tag: bytes = b"") -> list[tuple[int, bytes]]:
        """New cells of row n that are not in `existing`: appended values, and marked
        cells absent from the file (an empty cell with the stamped format)."""
        out = []
        puts = self.plan.cells.get(n, {})
        fills = self.plan.fills.get(n, {})
        for col in sorted(set(puts) | set(fills)):
            if col in existing:
                continue
            if col in puts:
                out.append((col, self._put(n, col, puts[col])))
            else:
                style = self.plan.stamp(self._base_style(row_tag, col), fills[col])
                out.append((col, self.cell_open_r + ref(n, col) + b'" s="%d"/>' % style))
        return out

    def _row(self, n: int, tag: bytes, content: bytes) -> bytes:
        p = self.p
        puts = self.plan.cells.get(n, {})
        fills = self.plan.fills.get(n, {})
        added = sorted(set(puts) | set(fills))
        new_tag = self._row_tag(n, tag, added)
        if not puts and not fills:
            return new_tag + (content + b"</" + p + b"row>" if not tag.endswith(b"/>") else b"")
        if new_tag.endswith(b"/>"):
            new_tag = new_tag[:-2].rstrip() + b">"
        fast = self._fast_row(n, tag, content, puts, fills)
        body = fast if fast is not None else self._slow_row(n, tag, content, puts, fills)
        return new_tag + body + b"</" + p + b"row>"

    def _fast_row(self, n: int, tag: bytes, content: bytes, puts: dict[int, tuple[int, CellValue]],
                  fills: dict[int, str]) -> bytes | None:
        """Every cell has `r` as its first attribute (what Excel, WPS, LibreOffice and
        openpyxl write): find the changed cells by reference, append past the last one."""
        total = content.count(self.cell_open)
        if total != content.count(self.cell_open_r):
            return None
        last_col = 0
        last_end = 0
        if total:
            start = content.rfind(self.cell_open_r)
            q = start + len(self.cell_open_r)
            close = content.find(b'"', q)
            letters_part = re.match(rb"[A-Za-z]+", content[q:close])
            if letters_part is None:
                return None
            last_col = col_number(letters_part.group(0))
            cm = self.cell_re.match(content, start)
            if cm is None:
                return None
            last_end = cm.end()
        edits: list[tuple[int, int, int, bytes]] = []  # (start, col, end, replacement) in content
        prefix = self.cell_open_r
        suffix = str(n).encode() + b'"'
        for col in sorted(set(puts) | set(fills)):
            if col > last_col:
                continue
            at = content.find(prefix + letters(col) + suffix)
            if at >= 0:
                cm = self.cell_re.match(content, at)
                if cm is None:
                    return None
                edits.append((at, col, cm.end(), self._changed_cell(n, col, cm.group(0), tag)))
                continue
            # absent from the file: goes before the next cell that is there
            for k in range(col + 1, last_col + 1):
                at = content.find(prefix + letters(k) + suffix)
                if at >= 0:
                    break
            else:
                return None
            edits.extend((at, col, at, xml) for _, xml in self._cells_for(n, _Only(col), tag))
        appended = self._cells_for(n, range(1, last_col + 1), tag)
        if not edits and not appended:
            return content
        out, pos = [], 0
        for start, _, end, replacement in sorted(edits):
            out.append(content[pos:start])
            out.append(replacement)
            pos = end
        if appended:
            out.append(content[pos:last_end])
            out.extend(xml for _, xml in appended)
            pos = last_end
        out.append(content[pos:])
        return b"".join(out)

    def _slow_row(self, n: int, tag: bytes, content: bytes, puts: dict[int, tuple[int, CellValue]], fills: dict[int, str]) -> bytes:
        """Any row: parse each cell, number the ones without `r`, insert new cells in
        column order (and give every cell of the row an `r`, so that nothing shifts)."""
        cells: list[tuple[int, int, int]] = []  # (col, start, end)
        col = 0
        for cm in self.cell_re.finditer(content):
            ctag = TOKEN.match(content, cm.start()).group(0)
            r = _CELL_R.search(ctag)
            col = col_number(r.group(1)) if r else col + 1
            cells.append((col, cm.start(), cm.end()))
        existing = {c for c, _, _ in cells}
        new = self._cells_for(n, existing, tag)
        out, pos = [], 0
        ni = 0
        for c, start, end in cells:
            while ni < len(new) and new[ni][0] < c:
                out.append(content[pos:start])
                pos = start
                out.append(new[ni][1])
                ni += 1
            out.append(content[pos:start])
            cell = content[start:end]
            if c in puts or c in fills:
                cell = self._changed_cell(n, c, cell, tag)
            ctag = TOKEN.match(cell).group(0)
            if not _CELL_R.search(ctag):
                cell = self.cell_open + b' r="' + ref(n, c) + b'"' + cell[len(self.cell_open):]
            out.append(cell)
            pos = end
        out.append(content[pos:] if ni >= len(new) else b"")
        if ni < len(new):
            tail = content[pos:]
            ext = re.search(rb"<(?:[\w.\-]+:)?extLst[\s>]", tail)
            cut = ext.start() if ext else len(tail)
            out.append(tail[:cut])
            out.extend(xml for _, xml in new[ni:])
            out.append(tail[cut:])
        return b"".join(out)

    def _put(self, n: int, col: int, cell: tuple[int, CellValue]) -> bytes:
        return self.cell_open_r + ref(n, col) + b'"' + cell_rest(self.p, *cell)

    def _changed_cell(self, n: int, col: int, cell: bytes, row_tag: bytes) -> bytes:
        puts = self.plan.cells.get(n, {})
        if col in puts:
            if re.search(rb"<(?:[\w.\-]+:)?(?:v|f|is)[\s>]", cell):
                raise PackageError(f"{self.part}: cell {ref(n, col).decode()} already has a value")
            return self._put(n, col, puts[col])
        ctag = TOKEN.match(cell).group(0)
        s = _S.search(ctag)
        base = int(s.group(1)) if s else 0
        new = str(self.plan.stamp(base, self.plan.fills[n][col])).encode()
        if s:
            return cell[: s.start(1)] + new + cell[s.end(1):]
        cut = len(ctag) - (2 if ctag.endswith(b"/>") else 1)
        return cell[:cut] + b' s="' + new + b'"' + cell[cut:]

    # -- before and after <sheetData> -------------------------------------------------
    def _head(self, head: bytes) -> bytes:
        root = next((m for m in TOKEN.finditer(head) if not m.group(0).startswith((b"<?", b"<!"))), None)
        if root is None:
            raise PackageError(f"{self.part}: no root element")
        self.root_tag = root.group(0)
        parts = children(head[root.end():])
        plan = self.plan
        cols = _find(parts, b"cols")
        if cols is not None:
            for col in _elements(inner(cols.data), b"col"):
                lo, hi, style = (get_attr(col, k) for k in (b"min", b"max", b"style"))
                if lo and hi and style and lo.isdigit() and hi.isdigit() and style.isdigit():
                    self.col_styles.append((int(lo), int(hi), int(style)))
        if plan.widths:
            new_cols = self._cols(cols.data if cols is not None else None)
            if cols is not None:
                cols.data = new_cols
            else:
                _insert(parts, b"cols", new_cols)
        bounds = plan.bounds()
        if bounds is not None:
            dim = _find(parts, b"dimension")
            if dim is not None:
                old = get_attr(dim.data, b"ref") or b"A1"
                try:
                    r0, c0, r1, c1 = parse_range(old)
                except PackageError:
                    r0 = c0 = r1 = c1 = 1
                ref_value = range_ref(r0, c0, max(r1, bounds[0]), max(c1, bounds[1]))
                dim.data = set_attrs(dim.data, {b"ref": ref_value})
        if plan.fit_page:
            p = self.p
            pr = _find(parts, b"sheetPr")
            if pr is None:
                _insert(parts, b"sheetPr", b"<" + p + b"sheetPr><" + p + b'pageSetUpPr fitToPage="1"/></' + p
                        + b"sheetPr>")
            else:
                sub = children(inner(pr.data))
                setup = _find(sub, b"pageSetUpPr")
                if setup is not None:
                    setup.data = set_attrs(setup.data, {b"fitToPage": b"1"})
                else:
                    sub.append(Child(b"pageSetUpPr", b"<" + p + b'pageSetUpPr fitToPage="1"/>'))
                pr.data = with_children(pr.data, b"".join(c.data for c in sub))
        return head[: root.end()] + b"".join(c.data for c in parts)

    def _cols(self, element: bytes | None) -> bytes:
        p = self.p
        spans: list[tuple[int, int, bytes]] = []  # (min, max, the <col> element)
        if element is not None:
            for col in _elements(inner(element), b"col"):
                lo, hi = get_attr(col, b"min"), get_attr(col, b"max")
                if not (lo and hi and lo.isdigit() and hi.isdigit()):
                    continue
                spans.append((int(lo), int(hi), col))
        for col, width in sorted(self.plan.widths.items()):
            kept: list[tuple[int, int, bytes]] = []
            over = None
            for lo, hi, el in spans:
                if lo <= col <= hi:
                    over = el
                    if lo < col:
                        kept.append((lo, col - 1, set_attrs(el, {b"min": b"%d" % lo, b"max": b"%d" % (col - 1)})))
                    if col < hi:
                        kept.append((col + 1, hi, set_attrs(el, {b"min": b"%d" % (col + 1), b"max": b"%d" % hi})))
                else:
                    kept.append((lo, hi, el))
            base = over if over is not None else b"<" + p + b"col/>"
            new = set_attrs(base, {b"min": b"%d" % col, b"max": b"%d" % col, b"width": f"{width:g}".encode(),
                                   b"customWidth": b"1", b"hidden": None, b"collapsed": None, b"bestFit": None})
            kept.append((col, col, new))
            spans = sorted(kept, key=lambda s: s[0])
        body = b"".join(el for _, _, el in spans)
        if element is None:
            return b"<" + p + b"cols>" + body + b"</" + p + b"cols>"
        return with_children(element, body)

    def _tail(self, tail: bytes) -> bytes:
        end = tail.rfind(b"</")
        if end < 0:
            raise PackageError(f"{self.part}: no end tag")
        parts = children(tail[:end])
        plan, p = self.plan, self.p
        if plan.merges:
            merges = _find(parts, b"mergeCells")
            new = b"".join(b"<" + p + b'mergeCell ref="' + range_ref(*m) + b'"/>' for m in plan.merges)
            if merges is None:
                _insert(parts, b"mergeCells", b"<" + p + b'mergeCells count="%d">' % len(plan.merges) + new + b"</"
                        + p + b"mergeCells>")
            else:
                body = inner(merges.data)
                count = sum(1 for c in children(body) if c.name == b"mergeCell") + len(plan.merges)
                merges.data = with_children(merges.data, body + new, {b"count": b"%d" % count})
        if plan.fit_page:
            setup = _find(parts, b"pageSetup")
            tag = start_tag(setup.data) if setup is not None else b""
            changes = {b"paperSize": b"%d" % plan.paper_size, b"fitToWidth": b"1", b"fitToHeight": b"0"}
            if get_attr(tag, b"paperSize") not in (None, b"1"):  # a paper the user chose (not Letter) stays
                del changes[b"paperSize"]
            landscape = plan.landscape
            if landscape is None and get_attr(tag, b"orientation") in (None, b"default"):
                landscape = plan.landscape_if_unset
            if landscape is not None:
                changes[b"orientation"] = b"landscape" if landscape else b"portrait"
            if setup is None:
                _insert(parts, b"pageSetup", set_attrs(b"<" + p + b"pageSetup/>", changes))
            else:
                tag = start_tag(setup.data)
                setup.data = set_attrs(tag, changes) + setup.data[len(tag):]
        if plan.legacy_rid:
            prefix = ns_prefix(self.root_tag, NS_REL)
            if prefix is None:
                el = b"<" + p + b'legacyDrawing xmlns:r="' + NS_REL + b'" r:id="' + attr(plan.legacy_rid) + b'"/>'
            else:
                el = b"<" + p + b"legacyDrawing " + prefix + b':id="' + attr(plan.legacy_rid) + b'"/>'
            _insert(parts, b"legacyDrawing", el)
        return b"".join(c.data for c in parts) + tail[end:]


class _Only:
    """Every column but one counts as present (so `_cells_for` makes just that one)."""

    def __init__(self, col: int) -> None:
        self.col = col

    def __contains__(self, col: object) -> bool:
        return col != self.col


def _number(value: bytes) -> float:
    try:
        return float(value)
    except ValueError:
        return 0.0


def _find(parts: list[Child], name: bytes) -> Child | None:
    return next((c for c in parts if c.name == name), None)


def _elements(fragment: bytes, name: bytes) -> Iterator[bytes]:
    for child in children(fragment):
        if child.name == name:
            yield child.data


def _rank(child: Child) -> int | None:
    if child.name in _RANK:
        return _RANK[child.name]
    if child.name == b"AlternateContent":  # ranked by the first element it wraps
        m = _KNOWN.search(child.data)
        return _RANK[m.group(1)] if m else None
    return None


def _insert(parts: list[Child], name: bytes, xml: bytes) -> None:
    """Insert an element before the first sibling that the schema puts after it."""
    rank = _RANK[name]
    for i, child in enumerate(parts):
        r = _rank(child)
        if r is not None and r > rank:
            parts.insert(i, Child(name, xml))
            return
    last = len(parts)
    while last and parts[last - 1].name == b"" and not parts[last - 1].data.strip().startswith(b"<"):
        last -= 1
    parts.insert(last, Child(name, xml))
