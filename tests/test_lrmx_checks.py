"""Checks against the editor's input rules, code tables, dates, ID number, 简历 and the 2025 rule."""

import base64
import datetime as dt
import json

import pytest

from cadre_cli.lrmx import RULES, check_record, check_records, finding_json, place, read_bytes
from cadre_cli.lrmx.retirement import DelayRule
from cadre_cli.rules.registry import Severity
from tests.builders import make_id
from tests.lrmx_builders import FAMILY, good_values, jpeg, lrm_bytes, lrmx_bytes

AS_OF = dt.date(2026, 12, 1)
E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def check(values=None, family=None, name="张三.lrmx", as_of=AS_OF, **kw):
    return check_record(read_bytes(lrmx_bytes(values, family, **kw.pop("build", {})), name), as_of, **kw)


def only(found, rule):
    hits = [f for f in found if f.rule == rule]
    assert len(hits) == 1, [(f.rule, f.message) for f in found]
    return hits[0]


def rules(found):
    return sorted({f.rule for f in found})


def test_a_correct_file_has_no_findings():
    assert check() == []


def test_every_finding_is_complete_and_plain():
    found = check(good_values(MinZu="汉", ChuShengNianYue="1980.05", JianLi="2000.01--2001.01  甲\n2003.01--         乙"))
    assert found
    for f in found:
        assert f.rule in RULES and f.where.file == "张三.lrmx" and f.message and f.basis
        json.dumps(f.as_json(), ensure_ascii=False)
        assert finding_json(f)["place"].startswith("张三.lrmx")


@pytest.mark.parametrize("element, raw, suggestion, severity", [
    ("MinZu", "汉", "汉族", E), ("MinZu", "维", None, E), ("XingBie", "男性", "男", E),
    ("QuanRiZhiJiaoYu_XueLi", "本科", "大学", E), ("ZaiZhiJiaoYu_XueLi", "硕士研究生", "研究生", E),
    ("QuanRiZhiJiaoYu_XueWei", "经济学学士学位", "经济学学士", W), ("QuanRiZhiJiaoYu_XueWei", "本科", None, E),
    ("GaiGeQianRenZhiNianLingJieXian", "60周岁", None, E), ("JianKangZhuangKuang", "高血压", None, I),
])
def test_code_tables(element, raw, suggestion, severity):
    f = only(check(good_values(**{element: raw})), "lrmx-code-table")
    assert ((f.where.element or ""), f.raw, f.severity, f.data["suggestion"]) == (element, raw, severity, suggestion)
    assert "EditInfo" in f.basis or "NLLB" in f.basis
    assert place(f).startswith(f"张三.lrmx 的 <{element}>")


@pytest.mark.parametrize("element, raw", [
    ("ZaiZhiJiaoYu_XueLi", "中央党校研究生"), ("ZaiZhiJiaoYu_XueLi", "省委党校大学"), ("ZaiZhiJiaoYu_XueLi", "自治区党委党校研究生"),
    ("QuanRiZhiJiaoYu_XueLi", "大学普通班"), ("QuanRiZhiJiaoYu_XueLi", "大学结业"), ("QuanRiZhiJiaoYu_XueLi", "研究生肄业"),
    ("QuanRiZhiJiaoYu_XueWei", "工商管理硕士专业"), ("QuanRiZhiJiaoYu_XueWei", "工商管理硕士"),
    ("ZaiZhiJiaoYu_XueWei", "经济学硕士、管理学博士"), ("JianKangZhuangKuang", "一般"), ("MinZu", "维吾尔族"),
])
def test_code_table_values_accepted(element, raw):
    assert "lrmx-code-table" not in rules(check(good_values(**{element: raw})))


def test_family_code_tables_and_completeness():
    family = [dict(FAMILY[0], ChengWei="老婆", ZhengZhiMianMao="党员"), {"ChengWei": "", "XingMing": "", "ChuShengRiQi": "198213"}]
    found = check(family=family)
    elements = {(f.rule, (f.where.element or "")) for f in found}
    assert ("lrmx-code-table", "JiaTingChengYuan/Item[1]/ChengWei") in elements
    assert ("lrmx-code-table", "JiaTingChengYuan/Item[1]/ZhengZhiMianMao") in elements
    assert ("lrmx-date-invalid", "JiaTingChengYuan/Item[2]/ChuShengRiQi") in elements
    assert ("lrmx-family", "JiaTingChengYuan/Item[2]/XingMing") in elements
    f = [f for f in found if (f.where.element or "").endswith("Item[1]/ZhengZhiMianMao")][0]
    assert f.data["suggestion"] == "中共党员" and "第1位家庭成员的政治面貌" in place(f)


