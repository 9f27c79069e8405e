"""Every bad row of a tally sheet is a finding that names its cell; impossible counts get
no share; R9/R10 read "超过" as `cadre audit` does."""

from __future__ import annotations

from fractions import Fraction

from openpyxl import Workbook

from cadre_cli.poll import Tally, tally_file
from tests import poll_sheets as ps

FIGS = {"中层干部": {"expected": 26, "present": 25, "issued": 25, "returned": 24, "valid": 23, "invalid": 1}}


def _poll(path, settings=None, **limits):
    run = tally_file(path, settings or Tally(), **limits)
    assert len(run.polls) == 1
    return run.polls[0]


def _rules(poll, rule):
    return [f for f in poll.findings if f.rule == rule]


def _sheet(tmp_path, rows, figures=FIGS, **kw):
    return ps.recommendation(tmp_path / "c.xlsx", ["中层干部"], rows, figures=figures, style="grid", **kw)


def test_votes_above_the_ballots_name_the_cell_and_get_no_share(tmp_path):
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 24}), ("李四", "主任", {"中层干部": 23})]))
    found = _rules(poll, "tally-votes-exceed")
    assert len(found) == 1
    f = found[0]
    assert f.cell.ref == "D5" and f.raw == 24 and f.data["valid"] == 23 and "有效票数23" in f.message
    assert "“推荐汇总”D5" in f.message
    zhang, li = poll.candidates
    assert zhang.classes[0].share is None and zhang.rank is None
    assert li.classes[0].share == Fraction(23, 25) and li.rank == 1


def test_votes_checked_against_returned_when_valid_is_not_given(tmp_path):
    figures = {"中层干部": {"present": 25, "returned": 20}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 21})], figures=figures))
    assert _rules(poll, "tally-votes-exceed")[0].data == {"class": "middle", "votes": 21, "returned": 20}


def test_returned_above_issued_above_expected(tmp_path):
    figures = {"中层干部": {"expected": 20, "present": 21, "issued": 22, "returned": 23, "valid": 23, "invalid": 0}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})], figures=figures))
    pairs = {(tuple(k for k in f.data if k != "class")) for f in _rules(poll, "tally-ballots-order")}
    assert pairs == {("returned", "issued"), ("issued", "expected"), ("present", "expected"), ("returned", "present")}
    assert all(f.cell is not None for f in _rules(poll, "tally-ballots-order"))


def test_valid_plus_invalid_must_make_returned(tmp_path):
    figures = {"中层干部": {"present": 25, "returned": 24, "valid": 23, "invalid": 3}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})], figures=figures))
    assert _rules(poll, "tally-ballots-sum")[0].severity.value == "error"
    figures = {"中层干部": {"present": 25, "returned": 24, "valid": 20, "invalid": 1}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})], figures=figures))
    assert _rules(poll, "tally-ballots-sum")[0].severity.value == "warning"
    figures = {"中层干部": {"present": 25, "returned": 24, "valid": 20, "invalid": 1, "abstain": 3}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})], figures=figures))
    assert not _rules(poll, "tally-ballots-sum")  # 弃权 written separately fills the gap


def test_text_negative_and_fractional_counts_name_their_cells(tmp_path):
    rows = [("张三", "股长", {"中层干部": "十二"}), ("李四", "主任", {"中层干部": -3}), ("王五", "", {"中层干部": 2.5}),
            ("赵六", "", {"中层干部": "7票"})]
    poll = _poll(_sheet(tmp_path, rows))
    bad = _rules(poll, "tally-bad-count")
    assert [f.cell.ref for f in bad] == ["D5", "D6", "D7"]
    assert "不是数字" in bad[0].message and "负数" in bad[1].message and "不是整数" in bad[2].message
    assert [c.classes[0].votes for c in poll.candidates] == [None, None, None, 7]
    assert [c.rank for c in poll.candidates] == [None, None, None, 1]


def test_a_bad_figure_cell_is_named(tmp_path):
    figures = {"中层干部": {"present": "二十五", "returned": 24}}
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})], figures=figures))
    bad = _rules(poll, "tally-bad-count")
    assert bad and "中层干部实到人数" in bad[0].message and bad[0].raw == "二十五"


def test_blank_counts_are_zero_and_said_so(tmp_path):
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": None}), ("李四", "", {"中层干部": 3})], total=False))
    blank = _rules(poll, "tally-blank-count")
    assert blank and blank[0].severity.value == "info" and blank[0].data["cells"] == ["D5"]
    assert poll.candidates[0].classes[0].votes == 0


def test_few_voters_per_class_and_in_total(tmp_path):
    settings = Tally.model_validate({"min_voters": 10, "min_total_voters": 30,
                                     "classes": [{"label": "中层干部", "min_voters": 30}, {"label": "领导班子成员"}]})
    poll = _poll(_sheet(tmp_path, [("张三", "股长", {"中层干部": 5})]), settings)
    few = _rules(poll, "tally-few-voters")
    assert len(few) == 2 and few[0].data == {"class": "中层干部", "voters": 25, "min": 30}
    assert few[1].data == {"voters": 25, "min": 30}
    assert all(f.severity.value == "warning" for f in few)


def test_class_figures_must_add_up_to_the_meetings(tmp_path):
    figures = {"领导班子成员": {"present": 9}, "中层干部": {"present": 25}, None: {"present": 35}}
    path = ps.recommendation(tmp_path / "s.xlsx", ["领导班子成员", "中层干部"],
                             [("张三", "", {"领导班子成员": 5, "中层干部": 5})], figures=figures, style="grid")
    poll = _poll(path)
    found = _rules(poll, "tally-class-sum")
    assert found and found[0].data == {"figure": "present", "sum": 34, "given": 35}


