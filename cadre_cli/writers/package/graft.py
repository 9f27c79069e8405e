"""New sheets made in a scratch workbook (openpyxl is fine) grafted into the user's
package: each sheet and the parts it reaches through relationships (drawings, charts,
images) under part names that are free in the target, its shared strings turned into
inline strings, its cell formats mapped into the target's styles.xml, its defined
names (print titles, print area, filters) re-pointed at the sheet's new position.
Hyperlinks to cells of other sheets (`location="'名册'!C5"`) need no relationship and
stay as they are; charts refer to their data by sheet name, which does not change.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from cadre_cli.writers.package.book_xml import DefinedName, NewRel, add_rels
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.parts import Package, open_package, relative, rels_path
from cadre_cli.writers.package.styles import StylesPatch
from cadre_cli.writers.package.xmltext import TOKEN, children, get_attr, inner, set_attrs, split_root, start_tag

_CELL = re.compile(rb"<c(?=[\s>/])((?:[^<>\"']|\"[^\"]*\"|'[^']*')*?)(/>|>(.*?)</c>)", re.S)
_ROW = re.compile(rb"<row(?=[\s>/])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_COL = re.compile(rb"<col(?=[\s>/])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_VIEW = re.compile(rb"<sheetView(?=[\s>/])(?:[^<>\"']|\"[^\"]*\"|'[^']*')*>")
_V = re.compile(rb"<v>(\d+)</v>")


@dataclass
class Grafted:
    """What the grafting adds; `patch.py` writes it."""

    parts: dict[str, bytes] = field(default_factory=dict)  # new part name -> bytes
    content_types: list[tuple[str, str]] = field(default_factory=list)
    sheets: list[tuple[str, str, bool]] = field(default_factory=list)  # (name, part, hidden)
    names: list[DefinedName] = field(default_factory=list)  # local_sheet: the index among `sheets`


def scratch_bytes(workbook) -> bytes:
    """A scratch openpyxl workbook (or the bytes or path of an .xlsx) as bytes."""
    if isinstance(workbook, bytes):
        return workbook
    if hasattr(workbook, "save"):  # stored, not deflated: it is read back at once
        from openpyxl.writer.excel import ExcelWriter

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            ExcelWriter(workbook, archive).write_data()
        return buf.getvalue()
    with open(workbook, "rb") as fh:
        return fh.read()


def graft(scratch: bytes, target: Package, styles: StylesPatch, taken: set[str]) -> Grafted:
    """`taken`: lower-case part names already used in the output (updated)."""
    out = Grafted()
    with zipfile.ZipFile(io.BytesIO(scratch)) as zf:
        src = open_package(zf)
        styles_part = next((r.target for r in src.rels_of(src.workbook) if r.type.endswith("/styles")), None)
        xf_map = styles.import_styles(src.read(styles_part)) if styles_part else [0]
        strings = _shared_strings(src)
        existing = {s.name.lower() for s in target.sheets}
        renamed: dict[str, str] = {}
        for sheet in src.sheets:
            if sheet.name.lower() in existing:
                raise PackageError(f"sheet name {sheet.name!r} is taken")
            raw = src.read(sheet.part)
            data = lambda raw=raw: _sheet_pieces(raw, xf_map, strings)  # streamed when the copy is written
            part = _graft_part(src, sheet.part, data, renamed, taken, out)
            out.sheets.append((sheet.name, part, _hidden(src, sheet.name)))
        out.names = _defined_names(src)
    return out


def _graft_part(src: Package, part: str, data: bytes | None, renamed: dict[str, str], taken: set[str],
                out: Grafted) -> str:
    if part in renamed:
        return renamed[part]
    folder, base = part.rsplit("/", 1)
    stem = re.sub(r"\d+$", "", base.rsplit(".", 1)[0]) or "part"
    ext = "." + base.rsplit(".", 1)[1] if "." in base else ""
    n = 1
    while f"{folder}/{stem}{n}{ext}".lower() in taken:
        n += 1
    new = f"{folder}/{stem}{n}{ext}"
    taken.add(new.lower())
    renamed[part] = new
    out.parts[new] = src.read(part) if data is None else data
    kind = src.content_type(part)
    if kind is None:
        raise PackageError(f"no content type for {part}")
    out.content_types.append((new, kind))
    rels = src.rels_of(part)
    if rels:
        new_rels = []
        for rel in rels:
            if rel.external:
                new_rels.append(NewRel(rel.id, rel.type, rel.target, True))
            else:
                target = _graft_part(src, rel.target, None, renamed, taken, out)
                new_rels.append(NewRel(rel.id, rel.type, relative(new, target)))
        path = rels_path(new)
        taken.add(path.lower())
        out.parts[path] = add_rels(None, new_rels)
    return new


def _shared_strings(src: Package) -> list[bytes]:
    part = next((r.target for r in src.rels_of(src.workbook) if r.type.endswith("/sharedStrings")), None)
    if part is None:
        return []
    _, body, _ = split_root(src.read(part), b"sst")
    return [inner(c.data) for c in children(body) if c.name == b"si"]


_PIECE = 1 << 20


def _sheet_pieces(data: bytes, xf_map: list[int], strings: list[bytes]):
    """`_sheet_xml` a megabyte at a time, cut after a row's end tag (no element it
    edits spans a cut), so that a 50,000-row sheet is never copied whole."""
    pos = 0
    while pos < len(data):
        cut = data.find(b"</row>", pos + _PIECE)
        end = len(data) if cut < 0 else cut + len(b"</row>")
        yield _sheet_xml(data[pos:end], xf_map, strings)
        pos = end


def _sheet_xml(data: bytes, xf_map: list[int], strings: list[bytes]) -> bytes:
    """Shared strings inlined, style indices mapped, the sheet not selected (a second
    selected tab would group the sheets when the file opens)."""

    def style(value: bytes | None) -> bytes | None:
        if value is None or not value.isdigit():
            return value
        i = int(value)
        return str(xf_map[i] if i < len(xf_map) else 0).encode()

    def cell(m: re.Match) -> bytes:
        tag = b"<c" + m.group(1) + (b"/>" if m.group(2) == b"/>" else b">")
        changes: dict[bytes, bytes | None] = {}
        s = get_attr(tag, b"s")
        if s is not None:
            changes[b"s"] = style(s)
        content = m.group(3)
        if get_attr(tag, b"t") == b"s" and content is not None:
            v = _V.search(content)
            if v is None or int(v.group(1)) >= len(strings):
                raise PackageError("scratch sheet: bad shared string")
            changes[b"t"] = b"inlineStr"
            content = b"<is>" + strings[int(v.group(1))] + b"</is>"
        tag = set_attrs(tag, changes) if changes else tag
        return tag if content is None else tag + content + b"</c>"

    data = _CELL.sub(cell, data)
    data = _ROW.sub(lambda m: set_attrs(m.group(0), {b"s": style(get_attr(m.group(0), b"s"))})
                    if get_attr(m.group(0), b"s") else m.group(0), data)
    data = _COL.sub(lambda m: set_attrs(m.group(0), {b"style": style(get_attr(m.group(0), b"style"))})
                    if get_attr(m.group(0), b"style") else m.group(0), data)
    return _VIEW.sub(lambda m: set_attrs(m.group(0), {b"tabSelected": None}), data)


def _hidden(src: Package, name: str) -> bool:
    for m in TOKEN.finditer(src.read(src.workbook)):
        tok = m.group(0)
        if tok.startswith(b"<sheet ") and get_attr(tok, b"name") == name.encode("utf-8"):
            return get_attr(tok, b"state") in (b"hidden", b"veryHidden")
    return False


def _defined_names(src: Package) -> list[DefinedName]:
    """The scratch workbook's defined names, local ones by their sheet's index among the
    scratch sheets (the patcher places them)."""
    import html

    _, body, _ = split_root(src.read(src.workbook), b"workbook")
    out = []
    for child in children(body):
        if child.name != b"definedNames":
            continue
        for el in children(inner(child.data)):
            if el.name != b"definedName":
                continue
            tag = start_tag(el.data)
            local_id = get_attr(tag, b"localSheetId")
            out.append(DefinedName(
                html.unescape((get_attr(tag, b"name") or b"").decode("utf-8")),
                html.unescape(inner(el.data).decode("utf-8")),
                None if local_id is None else int(local_id),
                get_attr(tag, b"hidden") in (b"1", b"true"),
            ))
    return out
