"""Typed values of single 任免表 elements: dates in the editor's forms, 入党时间 with party
names, names with ethnic separators, education and degree levels from the code tables.

Dates go through the project's `parse.dates.parse_date_text`; the editor's own forms are
only told apart (YYYYMM, or YYYYMMDD where allowed) so that a readable date in another
form (`1985.03`) is read and reported, not refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cadre_cli.lrmx.codes import code_table
from cadre_cli.parse import categories as cat
from cadre_cli.parse.dates import PDate, parse_date_text
from cadre_cli.parse.problem import ValueProblem

_MONTH_FORM = re.compile(r"\d{6}")
_DAY_FORM = re.compile(r"\d{8}")


def read_date(text: str, days_allowed: bool = False) -> tuple[PDate | None, bool]:
    """(the date, whether it is written in the editor's form); (None, True) for blank.
    The editor's form is YYYYMM, or also YYYYMMDD for 计算年龄时间 and 填表时间."""
    s = text.strip()
    if not s:
        return None, True
    date = parse_date_text(s)
    editor_form = bool(_MONTH_FORM.fullmatch(s) or (days_allowed and _DAY_FORM.fullmatch(s)))
    return date, editor_form


# --- names ------------------------------------------------------------------------------
SEPARATOR = "·"
_OTHER_SEPARATORS = "?？。•・．･‧∙⋅"
_SEPARATORS = re.compile(f"[{re.escape(_OTHER_SEPARATORS)}]")


def read_name(text: str) -> str | None:
    """A name with every whitespace removed and the ethnic separators the editor accepts
    (`?？。•`) written as `·`: `买买提•艾力` -> `买买提·艾力`."""
    joined = "".join(text.split())
    return _SEPARATORS.sub(SEPARATOR, joined) or None


def name_problems(text: str) -> list[str]:
    s = text.strip()
    problems = []
    if any(ch.isspace() for ch in s):
        problems.append("姓名中有空格")
    others = sorted(set(_SEPARATORS.findall(s)))
    if others:
        problems.append(f"姓名中的分隔符“{'”“'.join(others)}”应写作“·”")
    return problems


# --- 入党时间 ------------------------------------------------------------------------------
_PARTIES = (("民革", "民革"), ("民盟", "民盟"), ("民建", "民建"), ("民进", "民进"), ("农工", "农工党"),
            ("致公", "致公党"), ("九三", "九三"), ("台盟", "台盟"), ("无党派", "无党派"), ("无党", "无党派"))
_PARTY_SPLIT = re.compile(r"\s*([；;，,、/]|\s)\s*")


@dataclass(frozen=True, slots=True)
class PartyField:
    joined: PDate | None  # when the person joined the CPC
    parties: tuple[str, ...]  # democratic parties / 无党派, in GB4762 captions
    joined_form_ok: bool = True  # the date is written YYYYMM
    problems: tuple[str, ...] = ()  # how the text departs from the 填表说明 (read anyway)

    @property
    def political_status(self) -> str | None:
        if self.joined is not None:
            return "中共党员"
        return "、".join(self.parties) or None


def party_name(token: str) -> str | None:
    """A democratic party or 无党派 in the editor's caption (`九三学社` -> `九三`)."""
    for word, caption in _PARTIES:
        if word in token:
            return caption
    return None


def read_party(text: str) -> PartyField:
    """`200108`, `民建`, `民建；民盟`, `200108；民建`. ValueProblem when a part is neither a
    date nor a party name; the departures from the 填表说明 that are still readable are listed."""
    s = text.strip()
    if not s:
        return PartyField(None, ())
    parts = [p for p in _PARTY_SPLIT.split(s) if p and not _PARTY_SPLIT.fullmatch(p)]
    separators = {m.group(1) for m in _PARTY_SPLIT.finditer(s)}
    joined: PDate | None = None
    form_ok = True
    parties: list[str] = []
    problems: list[str] = []
    for index, part in enumerate(parts):
        name = party_name(part)
        if name is not None:
            if name not in parties:
                parties.append(name)
            continue
        if part in ("群众", "中共党员", "党员", "预备党员", "中共预备党员", "共青团员"):
            problems.append(f"入党时间栏不填“{part}”，只填加入中共的时间或民主党派名称、“无党派”")
            continue
        try:
            date, ok = read_date(part)
        except ValueProblem:
            raise ValueProblem(f"“{part}”既不是入党时间，也不是民主党派名称") from None
        if joined is not None:
            raise ValueProblem("入党时间栏有两个日期")
        joined, form_ok = date, ok
        if index > 0:
            problems.append("应先写加入中共的时间，再写民主党派名称")
    if len(parts) > 1 and separators - {"；", ";"}:
        problems.append("各项之间应用分号“；”隔开")
    return PartyField(joined, tuple(parties), form_ok, tuple(problems))


# --- education and degree -------------------------------------------------------------------
_EDUCATION_ROOTS = {"1": cat.Education.POSTGRADUATE, "2": cat.Education.BACHELOR, "3": cat.Education.COLLEGE,
                    "35": cat.Education.HIGH, "36": cat.Education.HIGH, "37": cat.Education.HIGH,
                    "38": cat.Education.MIDDLE, "39": cat.Education.MIDDLE}
_DEGREE_ROOTS = {"2": cat.Degree.DOCTOR, "3": cat.Degree.MASTER, "4": cat.Degree.BACHELOR}
_INCOMPLETE = ("结业", "肄业")
_PROVINCIAL_SCHOOL = re.compile(r"^.{0,6}?(?:省|市|区|自治区)(?:党)?委党校")


def education_caption(text: str) -> str:
    """The ZB64 caption a value is written as: `省委党校研究生` -> `省（区、市）委党校研究生`,
    `大学结业` -> `大学` (the 填表说明 asks to note 结业/肄业 after the caption)."""
    s = "".join(text.split())
    for word in _INCOMPLETE:
        s = s.removesuffix(word)
    if not s.startswith("中央党校"):
        s = _PROVINCIAL_SCHOOL.sub("省（区、市）委党校", s)
    return s


def education_level(text: str) -> cat.Education | None:
    """The level of a 学历 value: by its place in the ZB64 table (`大学普通班` is 专科
    教育 there), else as the roster parser reads it. Extends `parse.categories.parse_education`
    for the code-table captions, which that parser would misread."""
    caption = education_caption(text)
    if not caption:
        return None
    root = code_table("ZB64").root(caption)
    if root in _EDUCATION_ROOTS:
        return _EDUCATION_ROOTS[root]
    return cat.parse_education(text)


def degree_level(text: str) -> cat.Degree | None:
    """The level of a 学位 value by its GB6864 group (名誉博士 is no earned degree: None),
    else as `parse.categories.parse_degree` reads it."""
    s = "".join(text.split()).removesuffix("学位")
    if not s:
        return None
    root = code_table("GB6864").root(s)
    if root is not None:
        return _DEGREE_ROOTS.get(root)
    return cat.parse_degree(s)


# --- 改革前任职年龄界限 (NLLB) -----------------------------------------------------------------
ALREADY_OF_AGE = -1


def read_limit(text: str) -> int | None:
    """The NLLB code of a 改革前任职年龄界限 value: 55/60/63/65/66, or -1 for 已到龄人员."""
    s = "".join(text.split())
    if not s:
        return None
    table = code_table("NLLB")
    if s in table:
        return int(table.codes[s])
    m = re.fullmatch(r"(?:改革前任职年龄界限为?)?(\d{2})(?:周?岁)?", s)
    if m and int(m.group(1)) in (50, 55, 60, 63, 65, 66):
        return int(m.group(1))
    raise ValueProblem(f"“{s}”不是改革前任职年龄界限代码表（NLLB）中的值")


def limit_caption(limit: int) -> str | None:
    """The NLLB caption for a limit; None for a limit the table lacks (50)."""
    for caption, code in code_table("NLLB").codes.items():
        if int(code) == limit:
            return caption
    return None
