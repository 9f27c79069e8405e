"""Print-ready output: paper, print areas, page breaks, and notices as LibreOffice
lays them out (the same engine a clerk's WPS or Word would be checked against)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from openpyxl.utils import column_index_from_string, range_boundaries

from cadre_cli.writers.pages import a4_fit_width, page_height, paginate, row_points
from tests.pty_run import ROOT

ROSTER = ROOT / "sample_data" / "后备干部名册.xlsx"
SCORES = ROOT / "sample_data" / "答辩测评成绩.xlsx"
A4 = 9


def print_columns(ws) -> int:
    area = ws.print_area if isinstance(ws.print_area, str) else ws.print_area[0]
    return range_boundaries(area.split("!")[-1].replace("$", ""))[2]


def breaks(ws) -> list[int]:
    return sorted(b.id for b in ws.row_breaks.brk)


def header_column(ws, label: str) -> int:
    return next(c.column for row in ws.iter_rows(max_row=6) for c in row if c.value == label)


def test_audit_book_prints_on_a4_with_its_added_columns(run, tmp_path):
    out = tmp_path / "审核.xlsx"
    assert run("audit", str(ROSTER), "--as-of", "2026-12-01", "--output", str(out)).code == 1
    wb = load_workbook(out)
    for ws in wb:
        assert int(ws.page_setup.paperSize) == A4, ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, ws.title
    roster = wb["后备干部名册"]
    assert print_columns(roster) >= header_column(roster, "问题摘要")  # 审核结论/问题摘要 print beside the names
    assert roster.print_title_rows  # the header repeats on every page


def test_structure_charts_never_cross_a_page_break(run, tmp_path):
    out = tmp_path / "审核.xlsx"
    run("audit", str(ROSTER), "--as-of", "2026-12-01", "--output", str(out))
    ws = load_workbook(out)["结构分析"]
    cuts = breaks(ws)
    assert cuts, "seven charts need more than one page"
    anchors = [chart.anchor._from.row + 1 for chart in ws._charts]  # 1-based first row of each chart
    for top in anchors:
        bottom = top + 12  # 6.5 cm = 13 rows of 15 pt
        assert not any(top <= cut < bottom for cut in cuts), (top, cuts)


def test_score_summary_keeps_its_method_and_signature_together(run, tmp_path):
    out = tmp_path / "成绩.xlsx"
    assert run("score", str(SCORES), "--output", str(out)).code == 0
    wb = load_workbook(out)
    original = wb["答辩测评"]
    assert int(original.page_setup.paperSize) == A4
    assert print_columns(original) >= header_column(original, "说明")  # 名次/说明 inside the print area
    summary = wb["成绩汇总"]
    texts = {c.row: str(c.value) for c in summary["A"] if c.value is not None}
    method = next(r for r, t in texts.items() if t == "计算说明：")
    signature = next(r for r, t in texts.items() if "计分人" in t and "监督人" in t)  # the sheet's sign-off line
    assert signature > method
    for cut in breaks(summary):
        assert not method - 3 <= cut < signature, (cut, method, signature)  # no split, no header alone above it


def test_paginate_breaks_every_page_and_never_inside_a_block():
    wb = Workbook()
    ws = wb.active
    for r in range(1, 301):
        ws.cell(r, 1, f"第{r}行")
    a4_fit_width(ws, 3, landscape=False, title_rows=(1, 1))
    per_page = page_height(ws, 3)
    blocks = [(40, 60), (100, 140), (200, 215)]
    cuts = paginate(ws, blocks, 3, title_rows=(1, 1))
    assert cuts == breaks(ws)
    for first, last in blocks:
        assert not any(first <= cut < last for cut in cuts)
    pages = [0, *cuts, 300]
    for top, bottom in zip(pages, pages[1:]):
        assert sum(row_points(ws, r) for r in range(top + 1, bottom + 1)) <= per_page  # no page left to chance


def test_a_users_print_area_is_widened_not_replaced():
    wb = Workbook()
    ws = wb.active
    ws.print_area = "A1:D20"
    ws.page_setup.paperSize = ws.PAPERSIZE_A3
    a4_fit_width(ws, column_index_from_string("F"))
    assert ws.print_area.endswith("$A$1:$F$20")
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A3)  # the user's own paper stays


def test_notice_templates_keep_the_close_with_the_signature():
    from cadre_cli.notice.templates import builtin

    notice = Document(str(builtin("docx", "notice")))
    keep = [p.text for p in notice.paragraphs if p.paragraph_format.keep_with_next or p.style.paragraph_format.keep_with_next]
    assert "{{ report }}" in keep and "{{ sign_issuer }}" in keep
    listing = Document(str(builtin("docx", "list")))
    rows = listing.tables[0].rows
    kept = [i for i, row in enumerate(rows) if row.cells[1].paragraphs[0].paragraph_format.keep_with_next]
    assert len(kept) == 1 and "{{ person.name }}" in rows[kept[0]].cells[1].text  # the last person's row only


def pdf_pages(docx: Path, tmp: Path) -> list[str]:
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp), str(docx)],
                   capture_output=True, timeout=120, check=True)
    pdf = tmp / (docx.stem + ".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    count = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    return [subprocess.run(["pdftotext", "-f", str(p), "-l", str(p), str(pdf), "-"], capture_output=True,
                           text=True).stdout for p in range(1, count + 1)]


@pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftotext")), reason="LibreOffice not installed")
def test_street_notice_signature_is_not_alone_on_its_page(run, tmp_path):
    """The README's `street` example, 32 people: the issuer and the date used to stand
    alone on page 6."""
    out = tmp_path / "公示"
    result = run("notice", str(ROSTER), "--policy", "street", "--issuer", "中共XX街道工作委员会", "--start", "2026-12-01",
                 "--blank-unverified", "--format", "docx", "--output", str(out))
    assert result.code == 0, result
    pages = pdf_pages(next(out.glob("*.docx")), tmp_path)
    last = re.sub(r"\s+", "", pages[-1])
    assert "中共XX街道工作委员会" in last and "公示期间" in last  # body text goes with the signature
    before = re.sub(r"\s+", "", pages[-2])
    assert len(before) > 300  # and the page before is not left half empty
