"""The package patcher's parts: refusals of inconsistent packages, the streaming sheet
rewriter on awkward XML, styles appended without disturbing the user's."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_cli.writers.package import BookEdits, PackageError, Style, patch_package
from cadre_cli.writers.package.sheet import SheetPlan, rewrite
from cadre_cli.writers.package.styles import StylesPatch
from tests.package_corpus import ROSTER, build

SHEET = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
         b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
         b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
         b'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
         b'<dimension ref="A1:C3"/><cols><col min="1" max="16384" width="9" style="2"/></cols><sheetData>'
         b'<row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"/>'
         b'<c r="C1" t="str"><f>A1&amp;"x"</f><v>Nx</v></c></row>'
         b'<row><c><v>5</v></c><c t="inlineStr"><is><t>a&lt;b</t></is></c></row>'
         b'<row r="5" s="3" customFormat="1"/></sheetData><mergeCells count="1"><mergeCell ref="A1:A2"/></mergeCells>'
         b'<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
         b'<pageSetup orientation="landscape" r:id="rId1"/></worksheet>')


def _plan() -> SheetPlan:
    return SheetPlan(fills={1: {2: "FFC7CE"}, 2: {1: "FFC7CE", 5: "FFC7CE"}, 5: {2: "FFEB9C"}, 7: {1: "FFC7CE"}},
                     cells={1: {4: (9, "结论")}, 4: {4: (9, None)}}, heights={2: 30}, widths={4: 13},
                     merges=[(1, 4, 2, 4)], fit_page=True, legacy_rid="rId9", stamp=lambda base, rgb: 100 + base)


def test_sheet_rewrite_touches_only_what_changes():
    out = b"".join(rewrite([SHEET], _plan()))
    assert b'<c r="C1" t="str"><f>A1&amp;"x"</f><v>Nx</v></c>' in out  # cached value kept
    assert b'<c r="B1" s="101"/>' in out  # stamped on its own format
    assert b'<c r="A2" s="100"><v>5</v></c>' in out  # a cell without r gets one when its row changes
    assert b'<c r="E2" s="102"/>' in out  # absent: the column's format with the fill
    assert b'<row r="5" s="3" customFormat="1"><c r="B5" s="103"/></row>' in out  # absent: the row's format
    assert b'<row r="7"><c r="A7" s="102"/></row>' in out  # a row that was not there
    assert '<c r="D1" s="9" t="inlineStr"><is><t xml:space="preserve">结论</t></is></c></row>'.encode() in out
    assert b'spans="1:4"' in out and b'x14ac:dyDescent="0.25"' in out
    assert b'<dimension ref="A1:E7"/>' in out
    assert b'<col min="1" max="3" width="9" style="2"/><col min="4" max="4" width="13" style="2" customWidth="1"/>' \
           b'<col min="5" max="16384" width="9" style="2"/>' in out
    assert b'<mergeCells count="2"><mergeCell ref="A1:A2"/><mergeCell ref="D1:D2"/></mergeCells>' in out
    assert b'<pageSetup orientation="landscape" r:id="rId1" paperSize="9" fitToWidth="1" fitToHeight="0"/>' \
           b'<legacyDrawing r:id="rId9"/></worksheet>' in out
    assert out.index(b"<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>") < out.index(b"<dimension")


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=97), min_size=1, max_size=40))
def test_sheet_rewrite_does_not_depend_on_how_the_stream_is_cut(sizes):
    chunks, pos, i = [], 0, 0
    while pos < len(SHEET):
        size = sizes[i % len(sizes)]
        chunks.append(SHEET[pos:pos + size])
        pos += size
        i += 1
    assert b"".join(rewrite(chunks, _plan())) == b"".join(rewrite([SHEET], _plan()))


def test_rows_pass_through_unchanged_when_not_edited():
    plan = SheetPlan(cells={5: {1: (0, 1)}})
    out = b"".join(rewrite([SHEET], plan))
    start = SHEET.index(b"<sheetData>")
    assert out.startswith(SHEET[:SHEET.index(b"<dimension")])
    assert SHEET[start:SHEET.index(b'<row r="5"')] in out


@pytest.mark.parametrize("bad", [
    SHEET.replace(b"<row r=\"5\"", b"<row r=\"1\""),  # rows out of order
    SHEET.replace(b'<c r="B1" s="1"/>', b'<c r="B1"><v>1</v></c>').replace(b"<row r=\"5\"", b"<row r=\"6\""),
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + SHEET.split(b"?>", 1)[1],
    SHEET.replace(b'encoding="UTF-8"', b'encoding="GBK"'),
])
def test_sheet_rewrite_refuses(bad):
    plan = SheetPlan(cells={1: {2: (0, "x")}} if b'<c r="B1"><v>' in bad else {6: {1: (0, 1)}})
    with pytest.raises(PackageError):
        b"".join(rewrite([bad], plan))


def test_styles_keep_every_existing_entry():
    data = (b'<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<numFmts count="1"><numFmt numFmtId="164" formatCode="0.0"/></numFmts>'
            b'<fonts count="1"><font><sz val="12"/></font></fonts><fills count="2"><fill><patternFill/></fill>'
            b'<fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border/></borders>'
            b'<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
            b'<xf numFmtId="164" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"><alignment wrapText="1"/>'
            b'</xf></cellXfs><dxfs count="1"><dxf><font><b/></font></dxf></dxfs><extLst><ext uri="{X}"/></extLst>'
            b"</styleSheet>")
    s = StylesPatch(data)
    assert s.stamp(1, "FFC7CE") == 2 and s.stamp(1, "FFC7CE") == 2 and s.stamp(0, "FFC7CE") == 3
    assert s.style(Style("center", number_format="0.00")) == 4
    out = s.render()
    assert b'<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>' in out
    assert b'<xf numFmtId="164" fontId="0" fillId="2" borderId="0" applyNumberFormat="1" applyFill="1">' \
           b'<alignment wrapText="1"/></xf>' in out
    assert b'<dxfs count="1"><dxf><font><b/></font></dxf></dxfs><extLst><ext uri="{X}"/></extLst>' in out
    assert b'<fills count="3">' in out and b'<numFmts count="1">' in out


def _rezip(src: Path, dst: Path, change) -> Path:
    with zipfile.ZipFile(src) as zf:
        members = [(i, zf.read(i)) for i in zf.infolist()]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in change(members):
            out.writestr(info, data)
    dst.write_bytes(buf.getvalue())
    return dst


def _edits() -> BookEdits:
    edits = BookEdits()
    edits.sheet(ROSTER).mark(4, 2, "FFC7CE", "意见")
    return edits


@pytest.mark.parametrize("change", [
    lambda ms: ms + [(ms[0][0].filename, b"again")],  # duplicate member
    lambda ms: ms + [(ms[0][0].filename.upper(), b"x")],  # differs only in case
    lambda ms: [(i, d.replace(b"</Types>", b'<Override PartName="/xl/missing.xml" ContentType="x"/></Types>')
                 if i.filename == "[Content_Types].xml" else d) for i, d in ms],
    lambda ms: [(i, d.replace(b"</Relationships>", b'<Relationship Id="rX" Type="t" Target="gone.xml"/>'
                                                   b"</Relationships>")
                 if i.filename == "xl/_rels/workbook.xml.rels" else d) for i, d in ms],
], ids=["duplicate", "case", "content-type", "relationship"])
def test_inconsistent_packages_are_refused(tmp_path, change):
    import warnings

    src = build(tmp_path / "base", [])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        bad = _rezip(src, tmp_path / "bad.xlsx", change)
    with pytest.raises(PackageError):
        patch_package(bad, tmp_path / "out.xlsx", _edits())


def test_a_patched_copy_can_be_patched_again(tmp_path):
    from cadre_cli.writers.package import annotated_sheets
    from tests.test_package_fidelity import corpus_edits, print_tables, scratch_sheets

    src = build(tmp_path / "base", ["comment"])
    once = tmp_path / "once.xlsx"
    patch_package(src, once, corpus_edits(), scratch_sheets(), print_tables())
    with pytest.raises(PackageError):  # the new sheets' names are taken: the caller picks free ones
        patch_package(once, tmp_path / "twice.xlsx", _edits(), scratch_sheets(), print_tables())
    twice = tmp_path / "twice.xlsx"
    patch_package(once, twice, _edits())
    assert annotated_sheets(twice) == {"问题清单", "结构分析"}
    import openpyxl

    note = openpyxl.load_workbook(twice)[ROSTER]["B4"].comment.text
    assert note.startswith("用户批注") and note.count("——————————") == 2


def test_wiring_helpers_match_the_openpyxl_ones():
    from cadre_cli.writers.package.annotate import MergeAnchors, first_free_column, header_columns, unique_name
    from cadre_cli.writers.package.edits import SheetEdits

    merged = [(1, 0, 2, 0), (1, 7, 1, 9)]  # A2:A3, H2:J2 (0-based, as calamine reports)
    assert first_free_column(merged, 7, {2, 3, 4}) == 11
    assert first_free_column(merged, 7, {4, 5}) == 8
    assert MergeAnchors(merged).anchor(3, 1) == (2, 1) and MergeAnchors(merged).anchor(2, 1) == (2, 1)
    sheet = SheetEdits()
    header_columns(sheet, (2, 3), 8, ["审核结论", "问题摘要"], [13, 36])
    assert sheet.cells[2][8].value == "审核结论" and sheet.cells[3][9].value is None
    assert sheet.merges == [(2, 8, 3, 8), (2, 9, 3, 9)] and sheet.column_widths == {8: 13, 9: 36}
    assert unique_name({"问题清单", "Sheet1"}, "问题清单") == "问题清单2" and unique_name({"sheet1"}, "Sheet1") == "Sheet12"