def test_lengths_and_line_breaks():
    found = check(good_values(XingMing="张" * 19, XianRenZhiWu="某局局长\n党组书记"))
    f = only(found, "lrmx-length")
    assert ((f.where.element or ""), f.data) == ("XingMing", {"length": 19, "limit": 18}) and "18个汉字" in f.basis
    assert (only(found, "lrmx-line-break").where.element or "") == "XianRenZhiWu"
    long_work = [dict(FAMILY[0], GongZuoDanWeiJiZhiWu="甲" * 125)]
    assert only(check(family=long_work), "lrmx-length").data == {"length": 125, "limit": 124}


def test_required():
    found = check(good_values(XingMing="", JiSuanNianLingShiJian=" ", JiangChengQingKuang="\n  ", QuanRiZhiJiaoYu_XueLi="",
                              ZaiZhiJiaoYu_XueLi=""))
    req = {((f.where.element or ""), f.severity) for f in found if f.rule == "lrmx-required"}
    assert req == {("XingMing", E), ("JiSuanNianLingShiJian", E), ("JiangChengQingKuang", W), ("QuanRiZhiJiaoYu_XueLi", W)}
    f = [f for f in found if (f.where.element or "") == "JiangChengQingKuang"][0]
    assert "应填写“无”" in f.message and "应填写“无”" in f.basis


def test_names():
    found = check(good_values(XingMing="买买提•艾力"), family=[dict(FAMILY[0], XingMing="王 芳")])
    names = [((f.where.element or ""), f.message) for f in found if f.rule == "lrmx-name"]
    assert names == [("XingMing", "姓名中的分隔符“•”应写作“·”"), ("JiaTingChengYuan/Item[1]/XingMing", "姓名中有空格")]
    assert check(good_values(XingMing="买买提·艾力")) == []


@pytest.mark.parametrize("element, raw, rule, severity", [
    ("ChuShengNianYue", "1980.05", "lrmx-date-format", W), ("ChuShengNianYue", "19800503", "lrmx-date-format", W),
    ("CanJiaGongZuoShiJian", "2002年7月", "lrmx-date-format", W), ("RuDangShiJian", "2003.06", "lrmx-date-format", W),
    ("JiSuanNianLingShiJian", "2025.12", "lrmx-date-format", W), ("DaoLingNianYue", "2043.05", "lrmx-date-format", W),
    ("ChuShengNianYue", "1980.13", "lrmx-date-invalid", E), ("CanJiaGongZuoShiJian", "某年", "lrmx-date-invalid", E),
    ("TianBiaoShiJian", "20250231", "lrmx-date-invalid", E),
])
def test_date_forms(element, raw, rule, severity):
    f = only(check(good_values(**{element: raw})), rule)
    assert ((f.where.element or ""), f.raw, f.severity) == (element, raw, severity)


def test_editor_forms_with_days_where_allowed():
    assert check(good_values(JiSuanNianLingShiJian="20251201", TianBiaoShiJian="202512")) == []


def test_date_order_and_party_age():
    found = check(good_values(CanJiaGongZuoShiJian="197912"))
    assert only(found, "lrmx-date-order").where.element == "CanJiaGongZuoShiJian"
    f = only(check(good_values(RuDangShiJian="199804")), "lrmx-party-age")
    assert f.data["age"] == 17 and "未满18周岁" in f.message and "章程" in f.basis
    assert "lrmx-party-age" not in rules(check(good_values(RuDangShiJian="199805")))  # the month of the 18th birthday
    future = check(good_values(CanJiaGongZuoShiJian="202701", RuDangShiJian="202701", TianBiaoShiJian="20261202"))
    assert {(f.where.element or "") for f in future if f.rule == "lrmx-date-order"} == {"CanJiaGongZuoShiJian", "RuDangShiJian", "TianBiaoShiJian"}


def test_party_field():
    found = check(good_values(RuDangShiJian="民建；200306"))
    assert only(found, "lrmx-party").severity == W
    assert only(check(good_values(RuDangShiJian="群众")), "lrmx-party").message.startswith("入党时间栏不填“群众”")
    f = only(check(good_values(RuDangShiJian="加入过")), "lrmx-party")
    assert f.severity == E and "既不是入党时间" in f.message
    assert check(good_values(RuDangShiJian="200306；民建")) == []
    assert check(good_values(RuDangShiJian="民建")) == []


