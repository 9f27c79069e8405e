"""The annotated copy written by patching the package: for each workbook of the
fidelity corpus, every member outside the documented changed set keeps its compressed
bytes, calamine reads every original cell as before, openpyxl and LibreOffice open the
result, and the marks, comments and new sheets are there."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cadre_cli.writers.package import BookEdits, PageSetup, Style, annotated_sheets, patch_package
from cadre_cli.writers.package.zipcopy import raw_member
from tests.package_corpus import FEATURES, FIRST, PEOPLE, ROSTER, SUM_ROW, build, same_original_cells, structure_sheet

RED, AMBER, BLUE, GREEN = "FFC7CE", "FFEB9C", "DDEBF7", "C6EFCE"
CASES = [[f] for f in FEATURES] + [[f for f in FEATURES if f != "prefixed"], FEATURES]
IDS = FEATURES + ["all", "all_prefixed"]
STATUS_COL = 8  # H: right of the roster's seven columns


def corpus_edits() -> BookEdits:
    edits = BookEdits()
    s = edits.sheet(ROSTER)
    s.mark(FIRST, 2, RED, "【错误】姓名：与身份证号不符")
    s.mark(FIRST, 2, AMBER, "【警告】第二条意见")
    s.mark(FIRST + 1, 3, AMBER, "【警告】年龄：超过 40 周岁")
    s.mark(FIRST + 2, 1, RED, "【错误】序号重复")
    s.mark(FIRST + 2, 6, BLUE, "【提示】备注为空")  # F6 is absent from the file
    s.mark(FIRST + 4, 6, None, "只有批注，没有颜色")
    for offset, label in enumerate(["审核结论", "问题摘要"]):
        col = STATUS_COL + offset
        s.put(2, col, label, Style("header"))
        s.put(3, col, None, Style("header"))
        s.merges.append((2, col, 3, col))
    for r in range(FIRST, FIRST + len(PEOPLE)):
        bad = r in (FIRST, FIRST + 2)
        s.put(r, STATUS_COL, "建议调整" if bad else "符合", Style("center", RED if bad else GREEN))
        s.put(r, STATUS_COL + 1, "=SUM(A1)" if r == FIRST else ("序号重复" if bad else ""), Style("left"))
    s.column_widths.update({STATUS_COL: 13, STATUS_COL + 1: 36})
    s.row_heights[FIRST + 5] = 30
    s.page = PageSetup()
    return edits


def scratch_sheets():
    """结构分析 made as cadre makes it (native charts, in a scratch openpyxl workbook)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    chart_ws = structure_sheet(wb, [("男", 4), ("女", 2)])
    chart_ws.print_area = "A1:L30"
    return wb


