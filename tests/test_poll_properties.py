"""Invariants of a tally, on raw-ballot workbooks hypothesis makes: the order of the
ballots and of the candidates' columns changes no result, and one more abstaining voter
never raises a share (or a score)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import example, given, settings
from hypothesis import strategies as st

from cadre_cli.poll import Tally, tally_file
from tests import poll_sheets as ps

CLASS_WORDS = ["领导班子成员", "中层干部", "普通党员群众"]
NAMES = ["甲一", "乙二", "丙三", "丁四", "戊五"]
RECOMMEND = st.sampled_from(["√", None, None, "○", "×", "弃权"])
EVALUATE = st.sampled_from(["优秀", "称职", "基本称职", "不称职", None, "好", "差"])


@st.composite
def ballot_sets(draw, marks):
    n = draw(st.integers(2, 5))
    rows = draw(st.lists(st.tuples(st.sampled_from(CLASS_WORDS), st.lists(marks, min_size=n, max_size=n)),
                         min_size=1, max_size=25))
    return NAMES[:n], rows


def _tally(candidates, rows, tally: Tally, figures=None):
    with tempfile.TemporaryDirectory() as d:
        run = tally_file(ps.ballots(Path(d) / "b.xlsx", candidates, rows, figures=figures), tally)
    assert len(run.polls) == 1
    return run.polls[0]


def _by_name(poll) -> dict:
    """Every number of the results, keyed by candidate name (not position)."""
    out = {}
    for c in poll.candidates:
        out[c.name] = (c.votes, c.base, c.overall, c.weighted, c.score, c.weak, c.unfit, c.rank, c.majority, c.qualified,
                       tuple((x.cls, x.votes, x.base, x.share, tuple(sorted(x.grades.items())), x.voters, x.score)
                             for x in c.classes))
    return out


TALLIES = st.sampled_from([
    Tally(),
    Tally(max_choices=2, top=2, require_majority=True),
    Tally.model_validate({"denominator": "valid", "classes": [{"label": "领导班子成员", "weight": 0.5},
                                                              {"label": "中层干部", "weight": 0.3},
                                                              {"label": "普通党员群众", "weight": 0.2}]}),
    Tally.model_validate({"denominator": "present_minus_invalid", "max_choices": 1, "renormalise": False,
                          "classes": [{"label": "领导班子成员", "weight": "1/3"}, {"label": "中层干部", "weight": "1/3"},
                                      {"label": "普通党员群众", "weight": "1/3"}]}),
])


@settings(max_examples=20, deadline=None)
@given(data=st.data(), marks=st.sampled_from([RECOMMEND, EVALUATE]), tally=TALLIES)
def test_permuting_ballots_or_candidates_changes_no_result(data, marks, tally):
    candidates, rows = data.draw(ballot_sets(marks))
    before = _by_name(_tally(candidates, rows, tally))
    order = data.draw(st.permutations(range(len(rows))))
    cols = data.draw(st.permutations(range(len(candidates))))
    shuffled = [(rows[i][0], [rows[i][1][j] for j in cols]) for i in order]
    after = _by_name(_tally([candidates[j] for j in cols], shuffled, tally))
    assert after == before


@settings(max_examples=20, deadline=None)
@given(data=st.data(), marks=st.sampled_from([RECOMMEND, EVALUATE]), tally=TALLIES,
       cls=st.sampled_from(CLASS_WORDS))
def test_an_abstaining_voter_never_raises_a_share(data, marks, tally, cls):
    candidates, rows = data.draw(ballot_sets(marks))
    blank = (cls, [None] * len(candidates))
    before = _tally(candidates, rows, tally)
    after = _tally(candidates, rows + [blank], tally)
    for b, a in zip(before.candidates, after.candidates):
        pairs = [(b.overall, a.overall), (b.weighted, a.weighted), (b.score, a.score), (b.weak, a.weak), (b.unfit, a.unfit)]
        for x in b.classes:  # by class: the abstainer's class may be new in `after`
            y = a.by_class(x.cls)
            pairs += [(x.share, y.share), (x.score, y.score), (x.weak, y.weak), (x.unfit, y.unfit)]
        for old, new in pairs:
            if old is not None and new is not None:
                assert new <= old, (b.name, old, new)
        assert a.votes == b.votes or b.votes is None


JUNK = st.one_of(st.none(), st.integers(-5, 40), st.floats(allow_nan=True, allow_infinity=True, width=32),
                 st.booleans(), st.sampled_from(["十二", "12票", "12张", "", " ", "√", "优秀", "-3", "1.5", "#REF!", "弃权"]),
                 st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=4))


@settings(max_examples=30, deadline=None)
@given(cells=st.lists(st.lists(JUNK, min_size=3, max_size=3), min_size=1, max_size=6),
       figure=JUNK, ballots=st.booleans())
@example(cells=[[None, None, "优秀"]], figure=0, ballots=True)  # counts tallied from ballots have no cell of their own
def test_any_cell_value_gives_findings_never_a_crash(cells, figure, ballots):
    """Whatever stands in the count cells or on the ballots, the tally finishes; every
    count it cannot read is a finding that names its cell."""
    with tempfile.TemporaryDirectory() as d:
        if ballots:
            path = ps.ballots(Path(d) / "j.xlsx", ["甲一", "乙二", "丙三"], [("中层干部", row) for row in cells],
                              figures={"中层干部": {"present": figure}})
        else:
            rows = [(f"人{i}", "", dict(zip(CLASS_WORDS, row))) for i, row in enumerate(cells)]
            path = ps.recommendation(Path(d) / "j.xlsx", CLASS_WORDS, rows, total=False,
                                     figures={c: {"present": figure} for c in CLASS_WORDS}, style="grid")
        try:
            run = tally_file(path, Tally(max_choices=2))
        except Exception as exc:  # only "no tally sheet here" may stop it, in Chinese
            from cadre_cli.errors import InputError

            assert isinstance(exc, InputError) and "没有找到" in exc.message
            return
    for poll in run.polls:
        for f in poll.findings:
            if f.rule in ("tally-bad-count", "tally-bad-mark", "tally-votes-exceed"):
                assert f.cell is not None and f.cell.ref in f.message
        for c in poll.candidates:
            for x in c.classes:
                assert x.share is None or 0 <= x.share <= 1