def test_id_number():
    number = make_id(dt.date(1980, 5, 3))
    assert only(check(good_values(ShenFenZheng=number[:-1] + ("0" if number[-1] != "0" else "1"))), "lrmx-id-invalid").severity == E
    women = make_id(dt.date(1980, 6, 3), "女")
    found = check(good_values(ShenFenZheng=women))
    assert {(f.where.element or "") for f in found if f.rule == "lrmx-id-mismatch"} == {"ChuShengNianYue", "XingBie"}
    with_x = next(make_id(dt.date(1980, 5, 3), seq=s) for s in range(1, 400) if make_id(dt.date(1980, 5, 3), seq=s)[-1] == "X")
    f = only(check(good_values(ShenFenZheng=with_x.lower())), "lrmx-id-format")
    assert f.data["number"] == with_x
    legacy = number[:6] + number[8:17]
    assert "15位" in only(check(good_values(ShenFenZheng=legacy)), "lrmx-id-format").message
    assert check(good_values(ChuShengNianYue="19800503")) == [f for f in check(good_values(ChuShengNianYue="19800503"))
                                                               if f.rule == "lrmx-date-format"]
    assert only(check(good_values(ChuShengNianYue="19800504")), "lrmx-id-mismatch").where.element == "ChuShengNianYue"


def test_party_school_in_the_fulltime_column():
    f = only(check(good_values(QuanRiZhiJiaoYu_XueLi="中央党校研究生")), "lrmx-party-school")
    assert "均填入【在职教育】" in f.basis


def test_photo():
    assert only(check(good_values(ZhaoPian="")), "lrmx-photo").message == "没有照片"
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 4000).decode()
    assert only(check(good_values(ZhaoPian=png)), "lrmx-photo").message == "照片不是 JPEG 格式"
    assert check(good_values(ZhaoPian=base64.b64encode(jpeg(400, 500)).decode())) == []


def test_structure_version_and_encoding():
    found = check(good_values(ShenFenZheng=None, Version=None), build={"extra": "  <BeiZhu>x</BeiZhu>"})
    messages = [(f.severity, f.message) for f in found if f.rule == "lrmx-structure"]
    assert (W, "文件中没有 <Version>（版本）") in messages
    assert any("<ShenFenZheng>" in m for _, m in messages)
    assert any(s == I and "<BeiZhu>" in m for s, m in messages)
    assert only(check(good_values(Version="2.0")), "lrmx-version").severity == I
    assert check(good_values(Version="3.2.1.16")) == []  # RMeditor and the Django exporter write this one
    gbk = read_bytes(lrmx_bytes().decode().encode("gbk"), "a.lrmx")
    assert only(check_record(gbk, AS_OF), "lrmx-encoding").data == {"encoding": "gb18030"}


def test_2025_fields():
    found = check(good_values(DaoLingNianYue=None, GaiGeQianRenZhiNianLingJieXian=None))
    assert [(f.rule, (f.where.element or ""), f.severity) for f in found] == [
        ("lrmx-2025-fields", "DaoLingNianYue", W), ("lrmx-2025-fields", "GaiGeQianRenZhiNianLingJieXian", W)]
    f = only(check(good_values(DaoLingNianYue="")), "lrmx-2025-fields")
    assert "应为2043.05" in f.message and f.data["expected"] == ["204305"]


@pytest.mark.parametrize("gender, birth, limit, stated, ok", [
    ("男", "198005", "改革前任职年龄界限为60岁", "204305", True),
    ("男", "198005", "改革前任职年龄界限为60岁", "204005", False),
    ("女", "197104", "改革前任职年龄界限为55岁", "202608", True),
    ("女", "197104", "改革前任职年龄界限为55岁", "202604", False),
    ("女", "197104", "改革前任职年龄界限为60岁", "203211", True),
    ("女", "197104", "", "202608", True),  # no limit stated: 55 or 60 for women
    ("女", "197104", "", "203211", True),
    ("男", "196501", "改革前任职年龄界限为60岁", "202502", True),
    ("男", "196501", "改革前任职年龄界限为60岁", "202501", False),
])
def test_retirement_month(gender, birth, limit, stated, ok):
    number = make_id(dt.date(int(birth[:4]), int(birth[4:]), 3), gender)
    found = check(good_values(XingBie=gender, ChuShengNianYue=birth, GaiGeQianRenZhiNianLingJieXian=limit,
                              DaoLingNianYue=stated, ShenFenZheng=number, RuDangShiJian="", CanJiaGongZuoShiJian="199901"))
    hits = [f for f in found if f.rule == "lrmx-retirement"]
    assert (hits == []) is ok, [(f.message) for f in found]
    if hits:
        assert hits[0].severity == (E if limit else W) and "渐进式延迟法定退休年龄" in hits[0].basis


