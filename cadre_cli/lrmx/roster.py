"""任免表 records as a roster: one row per file, the columns a roster of the same people has.

`roster_rows` lays the typed values of each record out under roster headers (姓名, 出生年月,
任现职时间 …), in the forms a roster holds them (`1980.05`, `大学本科`, `优秀`); 任现职时间 and
the 挂职 come from the 简历, the yearly columns (`2023年度考核`) from 年度考核结果. A value
that could not be read as its type is laid out as the file has it, so the roster reader reports
it as it would in a workbook. Nothing is invented: an element the file leaves empty is an empty
cell. `Places` maps each cell back to its file and element, so a finding on the sheet points
at `张三.lrmx 的 <MinZu>（民族）`.

`ListingBook` holds the rows as a one-sheet workbook (its .xlsx bytes, `listing_book`, made only
when an annotated copy is written): the workbook reader's own header mapping reads it, so the
people and findings are the ones an equivalent workbook gives.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from cadre_cli.lrmx.record import Location, LrmxRecord
from cadre_cli.lrmx.resume import RANGE_IN_TEXT
from cadre_cli.parse.dates import PDate
from cadre_cli.readers.cells import col_index
from cadre_cli.readers.raw import RawBook

SHEET = "任免表"
FILE_HEADER = "任免表文件"
UNIT_HEADER = "单位"  # the sub-folder (or folder inside the zip) the file sits in: offices keep one per unit


@dataclass(frozen=True, slots=True)
class Column:
    header: str  # as a roster writes it; the reader maps it to the field
    element: str  # where the value comes from
    value: Callable[[LrmxRecord], object]
    note: str = ""  # how the value was derived (for the reading report)


def _typed(key: str, raw_element: str) -> Callable[[LrmxRecord], object]:
    """The typed value in a roster's form, else the element's text as the file has it."""

    def get(record: LrmxRecord) -> object:
        value = record.get(key)
        if value is None:
            return record.card.text(raw_element) or None
        if isinstance(value, PDate):
            return str(value)
        return getattr(value, "label", value)

    return get


def _text(element: str) -> Callable[[LrmxRecord], object]:
    return lambda record: record.card.text(element) or None


def _party(record: LrmxRecord) -> object:
    joined = record.get("joined_party")
    if joined is not None:
        return str(joined)
    if record.get("parties"):
        return None  # another party: 政治面貌 says which; no CPC date
    return None if record.get("party") is not None else (record.card.text("RuDangShiJian") or None)


def _status(record: LrmxRecord) -> object:
    return record.get("political_status")


def _since(record: LrmxRecord) -> object:
    since = record.get("post_since")
    return str(since) if since is not None else None


def _secondment(part: str) -> Callable[[LrmxRecord], object]:
    def get(record: LrmxRecord) -> object:
        found = record.get("secondments") or ()
        if not found:
            return None
        last = found[-1]
        if part == "post":
            return RANGE_IN_TEXT.sub("", last.text, count=1).strip() or last.text
        return f"{last.start}--{last.end}" if last.end is not None else f"{last.start}--"

    return get


COLUMNS: tuple[Column, ...] = (
    Column("姓名", "XingMing", lambda r: r.name or r.card.text("XingMing") or None),
    Column("性别", "XingBie", _typed("gender", "XingBie")),
    Column("出生年月", "ChuShengNianYue", _typed("birth", "ChuShengNianYue")),
    Column("民族", "MinZu", _typed("ethnicity", "MinZu")),
    Column("政治面貌", "RuDangShiJian", _status, "由入党时间栏得出"),
    Column("入党时间", "RuDangShiJian", _party),
    Column("参加工作时间", "CanJiaGongZuoShiJian", _typed("work_start", "CanJiaGongZuoShiJian")),
    Column("身份证号", "ShenFenZheng", lambda r: r.get("id_number")),
    Column("健康状况", "JianKangZhuangKuang", _text("JianKangZhuangKuang")),
    Column("专业技术职务", "ZhuanYeJiShuZhiWu", _text("ZhuanYeJiShuZhiWu")),
    Column("全日制学历", "QuanRiZhiJiaoYu_XueLi", _typed("education_fulltime", "QuanRiZhiJiaoYu_XueLi")),
    Column("全日制学位", "QuanRiZhiJiaoYu_XueWei", _typed("degree_fulltime", "QuanRiZhiJiaoYu_XueWei")),
    Column("在职学历", "ZaiZhiJiaoYu_XueLi", _typed("education_parttime", "ZaiZhiJiaoYu_XueLi")),
    Column("在职学位", "ZaiZhiJiaoYu_XueWei", _typed("degree_parttime", "ZaiZhiJiaoYu_XueWei")),
    Column("毕业院校", "QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", _text("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi")),
    Column("现任职务", "XianRenZhiWu", _text("XianRenZhiWu")),
    Column("任现职时间", "JianLi", _since, "由简历的最后一段得出"),
    Column("任职经历", "JianLi", _text("JianLi")),
    Column("挂职职务", "JianLi", _secondment("post"), "由简历中的挂职得出"),
    Column("挂职时间", "JianLi", _secondment("period"), "由简历中的挂职得出"),
    Column("拟任职务", "NiRenZhiWu", _text("NiRenZhiWu")),
)
ASSESSMENT_ELEMENT = "NianDuKaoHeJieGuo"


@dataclass
class Places:
    """Which file and element each cell of the listing sheet comes from."""

    sheet: str = SHEET
    files: dict[int, str] = field(default_factory=dict)  # Excel row -> file
    elements: dict[int, str] = field(default_factory=dict)  # column -> element
    formats: dict[int, str] = field(default_factory=dict)  # Excel row -> "lrmx" | "lrm"

    def locate(self, sheet: str | None, row: int | None, col: int | None) -> tuple[str, str] | None:
        """(file, element) of a cell of the listing; element "" for a whole row."""
        if sheet != self.sheet or row not in self.files:
            return None
        return self.files[row], self.elements.get(col or 0, "")

    def text(self, sheet: str | None, row: int | None, col: int | None) -> str | None:
        """`张三.lrmx 的 <MinZu>（民族）`; None for a cell not of the listing."""
        found = self.locate(sheet, row, col)
        if found is None:
            return None
        file, element = found
        index = None
        if element and self.formats.get(row or 0) == "lrm":
            from cadre_cli.lrmx.fields import lrm_index

            index = lrm_index(element)
        return str(Location(file, element, index))


    def rewrite(self, text: str) -> str:
        """A message that names a cell or row of the listing (`工作表“任免表”E3的…`, `工作表“任免表”第3行`,
        `（第3行）`) names its file and element instead."""
        def file_of(m: re.Match) -> str:
            row = int(m.group(1))
            return f"“{self.files[row]}”" if row in self.files else m.group(0)

        def place_of(m: re.Match) -> str:
            found = self.text(self.sheet, int(m.group(2)), col_index(m.group(1)))
            return found if found is not None else m.group(0)

        text = re.sub(rf"工作表“{re.escape(self.sheet)}”([A-Z]{{1,3}})(\d+)(?:的)?", lambda m: place_of(m) + "：", text)
        text = re.sub(rf"工作表“{re.escape(self.sheet)}”第(\d+)行", file_of, text)
        return re.sub(r"(?<![\d表])第(\d+)行", file_of, text)


def _years(records: Sequence[LrmxRecord]) -> list[int]:
    return sorted({year for r in records for year in (r.get("assessments") or {})})


def roster_rows(records: Sequence[LrmxRecord]) -> tuple[list[list[object]], Places]:
    """The header row and one row per record, and where each cell comes from."""
    years = _years(records)
    headers = [FILE_HEADER, UNIT_HEADER] + [c.header for c in COLUMNS] + [f"{y}年度考核" for y in years]
    places = Places()
    col = 3
    for c in COLUMNS:
        places.elements[col] = c.element
        col += 1
    for _ in years:
        places.elements[col] = ASSESSMENT_ELEMENT
        col += 1
    rows: list[list[object]] = [headers]
    for index, record in enumerate(records, start=2):
        places.files[index] = record.file
        places.formats[index] = record.card.format
        grades = record.get("assessments") or {}
        row: list[object] = [record.file, record.card.group or None]
        row += [_cell(c.value(record)) for c in COLUMNS]
        row += [_grade(grades, y) for y in years]
        rows.append(row)
    return rows, places


def _cell(value: Any) -> object:
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None


def _grade(grades: dict, year: int) -> object:
    if year not in grades:
        return None
    grade = grades[year]
    return grade.label if grade is not None else "未确定等次"


@dataclass
class ListingBook(RawBook):
    """The listing as the workbook the readers and the annotated copy take: its grid at once,
    its .xlsx bytes only when a copy is written (an audit with --json or --no-output, a
    notice, an inspection never pay for them)."""

    rows: list[list[object]] = field(default_factory=list, repr=False)

    @property
    def data(self) -> bytes:
        if self.content is None:
            self.content = listing_book(self.rows)
        return self.content


def listing_book(rows: list[list[object]]) -> bytes:
    """The rows as an .xlsx: every cell text (never a number, a date or a formula; characters
    a workbook cannot hold are left out)."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is None:
                continue
            cell = ws.cell(r, c)
            cell.value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
            cell.data_type = "s"
            cell.number_format = "@"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
