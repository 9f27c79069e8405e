"""简历 → post history: line variants, continuation and 其间 lines, 届次 lines, breaks."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cadre_cli.lrmx.resume import format_line, parse_line, parse_resume
from cadre_cli.parse.dates import PDate


@pytest.mark.parametrize("line, start, end, text, standard", [
    ("1991.01--2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", True),
    ("1991.01--         某县某局局长", PDate(1991, 1), None, "某县某局局长", True),
    ("199101--200001  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01—2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01——2000.01 某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01－2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01–2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01~2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01〜2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01 ——— 2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01至2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01-2000.01某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.1--2000.1  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991年1月至2000年1月  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("１９９１．０１－－２０００．０１　某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
    ("1991.01--至今  某县某局局长", PDate(1991, 1), None, "某县某局局长", False),
    ("1991.01--  某县某局局长", PDate(1991, 1), None, "某县某局局长", False),
    ("  1991.01--2000.01  某县某局科员", PDate(1991, 1), PDate(2000, 1), "某县某局科员", False),
])
def test_line_variants(line, start, end, text, standard):
    parsed = parse_line(line)
    assert (parsed.start, parsed.end, parsed.text, parsed.standard) == (start, end, text, standard)


def test_not_a_period_line():
    assert parse_line("（其间：2003.09--2006.07在省委党校学习）") is None
    assert parse_line("中共某县第十三届委员会委员") is None


FULL = """1991.09--1995.07  云南大学经济系经济学专业学习\r
1995.07--1998.08  泸西县财政局科员\r
1998.08--2003.12  泸西县财政局预算股副股长\r
                  （其间：2000.09--2002.07在云南省委党校经济管理专业在职\r
                  大专学习）\r
2003.12--2011.03  泸西县午街铺镇党委副书记、镇长（其间：2005.03--2006.03挂职任红河州财政局副局长）\r
2011.03--         泸西县财政局局长、\r
                  党组书记\r
