"""The `[tally]` policy section: defaults, Chinese validation messages, and the values
the presets take from their seeds."""

from __future__ import annotations

from fractions import Fraction

import pytest
from pydantic import ValidationError

from cadre_cli.policy.load import _explain, load_policy
from cadre_cli.poll import Tally

# The presets whose seeds state the voter classes; the others keep the defaults.
SEEDED = ("street", "village", "enterprise")


@pytest.mark.parametrize("name", SEEDED)
def test_preset_sections_validate(name):
    tally = load_policy(name).tally
    assert tally.classes != Tally().classes and tally.denominator == "present" and tally.renormalise


def test_street_and_village_classes_are_the_seeds():
    # seeds/002 (2b) 街道: 党政领导、部门负责人、社区、管理处书记、主任; seeds/003 一3: 党员、村民代表
    assert [c.label for c in load_policy("street").tally.classes] == ["党政领导", "部门负责人", "社区、管理处书记和主任"]
    assert [c.label for c in load_policy("village").tally.classes] == ["党员", "村民代表"]
    assert load_policy("county").tally == Tally()


def test_enterprise_weights_are_the_seeds_15_10_10():
    tally = load_policy("enterprise").tally
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
