"""Build the sample 民主推荐 / 民主测评 workbooks (fictional people) for `cadre poll`.

    python -m sample_data.make_poll_samples

民主推荐票汇总.xlsx — a recommendation summary in the layout offices fill in: title, 填报单位
line, per-class sentences above the table (应到、实到、发出、收回、有效、无效), each voter
class merged over 票数 | 得票率 (the shares left for the tool), a tie, signatures.
民主测评汇总.xlsx — an evaluation summary: each class merged over 优秀 | 称职 | 基本称职 |
不称职, and a figures grid (类别 | 应到人数 | 实到人数) below the table.
民主推荐选票.xlsx — raw ballots: 票号 | 投票人类别 | a column per candidate, √ for a choice.

`build_ballots` also makes the large ballot sheets of the benchmark (write-only, fast).
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from sample_data.make_samples import GIVEN, SURNAMES

HERE = Path(__file__).parent

CLASSES = ["领导班子成员", "中层干部", "普通党员群众"]
POSTS = ["办公室主任", "预算股股长", "国库股副股长", "综合股股长", "财政监督股副股长", "乡镇财政所所长",
         "政府采购办副主任", "非税收入管理局副局长"]
_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def names(count: int, seed: int = 16) -> list[str]:
    rng = random.Random(seed)
    used: list[str] = []
    while len(used) < count:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.append(name)
    return used


def _boxed(ws, top: int, bottom: int, width: int, header_rows: int) -> None:
    for r in range(top, bottom + 1):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.border = _BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if r < top + header_rows:
                cell.font = Font(name="宋体", bold=True, size=10)


def _landscape(ws) -> None:
    """Printed as offices print it: landscape, one page wide."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0


def _title(ws, text: str, width: int) -> None:
    ws.cell(1, 1, text)
    ws.cell(1, 1).font = Font(name="方正小标宋简体", size=16)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "填报单位：中共XX县财政局党组（盖章）                    日期：2025年12月20日")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    _landscape(ws)


def _class_header(ws, top: int, name: str, subs: tuple[str, ...]) -> None:
    """序号 | name | 现任职务 merged down two rows, then each class merged over `subs`."""
    for c, h in enumerate(("序号", name, "现任职务"), start=1):
        ws.cell(top, c, h)
        ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
    for i, cls in enumerate(CLASSES):
        c = 4 + len(subs) * i
        ws.cell(top, c, cls)
        ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=c + len(subs) - 1)
        for k, sub in enumerate(subs):
            ws.cell(top + 1, c + k, sub)


RECOMMEND_FIGURES = {"领导班子成员": (9, 9, 9, 9, 9, 0), "中层干部": (26, 25, 25, 25, 24, 1),
                     "普通党员群众": (118, 110, 110, 108, 106, 2)}
RECOMMEND_VOTES = [(8, 20, 80), (6, 15, 62), (5, 12, 55), (6, 15, 62), (1, 5, 30), (1, 3, 15), (0, 1, 8), (0, 0, 4)]


