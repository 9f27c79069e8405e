"""The arithmetic of a tally on built workbooks: denominators, weights, ranks, 差额, places."""

from __future__ import annotations

from fractions import Fraction

import pytest

from cadre_cli.poll import Tally, tally_file
from tests import poll_sheets as ps

WEIGHTS = [{"key": "leadership", "label": "领导班子成员", "words": ["班子成员"], "weight": 0.4},
           {"key": "middle", "label": "中层干部", "weight": 0.3},
           {"key": "clients", "label": "服务对象", "weight": 0.3}]


def _poll(path, **settings):
    run = tally_file(path, Tally.model_validate(settings))
    assert len(run.polls) == 1
    return run.polls[0]


def _one_class(tmp_path, figures, votes=12):
    return ps.recommendation(tmp_path / "d.xlsx", ["中层干部"], [("张三", "股长", {"中层干部": votes})],
                             figures={"中层干部": figures}, style="grid")


@pytest.mark.parametrize(("denominator", "base", "shown", "label"), [
    ("present", 25, "48.00", "实到人数"),
    ("valid", 23, "52.17", "有效票数"),
    ("present_minus_invalid", 24, "50.00", "实到人数减无效票数"),
])
def test_each_denominator_is_named_and_used(tmp_path, denominator, base, shown, label):
    path = _one_class(tmp_path, {"present": 25, "returned": 24, "valid": 23, "invalid": 1})
    poll = _poll(path, denominator=denominator)
    cr = poll.candidates[0].classes[0]
    assert (cr.base, str(cr.share_shown), cr.base_label) == (base, shown, label)
    assert poll.denominator == label
    assert cr.share == Fraction(12, base)


def test_valid_ballots_derived_from_returned_and_invalid_with_a_note(tmp_path):
    poll = _poll(_one_class(tmp_path, {"present": 25, "returned": 24, "invalid": 2}), denominator="valid")
    assert poll.candidates[0].classes[0].base == 22
    assert any("收回票数减无效票数" in n for n in poll.notes)


def test_invalid_derived_from_returned_minus_valid(tmp_path):
    poll = _poll(_one_class(tmp_path, {"present": 25, "returned": 24, "valid": 21}), denominator="present_minus_invalid")
    assert poll.candidates[0].classes[0].base == 22  # 25 − (24 − 21)


def test_a_missing_denominator_is_an_error_not_a_guess(tmp_path):
    poll = _poll(_one_class(tmp_path, {"present": 25}), denominator="valid")
    assert poll.candidates[0].classes[0].share is None and poll.candidates[0].rank is None
    missing = [f for f in poll.findings if f.rule == "tally-missing-base"]
    assert missing and missing[0].severity.value == "error" and "有效票数" in missing[0].message


def _weighted_book(tmp_path):
    return ps.recommendation_sheets(tmp_path / "w.xlsx", {
        "领导班子成员": [("张三", "副局长", 8), ("李四", "主任", 3)],
        "中层干部": [("张三", "副局长", 20), ("李四", "主任", 22)],
    }, {"领导班子成员": {"present": 9}, "中层干部": {"present": 25}})


def test_weights_renormalised_over_the_classes_present_by_default(tmp_path):
    poll = _poll(_weighted_book(tmp_path), classes=WEIGHTS)
    zhang = poll.candidates[0]
    assert [c.label for c in zhang.classes] == ["领导班子成员", "中层干部", "服务对象"]
    assert zhang.by_class("clients").absent and zhang.by_class("clients").used_weight == 0
    assert zhang.by_class("leadership").used_weight == Fraction(4, 7)
    assert zhang.weighted == Fraction(4, 7) * Fraction(8, 9) + Fraction(3, 7) * Fraction(20, 25)
    assert str(zhang.weighted_shown) == "85.08"
    assert any("重新分配" in n and "40%→57.14%" in n for n in zhang.notes)
    assert poll.basis.startswith("综合得票率")


def test_weights_not_renormalised_count_the_absent_class_as_zero(tmp_path):
    poll = _poll(_weighted_book(tmp_path), classes=WEIGHTS, renormalise=False)
    zhang = poll.candidates[0]
    assert zhang.weighted == Fraction(2, 5) * Fraction(8, 9) + Fraction(3, 10) * Fraction(20, 25)
    assert any("按0计入" in n for n in zhang.notes)


def test_a_class_present_with_no_voters_is_absent_too(tmp_path):
    path = ps.recommendation_sheets(tmp_path / "w.xlsx", {
        "领导班子成员": [("张三", "副局长", 8)], "中层干部": [("张三", "副局长", 0)],
    }, {"领导班子成员": {"present": 9}, "中层干部": {"present": 0}})
    halves = [{**WEIGHTS[0], "weight": 0.5}, {**WEIGHTS[1], "weight": 0.5}]
    poll = _poll(path, classes=halves)
    zhang = poll.candidates[0]
    assert zhang.by_class("middle").absent and zhang.weighted == Fraction(8, 9)
    assert not [f for f in poll.findings if f.severity.value == "error"]


