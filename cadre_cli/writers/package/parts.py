"""The package's map: its members, content types, relationships and sheets, read once
with defusedxml; and the consistency check that decides whether it may be patched."""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from urllib.parse import unquote

from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import MAX_PART_BYTES

CT = "[Content_Types].xml"
NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_SHEET = NS_REL + "/worksheet"
REL_STYLES = NS_REL + "/styles"
REL_COMMENTS = NS_REL + "/comments"
REL_VML = NS_REL + "/vmlDrawing"
REL_CUSTOM = NS_REL + "/custom-properties"
_STRICT = "http://purl.oclc.org/ooxml/"


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # resolved part name ("xl/worksheets/sheet1.xml"), or the raw target if external
    external: bool


@dataclass(frozen=True)
class SheetRef:
    name: str  # as calamine reports it (the workbook's name attribute)
    part: str
    index: int  # position in <sheets>, the localSheetId of its defined names
    sheet_id: int


@dataclass
class Package:
    zf: zipfile.ZipFile
    names: list[str]
    lower: dict[str, str]  # lower-case part name -> real member name
    defaults: dict[str, str]  # extension (lower) -> content type
    overrides: dict[str, str]  # lower-case part name -> content type
    rels: dict[str, list[Rel]] = field(default_factory=dict)  # source part -> its relationships
    sheets: list[SheetRef] = field(default_factory=list)
    workbook: str = "xl/workbook.xml"

    def read(self, part: str) -> bytes:
        info = self.zf.getinfo(self.lower[part.lower()])
        if info.file_size > MAX_PART_BYTES:
            raise PackageError(f"{part} is too large to edit")
        return self.zf.read(info)

    def has(self, part: str) -> bool:
        return part.lower() in self.lower

    def real(self, part: str) -> str:
        return self.lower[part.lower()]

    def rels_of(self, part: str) -> list[Rel]:
        if part not in self.rels:
            path = rels_path(part)
            self.rels[part] = parse_rels(self.read(path), part) if self.has(path) else []
        return self.rels[part]

    def content_type(self, part: str) -> str | None:
        return self.overrides.get(part.lower()) or self.defaults.get(posixpath.splitext(part)[1][1:].lower())

    def sheet(self, name: str) -> SheetRef:
        for s in self.sheets:
            if s.name == name:
                return s
        raise PackageError(f"no sheet named {name!r}")


def rels_path(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def resolve(source: str, target: str) -> str:
    target = unquote(target.split("#", 1)[0])
    if target.startswith("/"):
        return posixpath.normpath(target).lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target)).lstrip("/")


def relative(source: str, part: str) -> str:
    return posixpath.relpath(part, posixpath.dirname(source) or ".")


def _parse(data: bytes, what: str):
    from defusedxml import ElementTree as ET

    try:
        return ET.fromstring(data)
    except Exception as exc:
        raise PackageError(f"{what}: {exc}") from None


def parse_rels(data: bytes, source: str) -> list[Rel]:
    root = _parse(data, rels_path(source))
    out = []
    for el in root:
        if not el.tag.endswith("}Relationship"):
            continue
        external = el.get("TargetMode", "") == "External"
        target = el.get("Target", "")
        out.append(Rel(el.get("Id", ""), el.get("Type", ""), target if external else resolve(source, target), external))
    return out


def open_package(zf: zipfile.ZipFile) -> Package:
    """Read the map and refuse an inconsistent package (see `check_consistent`)."""
    infos = zf.infolist()
    names = [i.filename for i in infos]
    check_names(names)
    lower = {n.lower(): n for n in names}
    if CT.lower() not in lower:
        raise PackageError("no [Content_Types].xml")
    root = _parse(zf.read(lower[CT.lower()]), CT)
    defaults, overrides = {}, {}
    for el in root:
        if el.tag.endswith("}Default"):
            defaults[el.get("Extension", "").lower()] = el.get("ContentType", "")
        elif el.tag.endswith("}Override"):
            overrides[el.get("PartName", "").lstrip("/").lower()] = el.get("ContentType", "")
    pkg = Package(zf, names, lower, defaults, overrides)
    office = [r for r in pkg.rels_of("") if r.type.endswith("/officeDocument") and not r.external]
    if not office:
        raise PackageError("no office document relationship")
    pkg.workbook = office[0].target
    if any(t.startswith(_STRICT) for t in (office[0].type,)):
        raise PackageError("strict Open XML is not patched")
    check_consistent(pkg)
    _read_sheets(pkg)
    return pkg


def check_names(names: list[str]) -> None:
    """Refuse duplicate member names and names that differ only in case (OPC part
    names are case-insensitive: two readers could see two different parts)."""
    seen: dict[str, str] = {}
    for n in names:
        key = n.lower()
        if key in seen:
            same = "duplicate" if seen[key] == n else "case-clashing"
            raise PackageError(f"{same} zip members {seen[key]!r} and {n!r}")
        seen[key] = n
        if n.startswith("/") or "\\" in n or ".." in n.split("/"):
            raise PackageError(f"unsafe member name {n!r}")


def check_consistent(pkg: Package) -> None:
    """Refuse a content-type override or an internal relationship that names a missing part."""
    for part in pkg.overrides:
        if part not in pkg.lower:
            raise PackageError(f"content type for missing part /{part}")
    for name in pkg.names:
        if not name.endswith(".rels") or "/_rels/" not in "/" + name:
            continue
        folder, base = posixpath.split(name)
        source = posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])
        for rel in pkg.rels_of(source):
            if not rel.external and rel.target and not pkg.has(rel.target):
                raise PackageError(f"relationship {rel.id} of {source or '/'} names missing part {rel.target}")


def _read_sheets(pkg: Package) -> None:
    root = _parse(pkg.read(pkg.workbook), pkg.workbook)
    by_id = {r.id: r for r in pkg.rels_of(pkg.workbook)}
    sheets = root.find(f"{{{NS_MAIN}}}sheets")
    if sheets is None:
        raise PackageError("workbook has no <sheets>")
    for index, el in enumerate(sheets):
        rel = by_id.get(el.get(f"{{{NS_REL}}}id", ""))
        if rel is None or rel.external:
            raise PackageError(f"sheet {el.get('name')!r} has no part")
        try:
            sheet_id = int(el.get("sheetId", "0"))
        except ValueError:
            raise PackageError("bad sheetId") from None
        pkg.sheets.append(SheetRef(el.get("name", ""), pkg.real(rel.target), index, sheet_id))


def free_name(taken: set[str], folder: str, stem: str, ext: str) -> str:
    """`xl/comments/comment3.xml`: the first number not taken (compared without case)."""
    n = 1
    while True:
        name = f"{folder}/{stem}{n}{ext}"
        if name.lower() not in taken:
            taken.add(name.lower())
            return name
        n += 1


def free_rel_id(used: set[str]) -> str:
    n = len(used) + 1
    while f"rId{n}" in used:
        n += 1
    used.add(f"rId{n}")
    return f"rId{n}"


def numbered(name: str) -> tuple[str, str, str]:
    """("xl/charts", "chart", ".xml") for xl/charts/chart12.xml."""
    folder, base = posixpath.split(name)
    stem, ext = posixpath.splitext(base)
    return folder, re.sub(r"\d+$", "", stem) or stem, ext
