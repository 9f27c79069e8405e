"""Resumes (简历) and dates in free text; the post key; the health classifier."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.audit.checks.health import FAIR, HEALTHY, POOR, classify
from cadre_cli.audit.checks.programme import post_key
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.history import Mention, dates_in, parse_resume

months = st.builds(PDate, st.integers(1950, 2030), st.integers(1, 12))
posts = st.sampled_from(["县财政局科员", "白水镇党委副书记", "县委办公室秘书科副科长", "市国投集团总经理助理"])
separators = st.sampled_from(["--", "—", "－", "-", "至", "~"])


@given(st.lists(st.tuples(months, posts), min_size=1, max_size=6), separators)
def test_a_written_resume_reads_back(stints, sep):
    lines = [f"{start.year}.{start.month:02d}{sep}{f'{end.year}.{end.month:02d}' if i < len(stints) - 1 else ''}  {what}"
             for i, ((start, what), (end, _)) in enumerate(zip(stints, stints[1:] + stints[-1:]))]
    read = parse_resume("\n".join(lines))
    assert [(s.start, s.text) for s in read] == [(start, what) for start, what in stints]
    assert read[-1].end is None


def test_resume_in_the_approval_form_layout():
    text = ("2010.09--2014.07  云南大学经济学专业学习\n2014.07--2016.03  泸西县财政局科员\n"
            "2016.03--2019.05  泸西县财政局办公室副主任\n"
            "              （其间：2017.03--2018.03挂任白水镇党委副书记）\n"
            "2019.05--         泸西县财政局办公室主任\n"
            "                  兼县财政局机关党支部书记")
    read = parse_resume(text)
    assert [s.is_study for s in read] == [True, False, False, False, False]
    assert read[3].during and read[3].text == "挂任白水镇党委副书记" and read[3].end == PDate(2018, 3)
    assert read[4].text == "泸西县财政局办公室主任兼县财政局机关党支部书记" and read[4].end is None
    assert parse_resume("2021年3月至今 县委办秘书科副科长")[0].text == "县委办秘书科副科长"


@given(st.text(max_size=200))
def test_dates_in_any_text_never_raise(text):
    for m in dates_in(text):
        assert m.earliest <= m.latest


def test_dates_in_text():
    assert dates_in("2025.03受撤销党内职务处分") == [Mention(2025, 3)]
    assert dates_in("2024年3月15日立案，2025-06结案") == [Mention(2024, 3, 15), Mention(2025, 6)]
    assert dates_in("2024年受警告处分，2025.13有误") == [Mention(2024)]
    assert Mention(2024).latest == dt.date(2024, 12, 31) and Mention(2024, 3).latest == dt.date(2024, 3, 1)


def test_post_key_takes_the_position_off():
    assert post_key("县财政局办公室副主任") == post_key("县财政局办公室主任") == "县财政局办公室"
    assert post_key("县委办公室秘书科科员") == post_key("县委办公室秘书科副科长（主持工作）")
    assert post_key("县财政局四级主任科员") == post_key("县财政局一级科员") == "县财政局"
    assert post_key("县财政局预算股股长") != post_key("县财政局办公室主任")
    assert post_key("挂任白水镇党委副书记") == post_key("白水镇党委书记、镇长")


def test_health_words():
    assert {t: classify(t) for t in ("健康", "良好", "无重大疾病", "无残疾", "一般", "较弱", "患高血压", "残疾",
                                     "较差（长期病休）", "长期住院", "不能正常工作", "高血压")} == {
        "健康": HEALTHY, "良好": HEALTHY, "无重大疾病": HEALTHY, "无残疾": HEALTHY, "一般": FAIR, "较弱": FAIR,
        "患高血压": FAIR, "残疾": FAIR, "较差（长期病休）": POOR, "长期住院": POOR, "不能正常工作": POOR, "高血压": None}
