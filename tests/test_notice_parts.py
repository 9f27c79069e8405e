"""The pure parts of `cadre notice` (period, allow-list, grouping, sandbox) and the
GB/T 9704-2012 layout of the documents it writes."""

from __future__ import annotations

import datetime as dt
import importlib
import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from cadre_cli.errors import CadreError
from cadre_cli.model.person import build_roster
from cadre_cli.notice.context import PERSON_KEYS, person_context, publishable_fields
from cadre_cli.notice.grouping import safe_stems
from cadre_cli.notice.period import notice_period, work_calendar
from cadre_cli.notice.render_docx import signature, title_lines
from cadre_cli.notice.sandbox import NoticeEnvironment, markdown_escape
from cadre_cli.readers.load import read_tables
from tests.notice_helpers import make_roster, secrets

ROOT = Path(__file__).resolve().parent.parent


# -- period -----------------------------------------------------------------------------

def test_calendar_days_count_the_start_as_day_one():
    period, warnings = notice_period(dt.date(2026, 12, 1), 7)
    assert (period.start, period.end, warnings) == (dt.date(2026, 12, 1), dt.date(2026, 12, 7), [])
    assert period.text == "公示期为2026年12月1日至2026年12月7日（7天）。"


def test_working_days_skip_the_holiday_and_count_adjusted_weekends():
    # 2025-09-28 is a Sunday worked in lieu of the National Day holiday (10-1 to 10-8)
    period, warnings = notice_period(dt.date(2025, 9, 28), 3, working_days=True)
    assert (period.start, period.end, warnings) == (dt.date(2025, 9, 28), dt.date(2025, 9, 30), [])
    period, _ = notice_period(dt.date(2025, 9, 30), 2, working_days=True)
    assert period.end == dt.date(2025, 10, 9)
    assert period.text == "公示期为2025年9月30日至2025年10月9日（2个工作日）。"


def test_a_start_on_a_holiday_moves_to_the_next_working_day_with_a_warning():
    period, warnings = notice_period(dt.date(2025, 10, 1), 1, working_days=True)
    assert period.start == period.end == dt.date(2025, 10, 9)
    assert warnings and "2025年10月1日不是工作日" in warnings[0]


def test_a_year_without_its_arrangement_counts_statutory_holidays_and_says_so():
    """2099: no 调休 data anywhere. 1 May (Friday) and the Labour Day holidays are rest
    days by rule; weekends are rest days; the warning names the year and the remedy."""
    period, warnings = notice_period(dt.date(2099, 4, 29), 3, working_days=True)
    assert (period.start, period.end) == (dt.date(2099, 4, 29), dt.date(2099, 5, 5))  # 4-29, 4-30, (5-1..5-4), 5-5
    assert len(warnings) == 1 and "2099年" in warnings[0] and "调休" in warnings[0] and "--workday" in warnings[0]


def test_published_dates_win_over_the_data():
    cal = work_calendar(holidays=[dt.date(2099, 4, 30)], workdays=[dt.date(2099, 5, 2)])
    period, warnings = notice_period(dt.date(2099, 4, 29), 3, working_days=True, calendar=cal)
    assert period.end == dt.date(2099, 5, 5)  # 4-29, 5-2 (worked Saturday), 5-5
    assert warnings == []  # the user gave 2099's 调休 days
    with pytest.raises(CadreError, match="既写作节假日又写作调休上班日"):
        work_calendar(holidays=[dt.date(2099, 5, 2)], workdays=[dt.date(2099, 5, 2)])


# -- the allow-list ---------------------------------------------------------------------

def _people(tmp_path, **kwargs):
    path = make_roster(tmp_path, **kwargs)
    _, tables = read_tables(path)
    return build_roster(path.name, tables).people


def test_person_context_holds_only_publishable_text(tmp_path):
    people = _people(tmp_path, results=True)
    for kind in ("notice", "list"):
        for with_results in (False, True):
            ctx = person_context(people[0], 1, kind, with_results)
            assert tuple(ctx) == PERSON_KEYS
            flat = repr(ctx)
            for secret in secrets():
                assert secret not in flat
    ctx = person_context(people[0], 1, "notice", True)
    assert ctx["birth"] == "1985年3月" and ctx["birth_short"] == "1985.03"  # never the day
    assert [r["label"] for r in ctx["results"]] == ["民主测评", "笔试成绩"]
    assert "phone" not in ctx and "id_number" not in ctx and "address" not in ctx


