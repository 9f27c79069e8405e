"""patch_package: the user's .xlsx/.xlsm with our edits, written as a new package in
which every member we do not change is the original's compressed bytes."""

from __future__ import annotations

import contextlib
import io
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_cli.writers.package import marker, table_xml
from cadre_cli.writers.package.book_xml import (
    DefinedName, NewRel, NewSheet, add_overrides, add_rels, defined_names, edit_workbook,
)
from cadre_cli.writers.package.cells import letters
from cadre_cli.writers.package.comments import Note, extended_vml, merged_comments, new_comments, new_vml
from cadre_cli.writers.package.edits import BookEdits, SheetEdits
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.graft import Grafted, graft, scratch_bytes
from cadre_cli.writers.package.parts import (
    CT, REL_COMMENTS, REL_SHEET, REL_STYLES, REL_VML, Package, SheetRef, free_name, free_rel_id, open_package,
    relative, rels_path,
)
from cadre_cli.writers.package.sheet import CellsByRow, SheetPlan, rewrite
from cadre_cli.writers.package.styles import StylesPatch
from cadre_cli.writers.package.zipcopy import FAST_LEVEL, ZipOut

if TYPE_CHECKING:
    from cadre_cli.writers.print_table import PrintTable

_READ = 1 << 20
CT_STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
CT_SHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
CT_VML = "application/vnd.openxmlformats-officedocument.vmlDrawing"


@dataclass
class PatchReport:
    rewritten: list[str] = field(default_factory=list)  # members of the input written anew
    added: list[str] = field(default_factory=list)  # members that are new
    sheets: list[str] = field(default_factory=list)  # names of the sheets added


@dataclass
class _Out:
    """Everything the output differs in: member name -> bytes or a stream factory."""

    replace: dict[str, object] = field(default_factory=dict)
    add: dict[str, object] = field(default_factory=dict)
    overrides: list[tuple[str, str]] = field(default_factory=list)
    rels: dict[str, list[NewRel]] = field(default_factory=dict)  # source part -> relationships to add
    rel_ids: dict[str, set[str]] = field(default_factory=dict)


def patch_package(src: Path, dst: Path, edits: BookEdits, new_sheets=None, tables: Sequence[PrintTable] = (),
                  order: Sequence[str] = ()) -> PatchReport:
    """Write `src` with `edits`, the sheets of the scratch workbook `new_sheets` (an
    openpyxl Workbook, or .xlsx bytes) and the print `tables` (written as sheet XML) to
    `dst` (a temporary path; the caller renames it). The new sheets follow the user's in
    the `order` of their names (else the scratch sheets, then the tables). Raises
    PackageError, before or while writing, when the package cannot be patched
    faithfully; the caller then removes `dst` and falls back."""
    scratch = scratch_bytes(new_sheets) if new_sheets is not None else None
    with _opened(src) as fh, zipfile.ZipFile(fh) as zf, _opened(src) as raw:
        pkg = open_package(zf)
        out = _Out()
        taken = {n.lower() for n in pkg.names}
        styles_part = next((r.target for r in pkg.rels_of(pkg.workbook) if r.type == REL_STYLES), None)
        styles = StylesPatch(pkg.read(styles_part) if styles_part else None)
        print_areas: dict[int, int] = {}
        print_names: list[DefinedName] = []
        present = defined_names(pkg.read(pkg.workbook))
        for name, sheet_edits in edits.sheets.items():
            sheet = pkg.sheet(name)
            plan = _plan(sheet_edits, styles)
            _comments(pkg, sheet, sheet_edits, plan, out, taken)
            out.replace[sheet.part] = _sheet_stream(zf, sheet.part, plan)
            if sheet_edits.page is not None and sheet_edits.cells:
                print_areas[sheet.index] = sheet_edits.last_column()
                print_names += _print_names(sheet, sheet_edits, present)
        grafted = graft(scratch, pkg, styles, taken) if scratch is not None else Grafted()
        new_refs, new_names = _add_sheets(pkg, grafted, tables, order, styles, out, taken)
        names = [s.name for s in new_refs]
        if new_refs or new_names or print_areas:
            out.replace[pkg.workbook] = edit_workbook(pkg.read(pkg.workbook), new_refs, print_names + new_names,
                                                      print_areas)
        if scratch is not None or tables or any(se.cells or any(m.fill for m in se.marks.values())
                                      for se in edits.sheets.values()):
            data = _Later(styles.render)  # the sheets' streams add the stamped formats
            if styles_part is None:
                styles_part = free_name(taken, pkg.workbook.rsplit("/", 1)[0], "styles", ".xml")
                out.add[styles_part] = data
                out.overrides.append((styles_part, CT_STYLES))
                _rel(pkg, out, pkg.workbook, REL_STYLES, styles_part)
            else:
                out.replace[styles_part] = data
        _mark(pkg, out, names, taken, edits.properties)
        _finish_rels_and_types(pkg, out)
        report = PatchReport(sorted(out.replace), list(out.add), names)
        with _written(dst) as dest:
            z = ZipOut(dest)
            later = []
            for info in zf.infolist():
                body = out.replace.get(info.filename)
                if body is None:
                    z.copy_raw(raw, info)
                elif isinstance(body, _Later):
                    later.append((info.filename, body))
                elif callable(body):  # a streamed sheet
                    z.write_stream(info.filename, body(), FAST_LEVEL)
                else:
                    z.write_stream(info.filename, (body,))
            for name, body in out.add.items():
                if isinstance(body, _Later):
                    later.append((name, body))
                else:
                    z.write_stream(name, body() if callable(body) else (body,))
            for name, body in later:  # after the sheets: members order does not matter in a package
                z.write_stream(name, (body.make(),))
            z.close()
    return report


