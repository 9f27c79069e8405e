"""Reading .lrmx and .lrm files: every quirk of FIELDS.md, the safety limits, the locations."""

import base64

import pytest

from cadre_cli.errors import InputError
from cadre_cli.lrmx import read_bytes
from cadre_cli.lrmx.fields import FIELDS
from cadre_cli.lrmx.xmlfile import MAX_LRMX_BYTES, LrmxFileError
from cadre_cli.parse.categories import Degree, Education
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import Grade
from tests.lrmx_builders import FAMILY, good_values, jpeg, lrm_bytes, lrmx_bytes, lrmx_text


def read(values=None, family=None, name="张三.lrmx", **kw):
    return read_bytes(lrmx_bytes(values, family, **kw), name)


def test_complete_file_typed_values():
    r = read()
    v = r.values
    assert r.name == "张三" and v["gender"] == "男" and v["ethnicity"] == "汉族"
    assert v["birth"] == PDate(1980, 5) and v["work_start"] == PDate(2002, 7) and v["joined_party"] == PDate(2003, 6)
    assert v["political_status"] == "中共党员"
    assert v["education_fulltime"] == Education.BACHELOR and v["degree_fulltime"] == Degree.BACHELOR
    assert v["education_parttime"] == Education.POSTGRADUATE and v["degree_parttime"] is None
    assert v["education_parttime_text"] == "省委党校研究生"
    assert v["post"] == "泸西县财政局局长、党组书记"
    assert v["post_since"] == PDate(2016, 8)
    assert v["assessments"] == {2023: Grade.COMPETENT, 2024: Grade.COMPETENT}
    assert v["retire_month"] == PDate(2043, 5) and v["pre_reform_limit"] == 60
    assert v["age_date"] == PDate(2025, 12) and v["fill_date"] == PDate(2025, 12, 1) and v["age"] == 45
    assert v["id"].number == v["id_number"] and v["id"].gender == "男"
    assert v["photo"].problem is None and v["photo"].size > 1024
    assert [s.text for s in v["secondments"]] == ["2013.03--2014.03挂职任红河州财政局副局长"]
    assert [m.relation for m in v["family"]] == ["妻子", "儿子", "父亲"]
    assert v["family"][2].deceased and not v["family"][0].deceased
    assert v["family"][0].birth == PDate(1982, 1)
    assert r.issues == []
    assert r.card.version == "3.2.1.6" and r.card.encoding == "utf-8"


def test_location_names_file_and_element():
    r = read()
    assert str(r.where("birth")) == "张三.lrmx 的 <ChuShengNianYue>（出生年月）"
    assert str(r.where("post_since")) == "张三.lrmx 的 <JianLi>（简历）"
    assert str(r.where("political_status")) == "张三.lrmx 的 <RuDangShiJian>（入党时间）"
    assert r.where("assessments").element == "NianDuKaoHeJieGuo" and r.where("id").element == "ShenFenZheng"
    assert str(r.card.where("JiaTingChengYuan/Item[2]/ChengWei")) == "张三.lrmx 的 <JiaTingChengYuan/Item[2]/ChengWei>（第2位家庭成员的称谓）"


def test_whitespace_only_elements_are_empty():
    r = read(good_values(NiRenZhiWu="\n    \n  ", XianRenZhiWu="  　 ", JiangChengQingKuang="\t"))
    assert r.get("proposed_post") is None and r.get("post") is None and r.get("rewards") is None
    assert r.card.elements["NiRenZhiWu"] == "\n    \n  "  # kept as the file has it


@pytest.mark.parametrize("raw, name", [("买买提·艾力", "买买提·艾力"), ("买买提•艾力", "买买提·艾力"), ("买买提?艾力", "买买提·艾力"),
                                       ("买买提？艾力", "买买提·艾力"), ("买买提。艾力", "买买提·艾力"), ("张　三", "张三")])
def test_name_separators(raw, name):
    assert read(good_values(XingMing=raw)).name == name


@pytest.mark.parametrize("raw, date", [("198005", PDate(1980, 5)), ("19800503", PDate(1980, 5, 3)), ("1980.05", PDate(1980, 5)),
                                       ("1980.05.03", PDate(1980, 5, 3)), ("1980年5月", PDate(1980, 5))])
