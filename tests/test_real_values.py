"""Values real rosters hold, read as what they mean: 正职/副职, explicit blanks, party
names in 入党时间, junior titles, passports, the 1905 trap, impossible dates, the ID's day
for ages, 本村, the right date in the age message, HR code columns."""

import datetime as dt
import json
from pathlib import Path

import pytest
from openpyxl import Workbook

from cadre_cli.model.person import build_roster
from cadre_cli.parse.categories import RelativeRank
from cadre_cli.parse.dates import PDate
from cadre_cli.readers.load import read_workbook
from tests.audit_helpers import audit, of_rule
from tests.builders import make_id, person, roster_xlsx

DATA = Path(__file__).parent / "data"


def people_of(path):
    reading = read_workbook(path)
    return build_roster(path.name, reading.tables, reading.report)


def test_principal_and_deputy_as_rank_are_read_and_ask_for_the_level(run, tmp_path):
    rows = [person("正职甲", seq=1, **{"职级": "正职", "后备类别": "正科级"}),
            person("副职乙", dt.date(1988, 1, 1), seq=2, **{"职级": "副职", "后备类别": "副科级"}),
            person("县处副", dt.date(1986, 1, 1), seq=3, **{"职级": "县处级副职", "后备类别": "正科级"})]
    r = people_of(roster_xlsx(tmp_path / "r.xlsx", rows))
    assert [p.values["rank"] for p in r.people][:2] == [RelativeRank.PRINCIPAL, RelativeRank.DEPUTY]
    assert not any(p.problems for p in r.people)  # 正职 is no unreadable value (it was 672 errors)
    data = audit(run, tmp_path, rows, "--select", "rank-prerequisite,invalid-value", policy="college", name="c.xlsx")
    assert of_rule(data, "invalid-value") == []
    asked = of_rule(data, "missing-value")
    assert asked and "职级为“正职”，没有写明是哪一级" in asked[0]["message"]


def test_explicit_blanks_and_never_in_a_date(run, tmp_path):
    rows = [person("从未中层", dt.date(1995, 1, 1), seq=1, **{"任中层时间": "无", "参加工作时间": "2023.07", "职称": "/",
                                                        "政治面貌": "—", "学历": "大学", "全日制学历": "大学"}),
            person("暂无", dt.date(1994, 1, 1), seq=2, **{"任中层时间": "暂无", "参加工作时间": "2012.07", "职称": "讲师",
                                                    "政治面貌": "群众", "学历": "大学", "全日制学历": "大学"})]
    r = people_of(roster_xlsx(tmp_path / "b.xlsx", rows))
    first = r.people[0]
    assert {"middle_since", "title", "political_status"} <= first.blank and "middle_since" in first.never
    assert not first.problems
    data = audit(run, tmp_path, rows, "--select", "experience", policy="school", name="s.xlsx")
    # never a middle cadre and 3 years' work: the experience rule decides (no 缺少 warning)
    assert [f["name"] for f in of_rule(data, "experience")] == ["从未中层"]
    assert of_rule(data, "missing-value") == []


@pytest.mark.parametrize("party", ["民建", "九三学社", "无党派人士", "民盟盟员"])
def test_another_party_in_the_joined_party_column(tmp_path, party):
    rows = [person("党外", seq=1, **{"入党时间": party})]
    r = people_of(roster_xlsx(tmp_path / "p.xlsx", rows))
    p = r.people[0]
    assert not p.problems and "joined_party" in p.never and p.values["political_status"].startswith(party[:2])
    assert any("写的是党派" in n for n in r.report.notes)


@pytest.mark.parametrize("title, level", [("研究实习员", "JUNIOR"), ("助教", "JUNIOR"), ("见习", "JUNIOR"),
                                          ("助理研究员", "INTERMEDIATE"), ("副研究馆员", "ASSOCIATE_SENIOR")])
def test_real_titles(tmp_path, title, level):
    r = people_of(roster_xlsx(tmp_path / "t.xlsx", [person("甲", **{"职称": title})]))
    assert r.people[0].values["title"].name == level and not r.people[0].problems


def test_passport_in_the_id_column_is_a_warning(run, tmp_path):
    rows = [person("护照", seq=1), person("港澳", seq=2), person("坏号", seq=3)]
    rows[0]["身份证号码"], rows[1]["身份证号码"] = "E12345678", "C87654321"
    rows[2]["身份证号码"] = "53252719850315001"
    found = of_rule(audit(run, tmp_path, rows), "id-number")
    by_name = {f["name"]: f for f in found}
    assert by_name["护照"]["severity"] == "warning" and "护照号码" in by_name["护照"]["message"]
    assert by_name["港澳"]["severity"] == "warning" and "往来港澳通行证" in by_name["港澳"]["message"]
    assert by_name["坏号"]["severity"] == "error"


def trap_book(path, epoch=None):
    wb = Workbook()
    if epoch is not None:
        wb.epoch = epoch
    ws = wb.active
    ws.title = "名册"
    ws.append(["姓名", "性别", "出生年月", "任现职时间"])
    for name, born, since in (("甲", 1981.02, "2020.01"), ("乙", 1985.1, "2021.05"), ("丙", 1990.12, 2019.06),
                              ("丁", 1985, "2022.01")):
        ws.append([name, "男", born, since])
    for r in range(2, 6):
        ws.cell(r, 3).number_format = "yyyy-mm-dd"
        ws.cell(r, 4).number_format = "yyyy\"年\"m\"月\""
    wb.save(path)
    return path


