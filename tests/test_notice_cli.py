"""`cadre notice` end to end: files per unit with the right people, the period, the
issuer, no personal data that must not be published, and clean errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from docx import Document

from cadre_cli.model.person import build_roster
from cadre_cli.parse.text import cell_text
from cadre_cli.readers.load import read_tables
from tests.builders import make_id, person, roster_xlsx
from tests.notice_helpers import (UNITS, all_names, assert_no_secrets, docx_text, html_text, make_roster, raw_text,
                                  readable)

ISSUER = "中共测试县委组织部"


def notice_args(roster: Path, out: Path, *extra: str) -> list[str]:
    return ["notice", str(roster), "--by", "单位", "--kind", "notice", "--start", "2026-12-01", "--days", "7",
            "--issuer", ISSUER, "--output", str(out), *extra]


def test_one_notice_per_unit_with_its_people_only(run, tmp_path):
    roster = make_roster(tmp_path)
    out = tmp_path / "公示"
    result = run(*notice_args(roster, out, "--format", "docx,html,md"))
    assert result.code == 0, result
    names = all_names()
    for unit, people in UNITS.items():
        mine = {name for name, _, _ in people}
        for ext in ("docx", "html", "md"):
            path = out / f"{unit}_公示.{ext}"
            text = readable(path)
            assert all(n in text for n in mine), (path, text)
            assert not any(n in text for n in names - mine), (path, text)
            assert "公示期为2026年12月1日至2026年12月7日" in text
            assert "2026年12月1日" in text.split("公示期")[-1]  # the date of issue under the issuer
            assert ISSUER in text
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{u}_公示.{e}" for u in UNITS for e in ("docx", "html", "md"))
    text = docx_text(out / "县财政局_公示.docx")
    assert "关于张三等同志" in text and "拟列为科级后备干部人选的公示" in text
    assert "张三，男，汉族，1985年3月生，大学学历，学士学位，中共党员，2007年8月参加工作，现任县财政局副局长，拟列为正科级后备干部人选。" in text
    assert "来信以邮戳日期为准" in text and "真实姓名" in text


def test_no_id_phone_address_or_remarks_anywhere(run, tmp_path):
    roster = make_roster(tmp_path, results=True)
    out = tmp_path / "out"
    result = run(*notice_args(roster, out, "--format", "docx,html,md", "--with-results",
                              "--contact", "联系电话：0873-1234567", "--contact", "通信地址：测试县组织部干部科"))
    assert result.code == 0, result
    files = list(out.iterdir())
    assert len(files) == 9
    assert_no_secrets(files)
    for path in files:
        assert "0873-1234567" in readable(path)  # the office's own contact lines do appear
        assert "优秀15票" in readable(path)  # and the evaluation results, when asked for


def test_results_only_when_asked(run, tmp_path):
    roster = make_roster(tmp_path, results=True)
    assert run(*notice_args(roster, tmp_path / "a")).code == 0
    assert "优秀15票" not in docx_text(tmp_path / "a" / "县财政局_公示.docx")
    assert run(*notice_args(roster, tmp_path / "b", "--with-results")).code == 0
    text = docx_text(tmp_path / "b" / "县财政局_公示.docx")
    assert "民主测评：优秀15票、称职3票、基本称职1票、不称职0票（参加测评19人）；笔试成绩：86.5分。" in text


HOSTILE = [
    "{{ people[0].id_number }}{{ people[0].phone }}{{ people[0].address }}{{ people[0].remarks }}",
    "{{ people[0].__class__.__mro__ }}{{ people.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__ }}{{ lipsum.__globals__['os'] }}{{ joiner.__init__.__globals__.os }}",
    "{{ self._TemplateReference__context }}{{ config }}{{ request }}{{ people[0]|attr('__dict__') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ people.append(1) }}{{ people[0].id }}{{ people[0].record }}",
]


def hostile_docx(path: Path) -> Path:
    doc = Document()
    doc.add_paragraph("{{ title }}")
    for line in HOSTILE:
        doc.add_paragraph(line)
    doc.add_paragraph("{%p for person in people %}")
    doc.add_paragraph("{{ person.name }}|{{ person.id_number }}|{{ person.phone }}|{{ person.__class__.__mro__ }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
    return path


def hostile_text(path: Path) -> Path:
    body = "\n".join(HOSTILE) + "\n{% for person in people %}{{ person.name }}|{{ person.id_number }}|{{ person['phone'] }}\n{% endfor %}"
    path.write_text(body, encoding="utf-8")
    return path


def test_hostile_templates_get_nothing_and_a_warning(run, tmp_path):
    roster = make_roster(tmp_path)
    out = tmp_path / "out"
    result = run(*notice_args(roster, out, "--format", "docx,html,md",
                              "--template", str(hostile_docx(tmp_path / "坏.docx")),
                              "--template", str(hostile_text(tmp_path / "坏.html.j2")),
                              "--template", str(hostile_text(tmp_path / "坏.md.j2"))))
    assert result.code == 0, result
    assert "Traceback" not in result.err
    assert "坏.docx" in result.err and "id_number" in result.err and "__class__" in result.err
    assert "坏.html.j2" in result.err and "坏.md.j2" in result.err
    files = list(out.iterdir())
    assert len(files) == 9
    assert_no_secrets(files)
    for path in files:
        raw = raw_text(path)
        assert "subclasses" not in raw and "<class" not in raw and "&lt;class" not in raw and "function" not in raw
    assert "张三|||" in readable(out / "县财政局_公示.docx")
    assert "张三||" in readable(out / "县财政局_公示.html")


@pytest.mark.parametrize("body", ["{{ 'x' * 10000000 }}", "{{ people[0].phone + 1 }}", "{{ 2 ** 100000 }}",
                                  "{% for x in people %}{{ x.name }", "{% include 'notice.docx' %}"])
def test_template_that_cannot_render_stops_cleanly_before_writing(run, tmp_path, body):
    roster = make_roster(tmp_path)
    template = tmp_path / "t.html.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "out"
    result = run(*notice_args(roster, out, "--template", str(template)))
    assert result.code == 2, result
    assert "模板“t.html.j2”" in result.err and "Traceback" not in result.err
    assert not out.exists()  # nothing of the batch was written, not even the folder this run created


def test_special_characters_print_as_text(run, tmp_path):
    units = {"县<特殊>&局": [("张<三>&", dt.date(1985, 3, 15), "男")], "白水镇": [("李四", dt.date(1990, 7, 2), "女")]}
    roster = make_roster(tmp_path, units)
    out = tmp_path / "out"
    result = run(*notice_args(roster, out, "--format", "docx,html,md"))
    assert result.code == 0, result
    stem = "县_特殊_&局"  # < and > are not allowed in Windows file names
    assert docx_text(out / f"{stem}_公示.docx").count("张<三>&") >= 2  # title and line
    assert "县<特殊>&局副局长" in docx_text(out / f"{stem}_公示.docx")
    page = (out / f"{stem}_公示.html").read_text(encoding="utf-8")
    assert "张&lt;三&gt;&amp;" in page and "张<三>" not in page
    assert "张<三>&" in html_text(out / f"{stem}_公示.html")
    assert r"张\<三\>\&" in (out / f"{stem}_公示.md").read_text(encoding="utf-8")


def test_list_is_the_default_under_county_with_a_table(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--by", "工作单位", "--date", "2026-12-01", "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["kind"] == "list" and data["period"] is None
    folder = tmp_path / "名册_名单"
    assert {f["group"] for f in data["files"]} == set(UNITS)
    one = next(f for f in data["files"] if f["group"] == "白水镇")
    assert one["people"] == ["赵六", "钱七", "孙八"]
    assert sorted(Path(p).name for p in one["paths"]) == ["白水镇_名单.docx", "白水镇_名单.html"]
    doc = Document(str(folder / "白水镇_名单.docx"))
    rows = [[c.text for c in r.cells] for r in doc.tables[0].rows]
    assert rows[0][:3] == ["序号", "姓名", "性别"]
    assert [r[1] for r in rows[1:]] == ["赵六", "钱七", "孙八"]
    assert rows[1][4] == "1992.01" and rows[1][7] == "白水镇股长" and rows[1][8] == "副科级"
    text = docx_text(folder / "白水镇_名单.docx")
    assert "白水镇科级后备干部名单" in text and "中共泸西县委组织部" in text and "公示期" not in text


def test_working_days_across_national_day(run, tmp_path):
    roster = make_roster(tmp_path)
    out = tmp_path / "out"
    # 2025: 9-28 (Sunday) is a working day, 10-1..10-8 are holidays, 10-11 (Saturday) is a working day
    result = run("notice", str(roster), "--kind", "notice", "--start", "2025-09-26", "--days", "7", "--working-days",
                 "--issuer", ISSUER, "--output", str(out), "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["period"] == {"start": "2025-09-26", "end": "2025-10-11", "days": 7, "working_days": True}
    text = docx_text(out / "科级后备干部_公示.docx")
    assert "公示期为2025年9月26日至2025年10月11日（7个工作日）" in text


def test_working_days_into_a_year_without_its_arrangement(run, tmp_path):
    """chinese-calendar stops at 2026: 2027 is counted with its statutory holidays
    (1 January) and weekends, and the user is told that 2027's 调休 workdays are unknown."""
    roster = make_roster(tmp_path)
    out = tmp_path / "out"
    result = run("notice", str(roster), "--kind", "公示", "--start", "2026-12-28", "--days", "7", "--working-days",
                 "--issuer", ISSUER, "--output", str(out), "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["period"] == {"start": "2026-12-28", "end": "2027-01-06", "days": 7, "working_days": True}
    warning = next(w for w in data["warnings"] if "2027年" in w)
    assert "调休" in warning and "--workday" in warning and "[calendar]" in warning
    assert "公示期为2026年12月28日至2027年1月6日（7个工作日）" in docx_text(out / "科级后备干部_公示.docx")


def test_published_dates_from_options_and_the_policy(run, tmp_path):
    """A year's arrangement once published: --workday adds a worked Saturday, the
    policy's [calendar] adds rest days and worked days."""
    roster = make_roster(tmp_path)
    base = ["notice", str(roster), "--kind", "notice", "--start", "2027-02-08", "--days", "5", "--working-days",
            "--issuer", ISSUER, "--json", "--force"]
    plain = json.loads(run(*base, "--output", str(tmp_path / "a")).out)
    assert plain["period"]["end"] == "2027-02-17"  # 11, 12, 15, 16, 17 (6-10 Spring Festival)
    worked = json.loads(run(*base, "--output", str(tmp_path / "b"), "--workday", "2027-02-13").out)
    assert worked["period"]["end"] == "2027-02-16"
    assert not any("2027年的节假日安排" in w for w in worked["warnings"])  # the user gave the year's 调休
    policy = tmp_path / "我县政策.toml"
    policy.write_text('extends = "county"\n[calendar]\nholidays = [2027-02-11]\nworkdays = ["2027-02-13"]\n',
                      encoding="utf-8")
    both = json.loads(run(*base, "--output", str(tmp_path / "c"), "--policy", str(policy)).out)
    assert both["period"]["end"] == "2027-02-17"  # 12, 13, 15, 16, 17


def test_calendar_days_need_no_holiday_data(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--kind", "notice", "--start", "2099-12-28", "--days", "7",
                 "--issuer", ISSUER, "--output", str(tmp_path / "out"), "--json")
    assert result.code == 0, result
    assert json.loads(result.out)["period"]["end"] == "2100-01-03"


@pytest.mark.parametrize("policy", ["county", "village"])
def test_notice_without_days_asks_for_days(run, tmp_path, policy):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--policy", policy, "--kind", "notice", "--start", "2026-12-01",
                 "--issuer", ISSUER, "--output", str(tmp_path / "out"))
    assert result.code == 2 and "--days" in result.err


