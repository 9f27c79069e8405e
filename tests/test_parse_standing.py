"""Reading whether a row says its person is not an active candidate."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.parse.standing import INACTIVE_WORDS, status_kind, text_kind

WORDS = [(w, kind) for kind, words in INACTIVE_WORDS.items() for w in words]
DENIALS = ["未", "拟", "待", "即将", "曾", "尚未", "准备"]
DATES = st.builds(lambda y, m, sep: f"{y}{sep[0]}{m}{sep[1]}", st.integers(1990, 2030), st.integers(1, 12),
                  st.sampled_from([("年", "月"), (".", ""), ("-", ""), ("年", "")]))


@pytest.mark.parametrize("value, kind", [("不在岗", "不在岗"), ("退休", "退休"), ("病休", "病休"), ("转出", "调出"),
                                         ("已去世", "去世"), ("已调整", "已调整"), ("长期病休", "病休"),
                                         ("2024年退休", "退休"), ("离职", "调出"), ("取消后备资格", "已调整")])
def test_status_column(value, kind):
    assert status_kind(value) == kind


@pytest.mark.parametrize("value", ["在岗", "在职", "正常", "在档", "借调", "挂职", "未退休", "拟调出", "即将退休",
                                   "待退休", "无变动", "", None, 1])
def test_status_column_active(value):
    assert status_kind(value) is None


@pytest.mark.parametrize("header, value, kind", [("是否在岗", "否", "不在岗"), ("是否在岗", "是", None),
                                                 ("是否在职", "×", "不在岗"), ("是否退休", "是", "退休"),
                                                 ("是否退休", "否", None)])
def test_yes_no_columns_take_their_sense_from_the_header(header, value, kind):
    assert status_kind(value, header) == kind


@pytest.mark.parametrize("text, kind", [("已调出", "调出"), ("已去世", "去世"), ("副科级（已调整）", "已调整"),
                                        ("原任村支书，已退休", "退休"), ("2024年3月调往县财政局", "调出"),
                                        ("局长(已故)", "去世"), ("三、已调整人员", "已调整"), ("退休人员", "退休")])
def test_free_text(text, kind):
    assert text_kind(text) == kind


@pytest.mark.parametrize("text", ["配偶已退休", "父亲去世，家庭困难", "2019年调入", "正科级", "退役军人", "曾病休",
                                  "拟调整", "调整补充人选", "后备干部名册", "县老干部局离退休干部管理科科员"])
def test_free_text_about_something_else(text):
    assert text_kind(text) is None


@given(st.sampled_from(WORDS), st.sampled_from(DENIALS))
def test_a_denied_or_planned_status_is_none(word_kind, denial):
    word, _ = word_kind
    if word[0] in "不未非":  # 不在岗 is itself the status; 未不在岗 is not Chinese
        return
    assert status_kind(denial + word) is None
    assert text_kind(denial + word) is None


@given(st.sampled_from(WORDS), DATES, st.sampled_from(["", "已", "于"]))
def test_a_status_after_a_date_is_read(word_kind, date, mark):
    word, kind = word_kind
    assert text_kind(date + mark + word) == kind
    assert status_kind(date + mark + word) == kind


@given(st.sampled_from(WORDS), st.sampled_from(["配偶", "其父", "家属", "爱人"]))
def test_someone_elses_status_in_free_text_is_not_the_persons(word_kind, who):
    word, _ = word_kind
    assert text_kind(who + word) is None
