"""The exact arithmetic of scoring: formulas, rounding at .xx5, trimming, ranking, and
properties that must hold for any marks and votes."""

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cadre_cli.parse.numbers import round_half_up
from cadre_cli.score.compute import agrees, panel_mean, poll_score, shown, weighted
from cadre_cli.score.model import Candidate, Result, Status
from cadre_cli.score.rank import assign_ranks, by_rank
from cadre_cli.readers.table import Record

POINTS = {"excellent": Fraction(100), "competent": Fraction(80), "basic": Fraction(60), "incompetent": Fraction(0)}
W = [Fraction(6, 10), Fraction(4, 10)]


def test_round_half_up_is_exact_on_fractions():
    assert round_half_up(Fraction("83.075")) == Decimal("83.08")
    assert round_half_up(Fraction("83.065")) == Decimal("83.07")  # not banker's rounding (83.06)
    assert round_half_up(Fraction(1, 3)) == Decimal("0.33")
    assert round_half_up(Fraction(2, 3)) == Decimal("0.67")
    assert round_half_up(Fraction(-5, 1000)) == Decimal("-0.01")
    assert round_half_up(Fraction(5, 2), Decimal(1)) == Decimal(3)


def test_seed_000_formula_by_hand():
    # 考评分 = (80+85+90+75+88)/5 = 83.6; 测评分 = (10×100 + 5×80 + 2×60 + 1×0)/18 = 1520/18 = 84.444…
    panel = panel_mean([Fraction(m) for m in (80, 85, 90, 75, 88)])
    poll = poll_score({"excellent": 10, "competent": 5, "basic": 2, "incompetent": 1}, 18, POINTS)
    assert panel == Fraction("83.6") and poll == Fraction(1520, 18)
    # 答辩测评分 = 83.6×0.6 + 84.444…×0.4 = 50.16 + 33.777… = 83.937…
    assert shown(weighted([panel, poll], W).final) == Decimal("83.94")


def test_rounding_from_unrounded_components_at_xx5():
    # the example: 85.125×0.6 + 80×0.4 = 83.075 exactly -> 83.08 (a float sum gives 83.07)
    assert shown(weighted([Fraction("85.125"), Fraction(80)], W).final) == Decimal("83.08")
    assert round(85.125 * 0.6 + 80 * 0.4, 2) == 83.07  # what float arithmetic would print


def test_round_stages_switch_changes_the_result_where_it_should():
    panel, poll = Fraction("85.125"), Fraction(1480, 18)  # 82.222…
    assert shown(weighted([panel, poll], W).final) == Decimal("83.96")  # 83.9638…
    assert shown(weighted([panel, poll], W, round_stages=True).final) == Decimal("83.97")  # 85.13, 82.22 -> 83.966


def test_trimming_drops_one_highest_and_one_lowest():
    marks = [Fraction(m) for m in (60, 80, 82, 84, 100)]
    assert panel_mean(marks) == Fraction("81.2")
    assert panel_mean(marks, trim=True) == Fraction(82)
    with pytest.raises(ValueError):
        panel_mean(marks[:2], trim=True)


def test_abstentions_lower_the_poll_score():
    votes = {"excellent": 15, "competent": 3}
    assert poll_score(votes, 18, POINTS) == Fraction(1740, 18)
    assert poll_score(votes, 20, POINTS) == Fraction(1740, 20)
    assert poll_score(votes, 20, POINTS) < poll_score(votes, 18, POINTS)


def test_agrees_at_typed_precision():
    assert agrees(Decimal("85.1"), Fraction("85.125"))
    assert agrees(Decimal("85.13"), Fraction("85.125"))
    assert not agrees(Decimal("85.12"), Fraction("85.125"))
    assert not agrees(Decimal("85.2"), Fraction("85.125"))


def _result(i: int, final: str | None, panel: str | None = None) -> Result:
    cand = Candidate(i, [Record("s", i + 2, {})])
    status = Status.SCORED if final is not None else Status.ABSENT
    return Result(cand, status, defense=None if final is None else Decimal(final),
                  panel=None if panel is None else Decimal(panel))


def test_competition_ranking_with_ties():
    results = [_result(0, "80.00"), _result(1, "90.00"), _result(2, "85.50"), _result(3, "85.50"), _result(4, None)]
    assign_ranks(results)
    assert [r.rank for r in results] == [4, 1, 2, 2, None]
    assert [r.candidate.index for r in by_rank(results)] == [1, 2, 3, 0, 4]


def test_tie_break_order_from_policy():
    results = [_result(0, "85.50", "80.00"), _result(1, "85.50", "90.00"), _result(2, "85.50", "90.00")]
    assign_ranks(results, ["panel"])
    assert [r.rank for r in results] == [3, 1, 1]


# --- properties ----------------------------------------------------------------------

marks_st = st.lists(st.decimals(min_value=0, max_value=100, places=2), min_size=3, max_size=9)


@st.composite
def poll_st(draw):
    voters = draw(st.integers(min_value=1, max_value=40))
    e = draw(st.integers(0, voters))
    c = draw(st.integers(0, voters - e))
    b = draw(st.integers(0, voters - e - c))
    i = draw(st.integers(0, voters - e - c - b))
    return {"excellent": e, "competent": c, "basic": b, "incompetent": i}, voters


@given(marks_st, poll_st(), st.booleans(), st.booleans())
def test_every_score_lies_within_its_scale(marks, poll, trim, round_stages):
    panel = panel_mean([Fraction(m) for m in marks], trim)
    votes, voters = poll
    value = poll_score(votes, voters, POINTS)
    final = weighted([panel, value], W, round_stages).final
    for x in (panel, value, final):
        assert 0 <= x <= 100
        assert Decimal(0) <= shown(x) <= Decimal(100)
    assert min(marks) <= shown(panel) <= max(marks)


@given(poll_st(), st.sampled_from(["competent", "basic", "incompetent", None]))
def test_more_excellent_votes_never_lower_the_poll_score(poll, source):
    votes, voters = poll
    before = poll_score(votes, voters, POINTS)
    more = dict(votes)
    if source is None:  # an abstainer votes 优秀
        if sum(votes.values()) == voters:
            return
    else:  # a vote moves from a lower grade to 优秀
        if votes[source] == 0:
            return
        more[source] -= 1
    more["excellent"] += 1
    assert poll_score(more, voters, POINTS) >= before


@given(marks_st, st.booleans(), st.randoms(use_true_random=False))
def test_permuting_judges_changes_nothing(marks, trim, rnd):
    fractions = [Fraction(m) for m in marks]
    shuffled = list(fractions)
    rnd.shuffle(shuffled)
    assert panel_mean(fractions, trim) == panel_mean(shuffled, trim)


@settings(max_examples=60)
@given(st.lists(st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=2)), min_size=1, max_size=25),
       st.randoms(use_true_random=False))
def test_permuting_candidates_changes_no_rank(finals, rnd):
    results = [_result(i, None if f is None else str(f)) for i, f in enumerate(finals)]
    assign_ranks(results)
    ranks = {r.candidate.index: r.rank for r in results}
    shuffled = [_result(i, None if f is None else str(f)) for i, f in enumerate(finals)]
    rnd.shuffle(shuffled)
    assign_ranks(shuffled)
    assert {r.candidate.index: r.rank for r in shuffled} == ranks
    scored = [r for r in results if r.rank is not None]
    for r in scored:  # competition ranking: 1 + the number of people strictly ahead
        assert r.rank == 1 + sum(1 for o in scored if o.final > r.final)
