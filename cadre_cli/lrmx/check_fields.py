"""Checks of single fields against the editor's input rules (EditInfo.xml) and code tables,
and of the dates, the 入党时间, the ID number and the photo."""

from __future__ import annotations

import datetime as dt
import re

from cadre_cli.lrmx.codes import EDITOR, code_table, input_rules, ruler_text
from cadre_cli.lrmx.fields import (
    BY_ELEMENT,
    FAMILY,
    FAMILY_BY_ELEMENT,
    FAMILY_FIELDS,
    FIELDS,
    FIELDS_2025,
    PHOTO,
    label,
)
from cadre_cli.lrmx.finding import Sink
from cadre_cli.lrmx.interpret import DATE_KEYS
from cadre_cli.lrmx.values import (
    education_caption,
    name_problems,
    party_name,
    read_date,
)
from cadre_cli.parse.categories import parse_gender
from cadre_cli.parse.dates import PDate, chinese_date
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.rules.registry import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
ID_BASIS = "GB 11643-1999《公民身份号码》"
PARTY_AGE_BASIS = "《中国共产党章程》第一条：年满十八岁的中国工人、农民、军人、知识分子和其他社会阶层的先进分子……可以申请加入中国共产党"
ORDER_BASIS = "出生、参加工作、入党时间应先后有序，且不晚于检查基准日（数据规范）"
BASIS_2025 = "任免表编辑器2025年版新增栏目“到龄年月”“改革前任职年龄界限”（代码表 NLLB）"
REQUIRED_ERROR = ("XingMing", "XingBie", "ChuShengNianYue", "JiSuanNianLingShiJian")
REQUIRED_WARNING = ("MinZu", "JiGuan", "ChuShengDi", "CanJiaGongZuoShiJian", "JianKangZhuangKuang", "XianRenZhiWu",
                    "JianLi", "JiangChengQingKuang", "NianDuKaoHeJieGuo", "TianBiaoShiJian", "TianBiaoRen")
_REQUIRED_HINT = {
    "JiangChengQingKuang": ("没有受过奖励和处分的，应填写“无”", "无"),
    "NianDuKaoHeJieGuo": ("没有年度考核结果的，应采取写实的办法注明", "写实"),
    "JiSuanNianLingShiJian": ("年龄按此时间计算，不能为空", "实足年龄"),
}


def _basis(element: str, *keywords: str) -> str:
    """The 填表说明 sentences of the element's field that hold one of the keywords."""
    leaf = element.rsplit("/", 1)[-1]
    f = FAMILY_BY_ELEMENT.get(leaf) if "/" in element else BY_ELEMENT.get(element)
    return ruler_text(f.code, *keywords) if f and f.code else EDITOR


def check_structure(sink: Sink) -> None:
    card = sink.record.card
    if card.format == "lrm":
        sink.add("lrmx-version", "", "旧版任免表（.lrm，2.0版）：没有身份证号和2025年新增栏目，这几项未检查；"
                 "建议用任免表编辑器打开后另存为 .lrmx", "任免表编辑器 3.x 以 .lrmx 格式保存", severity=I)
        if card.field_count is not None and card.field_count != 33:
            sink.add("lrmx-structure", "", f"旧版任免表应有33栏，此文件有{card.field_count}栏，缺少的栏目按空白处理",
                     "旧版任免表（.lrm）格式", count=card.field_count)
        return
    if card.encoding not in ("utf-8", "utf8"):
        shown = "GBK" if card.encoding.startswith("gb") else card.encoding.upper()
        sink.add("lrmx-encoding", "", f"文件是 {shown} 编码，任免表编辑器写出的是 UTF-8；已按 {shown} 读取",
                 "任免表编辑器以 UTF-8 保存 .lrmx", encoding=card.encoding)
    if card.version is None:
        sink.add("lrmx-structure", "Version", "文件中没有 <Version>（版本）", "任免表编辑器写出的文件都有版本号")
    elif not card.version.startswith("3."):
        sink.add("lrmx-version", "Version", f"版本号“{card.version}”不是任免表编辑器 3.x 的版本", EDITOR, severity=I)
    required = set(REQUIRED_ERROR) | set(REQUIRED_WARNING) | set(FIELDS_2025)
    missing = [f.element for f in FIELDS if f.element not in card.elements and f.element not in required]
    if not card.family_present:
        missing.append(FAMILY)
    if missing:
        sink.add("lrmx-structure", "", "文件中没有这些栏目：" + "、".join(f"<{m}>（{label(m)}）" for m in missing),
                 "任免表 3.2.1.6 版的栏目", elements=missing)
    for element in card.duplicates:
        sink.add("lrmx-structure", element, f"<{element}> 出现不止一次，只读取了第一个", "每个栏目只能有一个")
    if card.unknown:
        tags = list(dict.fromkeys(u.tag for u in card.unknown))
        sink.add("lrmx-structure", "", "有任免表格式中没有的栏目（已原样保留）：" + "、".join(f"<{t}>" for t in tags),
                 "任免表 3.2.1.6 版的栏目", severity=I, elements=tags)


