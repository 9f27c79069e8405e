"""What this tool added to a workbook it wrote, so that a run on its own output (a clerk
fixes the red cells in `名册_审核结果.xlsx` and runs audit again) reads only the user's
data: not the 问题清单 sheet as 15 more people, not the 考评分 column it computed as a
score typed by hand.

Every annotated workbook carries a custom document property `cadre-added` (kept by
Excel and WPS when they save an .xlsx) naming the sheets and the header cells of the
columns the tool added. When the property is gone (the file went through .xls), the
tool's own sheets are still known by their name and title cell, and its columns by their
header at the right end of a table.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from defusedxml import ElementTree

from cadre_cli.parse.text import squash

PROPERTY = "cadre-added"
# The package patcher's marker (writers/package/marker.py): a JSON list of sheet names only.
SHEETS_PROPERTY = "cadre-annotated"
MAX_PROPERTIES_BYTES = 1024 * 1024
# Sheets the tool writes, with the text of their first cell (the title); 成绩汇总 carries
# the user's own title, and is known by its header row (名次 … 说明).
OWN_SHEETS = {"问题清单": "后备干部名册审核问题清单", "结构分析": "后备干部队伍结构分析", "成绩汇总": None,
              "读取说明": "读取说明", "审核概况": "后备干部名册审核概况"}
# Header texts of the columns the tool adds to a user's sheet.
OWN_COLUMNS = frozenset({"审核结论", "问题摘要", "核查状态", "考评分", "测评分", "答辩测评分", "是否合格", "名次", "说明",
                         "演讲答辩得分", "组织考察得分", "总成绩", "面试得分", "综合成绩"})
_COPY_SUFFIX = re.compile(r"\d+$")


@dataclass
class Marks:
    """Sheets (by name) and columns (sheet -> 1-based columns) that the tool added."""

    sheets: set[str] = field(default_factory=set)
    columns: dict[str, set[int]] = field(default_factory=dict)
    from_property: bool = False

    def __bool__(self) -> bool:
        return bool(self.sheets or self.columns)

    def as_json(self) -> str:
        cols = {sheet: sorted(c) for sheet, c in self.columns.items() if c}
        return json.dumps({"version": 1, "sheets": sorted(self.sheets), "columns": cols}, ensure_ascii=False)


def read_marks(path: Path) -> Marks:
    """The marks of an .xlsx/.xlsm this tool wrote; empty for any other file."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("docProps/custom.xml")
            if info.file_size > MAX_PROPERTIES_BYTES:
                return Marks()
            root = ElementTree.fromstring(zf.read(info))
    except (KeyError, zipfile.BadZipFile, OSError, ElementTree.ParseError, ValueError):
        return Marks()
    marks = Marks()
    for prop in root:
        name = prop.get("name")
        if name not in (PROPERTY, SHEETS_PROPERTY):
            continue
        try:
            data = json.loads("".join(prop.itertext()))
            if name == SHEETS_PROPERTY:  # sheets only: columns are still found by their headers
                marks.sheets |= {str(s) for s in data}
                continue
            marks.sheets |= {str(s) for s in data.get("sheets", [])}
            marks.columns.update({str(k): {int(c) for c in v} for k, v in data.get("columns", {}).items()})
            marks.from_property = True
        except (ValueError, TypeError, AttributeError):
            continue
    return marks


def looks_own_sheet(name: str, rows: list[list[object]]) -> bool:
    """A sheet named like one of the tool's (问题清单, 问题清单2…) that starts the way the
    tool writes it: its title in A1 (成绩汇总: its header row 名次 … 说明 in row 2)."""
    base = _COPY_SUFFIX.sub("", name)
    if base not in OWN_SHEETS or not rows:
        return False
    title = OWN_SHEETS[base]
    if title is not None:
        first = rows[0][0] if rows[0] else None
        return isinstance(first, str) and squash(first).startswith(title)
    header = [squash(str(v)) for v in (rows[1] if len(rows) > 1 else []) if isinstance(v, str) and v.strip()]
    return len(header) >= 3 and header[0] == "名次" and header[-1] == "说明"


def own_columns(headers: dict[int, str]) -> set[int]:
    """Without the property: the tool's column labels standing together at the right end
    of a header (a user's own 说明 or 名次 column in the middle of a table is kept)."""
    if not headers:
        return set()
    found: set[int] = set()
    for col in sorted(headers, reverse=True):
        if squash(headers[col].split("/")[-1]) in OWN_COLUMNS:
            found.add(col)
        else:
            break
    labels = {squash(headers[c].split("/")[-1]) for c in found}
    return found if labels & {"审核结论", "问题摘要", "答辩测评分", "是否合格", "组织考察得分"} else set()


def note_columns(ws: Any, cols: range) -> None:
    """Remember on an openpyxl worksheet the columns the tool is adding to it."""
    ws._cadre_added = sorted(set(getattr(ws, "_cadre_added", ())) | set(cols))


def noted_columns(ws: Any) -> list[int]:
    return list(getattr(ws, "_cadre_added", ()))


def drop(wb: Any, stale: Marks, titles: dict[str, str]) -> None:
    """Take out of a copy what an earlier run added: its sheets, and the cells (values,
    comments, fills, merges) of its columns, where this run writes its own."""
    from openpyxl.cell.cell import MergedCell

    for name in stale.sheets:
        title = titles.get(name, name)
        if title in wb.sheetnames and len(wb.sheetnames) > 1:
            wb.remove(wb[title])
    for name, cols in stale.columns.items():
        title = titles.get(name, name)
        if title not in wb.sheetnames or not cols:
            continue
        ws = wb[title]
        low, high = min(cols), max(cols)
        for rng in list(ws.merged_cells.ranges):
            if rng.max_col >= low and rng.min_col <= high:
                ws.unmerge_cells(str(rng))
        for row in ws.iter_rows(min_col=low, max_col=high):
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                cell.value = None
                cell.comment = None
                cell.style = "Normal"


def mark(wb: Any, marks: Marks) -> None:
    """Write (or replace) the property on an openpyxl workbook about to be saved."""
    from openpyxl.packaging.custom import StringProperty

    props = wb.custom_doc_props
    for prop in list(props.props):
        if prop.name == PROPERTY:
            props.props.remove(prop)
    props.append(StringProperty(name=PROPERTY, value=marks.as_json()))
