"""cadre's own output run again: what the earlier run added taken out of the package, so
that this run writes it afresh, and everything of the user's is still copied raw.

Taken out: the sheets the earlier run added (their `<sheet>` entries, relationships,
content types, defined names, and the parts only they use: drawings, charts, comments);
in the user's sheets, the cells and merged ranges of the columns it appended. Local
defined names of the sheets that stay are renumbered, and the active tab kept on the
same sheet. What is not ours (a user's own sheet, cell, part) is never touched; a
package this cannot do faithfully raises PackageError (the caller falls back on an
openpyxl copy, as before).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator

from cadre_cli.writers.package.cells import col_number
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.parts import CT, Package, SheetRef, open_package, rels_path
from cadre_cli.writers.package.xmltext import (
    attrs, children, get_attr, inner, root_prefix, set_attrs, split_root, start_tag, with_children,
)
from cadre_cli.writers.package.zipcopy import FAST_LEVEL, ZipOut

_PIECE = 1 << 20


def strip_own(src: bytes, sheets: set[str], columns: dict[str, set[int]]) -> bytes:
    """`src` without the `sheets` an earlier run added and the cells of its `columns`
    (sheet name -> 1-based columns) in the user's sheets."""
    with zipfile.ZipFile(io.BytesIO(src)) as zf:
        pkg = open_package(zf)
        dropped = [s for s in pkg.sheets if s.name in sheets]
        if dropped and len(dropped) == len(pkg.sheets):
            raise PackageError("every sheet is one we added")
        gone = _only_theirs(pkg, dropped)
        replace: dict[str, object] = {}
        if dropped:
            book_rels = rels_path(pkg.workbook)
            rel_ids = {r.id for r in pkg.rels_of(pkg.workbook) if r.target.lower() in {s.part.lower() for s in dropped}}
            replace[pkg.real(pkg.workbook)] = _workbook(pkg.read(pkg.workbook), pkg.sheets, dropped)
            replace[pkg.real(book_rels)] = _without(pkg.read(book_rels), b"Relationships", b"Relationship",
                                                    lambda tag: (get_attr(tag, b"Id") or b"").decode() in rel_ids)
            parts = {"/" + p.lower() for p in gone}
            replace[pkg.real(CT)] = _without(pkg.read(CT), b"Types", b"Override",
                                             lambda tag: html.unescape((get_attr(tag, b"PartName") or b"").decode())
                                             .lower() in parts)
        kept = {s.name: s for s in pkg.sheets if s not in dropped}
        for name, cols in columns.items():
            if cols and name in kept:
                part = kept[name].part
                replace[part] = lambda part=part, cols=frozenset(cols): _cleared(zf, part, cols)
        skip = {p.lower() for p in gone} | {rels_path(p).lower() for p in gone}
        out = io.BytesIO()
        with io.BytesIO(src) as raw:
            z = ZipOut(out)
            for info in zf.infolist():
                if info.filename.lower() in skip:
                    continue
                body = replace.get(info.filename)
                if body is None:
                    z.copy_raw(raw, info)
                elif callable(body):
                    z.write_stream(info.filename, body(), FAST_LEVEL)
                else:
                    z.write_stream(info.filename, (body,))
            z.close()
    return out.getvalue()


def _only_theirs(pkg: Package, dropped: list[SheetRef]) -> set[str]:
    """The dropped sheets' parts and every part reachable only through them."""
    if not dropped:
        return set()
    drop = {s.part.lower() for s in dropped}

    def reach(starts: list[str], stop: set[str]) -> set[str]:
        seen: set[str] = set()
        todo = [p for p in starts if p.lower() not in stop]
        while todo:
            part = todo.pop()
            if part.lower() in seen or not pkg.has(part):
                continue
            seen.add(part.lower())
            todo += [r.target for r in pkg.rels_of(part) if not r.external and r.target.lower() not in stop]
        return seen

    roots = [r.target for r in pkg.rels_of("") if not r.external]
    kept = reach(roots, drop)
    theirs = reach([s.part for s in dropped], set())
    return {pkg.real(p) for p in theirs - kept}