def test_retirement_for_other_limits_is_a_parameter():
    values = good_values(GaiGeQianRenZhiNianLingJieXian="改革前任职年龄界限为65岁", DaoLingNianYue="204505")
    f = only(check(values), "lrmx-retirement")
    assert f.severity == I and "未在政策中设定" in f.message
    assert check(values, extra_limits={65: DelayRule(65, 0, 0)}) == []
    assert only(check(values, extra_limits={65: DelayRule(65, 4, 36)}), "lrmx-retirement").data["expected"] == ["204805"]
    assert check(good_values(GaiGeQianRenZhiNianLingJieXian="已到龄人员", DaoLingNianYue="202001")) == []


def test_resume_checks():
    resume = "\n".join(["1998.09—2002.07  云南大学学习", "2002.09--2005.01  甲", "2004.06--         乙", "2010.01--2009.01  丙",
                        "2009.01--         丁"])
    found = check(good_values(JianLi=resume))
    assert only(found, "lrmx-resume-format").data["lines"] == [1]
    gap = only(found, "lrmx-resume-gap")
    assert (gap.severity, gap.data["months"], gap.raw) == (E, 1, "1998.09—2002.07  云南大学学习\n2002.09--2005.01  甲")
    assert "前后要衔接，不得空断" in gap.basis
    assert only(found, "lrmx-resume-overlap").data["months"] == 7
    assert only(found, "lrmx-resume-open").data == {"line_before": 3, "line_after": 4}
    assert {f.data.get("line") for f in found if f.rule == "lrmx-resume-order"} >= {4}
    assert only(check(good_values(JianLi="简历：\n" + good_values()["JianLi"])), "lrmx-resume-unread").data["line"] == 1
    late = only(check(good_values(CanJiaGongZuoShiJian="199707", RuDangShiJian="")), "lrmx-resume-start")
    assert "晚于参加工作时间" in late.message
    assert check(good_values(JianLi=good_values()["JianLi"].replace("2006.03--2011.03", "2006.04--2011.03"))) == []


def test_resume_tolerance_is_a_parameter():
    values = good_values(JianLi=good_values()["JianLi"].replace("2006.03--2011.03", "2006.04--2011.03"))
    assert only(check(values, resume_tolerance=0), "lrmx-resume-gap").data["months"] == 0


def test_assessment_checks():
    assert only(check(good_values(NianDuKaoHeJieGuo="2024年度考核称职，2024年度考核优秀")), "lrmx-assessment").severity == E
    assert only(check(good_values(NianDuKaoHeJieGuo="2024年被评为优秀公务员")), "lrmx-assessment").severity == W
    f = only(check(good_values(NianDuKaoHeJieGuo="近两年年度考核均为称职")), "lrmx-assessment")
    assert f.severity == I and f.data["years"] == [2023, 2024]
    assert only(check(good_values(NianDuKaoHeJieGuo="2024年度考核优秀")), "lrmx-assessment").severity == I


def test_lrm_file_findings():
    record = read_bytes(lrm_bytes(), "李四.lrm", pic=jpeg())
    found = check_record(record, AS_OF)
    assert [(f.rule, place(f)) for f in found] == [("lrmx-version", "李四.lrm"),
                                                   ("lrmx-date-format", "李四.lrm 第3项（出生年月）")]
    no_photo = check_record(read_bytes(lrm_bytes(), "李四.lrm"), AS_OF)
    assert only(no_photo, "lrmx-photo").message == "没有照片（同名 .pic 文件）"


def test_the_same_person_twice():
    a = read_bytes(lrmx_bytes(), "张三.lrmx")
    b = read_bytes(lrmx_bytes(good_values(ShenFenZheng="")), "张三（2）.lrmx")
    found = check_records([a, b], AS_OF)
    f = only(found, "lrmx-duplicate-person")
    assert f.where.file == "张三（2）.lrmx" and f.data["other"] == "张三.lrmx" and "姓名和出生年月相同" in f.message
