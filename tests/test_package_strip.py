"""Taking what an earlier run added out of a package (a second run on cadre's own
output): its sheets with the parts only they use, its columns' cells and merges; the
user's local names renumbered, the active tab kept, every other member the same bytes."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from openpyxl.chart import BarChart, Reference
from openpyxl.workbook.defined_name import DefinedName

from cadre_cli.writers.package import PackageError
from cadre_cli.writers.package.strip import strip_own


def _book() -> bytes:
    wb = openpyxl.Workbook()
    roster = wb.active
    roster.title = "名册"
    for r in range(1, 6):
        roster.append([f"人{r}", r, "我们的结论", "我们的摘要"])
    roster.merge_cells("C1:D1")
    roster.merge_cells("A5:B5")
    ours = wb.create_sheet("问题清单")
    ours.append(["a", 1])
    ours.append(["b", 2])
    chart = BarChart()
    chart.add_data(Reference(ours, min_col=2, min_row=1, max_row=2))
    ours.add_chart(chart, "D2")
    ours.print_title_rows = "1:1"
    notes = wb.create_sheet("备注")
    notes["A1"] = "用户自己的表"
    notes.print_title_rows = "1:1"
    wb.defined_names["到清单"] = DefinedName("到清单", attr_text="'问题清单'!$A$1:$B$2")
    wb.defined_names["单位"] = DefinedName("单位", attr_text="'名册'!$A$1:$A$5")
    wb.active = 2
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_our_sheet_and_columns_go_and_the_users_stay():
    src = _book()
    out = strip_own(src, {"问题清单"}, {"名册": {3, 4}})
    wb = openpyxl.load_workbook(io.BytesIO(out))
    assert wb.sheetnames == ["名册", "备注"]
    roster = wb["名册"]
    assert [c.value for c in roster[1]] == ["人1", 1] and roster.max_column == 2
    assert {str(m) for m in roster.merged_cells.ranges} == {"A5:B5"}
    assert wb["备注"].print_title_rows == "$1:$1"  # its local name renumbered from 2 to 1
    assert "到清单" not in wb.defined_names and wb.defined_names["单位"].attr_text == "'名册'!$A$1:$A$5"
    assert wb.active.title == "备注"
    with zipfile.ZipFile(io.BytesIO(src)) as a, zipfile.ZipFile(io.BytesIO(out)) as b:
        names = set(b.namelist())
        assert not any("chart" in n or "drawing" in n for n in names)  # the chart only our sheet used is gone
        assert "xl/worksheets/sheet2.xml" not in names and "xl/worksheets/sheet3.xml" in names
        assert a.read("xl/worksheets/sheet3.xml") == b.read("xl/worksheets/sheet3.xml")
        assert a.read("xl/styles.xml") == b.read("xl/styles.xml")
        assert b"sheet2.xml" not in b.read("[Content_Types].xml")
        assert b"sheet2.xml" not in b.read("xl/_rels/workbook.xml.rels")


def test_a_book_of_nothing_but_our_sheets_is_refused():
    with pytest.raises(PackageError):
        strip_own(_book(), {"名册", "问题清单", "备注"}, {})
