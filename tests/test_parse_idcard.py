import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.parse.idcard import check_char, parse_id, upgrade15
from cadre_cli.parse.problem import ValueProblem
from tests.builders import make_id


def test_valid_number_gives_birth_and_gender():
    number = make_id(dt.date(1985, 3, 15), "女", seq=4)
    parsed = parse_id(number)
    assert parsed.birth == dt.date(1985, 3, 15)
    assert parsed.gender == "女"
    assert parsed.number == number


def test_known_checksum():
    assert check_char("11010519491231002") == "X"
    assert parse_id("11010519491231002x").number == "11010519491231002X"


def test_bad_checksum_names_the_expected_character():
    good = make_id(dt.date(1985, 3, 15))
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    with pytest.raises(ValueProblem, match="校验位"):
        parse_id(bad)


def test_fifteen_digit_upgrade():
    parsed = parse_id("110105491231002")
    assert parsed.legacy
    assert parsed.number == upgrade15("110105491231002")
    assert len(parsed.number) == 18
    assert parsed.birth == dt.date(1949, 12, 31)


def test_float_damage_is_flagged_not_guessed():
    with pytest.raises(ValueProblem, match="存成了数字"):
        parse_id(1.101051985030712e17)
    with pytest.raises(ValueProblem):
        parse_id("1.10105E+17")


@pytest.mark.parametrize("text", ["5.32527199312010E+17", "5.3252719931201e+17", "5.32527E+17"])
def test_float_damage_written_as_text_is_flagged_too(text):
    """A CSV, a web page saved as .xls (LibreOffice writes it so) or a General cell holds
    the number as it shows: the same lost digits, not "应为18位，实际20位"."""
    with pytest.raises(ValueProblem, match="存成了数字"):
        parse_id(text)


def test_impossible_birth_date():
    with pytest.raises(ValueProblem, match="出生日期"):
        parse_id("110105198502300011")


@given(st.text(max_size=25))
def test_never_raises_anything_else(text):
    try:
        parse_id(text)
    except ValueProblem:
        pass


@given(st.dates(min_value=dt.date(1930, 1, 1), max_value=dt.date(2020, 12, 31)), st.sampled_from(["男", "女"]),
       st.integers(0, 400))
def test_round_trip(day, gender, seq):
    number = make_id(day, gender, seq=seq)
    parsed = parse_id(number)
    assert parse_id(parsed.number) == parsed
    assert (parsed.birth, parsed.gender) == (day, gender)
