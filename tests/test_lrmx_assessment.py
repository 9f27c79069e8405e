"""年度考核结果 free text → {year: grade}."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.lrmx.assessment import parse_assessments
from cadre_cli.lrmx.write import format_assessments
from cadre_cli.parse.grades import Grade

C, X, B, N = Grade.COMPETENT, Grade.EXCELLENT, Grade.BASIC, Grade.INCOMPETENT


@pytest.mark.parametrize("text, grades", [
    ("2021年、2022年年度考核称职，2023年度考核优秀。", {2021: C, 2022: C, 2023: X}),
    ("2022年度考核为基本称职", {2022: B}),
    ("2021年度考核优秀，2022年度考核不称职；2023年度考核合格", {2021: X, 2022: N, 2023: C}),
    ("2021—2023年年度考核均为优秀", {2021: X, 2022: X, 2023: X}),
    ("2021年至2023年连续三年考核称职", {2021: C, 2022: C, 2023: C}),
    ("2022年度考核确定为优秀等次，2023年度考核基本合格。", {2022: X, 2023: B}),
    ("2021年度考核称职，被评为优秀共产党员", {2021: C}),
    ("2023年度未确定等次", {2023: None}),
    ("２０２２年度考核称职", {2022: C}),
    ("2022年度考核称职\n2023年度考核优秀（嘉奖）", {2022: C, 2023: X}),
    ("无", {}),
])
def test_examples(text, grades):
    found = parse_assessments(text)
    assert found.grades == grades and found.unread == () and found.conflicts == ()


def test_relative_years_need_a_reference_year():
    assert parse_assessments("近三年年度考核均为称职").grades == {}
    assert parse_assessments("近三年年度考核均为称职").unread
    found = parse_assessments("近三年年度考核均为称职", reference_year=2025)
    assert found.grades == {2022: C, 2023: C, 2024: C}
    assert found.inferred_from == 2025 and found.relative == "近三年"
    assert parse_assessments("近两年考核均为优秀", 2025).grades == {2023: X, 2024: X}


def test_what_is_not_understood_is_listed():
    found = parse_assessments("2023年被评为优秀公务员")
    assert found.grades == {} and found.unread == ("2023年没有写明考核等次",)
    found = parse_assessments("近两年考核称职以上", 2025)
    assert found.grades == {} and found.unread
    found = parse_assessments("2021年度考核称职，2021年度考核优秀")
    assert found.conflicts == (2021,) and found.grades == {2021: C}


@given(st.dictionaries(st.integers(1990, 2030), st.sampled_from([X, C, B, N, None]), max_size=6))
def test_written_text_reads_back(grades):
    assert parse_assessments(format_assessments(grades)).grades == grades