def test_no_weights_pool_the_classes(tmp_path):
    poll = _poll(_weighted_book(tmp_path))
    zhang = poll.candidates[0]
    assert zhang.weighted is None and zhang.value == zhang.overall == Fraction(28, 34)


ROWS_TIED = [("甲", "", {"中层干部": 20}), ("乙", "", {"中层干部": 15}), ("丙", "", {"中层干部": 15}),
             ("丁", "", {"中层干部": 10}), ("戊", "", {"中层干部": 8})]


def test_ties_share_a_rank_and_the_next_rank_skips(tmp_path):
    path = ps.recommendation(tmp_path / "t.xlsx", ["中层干部"], ROWS_TIED, figures={"中层干部": {"present": 20}}, style="grid")
    poll = _poll(path)
    assert [c.rank for c in poll.candidates] == [1, 2, 2, 4, 5]
    assert [c.name for c in poll.ranked()] == ["甲", "乙", "丙", "丁", "戊"]


def test_majority_is_more_than_half_and_a_half_is_not(tmp_path):
    path = ps.recommendation(tmp_path / "t.xlsx", ["中层干部"], ROWS_TIED, figures={"中层干部": {"present": 20}}, style="grid")
    poll = _poll(path, require_majority=True)
    assert [c.majority for c in poll.candidates] == [True, True, True, False, False]
    assert [c.qualified for c in poll.candidates] == [True, True, True, False, False]  # 10/20 is not 过半


def test_min_share_includes_the_share_itself(tmp_path):
    path = ps.recommendation(tmp_path / "t.xlsx", ["中层干部"], ROWS_TIED, figures={"中层干部": {"present": 20}}, style="grid")
    poll = _poll(path, min_share="50%")
    assert [c.qualified for c in poll.candidates] == [True, True, True, True, False]


def test_top_k_takes_everyone_tied_at_the_boundary(tmp_path):
    path = ps.recommendation(tmp_path / "t.xlsx", ["中层干部"], ROWS_TIED, figures={"中层干部": {"present": 20}}, style="grid")
    poll = _poll(path, top=2)
    assert [c.qualified for c in poll.candidates] == [True, True, True, False, False]
    assert any("并列" in n and "共3人" in n for n in poll.notes)


def test_places_round_half_up_per_class_and_overall(tmp_path):
    path = ps.recommendation(tmp_path / "p.xlsx", ["领导班子成员", "中层干部"],
                             [("张三", "", {"领导班子成员": 1, "中层干部": 2})],
                             figures={"领导班子成员": {"present": 8}, "中层干部": {"present": 3}}, style="grid")
    poll = _poll(path, places=2, class_places=0)
    zhang = poll.candidates[0]
    assert [str(c.share_shown) for c in zhang.classes] == ["13", "67"]  # 12.5 -> 13 (half-up, not to even)
    assert str(zhang.overall_shown) == "27.27"  # 3 / 11


def test_evaluation_weighted_score_renormalised(tmp_path):
    path = ps.evaluation(tmp_path / "e.xlsx", ["领导班子成员", "中层干部"], [
        ("张三", "", {"领导班子成员": (9, 0, 0, 0), "中层干部": (0, 25, 0, 0)})],
        figures={"领导班子成员": {"present": 9}, "中层干部": {"present": 25}})
    poll = _poll(path, classes=WEIGHTS)
    zhang = poll.candidates[0]
    assert zhang.weighted == Fraction(4, 7) * 100 + Fraction(3, 7) * 80
    assert zhang.score == Fraction(900 + 2000, 34)
    assert zhang.value == zhang.weighted and poll.basis.startswith("综合测评分")


def test_over_limit_ballots_are_invalid_and_counted_so(tmp_path):
    ballots = [("中层干部", ["√", "√", "√"]), ("中层干部", ["√", None, None]), ("中层干部", ["√", "√", None])]
    path = ps.ballots(tmp_path / "b.xlsx", ["甲", "乙", "丙"], ballots, figures={"中层干部": {"present": 3}})
    for denominator, base in (("present", 3), ("valid", 2), ("present_minus_invalid", 2)):
        poll = _poll(path, max_choices=2, denominator=denominator)
        assert poll.figures["middle"]["invalid"] == 1 and poll.figures["middle"]["valid"] == 2
        assert [c.votes for c in poll.candidates] == [2, 1, 0]
        assert poll.candidates[0].classes[0].base == base
        over = [f for f in poll.findings if f.rule == "tally-over-choices"]
        assert over and over[0].data["rows"] == [5] and "作废" in over[0].message
    poll = _poll(path)  # no limit: every ballot counts
    assert [c.votes for c in poll.candidates] == [3, 2, 1]


def test_summary_votes_above_the_choice_limit_are_an_error(tmp_path):
    path = ps.recommendation(tmp_path / "s.xlsx", ["中层干部"], [("甲", "", {"中层干部": 9}), ("乙", "", {"中层干部": 9})],
                             figures={"中层干部": {"present": 10, "valid": 9}}, style="grid")
    poll = _poll(path, max_choices=1)
    over = [f for f in poll.findings if f.rule == "tally-over-choices"]
    assert over and over[0].severity.value == "error" and over[0].data == {"class": "middle", "votes": 18, "limit": 9}
