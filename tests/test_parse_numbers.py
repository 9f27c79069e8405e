from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.parse.numbers import ABSENT, parse_count, parse_number, percent, round_half_up
from cadre_cli.parse.problem import ValueProblem


@pytest.mark.parametrize(
    "raw, expected",
    [(85.5, Decimal("85.5")), ("85.5", Decimal("85.5")), ("８５.５", Decimal("85.5")), ("85.5分", Decimal("85.5")),
     (" 90 ", Decimal(90)), (90, Decimal(90)), ("12票", Decimal(12)), (0.1, Decimal("0.1"))],
)
def test_numbers(raw, expected):
    assert parse_number(raw) == expected


def test_blank_is_not_zero_and_absent_is_absent():
    assert parse_number(None) is None
    assert parse_number("") is None
    assert parse_number("缺考") is ABSENT
    assert parse_number(" 缺 考 ") is ABSENT


@pytest.mark.parametrize("raw", ["八十五", "85..5", "abc", True, "85.5.1"])
def test_not_numbers(raw):
    with pytest.raises(ValueProblem):
        parse_number(raw)


def test_counts():
    assert parse_count("18人") == 18
    with pytest.raises(ValueProblem):
        parse_count("2.5")
    with pytest.raises(ValueProblem):
        parse_count(-1)


def test_half_up_not_bankers():
    assert round_half_up(Decimal("83.075")) == Decimal("83.08")
    assert round_half_up(Decimal("2.665")) == Decimal("2.67")
    assert round_half_up(Decimal("0.125")) == Decimal("0.13")
    assert round(2.675, 2) == 2.67  # the float trap the tool avoids


@given(st.text(max_size=20))
def test_never_raises_anything_else(text):
    try:
        parse_number(text)
    except ValueProblem:
        pass


@given(st.decimals(min_value=-10**6, max_value=10**6, allow_nan=False, allow_infinity=False, places=3))
def test_round_trip(value):
    assert parse_number(str(value)) == value


@pytest.mark.parametrize("value, places, expected", [
    (Fraction("0.12345"), 2, "12.35%"),  # half-up: round() would give the half-even 12.34%
    (Fraction(1, 2), 2, "50%"), (Fraction(2, 3), 2, "66.67%"), (Fraction(1, 3), 1, "33.3%"),
    (Decimal("0.123"), 2, "12.3%"), (0, 2, "0%"), (1, 2, "100%"), (Fraction(1, 8), 0, "13%"),
])
def test_percent_formatter(value, places, expected):
    assert percent(value, places) == expected


@given(st.fractions(min_value=0, max_value=1, max_denominator=10**6), st.integers(min_value=0, max_value=4))
def test_percent_is_the_exact_half_up_of_the_share(share, places):
    text = percent(share, places)
    shown = Decimal(text.removesuffix("%"))
    assert abs(Fraction(shown) - share * 100) <= Fraction(1, 2 * 10 ** places)  # never further than half a unit
    assert shown == round_half_up(share * 100, Decimal(1).scaleb(-places))


def test_pool_and_assessment_shares_agree():
    from cadre_cli.audit.checks import assessment, pool

    assert pool.percent is assessment.percent is percent  # the checks have no formatter of their own
    assert percent(Fraction("0.12345")) == "12.35%"
