"""Text edits of the package's small XML parts: workbook.xml (sheets, defined names,
print areas), relationship parts and [Content_Types].xml."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from cadre_cli.writers.package.cells import letters
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import (
    Child, attr, check_safe, children, get_attr, inner, ns_prefix, split_root, start_tag, text, with_children,
)

NS_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# CT_Workbook children, in schema order
ORDER = [b"fileVersion", b"fileSharing", b"workbookPr", b"AlternateContent", b"workbookProtection", b"bookViews",
         b"sheets", b"functionGroups", b"externalReferences", b"definedNames", b"calcPr", b"oleSize",
         b"customWorkbookViews", b"pivotCaches", b"smartTagPr", b"smartTagTypes", b"webPublishing", b"fileRecoveryPr",
         b"webPublishObjects", b"extLst"]
_AREA = re.compile(r"((?:'(?:[^']|'')*'|[^'!,()]+)!)(\$?)([A-Z]{1,3})(\$?)(\d+)?(:)(\$?)([A-Z]{1,3})(\$?)(\d*)")


@dataclass(frozen=True)
class NewSheet:
    name: str
    sheet_id: int
    rel_id: str
    hidden: bool = False


@dataclass(frozen=True)
class DefinedName:
    name: str
    value: str
    local_sheet: int | None = None
    hidden: bool = False


def edit_workbook(data: bytes, sheets: list[NewSheet], names: list[DefinedName],
                  print_areas: dict[int, int]) -> bytes:
    """Sheets appended to <sheets>, defined names added to <definedNames>, and the
    print area of sheet i widened to column `print_areas[i]`."""
    check_safe(data, "workbook.xml")
    head, body, tail = split_root(data, b"workbook")
    p = re.match(rb"<([\w.\-]+:)?", start_tag(head[head.rfind(b"<"):])).group(1) or b""
    root = head[head.rfind(b"<"):]
    r = ns_prefix(root, NS_REL)
    parts = children(body)
    if sheets:
        el = next((c for c in parts if c.name == b"sheets"), None)
        if el is None:
            raise PackageError("workbook.xml has no <sheets>")
        new = b"".join(_sheet(p, r, s) for s in sheets)
        el.data = with_children(el.data, inner(el.data) + new)
    defined = next((c for c in parts if c.name == b"definedNames"), None)
    if print_areas and defined is not None:
        out = []
        for child in children(inner(defined.data)):
            if child.name == b"definedName":
                child.data = _widen(child.data, print_areas)
            out.append(child.data)
        defined.data = with_children(defined.data, b"".join(out))
    if names:
        existing = set()
        if defined is not None:
            for child in children(inner(defined.data)):
                if child.name == b"definedName":
                    tag = start_tag(child.data)
                    existing.add((html.unescape((get_attr(tag, b"name") or b"").decode()).lower(),
                                  get_attr(tag, b"localSheetId")))
        new = b""
        for n in names:
            key = (n.name.lower(), None if n.local_sheet is None else str(n.local_sheet).encode())
            if key in existing:
                raise PackageError(f"defined name {n.name!r} exists")
            new += (b"<" + p + b'definedName name="' + attr(n.name) + b'"'
                    + (b' localSheetId="%d"' % n.local_sheet if n.local_sheet is not None else b"")
                    + (b' hidden="1"' if n.hidden else b"") + b">" + text(n.value) + b"</" + p + b"definedName>")
        if defined is None:
            insert(parts, ORDER, b"definedNames", b"<" + p + b"definedNames>" + new + b"</" + p + b"definedNames>")
        else:
            defined.data = with_children(defined.data, inner(defined.data) + new)
    return head + b"".join(c.data for c in parts) + tail


def defined_names(data: bytes) -> set[tuple[str, int | None]]:
    """(lower-case name, local sheet index) of every defined name in workbook.xml."""
    _, body, _ = split_root(data, b"workbook")
    found = set()
    for part in children(body):
        if part.name != b"definedNames":
            continue
        for child in children(inner(part.data)):
            if child.name == b"definedName":
                tag = start_tag(child.data)
                local = get_attr(tag, b"localSheetId")
                found.add((html.unescape((get_attr(tag, b"name") or b"").decode()).lower(),
                           int(local) if local is not None and local.isdigit() else None))
    return found


def _sheet(p: bytes, r: bytes | None, s: NewSheet) -> bytes:
    rid = (r + b':id="' if r else b'xmlns:r="' + NS_REL + b'" r:id="') + attr(s.rel_id) + b'"'
    return (b"<" + p + b'sheet name="' + attr(s.name) + b'" sheetId="%d"' % s.sheet_id
            + (b' state="hidden"' if s.hidden else b"") + b" " + rid + b"/>")


def _widen(element: bytes, print_areas: dict[int, int]) -> bytes:
    tag = start_tag(element)
    if get_attr(tag, b"name") != b"_xlnm.Print_Area":
        return element
    local_id = get_attr(tag, b"localSheetId")
    if local_id is None or not local_id.isdigit() or int(local_id) not in print_areas:
        return element
    last = print_areas[int(local_id)]
    value = html.unescape(inner(element).decode("utf-8"))

    def widen(m: re.Match) -> str:
        end = 0
        for ch in m.group(8):
            end = end * 26 + ord(ch) - 64
        if end >= last:
            return m.group(0)
        return "".join(m.group(i) or "" for i in range(1, 8)) + letters(last).decode() + m.group(9) + m.group(10)

    new = _AREA.sub(widen, value)
    return element if new == value else with_children(element, text(new))


def insert(parts: list[Child], order: list[bytes], name: bytes, xml: bytes) -> None:
    rank = order.index(name)
    for i, child in enumerate(parts):
        if child.name in order and order.index(child.name) > rank:
            parts.insert(i, Child(name, xml))
            return
    last = len(parts)
    while last and parts[last - 1].name == b"" and not parts[last - 1].data.strip():
        last -= 1
    parts.insert(last, Child(name, xml))


@dataclass(frozen=True)
class NewRel:
    id: str
    type: str
    target: str  # relative to the source part's folder
    external: bool = False


def add_rels(existing: bytes | None, rels: list[NewRel]) -> bytes:
    items = b"".join(b'<Relationship Id="' + attr(r.id) + b'" Type="' + attr(r.type) + b'" Target="'
                     + attr(r.target) + b'"' + (b' TargetMode="External"' if r.external else b"") + b"/>" for r in rels)
    if existing is None:
        return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships '
                b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' + items + b"</Relationships>")
    check_safe(existing, "relationships")
    head, body, tail = split_root(existing, b"Relationships")
    if re.search(rb"<\w+:Relationships", head):
        raise PackageError("relationships with a prefixed namespace")
    return head + body + items + tail


def add_overrides(existing: bytes, overrides: list[tuple[str, str]]) -> bytes:
    check_safe(existing, "[Content_Types].xml")
    head, body, tail = split_root(existing, b"Types")
    if re.search(rb"<\w+:Types", head):
        raise PackageError("content types with a prefixed namespace")
    items = b"".join(b'<Override PartName="/' + attr(part) + b'" ContentType="' + attr(kind) + b'"/>'
                     for part, kind in overrides)
    return head + body + items + tail
