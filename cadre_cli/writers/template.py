"""Blank input workbooks with the recognised headers, drop-downs and date formats.

Date and ID columns are text cells: Excel then keeps `1985.10` and an 18-digit ID
number exactly as typed (a number cell would turn them into 1985.1 and 1.1E+17);
a validation rule checks the `1985.03` / `1985.03.15` form.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from cadre_cli.policy.schema import Policy
from cadre_cli.readers.cells import col_letter
from cadre_cli.writers.workbook import set_value

BLANK_ROWS = 500
GRADES = "优秀,称职,基本称职,不称职,合格,基本合格,不合格,未确定等次"
PARTIES = "中共党员,中共预备党员,共青团员,群众,民革党员,民盟盟员,民建会员,民进会员,农工党党员,致公党党员,九三学社社员,台盟盟员,无党派人士"
EDUCATION = "研究生,大学,大专,中专,高中"


@dataclass(frozen=True)
class Column:
    header: str
    group: str | None = None  # a group cell over several columns
    kind: str = "text"  # text | date | id | grade | count | score | choice
    choices: str | None = None
    width: float = 10
    maximum: int | None = None


def roster_columns(policy: Policy, year: int) -> list[Column]:
    levels = ",".join(level.label for level in policy.levels.values())
    cols = [
        Column("序号", width=6, kind="count"),
        Column("姓名", width=10),
        Column("性别", kind="choice", choices="男,女", width=6),
        Column("民族", width=8),
        Column("出生年月", kind="date", width=11),
        Column("身份证号码", kind="id", width=21),
        Column("政治面貌", kind="choice", choices=PARTIES, width=13),
        Column("参加工作时间", kind="date", width=11),
        Column("全日制教育", group="学历学位", kind="choice", choices=EDUCATION, width=10),
        Column("在职教育", group="学历学位", kind="choice", choices=EDUCATION, width=10),
        Column("学位", kind="choice", choices="博士,硕士,学士", width=8),
        Column("职称", width=12),
        Column("工作单位", width=18),
        Column("现任职务", width=18),
        Column("职级", width=10),
        Column("任现职时间", kind="date", width=11),
        Column("后备类别", kind="choice" if levels else "text", choices=levels or None, width=10),
        Column("列入后备时间", kind="date", width=11),
    ]
    cols += [Column(f"{y}年", group="年度考核", kind="grade", width=9) for y in range(year - 2, year + 1)]
    cols += [Column(h, group="民主测评票数", kind="count", width=7) for h in ("优秀", "称职", "基本称职", "不称职")]
    cols += [Column("测评人数", kind="count", width=8), Column("挂职单位", width=16)]
    if policy.secondment.cycles:  # the cycle depends on the kind of post
        cols.append(Column("挂职职务", width=16))
    cols += [Column("挂职开始时间", kind="date", width=11), Column("挂职结束时间", kind="date", width=11)]
    return cols + _policy_columns(policy) + [Column("备注", width=16)]


def _policy_columns(policy: Policy) -> list[Column]:
    """The columns that the policy's own rules read, beyond the common ones."""
    wanted = [
        (policy.health.condition, Column("健康状况", width=10)),
        (policy.rotation.programme_years, Column("任职经历", width=30)),
        (policy.records.talks_per_year, Column("谈心谈话次数", kind="count", width=8)),
        (policy.records.articles_per_year, Column("履职体会篇数", kind="count", width=8)),
        (policy.village.cultivation_years, Column("拟任职务", width=16)),
        (policy.tiers.term_years, Column("总结考核", kind="grade", width=9)),
    ]
    return [column for needed, column in wanted if needed]


def score_columns(policy: Policy) -> list[Column]:
    """The blank score sheet: who, then the columns the policy's scheme reads, then 备注."""
    from cadre_cli.score.schemes import scheme_of

    base = [Column("序号", width=6, kind="count"), Column("准考证号", width=12), Column("姓名", width=10),
            Column("工作单位", width=18)]
    return base + scheme_of(policy).blank_columns(policy) + [Column("备注", width=16)]


