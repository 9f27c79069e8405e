"""Categorical columns: gender, ethnicity, party, education, degree, rank, title, yes/no.

Each parser takes the cell as typed (`大学 学士`, `中共预备党员`, `一级主任科员`) and
returns an ordered level or a normalised label; unknown text raises ValueProblem.
"""

from __future__ import annotations

import enum

from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, is_blank, squash


def parse_gender(raw: object) -> str | None:
    if is_blank(raw):
        return None
    s = squash(cell_text(raw)).upper()
    if s in ("男", "男性", "M", "MALE"):
        return "男"
    if s in ("女", "女性", "F", "FEMALE"):
        return "女"
    raise ValueProblem(f"性别“{cell_text(raw)}”应为“男”或“女”")


def parse_ethnicity(raw: object) -> str | None:
    if is_blank(raw):
        return None
    s = squash(cell_text(raw))
    if s in ("汉", "汉族"):
        return "汉族"
    return s if s.endswith("族") or len(s) > 1 else s + "族"


def is_minority(ethnicity: str | None) -> bool | None:
    return None if ethnicity is None else ethnicity != "汉族"


_DEMOCRATIC = ("民革", "民盟", "民建", "民进", "农工", "致公", "九三", "台盟")
_NON_CPC = ("群众", "团员", "共青团", "无党派", "无党")


def parse_party(raw: object) -> str | None:
    """`中共党员`, `中共预备党员`, a democratic party, `无党派人士`, `共青团员` or `群众`."""
    if is_blank(raw):
        return None
    s = squash(cell_text(raw))
    if any(name in s for name in _DEMOCRATIC):
        return s
    if "预备" in s and ("党员" in s or "中共" in s):
        return "中共预备党员"
    if "中共" in s or s in ("党员", "中国共产党党员", "共产党员"):
        return "中共党员"
    if any(word in s for word in _NON_CPC):
        return s
    raise ValueProblem(f"政治面貌“{cell_text(raw)}”无法识别")


def is_cpc(party: str | None) -> bool | None:
    return None if party is None else party in ("中共党员", "中共预备党员")


class Education(enum.IntEnum):
    MIDDLE = 1  # 初中及以下
    HIGH = 2  # 高中、中专、中技、职高
    COLLEGE = 3  # 大专、专科
    BACHELOR = 4  # 大学本科
    POSTGRADUATE = 5  # 研究生

    @property
    def label(self) -> str:
        return _EDU_LABELS[self]


_EDU_LABELS = {
    Education.MIDDLE: "初中",
    Education.HIGH: "高中（中专）",
    Education.COLLEGE: "大专",
    Education.BACHELOR: "大学本科",
    Education.POSTGRADUATE: "研究生",
}
_EDU_WORDS: tuple[tuple[tuple[str, ...], Education], ...] = (
    (("研究生", "博士", "硕士"), Education.POSTGRADUATE),
    (("大专", "专科", "高职", "高专"), Education.COLLEGE),
    (("本科", "大学"), Education.BACHELOR),
    (("中专", "高中", "中技", "职高", "技校", "中师", "中职"), Education.HIGH),
    (("初中", "小学"), Education.MIDDLE),
)
EDUCATION_NAMES = {
    "研究生": Education.POSTGRADUATE,
    "本科": Education.BACHELOR,
    "大学": Education.BACHELOR,
    "大专": Education.COLLEGE,
    "专科": Education.COLLEGE,
    "中专": Education.HIGH,
    "高中": Education.HIGH,
    "初中": Education.MIDDLE,
}


def parse_education(raw: object) -> Education | None:
    if is_blank(raw):
        return None
    s = squash(cell_text(raw))
    if s in ("无", "/", "-", "—"):
        return None
    _not_yet(s, raw, "学历")
    for words, level in _EDU_WORDS:
        if any(w in s for w in words):
            return level
    raise ValueProblem(f"学历“{cell_text(raw)}”无法识别")


_STUDYING = ("在读", "就读")


def _not_yet(s: str, raw: object, what: str) -> None:
    """`硕士在读`, `在职研究生（在读）`: still studying, nothing attained yet; read as
    that level it would be published and counted as a qualification the person lacks."""
    if any(w in s for w in _STUDYING):
        raise ValueProblem(f"{what}“{cell_text(raw)}”是在读，尚未取得：请填写已取得的{what}（在读可写在备注中）")


def studying(raw: object) -> bool:
    """An education or degree cell that says the person is still studying."""
    return not is_blank(raw) and any(w in squash(cell_text(raw)) for w in _STUDYING)