def test_birth_date_forms(raw, date):
    r = read(good_values(ChuShengNianYue=raw))
    assert r.get("birth") == date
    assert r.get("date_forms_ok")["birth"] is (raw == "198005")


@pytest.mark.parametrize("raw, joined, parties, status", [
    ("200108", PDate(2001, 8), (), "中共党员"),
    ("民建", None, ("民建",), "民建"),
    ("200108；民建", PDate(2001, 8), ("民建",), "中共党员"),
    ("民建；民盟", None, ("民建", "民盟"), "民建、民盟"),
    ("九三学社", None, ("九三",), "九三"),
    ("无党派", None, ("无党派",), "无党派"),
    ("", None, (), None),
])
def test_party_field(raw, joined, parties, status):
    r = read(good_values(RuDangShiJian=raw))
    assert (r.get("joined_party"), r.get("parties"), r.get("political_status")) == (joined, parties, status)
    assert r.issues == []


def test_old_file_without_2025_fields():
    r = read(good_values(DaoLingNianYue=None, GaiGeQianRenZhiNianLingJieXian=None, Version="3.2.1.6"))
    assert not r.card.has("DaoLingNianYue") and r.get("retire_month") is None and r.get("pre_reform_limit") is None


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_breaks(newline):
    r = read(newline=newline)
    assert len(r.get("resume").entries) == 5 and r.get("resume").terms == ("中共泸西县第十三届委员会委员",)


def test_escaped_carriage_returns_in_resume():
    values = good_values()
    text = lrmx_text(values).replace(values["JianLi"].split("\n")[0] + "\n", values["JianLi"].split("\n")[0] + "&#13;\n")
    r = read_bytes(text.encode(), "a.lrmx")
    assert "\r" in r.card.elements["JianLi"] and len(r.get("resume").entries) == 5


def test_unknown_elements_kept():
    r = read(extra="  <BeiZhu>自定义备注</BeiZhu>\n  <KuoZhan><A>1</A></KuoZhan>")
    assert [(u.tag, u.xml, u.after) for u in r.card.unknown] == [
        ("BeiZhu", "<BeiZhu>自定义备注</BeiZhu>", "ZhaoPian"), ("KuoZhan", "<KuoZhan><A>1</A></KuoZhan>", "BeiZhu")]


def test_padded_family_items_are_skipped_but_positions_kept():
    r = read(family=[{}, FAMILY[0]], pad_family=8)
    assert len(r.card.family) == 10
    assert [(m.index, m.name) for m in r.get("family")] == [(2, "王芳")]


def test_unreadable_values_become_issues_not_errors():
    r = read(good_values(ChuShengNianYue="1980.13", XingBie="未知", RuDangShiJian="加入过", ShenFenZheng="123"))
    assert {i.key for i in r.issues} == {"birth", "gender", "joined_party", "id_number"}
    assert r.get("birth") is None and r.get("work_start") == PDate(2002, 7)


# --- photo -----------------------------------------------------------------------------------
def test_photo_checks_without_decoding():
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 4000).decode()
    assert read(good_values(ZhaoPian=png)).get("photo").problem == "照片不是 JPEG 格式"
    assert "base64" in read(good_values(ZhaoPian="这不是照片")).get("photo").problem
    truncated = base64.b64encode(jpeg()[:-200]).decode()
    assert "不完整" in read(good_values(ZhaoPian=truncated)).get("photo").problem
    tiny = base64.b64encode(b"\xff\xd8\xff\xe0" + b"\0" * 100 + b"\xff\xd9").decode()
    assert "字节" in read(good_values(ZhaoPian=tiny)).get("photo").problem
    huge = "/9j/" + "A" * (7 * 1024 * 1024)
    assert "5 MB" in read(good_values(ZhaoPian=huge)).get("photo").problem
    wrapped = "\n".join(textwrap(base64.b64encode(jpeg()).decode(), 76))
    assert read(good_values(ZhaoPian=wrapped)).get("photo").problem is None
    assert read(good_values(ZhaoPian="")).get("photo") is None


def textwrap(s, n):
    return [s[i:i + n] for i in range(0, len(s), n)]