def test_list_line_has_no_candidate_wording(tmp_path):
    person = _people(tmp_path)[0]
    assert person_context(person, 1, "list", False)["line"].endswith("现任县财政局副局长，正科级后备干部。")
    assert person_context(person, 1, "notice", False)["line"].endswith("拟列为正科级后备干部人选。")
    assert publishable_fields(person)["reserve_class"] == "正科级"


# -- grouping and file names -------------------------------------------------------------

def test_safe_file_names():
    stems = safe_stems(["县财政局", "财政/税务", "财政:税务", "CON", "  尾部点.. ", "县财政局", "", "a" * 200])
    assert stems[:3] == ["县财政局", "财政_税务", "财政_税务_2"]
    assert stems[3] == "_CON" and stems[4] == "尾部点" and stems[5] == "县财政局_2"
    assert stems[6] == "未命名" and len(stems[7]) == 80
    assert len({s.casefold() for s in stems}) == len(stems)


# -- the sandbox -------------------------------------------------------------------------

def test_sandbox_prints_nothing_for_unsafe_or_missing_names_and_records_them():
    env = NoticeEnvironment(autoescape=True)
    template = env.from_string("{{ p.name }}{{ p.id_number }}{{ p.__class__.__mro__ }}{{ cycler.__init__.__globals__ }}"
                               "{{ p.items.__self__ }}{{ p.pop('name') }}")
    assert template.render(p={"name": "张<三>"}) == "张&lt;三&gt;"
    assert {"id_number", "__class__", "__init__", "pop"} <= env.missing


def test_compiled_sources_are_reused():
    env = NoticeEnvironment(autoescape=True)
    assert env.from_string("{{ a }}") is env.from_string("{{ a }}")
    assert env.from_string("{{ a }}") is not env.from_string("{{ b }}")


def test_markdown_escape():
    assert markdown_escape("张*三*|<b>&") == r"张\*三\*\|\<b\>\&"
    assert markdown_escape(3) == 3


# -- docx layout ------------------------------------------------------------------------

def test_signature_follows_gbt_9704():
    sign = signature("中共泸西县委组织部", "2026年12月1日")
    assert sign["sign_issuer"] == "\u3000" * 17 + "中共泸西县委组织部"  # 右空二字 in a 28-character line
    assert sign["sign_date"] == "\u3000" * 19 + "2026年12月1日"  # two characters further right
    long_date = signature("某局", "2026年12月31日")
    assert len(long_date["sign_date"]) - len(long_date["sign_date"].lstrip("\u3000")) == 19
    assert long_date["sign_issuer"].startswith("\u3000" * 17 + "某局")


def test_long_titles_break_where_the_meaning_allows():
    title = "关于欧阳张三等同志拟列为科级后备干部人选的公示"
    assert title_lines(title, "科级后备干部") == "关于欧阳张三等同志\n拟列为科级后备干部人选的公示"
    assert title_lines("白水镇科级后备干部名单", "科级后备干部") == "白水镇科级后备干部名单"


@pytest.fixture(scope="module")
def produced(tmp_path_factory):
    """One notice and one list as `cadre notice` writes them."""
    from cadre_cli.cli import main

    tmp = tmp_path_factory.mktemp("layout")
    roster = make_roster(tmp)
    for kind in ("notice", "list"):
        try:
            main(["notice", str(roster), "--kind", kind, "--start", "2026-12-01", "--days", "7", "--issuer", "中共测试县委组织部",
                  "--output", str(tmp / kind), "--format", "docx"])
        except SystemExit as exc:
            assert exc.code in (0, None)
    return {kind: next((tmp / kind).glob("*.docx")) for kind in ("notice", "list")}