class Degree(enum.IntEnum):
    BACHELOR = 1
    MASTER = 2
    DOCTOR = 3

    @property
    def label(self) -> str:
        return {Degree.BACHELOR: "学士", Degree.MASTER: "硕士", Degree.DOCTOR: "博士"}[self]


DEGREE_NAMES = {"学士": Degree.BACHELOR, "硕士": Degree.MASTER, "博士": Degree.DOCTOR}


def parse_degree_cell(raw: object) -> Degree | None:
    """A 学位 column's cell: `硕士在读` is a problem to say, not a blank."""
    if not is_blank(raw):
        _not_yet(squash(cell_text(raw)), raw, "学位")
    return parse_degree(raw)


def parse_degree(raw: object) -> Degree | None:
    """The degree, from a 学位 column or from an education cell such as `研究生 硕士`;
    none from a cell that says it is still being studied for (`硕士在读`)."""
    if is_blank(raw) or studying(raw):
        return None
    s = squash(cell_text(raw))
    for word in ("博士", "硕士", "学士"):
        if word in s:
            return DEGREE_NAMES[word]
    if s.upper() in ("MPA", "MBA", "MPACC", "JM"):
        return Degree.MASTER
    return None


class Rank(enum.IntEnum):
    CLERK = 1  # 科员、办事员
    DEPUTY_SECTION = 2  # 副科级
    SECTION = 3  # 正科级
    DEPUTY_DIVISION = 4  # 副处级（副县级）
    DIVISION = 5  # 正处级（正县级）
    DEPUTY_BUREAU = 6  # 副厅级
    BUREAU = 7  # 正厅级

    @property
    def label(self) -> str:
        return RANK_LABELS[self]


RANK_LABELS = {
    Rank.CLERK: "科员",
    Rank.DEPUTY_SECTION: "副科级",
    Rank.SECTION: "正科级",
    Rank.DEPUTY_DIVISION: "副处级",
    Rank.DIVISION: "正处级",
    Rank.DEPUTY_BUREAU: "副厅级",
    Rank.BUREAU: "正厅级",
}
class RelativeRank(enum.Enum):
    """`正职` / `副职` as a 职级: the principal or a deputy post of its unit, at a level the
    cell does not say (a 正职 is 正科 in one office and 正处 in another)."""

    PRINCIPAL = "正职"
    DEPUTY = "副职"

    @property
    def label(self) -> str:
        return self.value


# Checked in order: the first phrase found decides. 职级 names after the 2019 reform
# map to the 职务 level they are paid and ranked alongside.
_RANK_WORDS: tuple[tuple[str, Rank], ...] = (
    ("一级巡视员", Rank.BUREAU),
    ("二级巡视员", Rank.DEPUTY_BUREAU),
    ("副巡视员", Rank.DEPUTY_BUREAU),
    ("巡视员", Rank.BUREAU),
    ("一级调研员", Rank.DIVISION),
    ("二级调研员", Rank.DIVISION),
    ("三级调研员", Rank.DEPUTY_DIVISION),
    ("四级调研员", Rank.DEPUTY_DIVISION),
    ("副调研员", Rank.DEPUTY_DIVISION),
    ("调研员", Rank.DIVISION),
    ("一级主任科员", Rank.SECTION),
    ("二级主任科员", Rank.SECTION),
    ("三级主任科员", Rank.DEPUTY_SECTION),
    ("四级主任科员", Rank.DEPUTY_SECTION),
    ("副主任科员", Rank.DEPUTY_SECTION),
    ("主任科员", Rank.SECTION),
    ("厅局级正职", Rank.BUREAU),
    ("厅局级副职", Rank.DEPUTY_BUREAU),
    ("县处级正职", Rank.DIVISION),
    ("县处级副职", Rank.DEPUTY_DIVISION),
    ("处级正职", Rank.DIVISION),
    ("处级副职", Rank.DEPUTY_DIVISION),
    ("乡科级正职", Rank.SECTION),
    ("乡科级副职", Rank.DEPUTY_SECTION),
    ("科级正职", Rank.SECTION),
    ("科级副职", Rank.DEPUTY_SECTION),
    ("副厅", Rank.DEPUTY_BUREAU),
    ("正厅", Rank.BUREAU),
    ("副局", Rank.DEPUTY_BUREAU),
    ("正局", Rank.BUREAU),
    ("副处", Rank.DEPUTY_DIVISION),
    ("副县", Rank.DEPUTY_DIVISION),
    ("正处", Rank.DIVISION),
    ("正县", Rank.DIVISION),
    ("副科", Rank.DEPUTY_SECTION),
    ("副乡", Rank.DEPUTY_SECTION),
    ("正科", Rank.SECTION),
    ("正乡", Rank.SECTION),
    ("科员", Rank.CLERK),
    ("办事员", Rank.CLERK),
    ("试用期", Rank.CLERK),
)
_RELATIVE_WORDS = (("正职", RelativeRank.PRINCIPAL), ("副职", RelativeRank.DEPUTY))
_NO_RANK = ("无级别", "无行政级别", "未定级", "无职级")
RANK_NAMES = {label.removesuffix("级"): rank for rank, label in RANK_LABELS.items()}


