"""The verdict per person: 合格 only for what was checked, 未能全部核查 with the rules and
fields that were missing, people who are not active listed apart; the completeness line
first in every summary; --json persons and counts; --strict."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from openpyxl import Workbook, load_workbook

from cadre_cli.policy.load import load_policy
from cadre_cli.rules.registry import RULES
from tests.audit_helpers import AS_OF, audit
from tests.builders import person, roster_xlsx, write_table
from tests.pty_run import run_in_pty

STATUSES = {"合格", "需关注", "取消资格建议", "未能全部核查", "不在岗"}
# Under county every rule below is on; each header is the column its `needs` reads.
COLUMNS_OF = {
    "id-number": ["身份证号码"], "id-mismatch": ["身份证号码"], "age-limit": ["出生年月", "身份证号码"],
    "age-limit-soon": ["出生年月", "身份证号码"], "negative-flag": ["受处分情况"], "annual-assessment": ["2025年"],
    "secondment-length": ["挂职时间"], "exam-failed": ["笔试成绩"], "articles": ["履职体会篇数"], "health": ["健康状况"],
}


def full(name: str, seq: int, born: dt.date = dt.date(1992, 6, 1), **extra) -> dict:
    """A row with a value for every rule county enables (挂职时间 blank: never seconded)."""
    row = person(name, born, seq=seq, **{"后备类别": "副科级", "2025年": "称职", "受处分情况": "无", "健康状况": "健康",
                                        "挂职时间": None, "笔试成绩": 82, "履职体会篇数": 2})
    row.update(extra)
    return row


def county_enabled() -> int:
    policy = load_policy("county")
    return sum(1 for r in RULES if r.scope in ("person", "data", "pool") and r.enabled(policy) and r.id != "missing-value")


def persons(data: dict) -> dict[str, dict]:
    return {p["name"]: p for p in data["persons"]}


def text_of(run, path, *args: str):
    out = run("audit", str(path), "--as-of", AS_OF, "--no-output", *args)
    assert out.code in (0, 1), out
    return out


def test_complete_roster_is_qualified_and_says_so(run, tmp_path):
    rows = [full("张三", 1), full("李四", 2, gender="女")]
    data = audit(run, tmp_path, rows, "--strict")
    enabled = county_enabled()
    assert data["_code"] == 0
    assert data["summary"]["rules_enabled"] == data["summary"]["rules_checked"] == enabled
    assert data["summary"]["status"] == {"合格": 2, "需关注": 0, "取消资格建议": 0, "未能全部核查": 0, "不在岗": 0}
    assert data["summary"]["rules_unchecked"] == [] and data["skipped"] == []
    assert {p["status"] for p in data["persons"]} == {"ok"} and all(p["unchecked"] == [] for p in data["persons"])
    # every key that was there before is still there; `people` is still the count
    assert {"command", "policy", "as_of", "people", "findings", "skipped", "summary", "output", "notes"} <= set(data)
    assert data["people"] == 2 and {"errors", "warnings", "infos", "by_rule", "by_unit"} <= set(data["summary"])
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    lines = out.out.splitlines()
    assert lines[0] == f"已核查全部 {enabled} 条规则。"
    assert "没有发现问题" in out.out and "未能核查" not in out.out


@pytest.mark.parametrize("rule", sorted(COLUMNS_OF))
def test_roster_missing_one_rules_columns(run, tmp_path, rule):
    dropped = COLUMNS_OF[rule]
    rows = [{k: v for k, v in full(n, i).items() if k not in dropped} for i, n in enumerate(("张三", "李四"), 1)]
    data = audit(run, tmp_path, rows)
    skipped = {s["rule"] for s in data["skipped"]}
    assert rule in skipped
    enabled = county_enabled()
    summary = data["summary"]
    assert summary["rules_enabled"] == enabled and summary["rules_checked"] == enabled - len(skipped)
    assert summary["status"]["合格"] == 0 and summary["status"]["未能全部核查"] == 2
    for p in data["persons"]:
        assert p["status"] == "incomplete"
        gap = next(g for g in p["unchecked"] if g["rule"] == rule)
        assert gap["reason"].startswith("名册没有") and gap["fields"], gap
    assert {"rule": rule, "for": "all"}.items() <= next(r for r in summary["rules_unchecked"] if r["rule"] == rule).items()
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    first = out.out.splitlines()[0]
    assert first.startswith(f"已核查 {enabled} 条规则中的 {enabled - len(skipped)} 条：{len(skipped)} 条因缺少“")
    assert first.endswith("列未能核查。") and first == summary["completeness"]
    assert "没有发现问题" not in out.out and "不能据此认定合格" in out.out
    assert f"  {rule}（" in out.out  # said once, under 未能核查
    assert out.out.count(f"  {rule}（") == 1
    strict = run("audit", str(tmp_path / "t.xlsx"), "--as-of", AS_OF, "--no-output", "--strict")
    assert strict.code == 1 and "--strict" in strict.out


# Every rule that reads columns, under --select, on a roster with only names and units:
# unchecked for everyone (this covers rules added later too).
COLUMN_RULES = [r.id for r in RULES if r.scope in ("person", "data") and r.needs and r.needs != (("name",),)]


@pytest.mark.parametrize("rule", COLUMN_RULES)
def test_each_rule_without_its_columns_is_never_passed(run, tmp_path, rule):
    rows = [{"序号": 1, "姓名": "张三", "单位": "县财政局"}, {"序号": 2, "姓名": "李四", "单位": "县财政局"}]
    data = audit(run, tmp_path, rows, "--select", rule)
    assert [s["rule"] for s in data["skipped"]] == [rule]
    assert data["summary"]["rules_checked"] == 0 and data["summary"]["rules_enabled"] == 1
    assert [p["status"] for p in data["persons"]] == ["incomplete", "incomplete"]
    assert all(p["unchecked"][0]["rule"] == rule for p in data["persons"])


def test_blank_cells_make_that_person_unchecked(run, tmp_path):
    rows = [full("全有", 1),
            full("无生日", 2, **{"出生年月": None, "身份证号码": None}),
            full("无考核", 3, **{"2025年": None}),
            full("无成绩", 4, **{"笔试成绩": None}),
            full("坏日期", 5, **{"出生年月": "1990.13", "身份证号码": None})]
    data = audit(run, tmp_path, rows)
    p = persons(data)
    assert p["全有"]["status"] == "ok" and p["全有"]["unchecked"] == []
    # a blank birth date already gets a 缺少 warning: 需关注, and the rule is named as not checked
    assert p["无生日"]["status"] == "attention"
    gaps = {g["rule"]: g for g in p["无生日"]["unchecked"]}
    assert gaps["age-limit"]["reason"] == "出生年月和身份证号均为空"
    assert gaps["age-limit"]["topic"] == "年龄" and gaps["age-limit"]["fields"] == ["出生年月", "身份证号"]
    assert {"id-number", "age-limit-soon"} <= set(gaps)
    # no finding, a blank the rule needed: 未能全部核查
    assert p["无考核"]["status"] == "incomplete"
    assert [(g["rule"], g["reason"]) for g in p["无考核"]["unchecked"]] == [("annual-assessment", "年度考核为空")]
    assert p["无成绩"]["status"] == "incomplete"
    assert [(g["rule"], g["reason"]) for g in p["无成绩"]["unchecked"]] == [("exam-failed", "笔试成绩为空")]
    assert {g["reason"] for g in p["坏日期"]["unchecked"] if g["rule"] == "age-limit"} == {"出生年月无法识别"}
    summary = data["summary"]
    assert summary["rules_checked"] < summary["rules_enabled"]
    assert "对部分人员未能核查" in summary["completeness"]
    some = {r["rule"]: r for r in summary["rules_unchecked"]}
    assert some["annual-assessment"] == {"rule": "annual-assessment", "topic": "年度考核", "for": "some",
                                         "reason": None, "people": 1}
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    assert "annual-assessment（年度考核）：1 人未能核查（年度考核为空）：无考核（第7行）" in out.out
    assert "age-limit（年龄）：2 人未能核查：无生日（第6行，出生年月和身份证号均为空）、坏日期（第9行，出生年月无法识别）" in out.out


def test_a_column_blank_for_everyone_is_said_once(run, tmp_path):
    rows = [full(n, i, **{"2025年": None}) for i, n in enumerate(("甲一", "乙二", "丙三"), 1)]
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    assert "annual-assessment（年度考核）：全部 3 人均未能核查（年度考核为空）" in out.out
    # the first line agrees: unchecked for all three, not "for some"
    first = out.out.strip().splitlines()[0]
    assert "1 条对全部 3 人均未能核查" in "".join(out.out.split("\n")[:2]) and "部分人员" not in first
    assert "甲一" not in out.out.split("未能核查：")[-1]


def test_a_rule_that_takes_blank_as_none_is_checked(run, tmp_path):
    """No secondment, no 处分 mark: nothing for those rules to find, the person is 合格."""
    data = audit(run, tmp_path, [full("张三", 1, **{"受处分情况": None})])
    assert persons(data)["张三"]["status"] == "ok"


# --- people who are not active -----------------------------------------------------------

INACTIVE_ROWS = [
    ("在岗情况", "不在岗"), ("在岗情况", "退休"), ("在岗情况", "病休"), ("档案状态", "转出"), ("备注", "已调出"),
    ("备注", "已去世"), ("后备类别", "已调整"),
    # the same class in other words and columns
    ("人员状态", "离休"), ("在岗情况", "长期病假"), ("是否在岗", "否"), ("备注", "2024年3月调往市财政局"),
    ("档案状态", "已转出"), ("后备类别", "副科级（已调整）"), ("变动情况", "取消后备资格"), ("备注", "原任科长（已故）"),
]


@pytest.mark.parametrize("header, value", INACTIVE_ROWS)
def test_inactive_people_are_listed_apart(run, tmp_path, header, value):
    over_age = dt.date(1970, 1, 1)  # would be over the age limit if audited
    active = {"在岗情况": "在岗", "人员状态": "在岗", "后备类别": "副科级"}.get(header)
    rows = [full("在岗者", 1, **{header: active}),
            full("离开者", 2, born=over_age, **{header: value})]
    data = audit(run, tmp_path, rows, "--strict")
    p = persons(data)["离开者"]
    assert p["status"] == "inactive" and p["unchecked"] == []
    assert header in p["apart"] and value.strip() in p["apart"]
    assert persons(data)["在岗者"]["status"] == "ok"
    assert not [f for f in data["findings"] if f["name"] == "离开者"]  # not audited
    assert data["summary"]["status"]["不在岗"] == 1 and data["summary"]["status"]["合格"] == 1
    assert data["_code"] == 0 and data["people"] == 2
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    assert "不在岗 1 人" in out.out and "不在册/非在岗 1 人（未参加核查，不计入合格" in out.out
    assert f"离开者（第6行，{header}为“" in out.out


@pytest.mark.parametrize("header, value", [("在岗情况", "在岗"), ("备注", "配偶已退休"), ("在岗情况", "即将退休"),
                                           ("在岗情况", "未调出"), ("是否在岗", "是"), ("备注", "2019年调入"),
                                           ("档案状态", "正常"), ("后备类别", "拟调整为正科级")])
def test_active_people_are_not_taken_for_inactive(run, tmp_path, header, value):
    data = audit(run, tmp_path, [full("张三", 1, **{header: value})])
    assert persons(data)["张三"]["status"] != "inactive"


def audited(run, wb: Workbook, path) -> dict[str, dict]:
    wb.save(path)
    return persons(json.loads(run("audit", str(path), "--json", "--as-of", AS_OF).out))


def test_inactive_by_section_line_and_by_sheet(run, tmp_path):
    wb = Workbook()
    wb.active.title = "在职后备"
    write_table(wb.active, [full("甲一", 1)])
    write_table(wb.create_sheet("退休人员"), [full("乙二", 2)])
    p = audited(run, wb, tmp_path / "两表.xlsx")
    assert p["甲一"]["status"] == "ok"
    assert p["乙二"]["status"] == "inactive" and "退休人员" in p["乙二"]["apart"]

    wb = Workbook()
    for row in (["序号", "姓名", "性别", "出生年月", "后备类别"], ["一、副科级后备干部"], [1, "丙三", "男", "1992.06", "副科级"],
                ["二、已调出人员"], [2, "丁四", "男", "1992.06", "副科级"]):
        wb.active.append(row)
    p = audited(run, wb, tmp_path / "分组.xlsx")
    assert p["丙三"]["status"] == "incomplete"
    assert p["丁四"]["status"] == "inactive" and "已调出人员" in p["丁四"]["apart"]


def test_a_reader_can_set_a_person_apart(tmp_path):
    """The hook for other readers (a hidden row, say): Person.apart."""
    from cadre_cli.audit.engine import run_audit
    from cadre_cli.audit.finding import person_key
    from cadre_cli.model.person import build_roster
    from cadre_cli.readers.load import read_tables

    path = roster_xlsx(tmp_path / "r.xlsx", [full("张三", 1), full("李四", 2)])
    _, tables = read_tables(path)
    roster = build_roster(path.name, tables)
    roster.people[1].apart = "隐藏行"
    result = run_audit(roster, load_policy("county"), dt.date(2026, 12, 1))
    assert [result.verdicts[person_key(p)].status for p in roster.people] == ["ok", "inactive"]
    assert result.verdicts[person_key(roster.people[1])].apart == "隐藏行"


def test_notice_leaves_inactive_people_out_unless_asked(run, tmp_path):
    rows = [full("张三", 1, **{"在岗情况": "在岗", "单位": "县财政局"}),
            full("李四", 2, **{"在岗情况": "退休", "单位": "县财政局"})]
    path = roster_xlsx(tmp_path / "名册.xlsx", rows)
    base = ["notice", str(path), "--issuer", "中共测试县委组织部", "--json"]
    out = run(*base, "--output", str(tmp_path / "a"))
    data = json.loads(out.out)
    assert data["files"][0]["people"] == ["张三"]
    assert any("李四" in w and "退休" in w and "--include-inactive" in w for w in data["warnings"])
    out = run(*base, "--output", str(tmp_path / "b"), "--include-inactive")
    assert json.loads(out.out)["files"][0]["people"] == ["张三", "李四"]


# --- the workbook and the terminal ---------------------------------------------------------

def test_workbook_says_what_was_not_checked(run, tmp_path):
    rows = [full("全有", 1), full("无考核", 2, **{"2025年": None}), full("退休者", 3, **{"在岗情况": "退休"})]
    rows[0]["在岗情况"] = rows[1]["在岗情况"] = "在岗"
    path = roster_xlsx(tmp_path / "名册.xlsx", rows)
    assert run("audit", str(path), "--as-of", AS_OF).code == 0
    wb = load_workbook(tmp_path / "名册_审核结果.xlsx")
    ws = wb["名册"]
    col = next(c for c in range(1, ws.max_column + 1) if ws.cell(3, c).value == "审核结论")
    assert [ws.cell(3, col + k).value for k in range(3)] == ["审核结论", "问题摘要", "核查状态"]
    assert [ws.cell(r, col).value for r in (5, 6, 7)] == ["合格", "未能全部核查", "不在岗"]
    assert ws.cell(5, col + 2).value == "全部核查"
    assert ws.cell(6, col + 2).value == "未能核查：年度考核（年度考核为空）"
    assert ws.cell(7, col + 2).value == "未参加核查：在岗情况为“退休”"
    summary = wb["审核概况"]
    assert summary.cell(3, 1).value == "核查范围" and summary.cell(3, 2).value.startswith(f"已核查 {county_enabled()} 条规则中的")
    assert "不在册/非在岗" in [summary.cell(r, 1).value for r in range(3, summary.max_row + 1)]
    listing = wb["问题清单"]
    rows_ = [[listing.cell(r, c).value for c in range(1, 8)] for r in range(3, listing.max_row + 1)]
    gap = next(r for r in rows_ if r[3] == "无考核")
    assert gap[1] == "未核查" and gap[6] == "未能核查：年度考核（年度考核为空）" and gap[5].endswith("!" + gap[5].split("!")[1])
    assert listing.cell(rows_.index(gap) + 3, 6).hyperlink is not None  # to the blank cell
    assert any(r[3] == "退休者" and r[1] == "不在岗" for r in rows_)



def test_structure_sheet_leaves_out_people_listed_apart(run, tmp_path):
    """结构分析 is the make-up of the pool: a retiree or someone transferred out is not in it."""
    rows = [full("在岗者", 1, **{"在岗情况": "在岗"}), full("退休者", 2, born=dt.date(1966, 1, 1), **{"在岗情况": "退休"}),
            full("调出者", 3, gender="女", **{"在岗情况": "已调出"})]
    path = roster_xlsx(tmp_path / "名册.xlsx", rows)
    assert run("audit", str(path), "--as-of", AS_OF).code == 0
    ws = load_workbook(tmp_path / "名册_审核结果.xlsx")["结构分析"]
    assert "共1人" in ws.cell(2, 1).value and "另有2人不在册/非在岗，单独列出，未计入" in ws.cell(2, 1).value
    table = {ws.cell(r, 1).value: ws.cell(r, 2).value for r in range(4, ws.max_row + 1) if ws.cell(r, 2).value}
    assert table["男"] == 1 and "女" not in table and "46岁及以上" not in table

@pytest.mark.parametrize("columns", [80, 120])
def test_completeness_comes_first_in_a_terminal(tmp_path, columns):
    rows = [{"序号": 1, "姓名": "张三", "性别": "男", "民族": "汉族", "学历": "本科", "单位": "XX村"},
            {"序号": 2, "姓名": "李四", "性别": "女", "民族": "汉族", "学历": "本科", "单位": "XX村"}]
    path = roster_xlsx(tmp_path / "积极分子.xlsx", rows)
    result = run_in_pty("audit", str(path), "--as-of", AS_OF, "--no-output", columns=columns)
    assert result.code == 0, result.text
    lines = [line for line in result.text.splitlines() if line.strip() and "━" not in line]
    joined = "".join(lines)  # at 80 columns the sentence wraps (by the rules of Chinese line breaking)
    first = joined[:joined.index("。") + 1]
    assert first.startswith(f"已核查 {county_enabled()} 条规则中的 2 条："), result.text
    assert "“身份证号”“出生年月”" in first and first.endswith("等列未能核查。")
    assert "没有发现问题" not in result.text and "合格 0 人" in result.text
    strict = run_in_pty("audit", str(path), "--as-of", AS_OF, "--no-output", "--strict", columns=columns)
    assert strict.code == 1


def test_readme_shows_the_sample_rosters_summary_as_it_is(run):
    """The README's audit section quotes the sample roster's first lines: they must stay true."""
    from tests.pty_run import ROOT

    out = run("audit", str(ROOT / "sample_data" / "后备干部名册.xlsx"), "--as-of", AS_OF, "--no-output")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = out.out.splitlines()
    for line in lines[:4] + lines[lines.index("未能核查："):]:
        assert line.strip() in readme, line


def test_a_note_that_a_value_cannot_be_judged_is_not_qualified(run, tmp_path):
    """county's health rule only notes a 健康状况 it cannot read: the person is not 合格."""
    data = audit(run, tmp_path, [full("张三", 1, **{"健康状况": "见附件"})])
    p = persons(data)["张三"]
    assert p["status"] == "incomplete"
    assert [(g["rule"], g["reason"]) for g in p["unchecked"]] == [("health", "健康状况“见附件”无法判断")]


def test_a_roster_of_inactive_people_only_checks_nobody(run, tmp_path):
    rows = [full("王五", 1, **{"在岗情况": "退休"}), full("赵六", 2, **{"在岗情况": "病休"})]
    data = audit(run, tmp_path, rows, "--strict")
    assert data["summary"]["completeness"] == "没有核查任何人：名册中的人都已另列为不在册/非在岗。"
    assert data["summary"]["status"]["不在岗"] == 2 and data["_code"] == 1
    out = text_of(run, roster_xlsx(tmp_path / "t.xlsx", rows))
    assert out.out.splitlines()[0] == data["summary"]["completeness"] and "没有发现问题" not in out.out
