"""Cell comments of one sheet: the comments part and the VML drawing that shows them.

A sheet without comments gets both new. A sheet that has them keeps every comment and
shape: the comments part is rewritten with ours added (on a cell that already has the
user's comment, ours goes below a separator line), and our shapes are added at the end
of its VML drawing. Both are written as streams (a sheet can get tens of thousands).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from cadre_cli.writers.package.cells import parse_ref, ref
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import (
    check_safe, children, get_attr, inner, root_prefix, split_root, start_tag, text, with_children,
)

AUTHOR = "cadre"
SEPARATOR = "\n——————————\n"
FONT = '<rFont val="宋体"/><charset val="134"/>'
_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
_VML_HEAD = (b'<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
             b'xmlns:x="urn:schemas-microsoft-com:office:excel">'
             b'<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout>')
_SHAPETYPE = (b'<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
              b'<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')


@dataclass(frozen=True, slots=True)
class Note:
    row: int
    col: int
    text: str
    width: int = 320
    height: int = 0


def _run(p: bytes, value: str) -> bytes:
    return (b"<" + p + b"r><" + p + b"rPr><" + p + b'sz val="9"/>' + _font(p) + b"</" + p + b"rPr><" + p
            + b't xml:space="preserve">' + text(value) + b"</" + p + b"t></" + p + b"r>")


def _font(p: bytes) -> bytes:
    return FONT.replace("<", "<" + p.decode()).encode()


def _comment(p: bytes, author: int, note: Note) -> bytes:
    return (b"<" + p + b'comment ref="' + ref(note.row, note.col) + b'" authorId="%d"><' % author + p + b"text>"
            + _run(p, note.text) + b"</" + p + b"text></" + p + b"comment>")


def new_comments(notes: list[Note]) -> Iterator[bytes]:
    yield _HEAD + b"<authors><author>" + text(AUTHOR) + b"</author></authors><commentList>"
    batch = []
    for note in notes:
        batch.append(_comment(b"", 0, note))
        if len(batch) >= 2000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + b"</commentList></comments>"


def merged_comments(existing: bytes, notes: list[Note]) -> tuple[bytes, list[Note]]:
    """The user's comments part with ours added; returns it and the notes that need a
    new shape (those on cells without a comment of the user's)."""
    check_safe(existing, "comments")
    p = root_prefix(existing, b"comments")
    head, body, tail = split_root(existing, b"comments")
    parts = children(body)
    authors = next((c for c in parts if c.name == b"authors"), None)
    names = [inner(c.data) for c in children(inner(authors.data)) if c.name == b"author"] if authors else []
    mine = text(AUTHOR)
    if mine in names:
        author = names.index(mine)
    else:
        author = len(names)
        el = b"<" + p + b"author>" + mine + b"</" + p + b"author>"
        if authors is None:
            raise PackageError("comments part without <authors>")
        authors.data = with_children(authors.data, inner(authors.data) + el)
    by_cell = {(n.row, n.col): n for n in notes}
    lst = next((c for c in parts if c.name == b"commentList"), None)
    if lst is None:
        raise PackageError("comments part without <commentList>")
    out = []
    for child in children(inner(lst.data)):
        if child.name == b"comment":
            cell = get_attr(start_tag(child.data), b"ref")
            key = parse_ref(cell) if cell else None
            if key in by_cell:
                child.data = _append(p, child.data, by_cell.pop(key).text)
        out.append(child.data)
    fresh = sorted(by_cell.values(), key=lambda n: (n.row, n.col))
    out.extend(_comment(p, author, n) for n in fresh)
    lst.data = with_children(lst.data, b"".join(out))
    return head + b"".join(c.data for c in parts) + tail, fresh


def _append(p: bytes, comment: bytes, value: str) -> bytes:
    """Our text below the user's, in the same <text> (plain text becomes one run)."""
    parts = children(inner(comment))
    body = next((c for c in parts if c.name == b"text"), None)
    if body is None:
        raise PackageError("comment without <text>")
    runs = children(inner(body.data))
    out, placed = [], False
    for run in runs:
        if run.name == b"t":
            run.data = b"<" + p + b"r>" + run.data + b"</" + p + b"r>"
        if run.name in (b"rPh", b"phoneticPr") and not placed:
            out.append(_run(p, SEPARATOR) + _run(p, value))
            placed = True
        out.append(run.data)
    if not placed:
        out.append(_run(p, SEPARATOR) + _run(p, value))
    body.data = with_children(body.data, b"".join(out))
    return with_children(comment, b"".join(c.data for c in parts))


_NS = (b' xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
       b'xmlns:x="urn:schemas-microsoft-com:office:excel"')


def _shape(sid: int, note: Note, ns: bytes = b"") -> bytes:
    height = note.height or min(60 + 16 * (note.text.count("\n") + len(note.text) // 22), 400)
    row, col = note.row - 1, note.col - 1
    return (b'<v:shape' + ns + b' id="_x0000_s%d" type="#_x0000_t202" style="position:absolute;margin-left:59.25pt;'
            b"margin-top:1.5pt;width:%dpx;height:%dpx;z-index:%d;visibility:hidden\" fillcolor=\"#ffffe1\" "
            b'o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/>'
            b'<v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto">'
            b'<div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/>'
            b"<x:SizeWithCells/><x:Anchor>%d, 15, %d, 2, %d, 15, %d, 16</x:Anchor><x:AutoFill>False</x:AutoFill>"
            b"<x:Row>%d</x:Row><x:Column>%d</x:Column></x:ClientData></v:shape>"
            % (sid, note.width, height, sid, col + 1, row, col + 4, row + 5, row, col))


def new_vml(notes: list[Note]) -> Iterator[bytes]:
    yield _VML_HEAD + _SHAPETYPE
    batch = []
    for i, note in enumerate(notes):
        batch.append(_shape(1025 + i, note))
        if len(batch) >= 2000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + b"</xml>"


def extended_vml(existing: bytes, notes: list[Note]) -> Iterator[bytes]:
    """The user's VML drawing (comments, form controls) with our shapes at its end.
    VML is not always well-formed XML (Excel writes `<br>`): edited as text only."""
    if b"<!DOCTYPE" in existing[:4096] or b"<!ENTITY" in existing[:4096]:
        raise PackageError("VML with a DOCTYPE")
    end = existing.lower().rfind(b"</xml>")
    if end < 0:
        raise PackageError("VML drawing without </xml>")
    used = [int(n) for n in re.findall(rb"_x0000_s(\d+)", existing)]
    first = max(used, default=1024) + 1
    yield existing[:end]
    if b'id="_x0000_t202"' not in existing:  # the user's drawing may hold only form controls
        yield _SHAPETYPE.replace(b"<v:shapetype", b"<v:shapetype" + _NS, 1)
    batch = []
    for i, note in enumerate(notes):  # namespaces declared on each shape: the root may bind others
        batch.append(_shape(first + i, note, _NS))
        if len(batch) >= 2000:
            yield b"".join(batch)
            batch = []
    yield b"".join(batch) + existing[end:]