def parse_rank(raw: object) -> Rank | RelativeRank | None:
    """A 职级: an absolute level (`副科级`, `一级主任科员`, `县处级副职`), or `正职`/`副职`
    (`中层正职`, `正职领导`) whose level the cell does not give; `无级别` is none."""
    if is_blank(raw):
        return None
    s = squash(cell_text(raw))
    for word, rank in _RANK_WORDS:
        if word in s:
            return rank
    for word, relative in _RELATIVE_WORDS:
        if word in s:
            return relative
    if s in _NO_RANK:
        return None
    raise ValueProblem(f"职级“{cell_text(raw)}”无法识别")


class Title(enum.IntEnum):
    JUNIOR = 1  # 初级
    INTERMEDIATE = 2  # 中级
    ASSOCIATE_SENIOR = 3  # 副高级
    SENIOR = 4  # 正高级

    @property
    def label(self) -> str:
        return {1: "初级", 2: "中级", 3: "副高级", 4: "正高级"}[int(self)]


TITLE_NAMES = {"初级": Title.JUNIOR, "中级": Title.INTERMEDIATE, "副高": Title.ASSOCIATE_SENIOR,
               "副高级": Title.ASSOCIATE_SENIOR, "正高": Title.SENIOR, "正高级": Title.SENIOR}
# Checked in order: the first group with a word in the title decides (副研究员 before 研究员,
# 助理研究员 (中级) before 助理 (初级), 高级 before 教授).
_TITLE_WORDS: tuple[tuple[tuple[str, ...], Title], ...] = (
    (("正高", "教授级", "正教授"), Title.SENIOR),
    (("副高", "副教授", "副研究员", "副主任医师", "副主任药师", "副主任护师", "副主任技师", "副编审", "副译审",
      "副研究馆员", "主任记者", "主任编辑"), Title.ASSOCIATE_SENIOR),
    (("助理研究员",), Title.INTERMEDIATE),
    (("助理", "助教", "技术员", "实习员", "见习", "二级教师", "三级教师", "初级", "员级", "会计员", "统计员",
      "经济员", "实验员", "医士", "药士", "护士", "技士"), Title.JUNIOR),
    (("高级",), Title.ASSOCIATE_SENIOR),
    (("教授", "研究员", "研究馆员", "主任医师", "主任药师", "主任护师", "主任技师", "编审", "译审"), Title.SENIOR),
    (("中级", "讲师", "工程师", "经济师", "会计师", "审计师", "统计师", "一级教师", "主治", "主管",
      "编辑", "记者", "农艺师", "畜牧师", "兽医师", "律师", "翻译", "实验师", "馆员", "政工师"), Title.INTERMEDIATE),
    (("医师", "药师", "护师", "技师"), Title.JUNIOR),
)


def parse_title(raw: object) -> Title | None:
    if is_blank(raw):
        return None
    s = squash(cell_text(raw))
    if s in ("无", "/", "-", "—", "未评"):
        return None
    for words, level in _TITLE_WORDS:
        if any(w in s for w in words):
            return level
    raise ValueProblem(f"职称“{cell_text(raw)}”无法识别")


_NO = frozenset({"否", "无", "没有", "不是", "×", "✗", "N", "NO", "0", "FALSE", "F", "不存在", "未发现",
                 "未发现问题", "无问题", "无此情况", "良好", "较好", "好", "正常", "健康", "合格", "一般"})
_YES = frozenset({"是", "有", "√", "✓", "✔", "Y", "YES", "1", "TRUE", "T", "存在"})


def parse_flag(raw: object) -> bool | None:
    """A yes/no mark. Blank is None; a description such as `2024年受警告处分` counts as yes."""
    if is_blank(raw):
        return None
    if isinstance(raw, bool):
        return raw
    s = squash(cell_text(raw)).upper()
    if s in _NO:
        return False
    return True if s in _YES else bool(s)
