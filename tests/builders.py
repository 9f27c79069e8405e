"""Build real workbooks in the messy layouts of FORMATS.md, for tests.

`write_table` lays out a title, a `填报单位` line, a one- or two-row header (group
cells merged over their sub-columns, single cells merged down), the rows, a blank
row, a `合计` row and footnotes. Keys of each row dict are header texts as users
write them; sub-columns are recognised and grouped automatically.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from tests.ids import make_id  # noqa: F401  (the builders' callers import it from here)

GROUPS = (
    ("年度考核", re.compile(r"^\d{4}年$")),
    ("民主测评票数", re.compile(r"^(优秀|称职|基本称职|不称职)$")),
    ("考评组评分", re.compile(r"^评委\d+$")),
    ("学历学位", re.compile(r"^(全日制教育|在职教育)$")),
    ("组织考察", re.compile(r"^(公司领导班子|中层干部|职工代表)")),
)

def _group_of(header: str) -> str | None:
    for group, pattern in GROUPS:
        if pattern.match(header):
            return group
    return None


def write_table(ws, rows: list[dict[str, Any]], *, headers: list[str] | None = None, title: str | None = "XX县科级后备干部名册",
                unit_line: str | None = "填报单位：XX县委组织部（盖章）    填报日期：2025年12月20日",
                two_rows: bool = True, footer: bool = True, formats: dict[str, str] | None = None,
                start_row: int | None = None) -> int:
    """Write one table into a worksheet; returns the first data row."""
    headers = headers or list(dict.fromkeys(k for row in rows for k in row))
    r = start_row or 1
    if title:
        ws.cell(r, 1, title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=max(len(headers), 2))
        r += 1
    if unit_line:
        ws.cell(r, 1, unit_line)
        r += 1
    groups = [_group_of(h) for h in headers]
    grouped = two_rows and any(groups)
    if grouped:
        for c, (h, g) in enumerate(zip(headers, groups), start=1):
            if g is None:
                ws.cell(r, c, h)
                ws.merge_cells(start_row=r, start_column=c, end_row=r + 1, end_column=c)
            else:
                ws.cell(r + 1, c, h)
                if c == 1 or groups[c - 2] != g:
                    ws.cell(r, c, g)
                    end = c
                    while end < len(headers) and groups[end] == g:
                        end += 1
                    if end > c:
                        ws.merge_cells(start_row=r, start_column=c, end_row=r, end_column=end)
        r += 2
    else:
        for c, h in enumerate(headers, start=1):
            ws.cell(r, c, h)
        r += 1
    first = r
    for row in rows:
        for c, h in enumerate(headers, start=1):
            value = row.get(h)
            if value is not None:
                cell = ws.cell(r, c, value)
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text typed as '=…, not a formula
                if formats and h in formats:
                    cell.number_format = formats[h]
        r += 1
    if footer:
        r += 1
        ws.cell(r, 1, "合计")
        ws.cell(r, 2, f"{len(rows)}人")
        ws.cell(r + 1, 1, "填表说明：出生年月按“1985.03”填写。")
        ws.cell(r + 2, 1, "填表人：王五        审核人：赵六")
    for c in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(c)].width = 12
    return first


def roster_xlsx(path: Path, rows: list[dict[str, Any]], sheet: str = "名册", **kwargs: Any) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    write_table(ws, rows, **kwargs)
    wb.save(path)
    return path


def person(name: str = "张三", born: dt.date = dt.date(1985, 3, 15), gender: str = "男", seq: int = 1,
           **extra: Any) -> dict[str, Any]:
    """A roster row with consistent name, gender, birth and ID number."""
    row: dict[str, Any] = {
        "序号": seq,
        "姓　名": name,
        "性别": gender,
        "出生年月": f"{born.year}.{born.month:02d}",
        "身份证号码": make_id(born, gender, seq=seq),
    }
    row.update(extra)
    return row
