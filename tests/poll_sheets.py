"""Tally workbooks in the layouts offices fill in, built with openpyxl for the tests.

Each builder writes a title and a 填报单位 line, the header (merged group cells where
offices merge them), the rows, and the meeting's figures in one of the ways offices
write them: a sentence per class above the table, a label/value line, a grid below the
table, or footer rows under the class columns.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

FIG_WORDS = {"expected": "应到人数", "present": "实到人数", "issued": "发出票数", "returned": "收回票数",
             "valid": "有效票", "invalid": "无效票", "abstain": "弃权"}
SENTENCE = {"expected": "应到{}人", "present": "实到{}人", "issued": "发出选票{}张", "returned": "收回{}张",
            "valid": "有效票{}张", "invalid": "无效票{}张", "abstain": "弃权{}票"}
GRADE_WORDS = ("优秀", "称职", "基本称职", "不称职")
ALT_WORDS = ("好", "较好", "一般", "差")

Figures = dict[str | None, dict[str, object]]  # class label (None: the meeting) -> figure -> value


def _title(ws, title: str, width: int) -> int:
    ws.cell(1, 1, title)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=max(width, 2))
    ws.cell(2, 1, "填报单位：XX县财政局党组（盖章）    日期：2025年12月20日")
    return 3


def _sentences(ws, r: int, figures: Figures) -> int:
    for cls, figs in figures.items():
        text = "，".join(SENTENCE[k].format(v) for k, v in figs.items())
        ws.cell(r, 1, f"{cls}：{text}。" if cls else f"本次会议{text}。")
        r += 1
    return r


def _labels(ws, r: int, figures: Figures) -> int:
    for cls, figs in figures.items():
        c = 1
        for k, v in figs.items():
            ws.cell(r, c, f"{cls or ''}{FIG_WORDS[k]}：")
            ws.cell(r, c + 1, v)
            c += 2
        r += 1
    return r


def _grid(ws, r: int, figures: Figures) -> int:
    keys = list(dict.fromkeys(k for figs in figures.values() for k in figs))
    ws.cell(r, 1, "类别")
    for i, k in enumerate(keys, start=2):
        ws.cell(r, i, FIG_WORDS[k])
    for cls, figs in figures.items():
        r += 1
        ws.cell(r, 1, cls or "合计")
        for i, k in enumerate(keys, start=2):
            if k in figs:
                ws.cell(r, i, figs[k])
    return r + 2


def recommendation(path: Path, classes: list[str], rows: list[tuple[str, str, dict[str, object]]], *,
                   figures: Figures | None = None, style: str = "sentence", layout: str = "grouped",
                   share: bool = True, total: bool = True, name_header: str = "推荐人选",
                   typed_shares: dict[tuple[str, str], object] | None = None) -> Path:
    """A 民主推荐 summary. layout "grouped": each class merged over 票数|得票率; "flat":
    one column per class holding the votes. `rows` are (name, post, {class: votes})."""
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐汇总"
    sub = ["票数", "得票率"] if share and layout == "grouped" else ["票数"]
    width = 3 + len(classes) * (len(sub) if layout == "grouped" else 1) + (1 if total else 0)
    r = _title(ws, "2025年度科级后备干部民主推荐得票情况汇总表", width)
    figures = figures or {}
    if style == "sentence":
        r = _sentences(ws, r, figures)
    elif style == "labels":
        r = _labels(ws, r, figures)
    top = r
    for c, h in enumerate(("序号", name_header, "现任职务"), start=1):
        ws.cell(top, c, h)
        if layout == "grouped":
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    col = 4
    class_cols: dict[str, int] = {}
    for cls in classes:
        class_cols[cls] = col
        ws.cell(top, col, cls)
        if layout == "grouped":
            for i, s in enumerate(sub):
                ws.cell(top + 1, col + i, s)
            if len(sub) > 1:
                ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + len(sub) - 1)
            col += len(sub)
        else:
            col += 1
    if total:
        ws.cell(top, col, "合计票数")
        if layout == "grouped":
            ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    r = top + (2 if layout == "grouped" else 1)
    for i, (name, post, votes) in enumerate(rows, start=1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, name)
        ws.cell(r, 3, post)
        for cls, v in votes.items():
            ws.cell(r, class_cols[cls], v)
            if typed_shares and (name, cls) in typed_shares and layout == "grouped" and share:
                ws.cell(r, class_cols[cls] + 1, typed_shares[(name, cls)])
        if total:
            nums = [v for v in votes.values() if isinstance(v, int)]
            ws.cell(r, col, sum(nums))
        r += 1
    if style == "footer":
        for k in dict.fromkeys(k for figs in figures.values() for k in figs):
            ws.cell(r, 2, FIG_WORDS[k])
            for cls, figs in figures.items():
                if cls is not None and k in figs:
                    ws.cell(r, class_cols[cls], figs[k])
            r += 1
    elif style == "grid":
        r = _grid(ws, r + 1, figures)
    ws.cell(r + 1, 1, "计票人：王芳        监票人：赵强")
    wb.save(path)
    return path


def recommendation_sheets(path: Path, sheets: dict[str, list[tuple[str, str, object]]], figures: Figures) -> Path:
    """One sheet per class, named for it: 推荐人选 | 现任职务 | 得票数, the class's figures above."""
    wb = Workbook()
    wb.remove(wb.active)
    for cls, rows in sheets.items():
        ws = wb.create_sheet(cls)
        r = _title(ws, f"民主推荐票统计表（{cls}）", 4)
        r = _sentences(ws, r, {None: figures.get(cls, {})}) if figures.get(cls) else r
        for c, h in enumerate(("序号", "推荐人选", "现任职务", "得票数"), start=1):
            ws.cell(r, c, h)
        for i, (name, post, votes) in enumerate(rows, start=1):
            ws.append([i, name, post, votes])
    wb.save(path)
    return path