def test_street_policy_gives_seven_days_but_no_issuer(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--policy", "street", "--start", "2026-12-01", "--output", str(tmp_path / "o"))
    assert result.code == 2 and "--issuer" in result.err
    result = run("notice", str(roster), "--policy", "street", "--start", "2026-12-01", "--output", str(tmp_path / "o"),
                 "--issuer", "中共XX街道工作委员会", "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["kind"] == "notice" and data["period"]["end"] == "2026-12-07"
    text = docx_text(tmp_path / "o" / "中层后备干部_公示.docx")
    assert "拟列为正科级后备干部人选" in text and "中共XX街道工作委员会" in text


def test_unknown_by_column_lists_the_headers(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--by", "片区", "--date", "2026-12-01")
    assert result.code == 2
    assert "片区" in result.err and "工作单位" in result.err and "后备类别" in result.err


def test_by_a_column_that_may_not_be_published_is_refused(run, tmp_path):
    roster = make_roster(tmp_path)
    for column in ("身份证号码", "联系电话", "家庭住址"):
        result = run("notice", str(roster), "--by", column, "--date", "2026-12-01", "--output", str(tmp_path / "o"))
        assert result.code == 2 and "不能按" in result.err, column
    assert not (tmp_path / "o").exists()


def test_output_folder_with_missing_parent_is_an_error(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--date", "2026-12-01", "--output", str(tmp_path / "没有" / "公示"))
    assert result.code == 2 and "不存在" in result.err
    assert not (tmp_path / "没有").exists()


def test_existing_files_need_force(run, tmp_path):
    roster = make_roster(tmp_path)
    out = tmp_path / "out"
    args = ["notice", str(roster), "--by", "单位", "--date", "2026-12-01", "--output", str(out)]
    assert run(*args).code == 0
    target = out / "白水镇_名单.docx"
    target.write_bytes(b"keep me")
    result = run(*args)
    assert result.code == 2 and "--force" in result.err
    assert target.read_bytes() == b"keep me"
    assert run(*args, "--force").code == 0
    assert target.read_bytes() != b"keep me" and "赵六" in docx_text(target)


def test_whole_roster_in_one_document_and_date_of_issue(run, tmp_path):
    roster = make_roster(tmp_path)
    out = tmp_path / "out"
    result = run("notice", str(roster), "--kind", "notice", "--start", "2026-12-01", "--days", "5", "--issuer", ISSUER,
                 "--date", "2026-11-28", "--output", str(out), "--format", "html")
    assert result.code == 0, result
    assert [p.name for p in out.iterdir()] == ["科级后备干部_公示.html"]
    text = html_text(out / "科级后备干部_公示.html")
    assert all(n in text for n in all_names())
    assert "公示期为2026年12月1日至2026年12月5日（5天）" in text
    assert text.rstrip().endswith("2026年11月28日")


def test_rows_without_name_and_duplicates_are_left_out_with_a_warning(run, tmp_path):
    born = dt.date(1985, 3, 15)
    rows = [person("张三", born, seq=1, 工作单位="县财政局"),
            person("张三", born, seq=2, 工作单位="县财政局"),  # entered twice, another ID number
            {"序号": 3, "性别": "男", "工作单位": "县财政局", "身份证号码": make_id(born, seq=3)}]
    roster = roster_xlsx(tmp_path / "r.xlsx", rows)
    result = run("notice", str(roster), "--date", "2026-12-01", "--output", str(tmp_path / "o"), "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert data["files"][0]["people"] == ["张三"]
    assert any("同一人" in w for w in data["warnings"]) and any("没有姓名" in w for w in data["warnings"])


def test_bad_format_and_template_are_clean_errors(run, tmp_path):
    roster = make_roster(tmp_path)
    result = run("notice", str(roster), "--format", "pdf", "--date", "2026-12-01")
    assert result.code == 2 and "docx、html、md" in result.err
    result = run("notice", str(roster), "--template", str(tmp_path / "没有.docx"), "--date", "2026-12-01")
    assert result.code == 2 and "找不到模板" in result.err
    bad = tmp_path / "坏.docx"
    bad.write_text("not a zip", encoding="utf-8")
    result = run("notice", str(roster), "--template", str(bad), "--date", "2026-12-01", "--output", str(tmp_path / "o"))
    assert result.code == 2 and "不是有效的 .docx" in result.err


def test_sample_roster_demo_command(run, tmp_path):
    """The Makefile's demo command, writing to a temporary folder."""
    sample = Path(__file__).resolve().parent.parent / "sample_data" / "后备干部名册.xlsx"
    out = tmp_path / "名单"
    result = run("notice", str(sample), "--by", "单位", "--output", str(out), "--force")
    # the sample's 周帆 (出生年月 1992.13) and 许强伟 (1995.02, ID 1996.03) stop their towns' lists
    assert result.code == 2, result
    assert "“白水镇”的名单未生成：周帆：工作表“后备干部名册”E25的出生年月无法识别" in result.err
    assert "“中枢镇”的名单未生成：许强伟：工作表“后备干部名册”E24的出生年月1995年2月与身份证号中的1996年3月不一致" in result.err
    assert len(list(out.glob("*.docx"))) == 4 and len(list(out.glob("*.html"))) == 4
    assert not (out / "白水镇_名单.docx").exists()
    assert "县财政局科级后备干部名单" in docx_text(out / "县财政局_名单.docx")
    _, tables = read_tables(sample)
    people = build_roster(sample.name, tables).people
    private = [cell_text(p.record.raw(f)) for p in people for f in ("id_number", "phone")]
    private = [v[:17] for v in private if len(v) >= 11]
    assert len(private) > 60
    assert_no_secrets(out.iterdir(), private)


def test_help_is_chinese_with_an_example(run):
    result = run("notice", "--help")
    assert result.code == 0
    assert "示例" in result.out and "--working-days" in result.out and "身份证号" in result.out


def test_by_unit_works_with_one_sheet_per_unit(run, tmp_path):
    """No unit column: each sheet is a unit (the sheet name), as many offices keep them."""
    from openpyxl import Workbook

    from tests.builders import write_table

    wb = Workbook()
    wb.remove(wb.active)
    for seq, (unit, name) in enumerate((("县财政局", "张三"), ("白水镇", "李四")), start=1):
        write_table(wb.create_sheet(unit), [person(name, dt.date(1985, 3, 15), seq=seq)], unit_line=None)
    wb.save(tmp_path / "分表.xlsx")
    result = run("notice", str(tmp_path / "分表.xlsx"), "--by", "单位", "--date", "2026-12-01",
                 "--output", str(tmp_path / "o"), "--json")
    assert result.code == 0, result
    files = {f["group"]: f["people"] for f in json.loads(result.out)["files"]}
    assert files == {"县财政局": ["张三"], "白水镇": ["李四"]}


def test_contact_lines_from_a_policy_file(run, tmp_path):
    roster = make_roster(tmp_path)
    policy = tmp_path / "我县政策.toml"
    policy.write_text('extends = "street"\n[notice]\nissuer = "中共XX街道工作委员会"\n'
                      'contacts = ["联系电话：0000-7654321"]\n', encoding="utf-8")
    result = run("notice", str(roster), "--policy", str(policy), "--start", "2026-12-01", "--output", str(tmp_path / "o"),
                 "--format", "html")
    assert result.code == 0, result
    text = html_text(tmp_path / "o" / "中层后备干部_公示.html")
    assert "联系电话：0000-7654321" in text and "中共XX街道工作委员会" in text


def test_control_characters_in_a_csv_roster_do_not_break_the_docx(run, tmp_path):
    roster = tmp_path / "名册.csv"
    roster.write_text("姓名,性别,工作单位,现任职务\n张\x0b三,男,县财政局,副\x0c局长\n王\t五,男,县财政局,股长\n"
                      "李\x07四,女,县水利局,股长\n", encoding="utf-8")
    result = run("notice", str(roster), "--by", "单位", "--date", "2026-12-01", "--output", str(tmp_path / "o"))
    assert result.code == 2, result  # a bell is not whitespace: 李四's list stops, naming the cell
    assert "A4（姓名）" in result.err.replace("\n", "") and "U+0007" in result.err, result
    assert not (tmp_path / "o" / "县水利局_名单.docx").exists()
    text = docx_text(tmp_path / "o" / "县财政局_名单.docx")
    assert "张三" in text and "王五" in text and "县财政局副 局长" in text  # whitespace inside a name is padding