def test_a_figure_written_twice_differently(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["实到人数：25人"])
    ws.append(["姓名", "得票数"])
    ws.append(["张三", 10])
    ws.append(["实到人数", 26])
    wb.save(tmp_path / "x.xlsx")
    poll = _poll(tmp_path / "x.xlsx")
    found = _rules(poll, "tally-figure-conflict")
    assert found and found[0].cell.ref == "B4" and poll.figures[None]["present"] == 25


def test_typed_total_and_share_are_compared(tmp_path):
    path = ps.recommendation(tmp_path / "t.xlsx", ["中层干部"], [("张三", "", {"中层干部": 12}), ("李四", "", {"中层干部": 10})],
                             figures={"中层干部": {"present": 25}}, style="grid",
                             typed_shares={("张三", "中层干部"): "48%", ("李四", "中层干部"): 0.41})
    poll = _poll(path)
    found = _rules(poll, "tally-typed-mismatch")
    assert len(found) == 1 and found[0].cell.ref == "E6" and "40.00%" in found[0].message


def test_duplicate_names_that_cannot_be_told_apart(tmp_path):
    path = ps.recommendation(tmp_path / "d.xlsx", ["中层干部"], [("张三", "股长", {"中层干部": 3}), ("张三", "股长", {"中层干部": 4})],
                             figures={"中层干部": {"present": 25}}, style="grid")
    poll = _poll(path)
    assert _rules(poll, "tally-duplicate-name") and len(poll.candidates) == 1


def test_same_name_different_posts_are_two_people(tmp_path):
    path = ps.recommendation(tmp_path / "d.xlsx", ["中层干部"], [("张三", "股长", {"中层干部": 3}), ("张三", "主任", {"中层干部": 4})],
                             figures={"中层干部": {"present": 25}}, style="grid")
    poll = _poll(path)
    assert not _rules(poll, "tally-duplicate-name") and len(poll.candidates) == 2


def test_unknown_voter_class_and_unreadable_marks_on_ballots(tmp_path):
    ballots = [("中层干部", ["√", None]), ("外来人员", ["√", None]), ("中层干部", ["?", None]), (None, [None, "√"])]
    poll = _poll(ps.ballots(tmp_path / "b.xlsx", ["甲", "乙"], ballots))
    bad_class = _rules(poll, "tally-bad-class")
    assert [f.cell.ref for f in bad_class] == ["B5", "B7"]
    bad_mark = _rules(poll, "tally-bad-mark")
    assert [f.cell.ref for f in bad_mark] == ["C6"] and "无法识别" in bad_mark[0].message
    assert poll.figures["middle"] == {"returned": 2, "invalid": 0, "valid": 1}
    assert [c.votes for c in poll.candidates] == [1, 0]


def test_ballots_marked_invalid_in_a_column(tmp_path):
    ballots = [("中层干部", ["√", None]), ("中层干部", ["√", "√"]), ("中层干部", [None, "√"])]
    path = ps.ballots(tmp_path / "b.xlsx", ["甲", "乙"], ballots, valid_column=["是", "否", "??"])
    poll = _poll(path)
    assert poll.figures["middle"]["invalid"] == 1
    assert [c.votes for c in poll.candidates] == [1, 1]
    assert _rules(poll, "tally-bad-mark")[0].cell.ref == "C6"


def test_typed_ballot_figures_are_checked_against_the_ballots(tmp_path):
    ballots = [("中层干部", ["√"]), ("中层干部", [None])]
    path = ps.ballots(tmp_path / "b.xlsx", ["甲"], ballots, figures={"中层干部": {"present": 2, "returned": 3}})
    poll = _poll(path)
    found = _rules(poll, "tally-ballots-mismatch")
    assert found and found[0].data == {"given": 3, "counted": 2}


def _evaluation(tmp_path, votes):
    return ps.evaluation(tmp_path / "e.xlsx", ["领导班子成员", "中层干部"], [("张三", "", votes)],
                         figures={"领导班子成员": {"present": 10}, "中层干部": {"present": 10}})


def test_unfit_share_of_exactly_twenty_percent_is_not_above(tmp_path):
    poll = _poll(_evaluation(tmp_path, {"领导班子成员": (4, 4, 0, 2), "中层干部": (4, 4, 0, 2)}),
                 unfit_share_max=Fraction(1, 5))
    assert not _rules(poll, "poll-unfit-share")


def test_unfit_share_above_the_limit_overall_and_per_class(tmp_path):
    poll = _poll(_evaluation(tmp_path, {"领导班子成员": (4, 3, 0, 3), "中层干部": (4, 4, 1, 1)}),
                 unfit_share_max=Fraction(1, 5), weak_share_max=Fraction(1, 4))
    unfit = _rules(poll, "poll-unfit-share")
    assert [f.severity.value for f in unfit] == ["warning"]  # 4/20 overall is not above; 3/10 in one class is
    assert unfit[0].data["class"] == "leadership" and "30%" in unfit[0].message
    weak = _rules(poll, "poll-weak-share")
    assert [f.severity.value for f in weak] == ["warning"]  # 5/20 = 25% overall is not above; 3/10 in a class is
    assert weak[0].data["class"] == "leadership"


def test_evaluation_votes_above_voters(tmp_path):
    poll = _poll(_evaluation(tmp_path, {"领导班子成员": (6, 4, 1, 0), "中层干部": (4, 4, 1, 1)}))
    found = _rules(poll, "tally-votes-exceed")
    assert found and found[0].data == {"class": "leadership", "cast": 11, "voters": 10}
    zhang = poll.candidates[0]
    assert zhang.by_class("leadership").score is None and zhang.score is None and zhang.rank is None
