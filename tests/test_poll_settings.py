"""The `[tally]` policy section: defaults, Chinese validation messages, and the values
the presets take from their seeds (to be written into the preset files when the section
is hung into `Policy`)."""

from __future__ import annotations

import tomllib
from fractions import Fraction

import pytest
from pydantic import ValidationError

from cadre_cli.policy.load import _explain
from cadre_cli.poll import Tally

# What each preset's [tally] says, from its seed; presets not listed keep the defaults.
PRESET_TALLY = {
    # seeds/002 (2b) 街道: 街道组织党政领导、部门负责人、社区、管理处书记、主任召开民主推荐会
    "street": """
[[tally.classes]]
key = "leadership"
label = "党政领导"
words = ["党政领导", "街道领导", "领导班子", "班子成员"]
[[tally.classes]]
key = "middle"
label = "部门负责人"
words = ["部门负责人", "科室负责人", "中层干部", "中层"]
[[tally.classes]]
key = "community"
label = "社区、管理处书记和主任"
words = ["社区书记", "社区主任", "管理处书记", "管理处主任", "社区", "管理处"]
""",
    # seeds/003 一3 村级: 组织党员、村民代表进行民主测评
    "village": """
[[tally.classes]]
key = "members"
label = "党员"
words = ["党员", "党员代表"]
[[tally.classes]]
key = "villagers"
label = "村民代表"
words = ["村民代表", "群众代表", "村民"]
""",
    # seeds/002 (4) 四(三) 企业: 组织考察满分35分，其中公司领导班子占15分，相关中层干部占10分，职工代表占10分
    "enterprise": """
[[tally.classes]]
key = "leadership"
label = "公司领导班子"
words = ["公司领导班子", "公司领导", "领导班子成员", "领导班子"]
weight = "15/35"
[[tally.classes]]
key = "middle"
label = "相关中层干部"
words = ["相关中层干部", "中层干部", "中层"]
weight = "10/35"
[[tally.classes]]
key = "staff"
label = "职工代表"
words = ["职工代表", "员工代表", "群众代表"]
weight = "10/35"
""",
}


def _load(text: str) -> Tally:
    return Tally.model_validate(tomllib.loads(text)["tally"])


@pytest.mark.parametrize("name", sorted(PRESET_TALLY))
def test_preset_sections_validate(name):
    tally = _load(PRESET_TALLY[name])
    assert tally.classes and tally.denominator == "present" and tally.renormalise


def test_enterprise_weights_are_the_seeds_15_10_10():
    tally = _load(PRESET_TALLY["enterprise"])
    assert [c.weight for c in tally.classes] == [Fraction(3, 7), Fraction(2, 7), Fraction(2, 7)]


def test_defaults():
    tally = Tally()
    assert [c.label for c in tally.classes] == ["领导班子成员", "中层干部", "普通党员群众", "服务对象"]
    assert (tally.denominator, tally.renormalise, tally.places, tally.share_places, tally.score_places) == \
        ("present", True, 2, 2, 2)
    assert not tally.weighted and tally.max_choices is None and tally.top is None


def _message(data: dict) -> str:
    with pytest.raises(ValidationError) as info:
        Tally.model_validate(data)
    return _explain("测试", info.value)


def test_weights_must_add_up_to_one():
    msg = _message({"classes": [{"label": "甲", "weight": 0.5}, {"label": "乙", "weight": 0.4}]})
    assert "各类别权重之和应为1（即100%），现为90%" in msg


def test_weights_all_or_none():
    msg = _message({"classes": [{"label": "甲", "weight": 1}, {"label": "乙"}]})
    assert "乙没有设" in msg


def test_a_word_in_two_classes_is_refused():
    msg = _message({"classes": [{"label": "中层干部", "words": ["干部"]}, {"label": "普通干部", "words": ["干部"]}]})
    assert "“干部”同时属于类别" in msg


def test_a_mark_in_two_lists_is_refused():
    assert "同时出现在" in _message({"no_marks": ["√"]})


@pytest.mark.parametrize(("data", "word"), [
    ({"denominator": "all"}, "不在可选范围内"),
    ({"top": 0}, "太小"),
    ({"places": "two"}, "应为整数"),
    ({"unknown": 1}, "不认识的设置项"),
    ({"min_share": "120%"}, "应在 0 到 1 之间"),
])
def test_bad_values_get_chinese_messages(data, word):
    assert word in _message(data)


def test_shares_accept_percent_and_fractions():
    assert Tally.model_validate({"min_share": "2/3"}).min_share == Fraction(2, 3)
    assert Tally.model_validate({"min_share": "50%"}).min_share == Fraction(1, 2)
