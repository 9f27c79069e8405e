"""Writing .lrmx: the editor's element order and whitespace, 2025 fields under the rule,
nothing invented; every written file read back by our reader and passing our checks."""

import datetime as dt
import re
from pathlib import Path

import pytest

from cadre_cli.errors import OutputError
from cadre_cli.lrmx import check_record, check_records, new_card, read_bytes, read_path, render_lrmx, save_cards
from cadre_cli.lrmx.record import RawCard
from cadre_cli.lrmx.retirement import DelayRule
from cadre_cli.lrmx.write import file_names
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import Grade
from tests.builders import make_id
from tests.lrmx_builders import good_values, jpeg, lrm_bytes, lrmx_bytes

AS_OF = dt.date(2026, 12, 1)
TEMPLATE = Path(__file__).parent / "data" / "lrmx" / "empty-v3.2.1.6.lrmx"


def person(**changes):
    values = {
        "name": "张三", "gender": "男", "birth": PDate(1980, 5), "ethnicity": "汉族", "native_place": "云南泸西",
        "birthplace": "云南泸西", "joined_party": PDate(2003, 6), "work_start": PDate(2002, 7), "health": "健康",
        "QuanRiZhiJiaoYu_XueLi": "大学", "QuanRiZhiJiaoYu_XueWei": "经济学学士", "post": "泸西县财政局局长",
        "resume": [(PDate(1998, 9), PDate(2002, 7), "云南大学经济系经济学专业学习"), (PDate(2002, 7), None, "泸西县财政局局长")],
        "rewards": "无", "assessments": {2023: Grade.COMPETENT, 2024: Grade.EXCELLENT}, "age_date": PDate(2025, 12),
        "fill_date": PDate(2025, 12, 1), "filler": "李四", "reporting_unit": "中共泸西县委组织部",
        "id_number": make_id(dt.date(1980, 5, 3)),
    }
    values.update(changes)
    return values


FAMILY = [{"relation": "妻子", "name": "王芳", "birth": PDate(1982, 1), "political_status": "中共党员",
           "work": "泸西县第一中学教师"}]


def test_an_empty_card_is_the_editors_skeleton():
    """Element order, whitespace and version exactly as empty-v3.2.1.6.lrmx, plus the two 2025
    elements where FIELDS.md puts them (the skeleton's comments aside)."""
    ours = render_lrmx(RawCard(file="", format="lrmx"))
    theirs = re.sub(r"\s*<!--.*?-->", "", TEMPLATE.read_text(encoding="utf-8"), flags=re.S)
    without_2025 = re.sub(r"\n  <(DaoLingNianYue|GaiGeQianRenZhiNianLingJieXian)></\1>", "", ours)
    assert without_2025 == theirs
    assert ours.index("<CanJiaGongZuoShiJian>") < ours.index("<DaoLingNianYue>") < ours.index("<JianKangZhuangKuang>")
    assert ours.index("<ChengBaoDanWei>") < ours.index("<GaiGeQianRenZhiNianLingJieXian>") < ours.index("<JiSuanNianLingShiJian>")
    assert "<Version>3.2.1.6</Version>" in ours


def test_a_written_file_reads_back_and_passes_the_checks():
    card, warnings = new_card(person(), FAMILY, photo=jpeg(), age_limit=60)
    assert warnings == []
    text = render_lrmx(card)
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<Person>\n  <XingMing>张三</XingMing>')
    assert "<JianLi>1998.09--2002.07  云南大学经济系经济学专业学习\n2002.07--         泸西县财政局局长</JianLi>" in text
    record = read_bytes(text.encode("utf-8"), "张三.lrmx")
    assert check_record(record, AS_OF) == []
    v = record.values
    assert (v["birth"], v["joined_party"], v["work_start"]) == (PDate(1980, 5), PDate(2003, 6), PDate(2002, 7))
    assert v["post_since"] == PDate(2002, 7)
    assert v["retire_month"] == PDate(2043, 5) and v["pre_reform_limit"] == 60
    assert v["assessments"] == {2023: Grade.COMPETENT, 2024: Grade.EXCELLENT}
    assert v["fill_date"] == PDate(2025, 12, 1) and record.card.elements["TianBiaoShiJian"] == "20251201"
    assert [(m.relation, m.name, m.birth) for m in v["family"]] == [("妻子", "王芳", PDate(1982, 1))]


def test_nothing_is_invented():
    card, _ = new_card({"name": "赵六", "gender": "女"})
    text = render_lrmx(card)
    record = read_bytes(text.encode(), "赵六.lrmx")
    filled = {k for k, v in record.card.elements.items() if v.strip()}
    assert filled == {"XingMing", "XingBie"}
    assert "<GaiGeQianRenZhiNianLingJieXian></GaiGeQianRenZhiNianLingJieXian>" in text


@pytest.mark.parametrize("gender, birth, limit, month, caption", [
    ("男", PDate(1976, 9), None, "203909", ""),
    ("女", PDate(1981, 9), None, "203909", ""),
    ("女", PDate(1984, 11), 50, "203911", ""),
    ("女", PDate(1971, 4), 55, "202608", "改革前任职年龄界限为55岁"),
    ("男", PDate(1965, 1), 60, "202502", "改革前任职年龄界限为60岁"),
    ("女", PDate(1971, 4), 60, "203211", "改革前任职年龄界限为60岁"),
])
def test_retirement_month_written_under_the_2025_rule(gender, birth, limit, month, caption):
    card, warnings = new_card(person(gender=gender, birth=birth, id_number=None), age_limit=limit)
    assert card.elements.get("DaoLingNianYue") == month and card.elements.get("GaiGeQianRenZhiNianLingJieXian", "") == caption
    assert warnings == []