# --- safety and broken files ---------------------------------------------------------------------
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE Person [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Person><XingMing>&x;</XingMing></Person>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE Person [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>
<Person><XingMing>&c;</XingMing></Person>"""


@pytest.mark.parametrize("data, words", [
    (XXE, "DTD"), (LAUGHS, "DTD"),
    (b"<Persons><Person/></Persons>", "根元素"),
    (lrmx_bytes()[:500], "不是完整的 XML"),
    (b"", "空文件"), (b"   \n", "空文件"),
    (b"PK\x03\x04rest", "Office"),
])
def test_refused(data, words):
    with pytest.raises(LrmxFileError) as exc:
        read_bytes(data, "坏文件.lrmx")
    assert words in exc.value.message and "坏文件.lrmx" in exc.value.message
    assert isinstance(exc.value, InputError)


def test_size_limit():
    with pytest.raises(LrmxFileError, match="合理大小"):
        read_bytes(b"<Person>" + b" " * MAX_LRMX_BYTES + b"</Person>", "大.lrmx")


def test_gbk_files_are_read_and_marked():
    text = lrmx_text(declaration='<?xml version="1.0" encoding="gb2312"?>')
    r = read_bytes(text.encode("gbk"), "a.lrmx")
    assert r.name == "张三" and r.card.encoding == "gb18030"
    mislabelled = lrmx_text().encode("gbk")  # says UTF-8, is GBK
    r = read_bytes(mislabelled, "b.lrmx")
    assert r.name == "张三" and r.card.encoding == "gb18030"


def test_utf8_bom_and_utf16():
    assert read_bytes(b"\xef\xbb\xbf" + lrmx_bytes(), "a.lrmx").name == "张三"
    utf16 = lrmx_text(declaration='<?xml version="1.0" encoding="utf-16"?>').encode("utf-16")
    assert read_bytes(utf16, "a.lrmx").name == "张三"


# --- legacy .lrm --------------------------------------------------------------------------------
def test_lrm_fields():
    r = read_bytes(lrm_bytes(), "李四.lrm", pic=jpeg())
    v = r.values
    assert r.card.format == "lrm" and r.name == "李四" and v["gender"] == "女" and v["ethnicity"] == "回族"
    assert v["birth"] == PDate(1975, 8) and v["work_start"] == PDate(1997, 7)
    assert v["joined_party"] is None and v["political_status"] == "民建"
    assert v["education_fulltime_text"] == "大学" and v["degree_fulltime_text"] == "文学学士"
    assert v["education_parttime_text"] == "中央党校研究生" and v["education_parttime"] == Education.POSTGRADUATE
    assert v["school_parttime"] == "中央党校经济学专业" and v["degree_school_parttime"] is None
    assert v["title"] == "副编审" and v["expertise"] == "文字编辑" and v["post"] == "沧州市文联副主席"
    assert [e.text for e in v["resume"].entries] == ["河北大学中文系汉语言文学专业学习", "沧州日报社编辑", "沧州市文联副主席"]
    assert v["post_since"] == PDate(2008, 12)
    assert v["assessments"] == {2023: Grade.EXCELLENT, 2024: Grade.COMPETENT}
    assert [(m.relation, m.name, m.birth, m.political_status) for m in v["family"]] == [
        ("丈夫", "赵强", PDate(1973, 1), "群众"), ("女儿", "赵小雨", PDate(2003, 6), "共青团员")]
    assert v["age_date"] == PDate(2025, 12, 1) and v["fill_date"] == PDate(2025, 12, 1) and v["filler"] == "王五"
    assert v["reporting_unit"] == "中共沧州市委组织部" and v["reason"] == "工作需要"
    assert v["photo"].problem is None
    assert str(r.where("birth")) == "李四.lrm 第3项（出生年月）"
    assert str(r.card.where("ZaiZhiJiaoYu_XueLi")) == "李四.lrm 第10项（在职教育学历）"


def test_lrm_short_line_and_bad_files():
    r = read_bytes(lrm_bytes(count=31), "短.lrm")
    assert r.card.field_count == 31 and r.get("filler") is None and r.name == "李四"
    with pytest.raises(LrmxFileError, match="栏"):
        read_bytes(b'"a","b","c"', "x.lrm")
    with pytest.raises(LrmxFileError, match="格式"):
        read_bytes("张三，男".encode("gbk"), "x.lrm")


def test_every_element_has_a_key_and_the_lrm_indices_are_distinct():
    keys = [f.key for f in FIELDS]
    assert len(set(keys)) == len(keys)
    indices = [f.lrm for f in FIELDS if f.lrm is not None]
    assert len(set(indices)) == len(indices)