def build_template(kind: str, policy: Policy, target: Path, year: int | None = None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.worksheet.datavalidation import DataValidation

    year = year or dt.date.today().year - 1
    if kind == "roster":
        columns, title, sheet = roster_columns(policy, year), f"{policy.notice.subject}名册", "后备干部名册"
    else:
        from cadre_cli.score.schemes import scheme_of

        title = f"{policy.notice.subject}{scheme_of(policy).title}成绩登记表"
        columns, sheet = score_columns(policy), "成绩"
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    last = col_letter(len(columns))
    set_value(ws["A1"], title)
    ws["A1"].font = Font(name="宋体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    set_value(ws["A2"], "填报单位：                      填报日期：    年  月  日")
    ws.merge_cells(f"A2:{last}2")
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    first, rows = 5, BLANK_ROWS
    group_start: dict[str, int] = {}
    for i, col in enumerate(columns, start=1):
        letter = col_letter(i)
        top, sub = ws.cell(3, i), ws.cell(4, i)
        if col.group:
            group_start.setdefault(col.group, i)
            set_value(ws.cell(3, group_start[col.group]), col.group)
            set_value(sub, col.header)
        else:
            set_value(top, col.header)
            ws.merge_cells(f"{letter}3:{letter}4")
        for cell in (top, sub):
            cell.font = Font(name="宋体", size=11, bold=True)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            cell.fill = head_fill
            cell.border = border
        ws.column_dimensions[letter].width = col.width
        _format_column(ws, col, letter, first, first + rows - 1, DataValidation)
    for group, start in group_start.items():
        end = max(i for i, c in enumerate(columns, start=1) if c.group == group)
        ws.merge_cells(f"{col_letter(start)}3:{col_letter(end)}3")
    ws.freeze_panes = ws.cell(first, 3)
    ws.print_title_rows = "3:4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    notes = wb.create_sheet("填表说明")
    for r, line in enumerate(_notes(kind), start=1):
        set_value(notes.cell(r, 1), line)
    notes.column_dimensions["A"].width = 100
    wb.save(target)


def _format_column(ws, col: Column, letter: str, first: int, last: int, DataValidation) -> None:
    area = f"{letter}{first}:{letter}{last}"
    top = f"{letter}{first}"
    dv = None
    if col.kind in ("date", "id", "text"):
        for r in range(first, last + 1):
            ws[f"{letter}{r}"].number_format = "@"
    if col.kind == "date":
        formula = (f'AND(MID({top},5,1)=".",OR(LEN({top})=7,LEN({top})=10),'
                   f'ISNUMBER(--SUBSTITUTE({top},".","")))')
        dv = DataValidation(type="custom", formula1=formula, allow_blank=True,
                            promptTitle="日期", prompt="按“1985.03”或“1985.03.15”填写（本列为文本格式）。",
                            errorTitle="日期格式", error="请按“1985.03”或“1985.03.15”的形式填写。")
    elif col.kind == "id":
        dv = DataValidation(type="textLength", operator="equal", formula1="18", allow_blank=True,
                            promptTitle="身份证号", prompt="18位，本列为文本格式，直接输入即可。",
                            errorTitle="身份证号", error="身份证号应为18位。")
    elif col.kind == "grade":
        dv = DataValidation(type="list", formula1=f'"{GRADES}"', allow_blank=True,
                            errorTitle="考核等次", error="请从下拉列表中选择考核等次。")
    elif col.kind == "choice" and col.choices:
        dv = DataValidation(type="list", formula1=f'"{col.choices}"', allow_blank=True,
                            errorTitle=col.header, error="请从下拉列表中选择。")
    elif col.kind == "count":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True,
                            errorTitle=col.header, error="请填写不小于0的整数。")
    elif col.kind == "score":
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2=str(col.maximum or 100),
                            allow_blank=True, errorTitle=col.header, error=f"分数应在0到{col.maximum or 100}之间。")
    if dv is not None:
        dv.showErrorMessage = True
        dv.showInputMessage = bool(dv.prompt)
        ws.add_data_validation(dv)
        dv.add(area)


def _notes(kind: str) -> list[str]:
    common = [
        "填表说明",
        "1. 请从第5行开始逐人填写，不要改动第3、4行的表头；可以删去用不到的列。",
        "2. 日期列为文本格式，按“1985.03”或“1985.03.15”填写；身份证号为文本格式，直接输入18位号码。",
        "3. 表格下方的合计、填表人、审核人等行不会被当作人员读取。",
    ]
    if kind == "roster":
        return common + ["4. 年度考核从下拉列表选择；未考核的年度填“未确定等次”或留空。",
                         "5. 民主测评票数填写各等次的票数，测评人数填写实际参加测评的人数。"]
    return common + ["4. 缺考的笔试成绩填“缺考”，不要填0。", "5. 票数之和不能超过测评人数。"]
