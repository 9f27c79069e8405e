import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cadre_cli.parse.dates import PDate, is_serial_trap, full_months, full_years, parse_date, parse_date_range, parse_date_text
from cadre_cli.parse.problem import ValueProblem


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("1985.03", PDate(1985, 3)),
        ("1985.3", PDate(1985, 3)),
        ("1985.10", PDate(1985, 10)),  # text keeps the zero: October
        ("1985.1", PDate(1985, 1)),
        ("1985年3月", PDate(1985, 3)),
        ("1985年03月15日", PDate(1985, 3, 15)),
        ("1985-03", PDate(1985, 3)),
        ("1985/3/15", PDate(1985, 3, 15)),
        ("198503", PDate(1985, 3)),
        ("19850315", PDate(1985, 3, 15)),
        ("１９８５．０３", PDate(1985, 3)),
        ("1985-03-15 00:00:00", PDate(1985, 3, 15)),
        (dt.date(1985, 3, 15), PDate(1985, 3, 15)),
        (dt.datetime(1985, 3, 15, 0, 0), PDate(1985, 3, 15)),
        (31121, PDate(1985, 3, 15)),  # Excel serial number
        (198503, PDate(1985, 3)),
        (19850315, PDate(1985, 3, 15)),
        (1985.03, PDate(1985, 3)),
        (1985.12, PDate(1985, 12)),
    ],
)
def test_accepted_forms(raw, expected):
    assert parse_date(raw) == expected


def test_number_format_tells_october_from_january():
    assert parse_date(1985.1) == PDate(1985, 1)
    assert parse_date(1985.1, decimals=2) == PDate(1985, 10)
    assert parse_date(1985.1, decimals=1) == PDate(1985, 1)


@pytest.mark.parametrize("raw", ["2025.13", "1985.02.30", "明年", "1985", "八五年", "1985.00", 1985])
def test_rejected(raw):
    with pytest.raises(ValueProblem):
        parse_date(raw)


def test_blank_is_none():
    assert parse_date(None) is None
    assert parse_date("　 ") is None


def test_ranges():
    assert parse_date_range("2024.03-2025.03") == (PDate(2024, 3), PDate(2025, 3))
    assert parse_date_range("2024年3月至2025年3月") == (PDate(2024, 3), PDate(2025, 3))
    assert parse_date_range("2024.03—至今") == (PDate(2024, 3), None)
    assert parse_date_range("2024.03-") == (PDate(2024, 3), None)
    with pytest.raises(ValueProblem):
        parse_date_range("2025.03-2024.03")


def test_full_years_month_only_counts_from_first_day():
    born = PDate(1985, 3)
    assert full_years(born, dt.date(2025, 2, 28)) == 39
    assert full_years(born, dt.date(2025, 3, 1)) == 40
    assert full_years(PDate(1985, 3, 15), dt.date(2025, 3, 14)) == 39
    assert full_years(PDate(1985, 3, 15), dt.date(2025, 3, 15)) == 40


def test_full_months():
    assert full_months(dt.date(2024, 3, 1), dt.date(2025, 3, 1)) == 12
    assert full_months(dt.date(2024, 3, 15), dt.date(2025, 3, 14)) == 11
    assert full_months(dt.date(2024, 1, 31), dt.date(2024, 2, 29)) == 1


@given(st.text(max_size=30))
def test_text_parser_never_raises_anything_else(text):
    try:
        parse_date(text)
    except ValueProblem:
        pass


@given(st.one_of(st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True), st.booleans(), st.none()))
def test_number_parser_never_raises_anything_else(value):
    try:
        parse_date(value)
    except ValueProblem:
        pass


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)), st.booleans())
def test_round_trip(day, month_only):
    # 1905-03-14…1905-09-30 (and 1909 in the 1904 system) read as a year typed into a date cell
    assume(not is_serial_trap(day) and not is_serial_trap(dt.date(day.year, day.month, 1)))
    value = PDate(day.year, day.month, None if month_only else day.day)
    assert parse_date_text(str(value)) == value
    assert parse_date_text(value.chinese()) == value
    assert parse_date(parse_date_text(value.iso()).first_day()).first_day() == value.first_day()