@pytest.mark.parametrize("kind", ["notice", "list"])
def test_page_setup_and_grid(produced, kind):
    doc = Document(str(produced[kind]))
    section = doc.sections[0]
    mm = [round(v / Mm(1), 1) for v in (section.page_width, section.page_height, section.top_margin,
                                        section.bottom_margin, section.left_margin, section.right_margin)]
    assert mm == [210, 297, 37, 35, 28, 26]  # A4; margins top 37, bottom 35, left 28, right 26 mm
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "lines" and grid.get(qn("w:linePitch")) == "579"
    assert grid.get(qn("w:charSpace")) is None


@pytest.mark.parametrize("kind", ["notice", "list"])
def test_fonts_sizes_and_spacing(produced, kind):
    doc = Document(str(produced[kind]))
    title = doc.paragraphs[0]
    assert title.style.name == "公文标题" and title.style.font.size.pt == 22
    assert title.style.paragraph_format.alignment == 1  # centre
    body = next(p for p in doc.paragraphs if p.style.name == "公文正文")
    assert body.style.font.size.pt == 16
    fmt = body.style.paragraph_format
    assert round(fmt.line_spacing.pt, 2) == 28.95 and fmt.line_spacing_rule == 4  # exactly
    assert body.style.element.pPr.find(qn("w:ind")).get(qn("w:firstLineChars")) == "200"
    fonts = {"公文标题": "方正小标宋简体", "公文正文": "仿宋_GB2312", "落款": "仿宋_GB2312", "页码": "宋体"}
    for name, east_asia in fonts.items():
        rfonts = doc.styles[name].element.rPr.find(qn("w:rFonts"))
        assert rfonts.get(qn("w:eastAsia")) == east_asia, name
    runs = [r for p in doc.paragraphs for r in p.runs if r.text.strip()]
    for table in doc.tables:
        runs += [r for row in table.rows for c in row.cells for p in c.paragraphs for r in p.runs if r.text.strip()]
    assert runs
    for run in runs:  # every run names its East Asian font itself
        assert run._r.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) in ("方正小标宋简体", "仿宋_GB2312", "黑体")


@pytest.mark.parametrize("kind", ["notice", "list"])
def test_even_and_odd_page_numbers(produced, kind):
    doc = Document(str(produced[kind]))
    assert doc.settings.odd_and_even_pages_header_footer
    section = doc.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        assert not footer.is_linked_to_previous
        xml = footer._element.xml
        assert "PAGE" in xml and 'fldCharType="begin"' in xml and 'fldCharType="end"' in xml
        paragraph = footer.paragraphs[0]
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert f'w:jc w:val="{align}"' in xml
        assert 'w:eastAsia="宋体"' in xml and 'w:sz w:val="28"' in xml  # 4号


def test_list_table_header_repeats(produced):
    doc = Document(str(produced["list"]))
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "姓名", "性别", "民族", "出生年月", "学历学位", "政治面貌",
                                                      "工作单位及职务", "后备类别"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert len(table.rows) == 1 + 6


def test_committed_templates_match_their_build_script():
    module = importlib.import_module("scripts.make_templates")
    for name, build in (("notice.docx", module.build_notice), ("list.docx", module.build_list)):
        buffer = io.BytesIO()
        build().save(buffer)
        fresh = zipfile.ZipFile(io.BytesIO(module.stable_zip(buffer.getvalue())))
        committed = zipfile.ZipFile(ROOT / "cadre_cli" / "templates" / name)
        assert sorted(fresh.namelist()) == sorted(committed.namelist()), name
        for member in fresh.namelist():
            if member != "docProps/core.xml":
                assert fresh.read(member) == committed.read(member), (name, member)


def test_line_without_a_post_says_where_the_person_works(tmp_path):
    from tests.builders import person, roster_xlsx

    path = roster_xlsx(tmp_path / "r.xlsx", [person("张三", dt.date(1985, 3, 15), 工作单位="县财政局")])
    _, tables = read_tables(path)
    ctx = person_context(build_roster(path.name, tables).people[0], 1, "notice", False)
    assert ctx["line"] == "张三，男，1985年3月生，现在县财政局工作。"
