import pytest

from cadre_cli.parse import categories as cat
from cadre_cli.parse.grades import Grade, parse_grade
from cadre_cli.parse.problem import ValueProblem


@pytest.mark.parametrize("raw, grade", [("优秀", Grade.EXCELLENT), ("称职", Grade.COMPETENT), ("合格", Grade.COMPETENT),
                                        ("基本称职", Grade.BASIC), ("基本合格", Grade.BASIC), ("不称职", Grade.INCOMPETENT),
                                        ("不合格", Grade.INCOMPETENT), (" 称 职 ", Grade.COMPETENT)])
def test_grades(raw, grade):
    assert parse_grade(raw) is grade


@pytest.mark.parametrize("raw", ["未确定等次", "不定等次", None, "", "—"])
def test_not_assessed(raw):
    assert parse_grade(raw) is None


def test_unknown_grade():
    with pytest.raises(ValueProblem):
        parse_grade("很好")


@pytest.mark.parametrize("raw, level", [("大学 学士", cat.Education.BACHELOR), ("研究生 硕士", cat.Education.POSTGRADUATE),
                                        ("大专", cat.Education.COLLEGE), ("大学专科", cat.Education.COLLEGE),
                                        ("中专", cat.Education.HIGH), ("本科", cat.Education.BACHELOR)])
def test_education(raw, level):
    assert cat.parse_education(raw) is level


@pytest.mark.parametrize("raw", ["博士后在读", "硕士在读", "在职研究生（在读）", "大学在读", "就读博士研究生"])
def test_still_studying_is_no_qualification(raw):
    with pytest.raises(ValueProblem, match="是在读，尚未取得"):
        cat.parse_education(raw)
    assert cat.parse_degree(raw) is None  # an education cell gives no degree either
    with pytest.raises(ValueProblem, match="学位"):
        cat.parse_degree_cell(raw)


def test_degree_from_education_cell():
    assert cat.parse_degree("研究生 硕士") is cat.Degree.MASTER
    assert cat.parse_degree("大学 学士") is cat.Degree.BACHELOR


@pytest.mark.parametrize("raw, party, cpc", [("中共党员", "中共党员", True), ("中共预备党员", "中共预备党员", True),
                                             ("群众", "群众", False), ("九三学社社员", "九三学社社员", False),
                                             ("无党派人士", "无党派人士", False), ("共青团员", "共青团员", False)])
def test_party(raw, party, cpc):
    assert cat.parse_party(raw) == party
    assert cat.is_cpc(cat.parse_party(raw)) is cpc


@pytest.mark.parametrize("raw, rank", [("正科级", cat.Rank.SECTION), ("一级主任科员", cat.Rank.SECTION),
                                       ("四级主任科员", cat.Rank.DEPUTY_SECTION), ("副主任科员", cat.Rank.DEPUTY_SECTION),
                                       ("副处级", cat.Rank.DEPUTY_DIVISION), ("三级调研员", cat.Rank.DEPUTY_DIVISION),
                                       ("科员", cat.Rank.CLERK)])
def test_rank(raw, rank):
    assert cat.parse_rank(raw) is rank


@pytest.mark.parametrize("raw, title", [("讲师", cat.Title.INTERMEDIATE), ("高级讲师", cat.Title.ASSOCIATE_SENIOR),
                                        ("助理工程师", cat.Title.JUNIOR), ("副教授", cat.Title.ASSOCIATE_SENIOR),
                                        ("教授", cat.Title.SENIOR), ("一级教师", cat.Title.INTERMEDIATE)])
def test_title(raw, title):
    assert cat.parse_title(raw) is title


def test_gender_and_flags():
    assert cat.parse_gender("男") == "男"
    with pytest.raises(ValueProblem):
        cat.parse_gender("未知")
    assert cat.parse_flag("是") is True
    assert cat.parse_flag("无") is False
    assert cat.parse_flag("良好") is False
    assert cat.parse_flag("2024年受党内警告处分") is True
    assert cat.parse_flag(None) is None