@pytest.mark.parametrize("source", ["xlsx", "xlsx-1904", "trap_1905.xls", "trap_1909.xls"])
def test_the_1905_trap(tmp_path, run, source):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    if source == "xlsx":
        path = trap_book(tmp_path / "t.xlsx")
    elif source == "xlsx-1904":
        path = trap_book(tmp_path / "t.xlsx", CALENDAR_MAC_1904)
    else:
        path = DATA / source  # the same book saved by LibreOffice as Excel 97 (.xls), 1900 and 1904 date systems
    r = people_of(path)
    jia, yi, bing, ding = r.people
    assert jia.values["birth"] == PDate(1981, 2) and bing.values["birth"] == PDate(1990, 12)
    assert bing.values["post_since"] == PDate(2019, 6)
    assert "1月还是10月" in yi.problems[0].reason and "只有年份" in ding.problems[0].reason
    note = next(n for n in r.report.notes if "1905年前后" in n)
    assert "C2" in note and "“1981.02”" in note
    data = json.loads(run("audit", str(path), "--json", "--no-output", "--as-of", "2026-10-15").out)
    assert {f["cell"] for f in of_rule(data, "invalid-value")} == {"C3", "C5"}


def test_impossible_dates_are_findings(run, tmp_path):
    rows = [person("太早", dt.date(1925, 3, 1), seq=1),
            person("童工", dt.date(1990, 5, 1), seq=2, **{"参加工作时间": "2000.07", "入党时间": "1989.07"})]
    found = of_rule(audit(run, tmp_path, rows), "invalid-value")
    messages = {f["cell"]: f["message"] for f in found}
    assert "早于1930年" in messages["D4"]
    assert any("不满14周岁" in m for m in messages.values()) and any("早于出生年月" in m for m in messages.values())


def test_age_uses_the_id_day_when_the_birth_month_agrees(run, tmp_path):
    # 出生年月 1990.10, ID number born 1990-10-20: 35 on 2026-10-15 (36 if counted from 1 October)
    policy = tmp_path / "p.toml"
    policy.write_text('extends = "county"\n[age]\nmax = 35\nwording = "不超过"\n', encoding="utf-8")
    rows = [person("十月生", dt.date(1990, 10, 20), seq=1, **{"后备类别": "副科级"})]
    data = audit(run, tmp_path, rows, "--horizon", "0", as_of="2026-10-15", policy=str(policy))
    assert of_rule(data, "age-limit") == []
    data = audit(run, tmp_path, rows, "--horizon", "0", as_of="2026-10-20", policy=str(policy), name="b.xlsx")
    assert "年龄36周岁" in of_rule(data, "age-limit")[0]["message"]
    assert "自2026年10月20日起超龄" in of_rule(data, "age-limit")[0]["message"]


def test_the_age_message_names_the_date_the_cap_was_passed(run, tmp_path):
    # school: 一般不超过35周岁，特别优秀的不超过45周岁; a man born 1980-03-15 turned 46 in 2026
    rows = [person("四十六", dt.date(1980, 3, 15), seq=1)]
    found = of_rule(audit(run, tmp_path, rows, "--horizon", "0", policy="school", as_of="2026-10-15"), "age-limit")
    assert "超过45周岁的上限（自2026年3月15日起超龄）" in found[0]["message"]


def test_this_village_is_the_village(run, tmp_path):
    rows = [person(n, seq=i, **{"工作单位": "东山村", "户籍": h}) for i, (n, h) in
            enumerate((("本村人", "本村"), ("本组人", "本组"), ("社区人", "本社区"), ("外村人", "西山村")), 1)]
    found = of_rule(audit(run, tmp_path, rows, policy="village"), "household")
    assert [f["name"] for f in found] == ["外村人"]


def test_hr_code_columns_are_never_read_or_published(run, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别码", "性别码_显示值", "民族", "民族_显示值", "政治面貌码", "政治面貌码_显示值", "工作单位", "现任职务",
               "出生年月", "身份证号码"])
    born = dt.date(1988, 4, 2)
    ws.append(["张三", "1", "男", "01", "汉族", "01", "中共党员", "县财政局", "股长", "1988.04", make_id(born)])
    ws.append(["李四", "2", "女", "22", "彝族", "13", "群众", "县财政局", "科员", "1991.09", make_id(dt.date(1991, 9, 3), "女", seq=2)])
    path = tmp_path / "hr.xlsx"
    wb.save(path)
    r = people_of(path)
    cols = {c.header: c for c in r.report.columns}
    assert cols["性别码_显示值"].field == "gender" and cols["性别码"].field is None and "代码列" in cols["性别码"].note
    assert cols["民族"].field is None and cols["民族_显示值"].field == "ethnicity"
    assert [(p.values["gender"], p.values["ethnicity"], p.values["political_status"]) for p in r.people] == \
        [("男", "汉族", "中共党员"), ("女", "彝族", "群众")]
    assert not any(p.problems for p in r.people)
    out = tmp_path / "名单"
    result = run("notice", str(path), "--output", str(out), "--format", "md", "--kind", "list")
    assert result.code == 0, result
    text = next(out.glob("*.md")).read_text(encoding="utf-8")
    assert "彝族" in text and "22" not in text and "13" not in text
