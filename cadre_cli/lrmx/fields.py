"""The elements of a 干部任免审批表 file, in the order the editor writes them.

Order, editor codes and code tables follow the v3.2.1.6 skeleton (owip `rm.xml`) and the
editor's `EditInfo.xml`; the two 2025 elements sit where rmb_helper places them. `key` is the
name the typed record uses (the roster's field name where one exists). `lrm` is the field's
index in a legacy `.lrm` line (None: not in that format). `blank` is how the editor writes
the element when it is empty: "" (`<X></X>`) or a line break (`<X>\\n  </X>`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

VERSION = "3.2.1.6"
ROOT = "Person"
FAMILY = "JiaTingChengYuan"
FAMILY_ITEM = "Item"
PHOTO = "ZhaoPian"
VERSION_ELEMENT = "Version"
FIELDS_2025 = ("DaoLingNianYue", "GaiGeQianRenZhiNianLingJieXian")


@dataclass(frozen=True, slots=True)
class Field:
    element: str
    label: str  # 中文栏目名, as the printed form and EditInfo name it
    code: str | None  # the editor's field code in EditInfo.xml
    key: str
    lrm: int | None = None
    blank: str = ""


_NL = "\n  "
_NL6 = "\n      "

FIELDS: tuple[Field, ...] = (
    Field("XingMing", "姓名", "XM", "name", 0),
    Field("XingBie", "性别", "XB", "gender", 1),
    Field("ChuShengNianYue", "出生年月", "CSNY", "birth", 2),
    Field("MinZu", "民族", "MZ", "ethnicity", 3),
    Field("JiGuan", "籍贯", "JG", "native_place", 4),
    Field("ChuShengDi", "出生地", "CSD", "birthplace", 7),
    Field("RuDangShiJian", "入党时间", "RDSJ", "joined_party", 5),
    Field("CanJiaGongZuoShiJian", "参加工作时间", "CJGZSJ", "work_start", 8),
    Field("DaoLingNianYue", "到龄年月", None, "retire_month"),
    Field("JianKangZhuangKuang", "健康状况", "JKZK", "health", 6),
    Field("ZhuanYeJiShuZhiWu", "专业技术职务", "ZYJSZW", "title", 11),
    Field("ShuXiZhuanYeYouHeZhuanChang", "熟悉专业有何专长", "SXZYYHZC", "expertise", 16),
    Field("QuanRiZhiJiaoYu_XueLi", "全日制教育学历", "QRZXL", "education_fulltime"),
    Field("QuanRiZhiJiaoYu_XueWei", "全日制教育学位", "QRZXW", "degree_fulltime"),
    Field("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "全日制教育毕业院校系及专业（学历）", "QRZXLXX", "school_fulltime"),
    Field("QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "全日制教育毕业院校系及专业（学位）", "QRZXWXX", "degree_school_fulltime"),
    Field("ZaiZhiJiaoYu_XueLi", "在职教育学历", "ZZXL", "education_parttime", blank=_NL),
    Field("ZaiZhiJiaoYu_XueWei", "在职教育学位", "ZZXW", "degree_parttime", blank=_NL),
    Field("ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "在职教育毕业院校系及专业（学历）", "ZZXLXX", "school_parttime", blank=_NL),
    Field("ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi", "在职教育毕业院校系及专业（学位）", "ZZXWXX", "degree_school_parttime",
          blank=_NL),
    Field("XianRenZhiWu", "现任职务", "XRZW", "post", 25),
    Field("NiRenZhiWu", "拟任职务", "NRZW", "proposed_post", 26, blank=_NL),
    Field("NiMianZhiWu", "拟免职务", "NMZW", "proposed_removal", 27, blank=_NL),
    Field("JianLi", "简历", "JL", "resume", 17),
    Field("JiangChengQingKuang", "奖惩情况", "JCQK", "rewards", 18),
    Field("NianDuKaoHeJieGuo", "年度考核结果", "NDKHJG", "assessment_text", 19),
    Field("RenMianLiYou", "任免理由", "RMLY", "reason", 28, blank=_NL),
    Field("ChengBaoDanWei", "呈报单位", "CBDW", "reporting_unit", 29, blank=_NL),
    Field("GaiGeQianRenZhiNianLingJieXian", "改革前任职年龄界限", None, "pre_reform_limit"),
    Field("JiSuanNianLingShiJian", "计算年龄时间", "JSNLSJ", "age_date", 30),
    Field("TianBiaoShiJian", "填表时间", "TBSJ", "fill_date", 32, blank=_NL),
    Field("TianBiaoRen", "填表人", "TBR", "filler", 31),
    Field("ShenFenZheng", "身份证号", None, "id_number", blank=_NL),
    Field(PHOTO, "照片", "ZP", "photo"),
)
"""Every simple element, in file order; the family container goes before ChengBaoDanWei."""

FAMILY_BEFORE = "ChengBaoDanWei"

FAMILY_FIELDS: tuple[Field, ...] = (
    Field("ChengWei", "称谓", "FCW", "relation", 20),
    Field("XingMing", "姓名", "FXM", "name", 21),
    Field("ChuShengRiQi", "出生日期", "FCSRQ", "birth", 22, blank=_NL6),
    Field("ZhengZhiMianMao", "政治面貌", "FZZMM", "political_status", 23),
    Field("GongZuoDanWeiJiZhiWu", "工作单位及职务", "FGZDWJZW", "work", 24),
)

BY_ELEMENT = {f.element: f for f in FIELDS}
BY_KEY = {f.key: f for f in FIELDS}
# Typed values derived from an element: where they point.
DERIVED_KEYS = {
    "post_since": "JianLi", "posts": "JianLi", "secondments": "JianLi", "political_status": "RuDangShiJian",
    "parties": "RuDangShiJian", "party": "RuDangShiJian", "assessments": "NianDuKaoHeJieGuo",
    "assessment": "NianDuKaoHeJieGuo", "id": "ShenFenZheng", "family": FAMILY, "age": "ChuShengNianYue",
    "education_fulltime_text": "QuanRiZhiJiaoYu_XueLi", "degree_fulltime_text": "QuanRiZhiJiaoYu_XueWei",
    "education_parttime_text": "ZaiZhiJiaoYu_XueLi", "degree_parttime_text": "ZaiZhiJiaoYu_XueWei",
    "version": VERSION_ELEMENT,
}


def element_of(key: str) -> str:
    """The element a typed value (`birth`, `post_since` …) comes from; the key itself if none."""
    f = BY_KEY.get(key)
    return f.element if f else DERIVED_KEYS.get(key, key)
FAMILY_BY_ELEMENT = {f.element: f for f in FAMILY_FIELDS}
KNOWN_ELEMENTS = frozenset((*BY_ELEMENT, FAMILY, VERSION_ELEMENT))

# Legacy .lrm: index 9 holds `全日制学历#全日制学位@在职学历#在职学位`, index 10 the schools the
# same way; 12–15 are empty. Their elements, in the order of the `#`/`@` parts:
LRM_EDUCATION = (9, ("QuanRiZhiJiaoYu_XueLi", "QuanRiZhiJiaoYu_XueWei", "ZaiZhiJiaoYu_XueLi", "ZaiZhiJiaoYu_XueWei"))
LRM_SCHOOLS = (10, ("QuanRiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "QuanRiZhiJiaoYu_XueWei_BiYeYuanXiaoXi",
                    "ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi", "ZaiZhiJiaoYu_XueWei_BiYeYuanXiaoXi"))
LRM_FIELD_COUNT = 33


def lrm_index(element: str) -> int | None:
    """The position in a legacy .lrm line of the field an element (or family path) maps to."""
    leaf = element.rsplit("/", 1)[-1]
    if "/" in element:
        f = FAMILY_BY_ELEMENT.get(leaf)
        return f.lrm if f else None
    for index, elements in (LRM_EDUCATION, LRM_SCHOOLS):
        if element in elements:
            return index
    f = BY_ELEMENT.get(element)
    return f.lrm if f else None


def label(element: str) -> str:
    """The Chinese name of an element (a family element's path gives the member's field)."""
    leaf = element.rsplit("/", 1)[-1]
    if "/" in element and leaf in FAMILY_BY_ELEMENT:
        m = re.search(r"Item\[(\d+)\]", element)
        who = f"第{m.group(1)}位家庭成员" if m else "家庭成员"
        return f"{who}的{FAMILY_BY_ELEMENT[leaf].label}"
    field = BY_ELEMENT.get(leaf)
    if field is not None:
        return field.label
    return {FAMILY: "家庭主要成员及重要社会关系", VERSION_ELEMENT: "版本"}.get(leaf, leaf)