def _workbook(data: bytes, sheets: list[SheetRef], dropped: list[SheetRef]) -> bytes:
    """<sheets> without the dropped ones, their local names gone, other local names
    renumbered, names that refer to a dropped sheet gone, the active tab kept."""
    head, body, tail = split_root(data, b"workbook")
    gone = {s.index for s in dropped}
    new_index = {}
    for s in sheets:
        if s.index not in gone:
            new_index[s.index] = len(new_index)
    names = {s.name for s in dropped}
    quoted = [re.escape(n) for n in names]
    refers = re.compile("(?:'(?:" + "|".join(q.replace("'", "''") for q in quoted) + ")'|(?<![\\w.])(?:"
                        + "|".join(quoted) + "))!")
    parts = children(body)
    for child in parts:
        if child.name == b"sheets":
            kept = [c.data for c in children(inner(child.data))
                    if not (c.name == b"sheet" and html.unescape((get_attr(c.data, b"name") or b"").decode()) in names)]
            child.data = with_children(child.data, b"".join(kept))
        elif child.name == b"definedNames":
            out = []
            for c in children(inner(child.data)):
                if c.name == b"definedName":
                    tag = start_tag(c.data)
                    local = get_attr(tag, b"localSheetId")
                    if local is not None and local.isdigit():
                        if int(local) in gone:
                            continue
                        c.data = set_attrs(tag, {b"localSheetId": str(new_index.get(int(local), 0)).encode()}) \
                            + c.data[len(tag):]
                    if refers.search(html.unescape(inner(c.data).decode("utf-8"))):
                        continue
                out.append(c.data)
            child.data = with_children(child.data, b"".join(out)) if any(
                c.strip() for c in out) else b""
        elif child.name == b"bookViews":
            views = []
            for c in children(inner(child.data)):
                if c.name == b"workbookView":
                    tag = start_tag(c.data)
                    changes = {}
                    for key in (b"activeTab", b"firstSheet"):
                        value = get_attr(tag, key)
                        if value is not None and value.isdigit():
                            changes[key] = str(new_index.get(int(value), 0)).encode()
                    c.data = set_attrs(tag, changes) + c.data[len(tag):] if changes else c.data
                views.append(c.data)
            child.data = with_children(child.data, b"".join(views))
    return head + b"".join(c.data for c in parts) + tail


def _without(data: bytes, root: bytes, item: bytes, drop) -> bytes:
    head, body, tail = split_root(data, root)
    kept = [c.data for c in children(body) if not (c.name == item and drop(start_tag(c.data)))]
    return head + b"".join(kept) + tail


def _cleared(zf: zipfile.ZipFile, part: str, cols: frozenset[int]) -> Iterator[bytes]:
    """The sheet with the cells of `cols` taken out of every row, and the merged ranges
    over them; a megabyte at a time, cut after a row's end tag."""
    with zf.open(part) as fh:
        data = fh.read()
    p = root_prefix(data, b"worksheet")
    e = re.escape(p)
    cell = re.compile(rb"<" + e + rb"c(?=[\s>/])((?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)(?:/>|>.*?</" + e + rb"c>)", re.S)
    low, high = min(cols), max(cols)

    def keep(m: re.Match) -> bytes:
        r = attrs(b"<c" + m.group(1) + b">").get(b"r")
        if r is None:
            raise PackageError(f"{part}: a cell without a reference")
        letters = re.match(rb"\$?([A-Za-z]+)", r)
        if letters is None:
            raise PackageError(f"{part}: bad cell reference")
        return b"" if low <= col_number(letters.group(1).upper()) <= high else m.group(0)

    end = re.search(rb"</" + e + rb"sheetData\s*>", data)
    cut = end.start() if end else len(data)
    pos = 0
    while pos < cut:
        stop = data.find(b"</" + p + b"row>", pos + _PIECE)
        stop = cut if stop < 0 or stop > cut else stop + len(b"</" + p + b"row>")
        yield cell.sub(keep, data[pos:stop])
        pos = stop
    yield _merges(data[cut:], p, low, high)


def _merges(tail: bytes, p: bytes, low: int, high: int) -> bytes:
    m = re.search(rb"<" + re.escape(p) + rb"mergeCells(?=[\s>/])", tail)
    if m is None:
        return tail
    close = tail.find(b"</" + p + b"mergeCells>", m.start())
    if close < 0:
        return tail
    element = tail[m.start(): close + len(b"</" + p + b"mergeCells>")]
    kept = []
    for c in children(inner(element)):
        if c.name == b"mergeCell":
            ref = (get_attr(c.data, b"ref") or b"").split(b":")
            cols = [col_number(re.match(rb"\$?([A-Za-z]+)", x).group(1).upper()) for x in ref if re.match(rb"\$?[A-Za-z]", x)]
            if cols and max(cols) >= low and min(cols) <= high:
                continue
        kept.append(c.data)
    count = sum(1 for c in children(b"".join(kept)) if c.name == b"mergeCell")
    new = with_children(element, b"".join(kept), {b"count": str(count).encode()}) if count else b""
    return tail[: m.start()] + new + tail[close + len(b"</" + p + b"mergeCells>"):]
