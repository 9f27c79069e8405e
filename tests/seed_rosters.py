"""Rosters in the layouts the seed rules of issue 11 are checked on.

`young_roster`: the layout of the 优秀年轻干部录入样表 that the open-source university
organisation system xvchaoqun/owip ships (doc/excel/干部/[sample_cadreReserve]…xlsx:
工作证号 | 姓名 | 所在单位及职务 | 备注), as a unit extends it for the programme: identity
columns, 列入时间, 任现职时间, a 任职经历 resume cell in the 任免审批表 form, and a
two-row 挂职锻炼情况 group over 挂职单位 | 挂职职务 | 开始时间 | 结束时间. Dates are real
Excel dates, so boundaries can be tested to the day.

`tier_roster`: a town's four-tier list: 梯队 column, 列入时间, 年度考核 over year
columns, 总结考核, 一票否决情形.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter

from tests.builders import make_id

YOUNG_FLAT = ["工作证号", "姓名", "性别", "出生年月", "身份证号码", "所在单位及职务", "现任职务", "列入时间", "任现职时间",
              "任现职级时间", "任职经历", "谈心谈话次数"]
YOUNG_GROUP = ("挂职锻炼情况", ["挂职单位", "挂职职务", "开始时间", "结束时间"])


def _write(path: Path, title: str, flat: list[str], groups: list[tuple[str, list[str]]], tail: list[str],
           rows: list[dict[str, Any]]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "优秀年轻干部"
    width = len(flat) + sum(len(g[1]) for g in groups) + len(tail)
    ws.cell(1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    c = 1
    for h in flat:
        ws.cell(2, c, h)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
        c += 1
    for group, subs in groups:
        ws.cell(2, c, group)
        ws.merge_cells(start_row=2, start_column=c, end_row=2, end_column=c + len(subs) - 1)
        for sub in subs:
            ws.cell(3, c, sub)
            c += 1
    for h in tail:
        ws.cell(2, c, h)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
        c += 1
    headers = flat + [s for _, subs in groups for s in subs] + tail
    for r, row in enumerate(rows, start=4):
        for col, h in enumerate(headers, start=1):
            value = row.get(h)
            if value is not None:
                cell = ws.cell(r, col, value)
                if isinstance(value, dt.date):
                    cell.number_format = "yyyy-mm-dd"
                if isinstance(value, str) and "\n" in value:
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.cell(len(rows) + 5, 1, "填表说明：列入时间为列入优秀年轻干部名单的时间。")
    for col in range(1, width + 1):
        ws.column_dimensions[get_column_letter(col)].width = 14
    wb.save(path)
    return path


def young(name: str, seq: int, born: dt.date = dt.date(1992, 5, 1), gender: str = "男", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"工作证号": f"1111201{seq:04d}", "姓名": name, "性别": gender, "出生年月": f"{born:%Y.%m}",
                           "身份证号码": make_id(born, gender, seq=seq)}
    row.update(extra)
    return row


def young_roster(path: Path, rows: list[dict[str, Any]]) -> Path:
    flat = [h for h in YOUNG_FLAT if any(h in r for r in rows)]
    subs = [h for h in YOUNG_GROUP[1] if any(h in r for r in rows)]
    return _write(path, "XX市优秀年轻干部名单（2026年）", flat, [(YOUNG_GROUP[0], subs)] if subs else [], ["备注"], rows)


TIER_FLAT = ["序号", "姓名", "性别", "出生年月", "身份证号码", "工作单位", "现任职务", "梯队", "列入时间"]


def tier_roster(path: Path, rows: list[dict[str, Any]], years: tuple[int, ...] = (2024, 2025)) -> Path:
    tail = [h for h in ("总结考核", "一票否决情形") if any(h in r for r in rows)]
    groups = [("年度考核", [f"{y}年" for y in years])]
    return _write(path, "XX镇干部人才四级梯队培养对象名册", TIER_FLAT, groups, tail, rows)