def test_other_limits_need_their_rule():
    card, warnings = new_card(person(), age_limit=63)
    assert "DaoLingNianYue" not in card.elements and card.elements["GaiGeQianRenZhiNianLingJieXian"] == "改革前任职年龄界限为63岁"
    assert warnings == ["改革前任职年龄界限为63岁，其延迟办法未在政策中设定，到龄年月留空"]
    card, _ = new_card(person(), age_limit=63, extra_limits={63: DelayRule(63, 0, 0)})
    assert card.elements["DaoLingNianYue"] == "204305"
    card, _ = new_card(person(), age_limit=-1)
    assert "DaoLingNianYue" not in card.elements and card.elements["GaiGeQianRenZhiNianLingJieXian"] == "已到龄人员"
    card, _ = new_card(person(pre_reform_limit="改革前任职年龄界限为55岁", gender="女"))
    assert card.elements["DaoLingNianYue"] == "203801"  # born 1980-05, 55: delayed 32 months


def test_party_and_special_characters():
    card, warnings = new_card(person(parties=("民建",), post="A&B<局>局长\x0b副书记"))
    assert card.elements["RuDangShiJian"] == "200306；民建"
    assert warnings == ["现任职务中有不可见的控制字符，已删除"]
    record = read_bytes(render_lrmx(card).encode(), "a.lrmx")
    assert record.get("post") == "A&B<局>局长副书记" and record.get("parties") == ("民建",)


def test_photo_embedding():
    card, warnings = new_card(person(), photo=jpeg(400, 400))
    assert card.elements["ZhaoPian"] and warnings == ["照片为 400×400 像素，宽高比不是录入规范要求的 4：5"]
    card, warnings = new_card(person(), photo=b"\x89PNG\r\n\x1a\n" + b"\0" * 3000)
    assert "ZhaoPian" not in card.elements and warnings == ["照片未嵌入：照片不是 JPEG 格式"]


def test_file_names_for_twins_and_odd_names():
    assert file_names(["张三", "李四", "张三", "张三", "a/b:c", None, "买买提·艾力"]) == [
        "张三.lrmx", "李四.lrmx", "张三（2）.lrmx", "张三（3）.lrmx", "abc.lrmx", "未命名.lrmx", "买买提·艾力.lrmx"]


def test_save_cards(tmp_path):
    cards = [new_card(person(), age_limit=60)[0],
             new_card(person(id_number=make_id(dt.date(1980, 5, 3), seq=7)), age_limit=60)[0]]
    paths = save_cards(cards, tmp_path)
    assert [p.name for p in paths] == ["张三.lrmx", "张三（2）.lrmx"]
    batch = read_path(tmp_path)
    assert [r.name for r in batch.records] == ["张三", "张三"] and batch.failures == []
    found = check_records(batch.records, AS_OF)
    assert sorted((f.where.file, f.rule) for f in found) == [
        ("张三.lrmx", "lrmx-photo"), ("张三（2）.lrmx", "lrmx-duplicate-person"), ("张三（2）.lrmx", "lrmx-photo")]
    with pytest.raises(OutputError, match="已存在"):
        save_cards(cards[:1], tmp_path)
    assert save_cards(cards[:1], tmp_path, force=True)[0].read_bytes().decode("utf-8").count("\r") == 0


def test_rewriting_a_read_file_keeps_everything():
    original = read_bytes(lrmx_bytes(extra="  <BeiZhu>自定义</BeiZhu>"), "张三.lrmx")
    again = read_bytes(render_lrmx(original.card).encode(), "张三.lrmx")
    assert again.card.elements == original.card.elements and again.card.family == original.card.family
    assert [u.xml for u in again.card.unknown] == ["<BeiZhu>自定义</BeiZhu>"]
    assert check_record(again, AS_OF) == check_record(original, AS_OF)


def test_old_file_gets_the_2025_elements_on_rewrite():
    old = read_bytes(lrmx_bytes(good_values(DaoLingNianYue=None, GaiGeQianRenZhiNianLingJieXian=None)), "a.lrmx")
    again = read_bytes(render_lrmx(old.card).encode(), "a.lrmx")
    assert again.card.has("DaoLingNianYue") and again.card.text("DaoLingNianYue") == ""


def test_legacy_lrm_converted_and_read_back():
    lrm = read_bytes(lrm_bytes(), "李四.lrm", pic=jpeg())
    card, _ = new_card({k: v for k, v in lrm.card.elements.items()}, [
        {"relation": m.relation, "name": m.name, "birth": m.birth, "political_status": m.political_status, "work": m.work}
        for m in lrm.get("family")], photo=jpeg())
    back = read_bytes(render_lrmx(card).encode(), "李四.lrmx")
    for key in ("name", "gender", "birth", "ethnicity", "political_status", "work_start", "education_fulltime",
                "education_parttime", "degree_fulltime", "post", "post_since", "assessments", "age_date", "filler"):
        assert back.get(key) == lrm.get(key), key
    assert [m.name for m in back.get("family")] == ["赵强", "赵小雨"]
    assert back.get("retire_month") == PDate(2032, 1)  # woman born 1975-08, 55: 2030-08 delayed 17 months
