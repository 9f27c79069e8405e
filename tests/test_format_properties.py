"""Property: any grid with merges, written as XML Spreadsheet 2003 or as a web page,
reads back cell for cell as calamine reads the .xlsx (the web page by its text, since
a page holds no types), with the same merged ranges."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from cadre_cli.readers.raw import load_book
from tests.format_copies import html_copy, xml2003_copy

TEXT = st.text(alphabet="张三李四王五年度考核优秀称职 0123456789.-\nXx<>&\"'", min_size=1, max_size=12).filter(lambda t: t.strip())
VALUE = st.one_of(st.none(), TEXT, st.integers(-10_000, 10_000), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 3)))


@st.composite
def grids(draw):
    rows, cols = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    values = [[draw(VALUE) for _ in range(cols)] for _ in range(rows)]
    merges, taken = [], set()
    for _ in range(draw(st.integers(0, 3))):
        r0, c0 = draw(st.integers(0, rows - 1)), draw(st.integers(0, cols - 1))
        r1, c1 = draw(st.integers(r0, rows - 1)), draw(st.integers(c0, cols - 1))
        area = {(r, c) for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        if (r1, c1) != (r0, c0) and not area & taken:
            taken |= area
            merges.append((r0, c0, r1, c1))
    for r0, c0, r1, c1 in merges:  # a merged range keeps only its top-left value, as Excel does
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    values[r][c] = None
    return values, merges


def _workbook(path: Path, values, merges) -> Path:
    wb = Workbook()
    ws = wb.active
    for r, row in enumerate(values, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)
    return path


def _cells(sheet, as_text: bool = False) -> dict:
    out = {}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if value == "" or value is None:
                continue
            if as_text:
                value = (str(int(value)) if isinstance(value, float) and value.is_integer() else str(value))
                value = " ".join(value.split(" ")).strip()
                value = "\n".join(line.strip() for line in value.split("\n")).strip("\n")
            out[(r, c)] = value
    return {k: v for k, v in out.items() if v != ""}


def _html_text(value) -> str:
    """A web page shows a cell's text with runs of spaces collapsed (HTML's rule)."""
    import re

    return "\n".join(re.sub(r" +", " ", line).strip() for line in value.split("\n")).strip("\n")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(grids())
@example(grid=([[None, "0", "-0"]], []))  # text "-0" in a web page is no number (a float shows 0)
def test_copies_read_back_as_the_xlsx(grid):
    values, merges = grid
    assume(sum(v is not None for row in values for v in row) >= 2)  # a page with less holds no data table
    with tempfile.TemporaryDirectory() as tmp:
        src = _workbook(Path(tmp) / "g.xlsx", values, merges)
        base = load_book(src).sheets[0]
        xml = load_book(xml2003_copy(src, Path(tmp) / "g_2003.xls", header_rows=1)).sheets[0]
        page = load_book(html_copy(src, Path(tmp) / "g_page.xls", header_rows=1)).sheets[0]
    assert _cells(xml) == _cells(base)
    assert sorted(xml.merged) == sorted(base.merged) == sorted(merges)
    expected = {k: _html_text(v) for k, v in _cells(base, as_text=True).items()}
    assert {k: v for k, v in _cells(page, as_text=True).items()} == {k: v for k, v in expected.items() if v}
    assert sorted(page.merged) == sorted(merges)