def _opened(src):
    """The input as a binary file: a path, or the package's bytes (a decrypted copy)."""
    return io.BytesIO(src) if isinstance(src, (bytes, bytearray)) else open(src, "rb")


def _written(dst):
    """The output as a binary file: a path, or a file the caller holds (left open)."""
    if hasattr(dst, "write"):
        return contextlib.nullcontext(dst)
    return open(dst, "wb")


def _print_names(sheet: SheetRef, edits: SheetEdits, present: set[tuple[str, int | None]]) -> list[DefinedName]:
    """A print area over the table and our columns, and the header repeated on every
    page, for a marked sheet that has none of its own."""
    page = edits.page
    quoted = "'" + sheet.name.replace("'", "''") + "'"
    out = []
    if ("_xlnm.print_area", sheet.index) not in present and page.last_row:
        last = letters(edits.last_column()).decode()
        out.append(DefinedName("_xlnm.Print_Area", f"{quoted}!$A$1:${last}${page.last_row}", sheet.index))
    if ("_xlnm.print_titles", sheet.index) not in present and page.title_rows:
        top, bottom = page.title_rows
        out.append(DefinedName("_xlnm.Print_Titles", f"{quoted}!${top}:${bottom}", sheet.index))
    return out


@dataclass
class _Later:
    """A member made only after every other one is written."""

    make: object


def _plan(edits: SheetEdits, styles: StylesPatch) -> SheetPlan:
    plan = SheetPlan(stamp=styles.stamp)
    for (row, col), mark in edits.marks.items():
        if mark.fill:
            plan.fills.setdefault(row, {})[col] = mark.fill
    plan.cells = CellsByRow(edits.cells, styles.style)
    plan.heights = dict(edits.row_heights)
    plan.widths = dict(edits.column_widths)
    plan.merges = list(edits.merges)
    if edits.page is not None:
        plan.fit_page, plan.paper_size, plan.landscape = True, edits.page.paper_size, edits.page.landscape
        plan.landscape_if_unset = edits.page.landscape_if_unset
    return plan


def _sheet_stream(zf: zipfile.ZipFile, part: str, plan: SheetPlan):
    def chunks() -> Iterator[bytes]:
        with zf.open(part) as fh:
            while block := fh.read(_READ):
                yield block

    return lambda: rewrite(chunks(), plan, part)


def _comments(pkg: Package, sheet: SheetRef, edits: SheetEdits, plan: SheetPlan, out: _Out, taken: set[str]) -> None:
    notes = [Note(r, c, "\n".join(m.comments), m.width, m.height) for (r, c), m in sorted(edits.marks.items())
             if m.comments]
    if not notes:
        return
    rels = pkg.rels_of(sheet.part)
    comments = next((r for r in rels if r.type == REL_COMMENTS and not r.external), None)
    vml = next((r for r in rels if r.type == REL_VML and not r.external), None)
    if comments is not None:
        data, fresh = merged_comments(pkg.read(comments.target), notes)
        out.replace[pkg.real(comments.target)] = data
    else:
        part = free_name(taken, "xl", "comments", ".xml")
        out.add[part] = lambda n=notes: new_comments(n)
        out.overrides.append((part, CT_COMMENTS))
        _rel(pkg, out, sheet.part, REL_COMMENTS, part)
        fresh = notes
    if not fresh:
        return
    if vml is not None:
        existing = pkg.read(vml.target)
        out.replace[pkg.real(vml.target)] = lambda e=existing, f=fresh: extended_vml(e, f)
    else:
        part = free_name(taken, "xl/drawings", "vmlDrawing", ".vml")
        out.add[part] = lambda f=fresh: new_vml(f)
        out.overrides.append((part, CT_VML))
        plan.legacy_rid = _rel(pkg, out, sheet.part, REL_VML, part)