def build_recommendation(path: Path) -> Path:
    """民主推荐票汇总: classes merged over 票数 | 得票率; candidates 2 and 4 tie."""
    people = names(len(RECOMMEND_VOTES))
    wb = Workbook()
    ws = wb.active
    ws.title = "推荐票汇总"
    width = 3 + 2 * len(CLASSES) + 1
    _title(ws, "XX县财政局科级后备干部民主推荐得票情况汇总表", width)
    r = 3
    for cls, (exp, pre, iss, ret, val, inv) in RECOMMEND_FIGURES.items():
        ws.cell(r, 1, f"{cls}：应到{exp}人，实到{pre}人，发出选票{iss}张，收回{ret}张，其中有效票{val}张、无效票{inv}张。")
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    top = r
    _class_header(ws, top, "推荐人选", ("票数", "得票率"))
    ws.cell(top, width, "合计票数")
    ws.merge_cells(start_row=top, start_column=width, end_row=top + 1, end_column=width)
    r = top + 2
    for i, (name, votes) in enumerate(zip(people, RECOMMEND_VOTES), start=1):
        ws.cell(r, 1, i)
        ws.cell(r, 2, name)
        ws.cell(r, 3, POSTS[i - 1])
        for k, v in enumerate(votes):
            ws.cell(r, 4 + 2 * k, v)
        ws.cell(r, width, sum(votes))
        r += 1
    _boxed(ws, top, r - 1, width, 2)
    ws.cell(r + 1, 1, "注：每张推荐票最多推荐3人，超过3人的为无效票。")
    ws.cell(r + 2, 1, "计票人：王芳            监票人：赵强            唱票人：李明")
    for c, w in enumerate([5, 9, 20] + [7] * (2 * len(CLASSES)) + [8], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    wb.save(path)
    return path


EVALUATE_VOTES = [((6, 3, 0, 0), (15, 8, 2, 0), (60, 40, 6, 2)), ((4, 4, 1, 0), (10, 12, 2, 1), (50, 45, 10, 3)),
                  ((2, 4, 2, 1), (6, 10, 6, 3), (30, 40, 26, 12)), ((5, 4, 0, 0), (12, 11, 2, 0), (55, 46, 5, 2))]
EVALUATE_FIGURES = {"领导班子成员": (9, 9), "中层干部": (26, 25), "普通党员群众": (118, 110)}


def build_evaluation(path: Path) -> Path:
    """民主测评汇总: each class over the four grades; the figures grid below the table."""
    people = names(len(EVALUATE_VOTES), seed=61)
    wb = Workbook()
    ws = wb.active
    ws.title = "测评汇总"
    grades = ("优秀", "称职", "基本称职", "不称职")
    width = 3 + 4 * len(CLASSES)
    _title(ws, "XX县财政局后备干部民主测评结果汇总表", width)
    top = 3
    _class_header(ws, top, "姓名", grades)
    r = top + 2
    for i, (name, by_class) in enumerate(zip(people, EVALUATE_VOTES), start=1):
        ws.append([i, name, POSTS[i - 1], *(v for votes in by_class for v in votes)])
        r += 1
    _boxed(ws, top, r - 1, width, 2)
    r += 1
    ws.cell(r, 1, "类别")
    ws.cell(r, 2, "应到人数")
    ws.cell(r, 3, "实到人数")
    for cls, (exp, pre) in EVALUATE_FIGURES.items():
        r += 1
        ws.cell(r, 1, cls)
        ws.cell(r, 2, exp)
        ws.cell(r, 3, pre)
    ws.cell(r + 2, 1, "计票人：王芳            监票人：赵强")
    for c, w in enumerate([12, 9, 20] + [8] * (4 * len(CLASSES)), start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    wb.save(path)
    return path


def build_ballots(path: Path, ballots: int = 60, candidates: int = 8, seed: int = 1, max_choices: int = 3,
                  classes: tuple[tuple[str, float], ...] = (("领导班子成员", 0.08), ("中层干部", 0.22),
                                                            ("普通党员群众", 0.70)),
                  over_rate: float = 0.01, figures: bool = True) -> Path:
    """Raw recommendation ballots, one row each: 票号 | 投票人类别 | √ under each person
    chosen (1 to `max_choices`, about `over_rate` of them naming one too many, a few
    blank). Written in write-only mode: 100,000 ballots take seconds, not minutes."""
    rng = random.Random(seed)
    people = names(candidates, seed=seed + 7)
    popularity = [rng.random() ** 2 + 0.05 for _ in people]
    labels = [c for c, _ in classes]
    shares = [s for _, s in classes]
    rows = []
    counted = dict.fromkeys(labels, 0)
    for _ in range(ballots):
        cls = rng.choices(labels, shares)[0]
        counted[cls] += 1
        roll = rng.random()
        n = 0 if roll < 0.01 else (max_choices + 1 if roll < 0.01 + over_rate else rng.randint(1, max_choices))
        chosen = set()
        while len(chosen) < min(n, len(people)):
            chosen.add(rng.choices(range(len(people)), popularity)[0])
        rows.append((cls, ["√" if i in chosen else None for i in range(len(people))]))
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("选票录入")
    width = 2 + len(people)
    ws.append(["XX县财政局科级后备干部民主推荐选票录入表"] + [None] * (width - 1))
    if figures:
        for cls in labels:
            present = counted[cls] + rng.randint(0, 2)
            ws.append([f"{cls}：应到{present + rng.randint(0, 3)}人，实到{present}人。"])
    ws.append(["票号", "投票人类别", *people])
    for number, (cls, marks) in enumerate(rows, start=1):
        ws.append([number, cls, *marks])
    ws.append([])
    ws.append(["计票人：王芳            监票人：赵强"])
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


NOMINEES = [  # the three who won more than half in 民主推荐票汇总.xlsx: (birth, male, ethnicity, education)
    (dt.date(1986, 4, 12), False, "汉族", "大学 学士"), (dt.date(1988, 9, 3), True, "彝族", "研究生 硕士"),
    (dt.date(1990, 1, 25), True, "汉族", "大学 学士"),
]


def build_nominees(path: Path) -> Path:
    """拟列人选名册: the people of 民主推荐票汇总.xlsx who won more than half, as a roster for
    `cadre notice --poll` (their results come from the poll, not from this sheet)."""
    from tests.ids import make_id

    people = names(len(RECOMMEND_VOTES))
    wb = Workbook()
    ws = wb.active
    ws.title = "拟列人选"
    heads = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号码", "政治面貌", "参加工作时间", "学历学位",
             "工作单位", "现任职务", "后备类别"]
    _title(ws, "XX县财政局科级后备干部拟列人选名册", len(heads))
    ws.append(heads)
    top = 3
    for seq, (name, post, (born, male, ethnicity, education)) in enumerate(
            zip([people[0], people[1], people[3]], [POSTS[0], POSTS[1], POSTS[3]], NOMINEES, strict=True), start=1):
        ws.append([seq, name, "男" if male else "女", ethnicity, f"{born.year}.{born.month:02d}",
                   make_id(born, male, seq=seq + 40), "中共党员", f"{born.year + 22}.08", education, "县财政局", post,
                   "副科级后备"])
    _boxed(ws, top, top + len(NOMINEES), len(heads), 1)
    for c, w in enumerate([5, 9, 5, 6, 9, 20, 9, 11, 12, 10, 14, 11], start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    wb.save(path)
    return path


def main() -> None:
    made = [build_recommendation(HERE / "民主推荐票汇总.xlsx"), build_evaluation(HERE / "民主测评汇总.xlsx"),
            build_ballots(HERE / "民主推荐选票.xlsx"), build_nominees(HERE / "拟列人选名册.xlsx")]
    print("已生成：", *made)


if __name__ == "__main__":
    main()