def print_tables():
    """问题清单 as cadre makes it: a print table with hyperlinks to the roster and a filter."""
    from cadre_cli.writers.print_table import build

    rows = [[1, "错误", "姓名", "张三", "县委办", f"{ROSTER}!B4", "与身份证号不符", "第三条"],
            [2, "警告", "年龄", "李四", "县政府办", f"{ROSTER}!C5", "超过 40 周岁", "第五条"]]
    return [build("问题清单", "后备干部名册审核问题清单", ["序号", "级别", "规则", "姓名", "单位", "位置", "问题", "依据"],
                  rows, landscape=True, fills=[RED, None], links=[f"'{ROSTER}'!B4", f"'{ROSTER}'!C5"], link_column=6,
                  autofilter=True)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> dict[str, tuple[Path, Path, object]]:
    folder = tmp_path_factory.mktemp("fidelity")
    out = {}
    for name, features in zip(IDS, CASES):
        src = build(folder / name, features)
        dst = src.with_name(f"{name}_审核结果{src.suffix}")
        report = patch_package(src, dst, corpus_edits(), scratch_sheets(), print_tables(), ["问题清单", "结构分析"])
        out[name] = (src, dst, report)
    return out


def _allowed(src: Path) -> set[str]:
    """The documented changed set for a patch of the roster sheet."""
    from cadre_cli.writers.package.parts import open_package

    with zipfile.ZipFile(src) as zf:
        pkg = open_package(zf)
        sheet = pkg.sheet(ROSTER).part
        own = {r.target for r in pkg.rels_of(sheet) if r.type.endswith(("/comments", "/vmlDrawing"))}
    return {"[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml", sheet,
            "xl/worksheets/_rels/sheet1.xml.rels", "docProps/custom.xml", "_rels/.rels"} | own


@pytest.mark.parametrize("name", IDS)
def test_untouched_members_are_the_same_bytes(corpus, name):
    src, dst, report = corpus[name]
    assert set(report.rewritten) <= _allowed(src)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b, open(src, "rb") as fa, open(dst, "rb") as fb:
        assert b.testzip() is None
        out = {i.filename: i for i in b.infolist()}
        for info in a.infolist():
            assert info.filename in out, info.filename
            if info.filename in report.rewritten:
                continue
            copy = out[info.filename]
            assert (copy.CRC, copy.compress_size, copy.file_size, copy.compress_type) == \
                (info.CRC, info.compress_size, info.file_size, info.compress_type), info.filename
            assert raw_member(fb, copy) == raw_member(fa, info), info.filename
        assert set(out) - {i.filename for i in a.infolist()} == set(report.added)


@pytest.mark.parametrize("name", IDS)
def test_calamine_reads_every_original_cell_the_same(corpus, name):
    src, dst, _ = corpus[name]
    after = same_original_cells(src, dst)
    roster = after.get_sheet_by_name(ROSTER).to_python(skip_empty_area=False)
    assert roster[FIRST - 1][STATUS_COL - 1] == "建议调整"
    assert roster[FIRST - 1][STATUS_COL] == "=SUM(A1)"  # text stays text
    if "cached" in name or name.startswith("all"):
        assert roster[SUM_ROW - 1][2] == 218 and roster[SUM_ROW - 1][3] == "共6人"
    if name == "cellimages" or name.startswith("all"):
        assert roster[FIRST - 1][6] == '=DISPIMG("ID_PHOTO1",1)'


@pytest.mark.parametrize("name", IDS)
def test_openpyxl_opens_the_copy_with_marks_comments_and_sheets(corpus, name):
    import openpyxl

    src, dst, report = corpus[name]
    wb = openpyxl.load_workbook(dst, keep_vba=dst.suffix == ".xlsm")
    ws = wb[ROSTER]
    assert wb.sheetnames[-2:] == ["问题清单", "结构分析"] and report.sheets == ["问题清单", "结构分析"]
    assert ws.cell(FIRST, 2).fill.fgColor.rgb == "FF" + RED
    assert ws.cell(FIRST + 2, 6).fill.fgColor.rgb == "FF" + BLUE
    assert ws.cell(FIRST, 2).value == "张三"
    note = ws.cell(FIRST, 2).comment.text
    assert "与身份证号不符" in note and "第二条意见" in note
    if "comment" in name or name.startswith("all"):
        assert note.startswith("用户批注：核对姓名") and "——" in note
    assert "只有批注" in ws.cell(FIRST + 4, 6).comment.text
    assert "H2:H3" in {str(m) for m in ws.merged_cells.ranges}
    assert ws.column_dimensions["I"].width == 36
    assert ws.page_setup.paperSize in (9, "9") and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (1, "1") and ws.page_setup.fitToHeight in (0, "0")
    findings = wb["问题清单"]
    assert findings.cell(3, 6).hyperlink.location == f"'{ROSTER}'!B4"
    assert findings.print_title_rows == "$2:$2"
    assert findings.cell(3, 1).fill.fgColor.rgb.endswith(RED)
    assert len(wb["结构分析"]._charts) == 2
    assert not any(w.views.sheetView[0].tabSelected for w in wb.worksheets[1:])
    if "print_titles" in name or name.startswith("all"):
        assert ws.print_area == f"'{ROSTER}'!$A$1:$I${SUM_ROW}"
    if "names" in name or name.startswith("all"):
        assert wb.defined_names["单位列表"].attr_text == f"'{ROSTER}'!$D$4:$D$9"
    if "hidden" in name or name.startswith("all"):
        assert wb["隐藏"].sheet_state == "hidden"
    if "protected" in name or name.startswith("all"):
        assert ws.protection.sheet
    assert annotated_sheets(dst) == {"问题清单", "结构分析"} and annotated_sheets(src) == set()


@pytest.mark.parametrize("name", ["databar", "textbox", "all_prefixed"])
def test_the_rewritten_sheet_keeps_its_extensions_and_drawing(corpus, name):
    from tests.package_corpus import DATABAR_EXT, DATABAR_RULE

    src, dst, _ = corpus[name]
    with zipfile.ZipFile(dst) as zf:
        xml = zf.read("xl/worksheets/sheet1.xml")
    if name == "databar":
        assert DATABAR_RULE in xml and xml.endswith(DATABAR_EXT + b"</worksheet>")
    if name == "textbox":
        assert xml.index(b'<drawing r:id="rIdTextBox"/>') < xml.index(b"<legacyDrawing")
    if name == "all_prefixed":
        assert b"<x:legacyDrawing" in xml and b"<x:mergeCell " in xml and b"<c " not in xml


def test_libreoffice_converts_every_copy(corpus, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    files = [str(dst) for _, dst, _ in corpus.values()]
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *files], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for f in files:
        pdf = tmp_path / (Path(f).stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, (f, done.stdout, done.stderr)