def check_required(sink: Sink) -> None:
    card = sink.record.card
    for element in (*REQUIRED_ERROR, *REQUIRED_WARNING):
        if card.format == "lrm" and element not in card.elements:
            continue
        if card.text(element):
            continue
        hint, keyword = _REQUIRED_HINT.get(element, ("", ""))
        message = f"{label(element)}为空" + (f"；{hint}" if hint else "")
        sink.add("lrmx-required", element, message, _basis(element, keyword) if keyword else _basis(element),
                 severity=E if element in REQUIRED_ERROR else W)
    if not card.text("QuanRiZhiJiaoYu_XueLi") and not card.text("ZaiZhiJiaoYu_XueLi"):
        sink.add("lrmx-required", "QuanRiZhiJiaoYu_XueLi", "全日制教育和在职教育的学历都为空",
                 _basis("QuanRiZhiJiaoYu_XueLi", "最高学历学位"), severity=W)
    if card.format == "lrmx" and not card.text("ShenFenZheng"):
        sink.add("lrmx-required", "ShenFenZheng", "身份证号为空，无法核对出生年月和性别", ID_BASIS, severity=W)


def _texts(sink: Sink):
    """(element path, field, text) for every simple element and every family member's element."""
    card = sink.record.card
    for f in FIELDS:
        if f.element in card.elements and f.element != PHOTO:
            yield f.element, f, card.elements[f.element].strip()
    for index, item in enumerate(card.family, start=1):
        if not any(v.strip() for v in item.values()):
            continue
        for f in FAMILY_FIELDS:
            yield f"{FAMILY}/Item[{index}]/{f.element}", f, item.get(f.element, "").strip()


def check_lengths(sink: Sink) -> None:
    rules = input_rules()
    for element, f, text in _texts(sink):
        rule = rules.get(f.code or "")
        if rule is None or not text:
            continue
        if rule.type == "C" and rule.length and not rule.table and len(text) > rule.length:
            sink.add("lrmx-length", element, f"{label(element)}有{len(text)}个字，超过录入规范的{rule.length}个字",
                     _basis(element, "最多") if "最多" in rule.ruler else f"{EDITOR}【{rule.desc}】：最大长度{rule.length}",
                     length=len(text), limit=rule.length)
        if not rule.allow_enter and "\n" in text:
            sink.add("lrmx-line-break", element, f"{label(element)}中有换行，录入规范不允许此栏换行",
                     f"{EDITOR}【{rule.desc}】：不允许栏内回车换行")


# --- code tables ------------------------------------------------------------------------------
_EDUCATION_SUGGEST = {"本科": "大学", "大学本科": "大学", "硕士研究生": "研究生", "博士研究生": "研究生",
                      "在职研究生": "研究生", "专科": "大专", "大学专科": "大专", "中等专业学校": "中专"}
_STATUS_SUGGEST = {"中共预备党员": "预备党员", "团员": "共青团员", "无党派人士": "无党派", "党员": "中共党员"}


_TABLE_KEYWORDS = {"GB3304": ("全称",), "GB22611": ("下拉",), "GB22613": ("健康",), "ZB64": ("（1）", "（3）", "（5）"),
                   "GB6864": ("（7）",), "GB4761": ("“称谓”的写法",), "GB4762": ("“政治面貌”应填写",)}


def _suggest(table_id: str, value: str) -> tuple[str | None, Severity]:
    """A value of the table the text most likely means, and how bad the departure is."""
    table = code_table(table_id)
    if table_id == "GB3304" and value + "族" in table:
        return value + "族", E
    if table_id == "GB22611":
        try:
            return parse_gender(value), E
        except ValueProblem:
            return None, E
    if table_id == "ZB64":
        return _EDUCATION_SUGGEST.get(value), E
    if table_id == "GB6864" and value.removesuffix("学位") in table:
        return value.removesuffix("学位"), W
    if table_id == "GB4762":
        return _STATUS_SUGGEST.get(value) or party_name(value), E
    return None, E