\r
中共泸西县第十二届委员会委员\r
中共泸西县第十三届委员会委员"""


def test_full_resume():
    r = parse_resume(FULL)
    assert [(e.start, e.end, e.line) for e in r.entries] == [
        (PDate(1991, 9), PDate(1995, 7), 1), (PDate(1995, 7), PDate(1998, 8), 2), (PDate(1998, 8), PDate(2003, 12), 3),
        (PDate(2003, 12), PDate(2011, 3), 6), (PDate(2011, 3), None, 7)]
    assert r.entries[2].notes[0].text == "2000.09--2002.07在云南省委党校经济管理专业在职大专学习"
    assert (r.entries[2].notes[0].start, r.entries[2].notes[0].end) == (PDate(2000, 9), PDate(2002, 7))
    assert r.entries[3].text == "泸西县午街铺镇党委副书记、镇长"
    assert r.entries[4].text == "泸西县财政局局长、党组书记"
    assert r.terms == ("中共泸西县第十二届委员会委员", "中共泸西县第十三届委员会委员")
    assert r.unread == () and r.breaks() == ()
    assert r.current.text == "泸西县财政局局长、党组书记" and r.post_since == PDate(2011, 3)
    assert [e.kind for e in r.entries] == ["study", "post", "post", "post", "post"]
    assert len(r.posts) == 4
    (sec,) = r.secondments()
    assert (sec.start, sec.end, sec.line) == (PDate(2005, 3), PDate(2006, 3), 6) and "挂职" in sec.text


def test_stints_in_the_form_the_audit_reads():
    """The same history as `parse.history.parse_resume` gives for the same text."""
    from cadre_cli.parse.history import parse_resume as roster_resume

    ours = parse_resume(FULL).stints()
    assert [(s.start, s.end, s.during, s.is_study) for s in ours] == [
        (s.start, s.end, s.during, s.is_study) for s in roster_resume(FULL.split("\r\n\r\n")[0])]
    during = [s for s in ours if s.during]
    assert [(s.text, s.start, s.end) for s in during] == [
        ("在云南省委党校经济管理专业在职大专学习", PDate(2000, 9), PDate(2002, 7)),
        ("挂职任红河州财政局副局长", PDate(2005, 3), PDate(2006, 3))]


def test_terms_without_blank_line_and_note_with_several_items():
    r = parse_resume("2001.07--2010.01  某镇镇长\n"
                     "（其间：2003.09--2005.07在中央党校在职研究生学习；2008.03--2009.03挂职任某市某局副局长）\n"
                     "2010.01--         某县县委常委\n第十五届某县人大代表")
    assert r.terms == ("第十五届某县人大代表",)
    assert [n.start for n in r.entries[0].notes] == [PDate(2003, 9), PDate(2008, 3)]
    assert [s.start for s in r.secondments()] == [PDate(2008, 3)]


def test_secondment_line_of_its_own_and_waiting():
    r = parse_resume("1976.07--1978.02  某县某中学留校待分配\n1978.02--1980.03  某县某局干事\n"
                     "1980.03--1981.03  在某县某乡挂职锻炼\n1981.03--         某县某局副局长")
    assert [e.kind for e in r.entries] == ["waiting", "post", "post", "post"]
    assert [(s.start, s.end) for s in r.secondments()] == [(PDate(1980, 3), PDate(1981, 3))]


def test_breaks():
    r = parse_resume("2000.07--2003.05  甲\n2003.09--2006.01  乙\n2005.10--2008.01  丙\n2008.02--2010.01  丁\n"
                     "2009.01--         戊\n2012.01--2013.01  己")
    kinds = [(b.kind, b.before.line, b.after.line, b.months) for b in r.breaks()]
    assert kinds == [("gap", 1, 2, 3), ("overlap", 2, 3, 3), ("overlap", 4, 5, 12), ("open", 5, 6, 0)]
    assert [(b.kind, b.months) for b in r.breaks(tolerance=0)][:3] == [("gap", 3), ("overlap", 3), ("gap", 0)]


def test_backwards_and_reversed():
    r = parse_resume("2005.01--2008.01  甲\n2003.01--2004.01  乙\n2009.01--2007.01  丙")
    assert [b.kind for b in r.breaks()][0] == "backwards"
    assert [e.line for e in r.reversed_ranges] == [3]


def test_unread_lines():
    r = parse_resume("简历：\n1991.13--1995.07  某大学学习\n1995.07--         某局科员\n1998--2001  某局副局长")
    assert [(u.line, u.text) for u in r.unread] == [(1, "简历："), (2, "1991.13--1995.07  某大学学习"), (4, "1998--2001  某局副局长")]
    assert "月份" in r.unread[1].reason and "写到月" in r.unread[2].reason
    assert len(r.entries) == 1 and r.entries[0].text == "某局科员"  # the year-only line is not glued on


# --- properties -----------------------------------------------------------------------------------
months = st.builds(PDate, st.integers(1950, 2030), st.integers(1, 12))
texts = st.text(st.sampled_from("某县局镇党委书记副主任科员（）、，中共"), min_size=1, max_size=20).filter(
    lambda t: not t.startswith(("（", "(")))
separators = st.sampled_from(["--", "—", "——", "－", "–", "~", "～", "至", "到", "-"])
date_forms = st.sampled_from(["{y}.{m:02d}", "{y}{m:02d}", "{y}.{m}", "{y}年{m}月"])


@given(months, st.one_of(st.none(), months), texts)
def test_editor_line_round_trip(start, end, text):
    parsed = parse_line(format_line(start, end, text))
    assert (parsed.start, parsed.end, parsed.text, parsed.standard) == (start, end, text, True)


@given(months, months, texts, separators, date_forms, st.sampled_from(["", " ", "  ", "\u3000"]))
def test_variant_lines_read_the_same(start, end, text, sep, form, space):
    line = form.format(y=start.year, m=start.month) + sep + form.format(y=end.year, m=end.month) + space + text
    parsed = parse_line(line)
    assert (parsed.start, parsed.end, parsed.text) == (start, end, text)


@given(st.lists(st.tuples(st.integers(0, 40), texts), min_size=1, max_size=8), st.sampled_from(["\n", "\r\n"]))
def test_joined_lines_have_no_breaks(steps, newline):
    """Lines that share their boundary months have no breaks."""
    lines, start = [], PDate(1990, 1)
    bounds = []
    for length, text in steps:
        index = start.year * 12 + start.month - 1 + length
        end = PDate(index // 12, index % 12 + 1)
        bounds.append((start, end))
        lines.append(format_line(start, end, text))
        start = end
    r = parse_resume(newline.join(lines))
    assert [(e.start, e.end) for e in r.entries] == bounds
    assert r.breaks() == () and r.unread == ()


@given(st.lists(st.integers(1, 40), min_size=2, max_size=8), st.data())
def test_a_gap_is_found_with_its_length(lengths, data):
    """Moving the start of one line k months past the end of the line before gives one gap
    of k - 1 months (k = 1 still joins), or one overlap when moved back."""
    i = data.draw(st.integers(1, len(lengths) - 1))
    k = data.draw(st.integers(-12, 24).filter(lambda n: n != 0))
    lines, index = [], 1990 * 12
    for n, length in enumerate(lengths):
        if n == i:
            index += k
        start = PDate(index // 12, index % 12 + 1)
        index += length
        lines.append(format_line(start, PDate(index // 12, index % 12 + 1), f"第{n}段"))
    found = [(b.kind, b.months, b.after.line) for b in parse_resume("\n".join(lines)).breaks()]
    if k < 0 and -k >= lengths[i - 1]:
        assert found[0][0] in ("overlap", "backwards")
    elif k < 0:
        assert found == [("overlap", -k, i + 1)]
    elif k == 1:
        assert found == []
    else:
        assert found == [("gap", k - 1, i + 1)]


@given(st.text(max_size=300))
def test_never_raises(text):
    r = parse_resume(text)
    assert all(u.line >= 1 for u in r.unread)