def _rel(pkg: Package, out: _Out, source: str, kind: str, target: str) -> str:
    used = out.rel_ids.setdefault(source, {r.id for r in pkg.rels_of(source)})
    rid = free_rel_id(used)
    out.rels.setdefault(source, []).append(NewRel(rid, kind, relative(source, target)))
    return rid


def _add_sheets(pkg: Package, grafted: Grafted, tables: Sequence[PrintTable], order: Sequence[str],
                styles: StylesPatch, out: _Out, taken: set[str]) -> tuple[list[NewSheet], list[DefinedName]]:
    """The grafted sheets and the tables as new sheets in `order`, with their defined
    names pointing at their final positions."""
    out.add.update(grafted.parts)
    out.overrides.extend(grafted.content_types)
    entries = [(name, part, hidden, ("scratch", i)) for i, (name, part, hidden) in enumerate(grafted.sheets)]
    for j, table in enumerate(tables):
        part = free_name(taken, "xl/worksheets", "sheet", ".xml")
        out.add[part] = lambda t=table: table_xml.sheet_xml(t, styles)
        out.overrides.append((part, CT_SHEET))
        entries.append((table.name, part, False, ("table", j)))
    rank = {name: i for i, name in enumerate(order)}
    entries.sort(key=lambda e: rank.get(e[0], len(rank)))  # stable: unlisted sheets keep their order
    position = {key: len(pkg.sheets) + k for k, (_, _, _, key) in enumerate(entries)}
    names = [DefinedName(n.name, n.value, None if n.local_sheet is None else position[("scratch", n.local_sheet)],
                         n.hidden) for n in grafted.names]
    for j, table in enumerate(tables):
        names += table_xml.defined_names(table, position[("table", j)])
    next_id = max([0, *(s.sheet_id for s in pkg.sheets)]) + 1
    refs = []
    for name, part, hidden, _ in entries:
        rid = _rel(pkg, out, pkg.workbook, REL_SHEET, part)
        refs.append(NewSheet(name, next_id, rid, hidden))
        next_id += 1
    return refs, names


def _mark(pkg: Package, out: _Out, names: list[str], taken: set[str], extra: dict[str, str]) -> None:
    """The custom property that lists the sheets cadre added (and those it added before)."""
    existing = next((r.target for r in pkg.rels_of("") if r.type == marker.REL_TYPE and not r.external), None)
    before: set[str] = set()
    data = None
    if existing is not None:
        data = pkg.read(existing)
        before = _listed(data) & {s.name for s in pkg.sheets}
    body = marker.custom_xml(data, before | set(names), extra)
    if existing is not None:
        out.replace[pkg.real(existing)] = body
        return
    part = marker.PART if marker.PART.lower() not in taken else free_name(taken, "docProps", "custom", ".xml")
    taken.add(part.lower())
    out.add[part] = body
    out.overrides.append((part, marker.CONTENT_TYPE))
    _rel(pkg, out, "", marker.REL_TYPE, part)


def _listed(data: bytes) -> set[str]:
    import json

    from defusedxml import ElementTree as ET

    try:
        root = ET.fromstring(data)
    except Exception as exc:
        raise PackageError(f"custom properties: {exc}") from None
    for prop in root:
        if prop.get("name") == marker.MARKER:
            try:
                value = json.loads("".join(prop.itertext()))
            except ValueError:
                return set()
            return {v for v in value if isinstance(v, str)} if isinstance(value, list) else set()
    return set()


def _finish_rels_and_types(pkg: Package, out: _Out) -> None:
    for source, rels in out.rels.items():
        path = rels_path(source)
        if pkg.has(path):
            out.replace[pkg.real(path)] = add_rels(pkg.read(path), rels)
        elif path in out.add:
            raise PackageError(f"{path} written twice")
        else:
            out.add[path] = add_rels(None, rels)
    if out.overrides:
        out.replace[pkg.real(CT)] = add_overrides(pkg.read(CT), out.overrides)
    for name in list(out.replace):
        if not pkg.has(name):
            raise PackageError(f"no member {name}")
        if re.search(r"[\x00-\x1f]", name):
            raise PackageError("bad member name")