def _in_table(table_id: str, text: str) -> list[str]:
    """The parts of a value that are not in the table (a 学位 may name two degrees)."""
    table = code_table(table_id)
    if table_id == "ZB64":
        return [] if education_caption(text) in table else [text]
    parts = re.split(r"[、，,；;\s]+", text) if table_id == "GB6864" else [text]
    return [p for p in parts if p and p not in table]


def check_code_tables(sink: Sink) -> None:
    rules = input_rules()
    for element, f, text in _texts(sink):
        rule = rules.get(f.code or "")
        table_id = rule.table if rule else ("NLLB" if element == "GaiGeQianRenZhiNianLingJieXian" else "")
        if not table_id or not text:
            continue
        for part in _in_table(table_id, text):
            table = code_table(table_id)
            suggestion, severity = _suggest(table_id, part)
            message = f"“{part}”不是{table.name}代码表（{table_id}）中的值"
            if suggestion and suggestion != part:
                message += f"，应写作“{suggestion}”"
            if table_id == "GB22613":  # serious illness is written as it is
                severity = I
                message += "（有严重疾病、慢性疾病或身体伤残的如实简要填写，可不按代码表）"
            basis = _basis(element, *_TABLE_KEYWORDS.get(table_id, ())) if rule else BASIS_2025
            sink.add("lrmx-code-table", element, message, basis, severity=severity, table=table_id,
                     suggestion=suggestion)


def check_names(sink: Sink) -> None:
    card = sink.record.card
    names = [("XingMing", card.elements.get("XingMing", ""))]
    names += [(f"{FAMILY}/Item[{i}]/XingMing", item.get("XingMing", "")) for i, item in enumerate(card.family, 1)]
    for element, text in names:
        for problem in name_problems(text):
            sink.add("lrmx-name", element, problem, ruler_text("XM", "姓名"))


# --- dates ------------------------------------------------------------------------------------
_FORM = {False: "YYYYMM（如“197204”）", True: "YYYYMM 或 YYYYMMDD"}


def check_dates(sink: Sink) -> None:
    record = sink.record
    for issue in record.issues:
        if issue.key in DATE_KEYS or issue.key == "family.birth":
            sink.add("lrmx-date-invalid", issue.element, f"{label(issue.element)}{issue.reason}", _basis(issue.element, "格式"))
    forms = record.values.get("date_forms_ok", {})
    for key, ok in forms.items():
        if not ok:
            element = record.where(key).element
            sink.add("lrmx-date-format", element, f"{label(element)}应写作{_FORM[key in ('age_date', 'fill_date')]}",
                     _basis(element, "格式", "YYYYMM", "197204"), severity=W, date=record.get(key))
    party = record.get("party")
    if party is not None and party.joined is not None and not party.joined_form_ok:
        sink.add("lrmx-date-format", "RuDangShiJian", f"入党时间应写作{_FORM[False]}", _basis("RuDangShiJian", "格式"),
                 date=party.joined)
    for index, item in enumerate(record.card.family, start=1):
        try:
            _, ok = read_date(item.get("ChuShengRiQi", ""))
        except ValueProblem:
            continue
        if not ok:
            element = f"{FAMILY}/Item[{index}]/ChuShengRiQi"
            sink.add("lrmx-date-format", element, f"{label(element)}应写作{_FORM[False]}", _basis(element, "出生日期"))


def _month_index(d: PDate) -> int:
    return d.year * 12 + d.month - 1


def check_date_order(sink: Sink, as_of: dt.date) -> None:
    v = sink.record.values
    birth, work, joined, age_date = v["birth"], v["work_start"], v["joined_party"], v["age_date"]
    today = PDate(as_of.year, as_of.month, as_of.day)
    for key, element, name in (("birth", "ChuShengNianYue", "出生年月"), ("work_start", "CanJiaGongZuoShiJian", "参加工作时间"),
                               ("joined_party", "RuDangShiJian", "入党时间"), ("fill_date", "TianBiaoShiJian", "填表时间")):
        date = v[key]
        if date is not None and date.first_day() > as_of:
            sink.add("lrmx-date-order", element, f"{name}{date}晚于检查基准日{today}", ORDER_BASIS, date=date, as_of=today)
    if birth is not None and work is not None and _month_index(work) < _month_index(birth):
        sink.add("lrmx-date-order", "CanJiaGongZuoShiJian", f"参加工作时间{work}早于出生年月{birth}", ORDER_BASIS,
                 birth=birth, work_start=work)
    if birth is not None and age_date is not None and _month_index(age_date) < _month_index(birth):
        sink.add("lrmx-date-order", "JiSuanNianLingShiJian", f"计算年龄时间{age_date}早于出生年月{birth}", ORDER_BASIS,
                 birth=birth, age_date=age_date)
    if birth is not None and joined is not None and _month_index(joined) < _month_index(birth) + 18 * 12:
        age = (_month_index(joined) - _month_index(birth)) // 12
        sink.add("lrmx-party-age", "RuDangShiJian", f"入党时间{joined}时未满18周岁（出生年月{birth}，当时{age}周岁）",
                 PARTY_AGE_BASIS, birth=birth, joined_party=joined, age=age)