def evaluation(path: Path, classes: list[str], rows: list[tuple[str, str, dict[str, tuple]]], *,
               figures: Figures | None = None, style: str = "grid", words: tuple[str, ...] = GRADE_WORDS,
               voters_column: bool = False, score_column: dict[str, object] | None = None) -> Path:
    """A 民主测评 summary: each class merged over the four grades (and 测评人数 when
    `voters_column`); `rows` are (name, post, {class: (优秀, 称职, 基本称职, 不称职[, 测评人数])})."""
    wb = Workbook()
    ws = wb.active
    ws.title = "测评汇总"
    sub = list(words) + (["测评人数"] if voters_column else [])
    width = 3 + len(classes) * len(sub) + (1 if score_column else 0)
    r = _title(ws, "后备干部民主测评结果汇总表", width)
    figures = figures or {}
    if style == "sentence":
        r = _sentences(ws, r, figures)
    top = r
    for c, h in enumerate(("序号", "姓名", "现任职务"), start=1):
        ws.cell(top, c, h)
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    col = 4
    starts = {}
    for cls in classes:
        starts[cls] = col
        ws.cell(top, col, cls)
        ws.merge_cells(start_row=top, start_column=col, end_row=top, end_column=col + len(sub) - 1)
        for i, s in enumerate(sub):
            ws.cell(top + 1, col + i, s)
        col += len(sub)
    if score_column is not None:
        ws.cell(top, col, "测评得分")
        ws.merge_cells(start_row=top, start_column=col, end_row=top + 1, end_column=col)
    r = top + 2
    for i, (name, post, by_class) in enumerate(rows, start=1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, name)
        ws.cell(r, 3, post)
        for cls, values in by_class.items():
            for k, v in enumerate(values):
                ws.cell(r, starts[cls] + k, v)
        if score_column is not None and name in score_column:
            ws.cell(r, col, score_column[name])
        r += 1
    if style == "grid":
        _grid(ws, r + 1, figures)
    wb.save(path)
    return path


def ballots(path: Path, candidates: list[str], ballots: list[tuple[str | None, list[object]]], *,
            figures: Figures | None = None, class_header: str = "投票人类别", number: bool = True,
            sheet: str = "选票录入", valid_column: list[object] | None = None) -> Path:
    """Raw ballots: 票号 | 投票人类别 | a column per candidate; `ballots` are (class, marks)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    r = _title(ws, "民主推荐选票录入表", len(candidates) + 2)
    if figures:
        r = _sentences(ws, r, figures)
    heads = (["票号"] if number else []) + ([class_header] if class_header else []) + \
        (["是否有效"] if valid_column is not None else []) + list(candidates)
    for c, h in enumerate(heads, start=1):
        ws.cell(r, c, h)
    for i, (cls, marks) in enumerate(ballots):
        row = ([i + 1] if number else []) + ([cls] if class_header else []) + \
            ([valid_column[i]] if valid_column is not None else []) + list(marks)
        ws.append(row)
    wb.save(path)
    return path


def grade_ballots(path: Path, candidates: list[str], ballots: list[tuple[str, list[int | None]]]) -> Path:
    """Evaluation ballots with each candidate merged over 优秀|称职|基本称职|不称职 and a √
    under one grade; `ballots` are (class, [grade index or None per candidate])."""
    wb = Workbook()
    ws = wb.active
    ws.title = "测评票"
    ws.cell(1, 1, "票号")
    ws.merge_cells(start_row=1, start_column=1, end_row=2, end_column=1)
    ws.cell(1, 2, "测评人身份")
    ws.merge_cells(start_row=1, start_column=2, end_row=2, end_column=2)
    for i, name in enumerate(candidates):
        c = 3 + i * 4
        ws.cell(1, c, name)
        ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + 3)
        for k, g in enumerate(GRADE_WORDS):
            ws.cell(2, c + k, g)
    for n, (cls, grades) in enumerate(ballots, start=1):
        row = [n, cls] + [None] * (4 * len(candidates))
        for i, g in enumerate(grades):
            if g is not None:
                row[2 + i * 4 + g] = "√"
        ws.append(row)
    wb.save(path)
    return path


# One recommendation with three voter classes, shared by the layout and CLI tests.
CLASSES = ["领导班子成员", "中层干部", "普通党员群众"]
ROWS = [("张三", "县财政局副局长", {"领导班子成员": 8, "中层干部": 20, "普通党员群众": 60}),
        ("李四", "办公室主任", {"领导班子成员": 5, "中层干部": 12, "普通党员群众": 70}),
        ("王五", "预算股股长", {"领导班子成员": 1, "中层干部": 3, "普通党员群众": 9})]
FIGURES = {"领导班子成员": {"expected": 9, "present": 9, "issued": 9, "returned": 9, "valid": 9, "invalid": 0},
           "中层干部": {"expected": 26, "present": 25, "issued": 25, "returned": 25, "valid": 24, "invalid": 1},
           "普通党员群众": {"expected": 120, "present": 110, "issued": 110, "returned": 108, "valid": 106, "invalid": 2}}
