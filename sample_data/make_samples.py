"""Build the sample workbooks in sample_data/ (fictional people, valid ID numbers).

    python -m sample_data.make_samples

后备干部名册.xlsx — a county roster in the real layout: title, 填报单位 line, two-row
merged header (学历学位, 年度考核, 民主测评票数), section lines, footer; with the cases
`cadre audit --as-of 2026-12-01` should find (over age, soon over age, 基本称职,
bad ID numbers, a duplicate, secondments too long or short, a bad date).
答辩测评成绩.xlsx — a defense score sheet: written exam, seven judges, votes, one absent.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from tests.ids import make_id

HERE = Path(__file__).parent
UNITS = ["县委办公室", "县财政局", "县教育体育局", "中枢镇", "白水镇", "县卫生健康局"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建文辉力斌宇浩凯健俊帆"


ROSTER_HEADERS = [
    ("序号", None), ("姓名", None), ("性别", None), ("民族", None), ("出生年月", None), ("身份证号码", None),
    ("政治面貌", None), ("参加工作时间", None), ("全日制教育", "学历学位"), ("在职教育", "学历学位"),
    ("工作单位", None), ("现任职务", None), ("职级", None), ("任现职时间", None), ("后备类别", None),
    ("列入后备时间", None), ("2023年", "年度考核"), ("2024年", "年度考核"), ("2025年", "年度考核"),
    ("优秀", "民主测评票数"), ("称职", "民主测评票数"), ("基本称职", "民主测评票数"), ("不称职", "民主测评票数"),
    ("测评人数", None), ("挂职单位", None), ("挂职开始时间", None), ("挂职结束时间", None), ("联系电话", None), ("备注", None),
]


def _name(rng: random.Random, used: set[str]) -> str:
    while True:
        name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
        if name not in used:
            used.add(name)
            return name


def roster_people(rng: random.Random) -> tuple[list[dict], list[dict]]:
    used: set[str] = set()
    principal, deputy = [], []
    special = {
        # name-independent cases, by position in each section
        ("正", 0): {"born": dt.date(1985, 6, 12), "note": "超过40周岁"},
        ("正", 1): {"born": dt.date(1986, 3, 9), "note": "恰好40周岁"},
        ("正", 2): {"assess": ("称职", "基本称职", "称职")},
        ("正", 3): {"secondment": ("县工业园区", "2022.03", "2024.09")},
        ("正", 4): {"bad_id": True},
        ("副", 0): {"born": dt.date(1991, 4, 20), "note": "半年内满36周岁"},
        ("副", 1): {"born": dt.date(1990, 2, 3)},
        ("副", 2): {"assess": ("称职", "称职", "不合格")},
        ("副", 3): {"secondment": ("中枢镇", "2024.06", None)},
        ("副", 4): {"secondment": ("县信访局", "2025.03", "2025.09")},
        ("副", 5): {"mismatch": True},
        ("副", 6): {"bad_date": "1992.13"},
        ("副", 7): {"float_id": True},
    }
    for level, count, lo, hi in (("正", 12, 1987, 1992), ("副", 20, 1992, 1999)):
        for i in range(count):
            extra = special.get((level, i), {})
            male = rng.random() < 0.65
            born = extra.get("born") or dt.date(rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28))
            person = {
                "姓名": _name(rng, used), "性别": "男" if male else "女",
                "民族": rng.choice(["汉族"] * 6 + ["彝族", "回族", "苗族"]),
                "born": born, "male": male,
                "政治面貌": rng.choice(["中共党员"] * 8 + ["中共预备党员", "群众", "九三学社社员"]),
                "参加工作时间": f"{born.year + 22}.{rng.randint(7, 9):02d}",
                "全日制教育": rng.choice(["大学 学士"] * 5 + ["研究生 硕士", "大专"]),
                "在职教育": rng.choice([None, None, "研究生 硕士", "大学 学士"]),
                "工作单位": rng.choice(UNITS),
                "现任职务": rng.choice(["副局长", "办公室主任", "股长", "副镇长", "党委委员"]) if level == "正" else
                rng.choice(["股长", "副主任", "科员", "团委书记"]),
                "职级": rng.choice(["副科级", "四级主任科员"]) if level == "正" else rng.choice(["科员", "一级科员", "副科级"]),
                "任现职时间": f"{rng.randint(2019, 2024)}.{rng.randint(1, 12):02d}",
                "后备类别": "正科级后备" if level == "正" else "副科级后备",
                "列入后备时间": f"{rng.randint(2022, 2025)}.{rng.randint(1, 12):02d}",
                "assess": extra.get("assess") or tuple(rng.choice(["优秀", "称职", "称职", "称职"]) for _ in range(3)),
                "联系电话": f"138{rng.randint(10000000, 99999999)}",
                "备注": extra.get("note"),
                **{k: v for k, v in extra.items() if k in ("secondment", "bad_id", "mismatch", "bad_date", "float_id")},
            }
            voters = rng.randint(16, 20)
            bad = rng.randint(0, 2)
            exc = rng.randint(voters // 2, voters - bad - 1)
            person["votes"] = (exc, voters - exc - bad, bad, 0, voters)
            (principal if level == "正" else deputy).append(person)
    deputy[1]["id_seq"] = 90
    deputy.append(dict(deputy[1], 备注="重复录入"))  # the same person entered twice
    return principal, deputy


def _row(seq: int, p: dict) -> list:
    born = p["born"]
    id_number: object = make_id(born, p["male"], seq=p.get("id_seq", seq))
    if p.get("bad_id"):
        id_number = id_number[:-1] + ("1" if id_number[-1] != "1" else "2")
    if p.get("mismatch"):
        id_number = make_id(dt.date(born.year, born.month, born.day) + dt.timedelta(days=400), p["male"], seq=seq)
    if p.get("float_id"):
        id_number = float(id_number[:17] + "0")
    birth = p.get("bad_date") or f"{born.year}.{born.month:02d}"
    sec = p.get("secondment") or (None, None, None)
    return [seq, p["姓名"], p["性别"], p["民族"], birth, id_number, p["政治面貌"], p["参加工作时间"], p["全日制教育"],
            p["在职教育"], p["工作单位"], p["现任职务"], p["职级"], p["任现职时间"], p["后备类别"], p["列入后备时间"],
            *p["assess"], *p["votes"], sec[0], sec[1], sec[2], p["联系电话"], p["备注"]]


def _style_header(ws, top: int, width: int) -> None:
    thin = Side(style="thin")
    for r in (top, top + 1):
        for c in range(1, width + 1):
            cell = ws.cell(r, c)
            cell.font = Font(name="宋体", bold=True, size=10)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _header(ws, headers: list[tuple[str, str | None]], top: int) -> None:
    c = 1
    while c <= len(headers):
        text, group = headers[c - 1]
        if group is None:
            ws.cell(top, c, text)
            ws.merge_cells(start_row=top, start_column=c, end_row=top + 1, end_column=c)
            c += 1
            continue
        end = c
        while end < len(headers) and headers[end][1] == group:
            end += 1
        ws.cell(top, c, group)
        ws.merge_cells(start_row=top, start_column=c, end_row=top, end_column=end)
        for k in range(c, end + 1):
            ws.cell(top + 1, k, headers[k - 1][0])
        c = end + 1
    _style_header(ws, top, len(headers))


def build_roster(path: Path) -> None:
    rng = random.Random(20261201)
    principal, deputy = roster_people(rng)
    wb = Workbook()
    ws = wb.active
    ws.title = "后备干部名册"
    width = len(ROSTER_HEADERS)
    ws.cell(1, 1, "泸西县科级后备干部名册")
    ws.cell(1, 1).font = Font(name="方正小标宋简体", size=18)
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(2, 1, "填报单位：中共泸西县委组织部（盖章）                    填报日期：2025年12月20日")
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    _header(ws, ROSTER_HEADERS, 3)
    r, seq = 5, 1
    for title, people in (("一、正科级后备干部", principal), ("二、副科级后备干部", deputy)):
        ws.cell(r, 1, title)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
        for p in people:
            for c, value in enumerate(_row(seq, p), start=1):
                if value is not None:
                    ws.cell(r, c, value)
            ws.cell(r, 6).number_format = "@"
            r, seq = r + 1, seq + 1
    r += 1
    ws.cell(r, 1, "合计")
    ws.cell(r, 2, f"{seq - 1}人")
    ws.cell(r + 1, 1, "填表说明：1.出生年月、参加工作时间等按“1985.03”格式填写；2.年度考核填写考核等次。")
    ws.cell(r + 2, 1, "填表人：李华                审核人：张明")
    widths = [5, 8, 5, 6, 9, 20, 11, 10, 11, 11, 14, 12, 12, 9, 11, 10, 7, 7, 7, 6, 6, 8, 7, 8, 12, 10, 10, 13, 14]
    for c, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.freeze_panes = "C5"
    ws.print_title_rows = "3:4"
    ws.page_setup.orientation = "landscape"
    wb.save(path)


SCORE_HEADERS = [("序号", None), ("准考证号", None), ("姓名", None), ("工作单位", None), ("笔试成绩", None)] + \
    [(f"评委{i}", "考评组评分") for i in range(1, 8)] + \
    [(h, "民主测评票数") for h in ("优秀", "称职", "基本称职", "不称职")] + [("测评人数", None), ("备注", None)]


def build_scores(path: Path) -> None:
    rng = random.Random(2025)
    used: set[str] = set()
    wb = Workbook()
    ws = wb.active
    ws.title = "答辩测评"
    width = len(SCORE_HEADERS)
    ws.cell(1, 1, "2025年科级后备干部培训考试及答辩测评成绩汇总表")
    ws.cell(1, 1).font = Font(name="方正小标宋简体", size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _header(ws, SCORE_HEADERS, 2)
    r = 4
    for i in range(1, 21):
        name = _name(rng, used)
        written: object = round(rng.uniform(52, 95) * 2) / 2
        note = None
        if i == 7:
            written, note = "缺考", "因公出差"
        if i == 12:
            written = 58.5
        marks = [round(rng.uniform(70, 95) * 2) / 2 for _ in range(7)]
        voters = rng.randint(15, 20)
        bad = rng.randint(0, 2)
        exc = rng.randint(voters // 3, voters - bad - 1)
        votes = [exc, voters - exc - bad - (1 if i == 15 else 0), bad, 0]
        if i in (3, 4):  # two candidates with the same marks and votes: a tie in the ranking
            marks, votes, voters, written = [86, 88, 85, 87, 90, 84, 86], [12, 5, 1, 0], 18, 80
        row = [i, f"2025{i:03d}", name, rng.choice(UNITS), written, *marks, *votes, voters, note]
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
        r += 1
    ws.cell(r + 1, 1, "注：笔试60分合格；答辩测评分数 = 考评分×60% + 测评分×40%。")
    ws.cell(r + 2, 1, "计分人：王芳            监督人：赵强")
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 8 if c > 4 else 12
    wb.save(path)


ENTERPRISE_HEADERS = [("序号", None), ("姓名", None), ("工作单位", None), ("笔试（30分）", None), ("演讲答辩（35分）", None)] + \
    [(h, "组织考察（35分）") for h in ("公司领导班子（15分）", "中层干部（10分）", "职工代表（10分）")]


def build_enterprise(path: Path) -> None:
    """A company's open selection (--policy enterprise): 笔试30 + 演讲答辩35 + 组织考察35."""
    rng = random.Random(2026)
    used: set[str] = set()
    wb = Workbook()
    ws = wb.active
    ws.title = "公开选拔"
    width = len(ENTERPRISE_HEADERS)
    ws.cell(1, 1, "2026年中层助理后备人选公开选拔成绩表")
    ws.cell(1, 1).font = Font(name="方正小标宋简体", size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _header(ws, ENTERPRISE_HEADERS, 2)
    departments = ["生产部", "财务部", "营销部", "综合办公室", "技术中心"]
    for i in range(1, 11):
        half = lambda low, high: round(rng.uniform(low, high) * 2) / 2  # noqa: E731
        row = [i, _name(rng, used), rng.choice(departments), half(18, 29), half(24, 34), half(10, 15), half(6, 10),
               half(6, 10)]
        if i == 6:
            row[3:] = ["缺考"]
        for c, value in enumerate(row, start=1):
            ws.cell(3 + i, c, value)
    ws.cell(15, 1, "计分人：刘洋            监督人：陈静")
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 14 if c > 3 else 10
    wb.save(path)


INTERVIEW_HEADERS = [("序号", None), ("准考证号", None), ("姓名", None), ("工作单位", None), ("笔试成绩", None)] + \
    [(f"评委{i}", "面试评委评分") for i in range(1, 8)] + [("备注", None)]


def build_interview(path: Path) -> None:
    """A competitive selection (竞争上岗, with sample_data/竞争上岗政策.toml): 笔试40% + 面试60%,
    seven interview judges (the highest and lowest dropped), one absent from the interview,
    one below the written pass mark."""
    rng = random.Random(2027)
    used: set[str] = set()
    wb = Workbook()
    ws = wb.active
    ws.title = "竞争上岗"
    width = len(INTERVIEW_HEADERS)
    ws.cell(1, 1, "2026年县直机关股室负责人竞争上岗成绩汇总表")
    ws.cell(1, 1).font = Font(name="方正小标宋简体", size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _header(ws, INTERVIEW_HEADERS, 2)
    r = 4
    for i in range(1, 13):
        written: object = round(rng.uniform(56, 92) * 2) / 2
        marks: list[object] = [round(rng.uniform(72, 94) * 2) / 2 for _ in range(7)]
        note = None
        if i == 5:
            written = 57.5  # below 60: no interview
        if i == 9:
            marks, note = ["缺考"] * 7, "未参加面试"
        row = [i, f"2026{i:03d}", _name(rng, used), rng.choice(UNITS), written, *marks, note]
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value)
        r += 1
    ws.cell(r + 1, 1, "注：笔试60分合格方可参加面试；综合成绩 = 笔试成绩×40% + 面试成绩×60%。")
    ws.cell(r + 2, 1, "计分人：杨帆            监督人：周敏")
    for c in range(1, width + 1):
        ws.column_dimensions[get_column_letter(c)].width = 8 if c > 5 else 12
    wb.save(path)


def main() -> None:
    build_roster(HERE / "后备干部名册.xlsx")
    build_scores(HERE / "答辩测评成绩.xlsx")
    build_enterprise(HERE / "公开选拔成绩.xlsx")
    build_interview(HERE / "竞争上岗成绩.xlsx")
    print("已生成：", HERE / "后备干部名册.xlsx", HERE / "答辩测评成绩.xlsx", HERE / "公开选拔成绩.xlsx",
          HERE / "竞争上岗成绩.xlsx")


if __name__ == "__main__":
    main()