def check_party(sink: Sink) -> None:
    record = sink.record
    for issue in record.issues:
        if issue.key == "joined_party":
            sink.add("lrmx-party", "RuDangShiJian", f"入党时间栏：{issue.reason}", _basis("RuDangShiJian", "民主党派", "格式"))
    party = record.get("party")
    for problem in party.problems if party else ():
        sink.add("lrmx-party", "RuDangShiJian", problem, _basis("RuDangShiJian", "分号", "民主党派"), severity=W)


def check_id(sink: Sink) -> None:
    record = sink.record
    raw = record.card.text("ShenFenZheng")
    for issue in record.issues:
        if issue.key == "id_number":
            sink.add("lrmx-id-invalid", "ShenFenZheng", issue.reason, ID_BASIS)
    ident = record.get("id")
    if ident is None:
        return
    if ident.legacy:
        sink.add("lrmx-id-format", "ShenFenZheng", f"身份证号是15位旧号码，应为18位（{ident.number}）", ID_BASIS, number=ident.number)
    elif raw != ident.number:
        sink.add("lrmx-id-format", "ShenFenZheng", f"身份证号应写作“{ident.number}”（末位大写X，不含空格）", ID_BASIS,
                 number=ident.number)
    birth, gender = record.get("birth"), record.get("gender")
    born = ident.birth
    if birth is not None and (birth.year, birth.month, birth.day or born.day) != (born.year, born.month, born.day):
        sink.add("lrmx-id-mismatch", "ChuShengNianYue", f"出生年月{birth.chinese()}与身份证号中的出生日期{chinese_date(born)}不符", ID_BASIS,
                 birth=birth, id_birth=born.isoformat())
    if gender is not None and gender != ident.gender:
        sink.add("lrmx-id-mismatch", "XingBie", f"性别“{gender}”与身份证号（{ident.gender}）不符", ID_BASIS,
                 gender=gender, id_gender=ident.gender)


def check_education(sink: Sink) -> None:
    text = sink.record.card.text("QuanRiZhiJiaoYu_XueLi")
    if "党校" in text:
        sink.add("lrmx-party-school", "QuanRiZhiJiaoYu_XueLi", f"“{text}”是党校学历，应填入在职教育栏",
                 _basis("QuanRiZhiJiaoYu_XueLi", "党校学历，均填入"))


def check_photo(sink: Sink) -> None:
    card = sink.record.card
    photo = card.photo
    element = PHOTO if card.format == "lrmx" else ""
    basis = ruler_text("ZP")
    if photo is None:
        where = "（同名 .pic 文件）" if card.format == "lrm" else ""
        sink.add("lrmx-photo", element, f"没有照片{where}", basis, value="")
    elif photo.problem:
        sink.add("lrmx-photo", element, photo.problem, basis, value=f"{photo.size} 字节", size=photo.size)


def check_family(sink: Sink) -> None:
    for index, item in enumerate(sink.record.card.family, start=1):
        if not any(v.strip() for v in item.values()):
            continue
        for element, name in (("ChengWei", "称谓"), ("XingMing", "姓名")):
            if not item.get(element, "").strip():
                path = f"{FAMILY}/Item[{index}]/{element}"
                sink.add("lrmx-family", path, f"第{index}位家庭成员没有填写{name}", _basis(path, "准确"))


def check_2025(sink: Sink) -> None:
    card = sink.record.card
    if card.format != "lrmx":
        return
    for element in FIELDS_2025:
        if element not in card.elements:
            sink.add("lrmx-2025-fields", element, f"文件中没有2025年新增的“{label(element)}”栏目（旧版本文件）", BASIS_2025,
                     value=None)
        elif not card.text(element) and element != "DaoLingNianYue":  # that one: check_retirement
            sink.add("lrmx-2025-fields", element, f"2025年新增的“{label(element)}”为空", BASIS_2025)
