"""`cadre poll` and `cadre notice --poll` end to end through the CLI: every layout, the
JSON, the annotated workbook (result columns, the print-ready 统计表, 读取说明, A4), bad
rows (exit 2, the cell named, the others still computed), reruns on our own output."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook

from cadre_cli.cli.linebreak import width
from tests import poll_sheets as ps
from tests.conftest import sha256
from tests.notice_helpers import raw_text
from tests.pty_run import ROOT, run_in_pty

SAMPLES = ROOT / "sample_data"
CLASSES, ROWS, FIGURES = ps.CLASSES, ps.ROWS, ps.FIGURES


def polled(run, path, *args):
    out = run("poll", path, "--json", "--no-output", *args)
    data = json.loads(out.out)
    return out, data, {c["name"]: c for p in data["polls"] for c in p["candidates"]}


def _sheet_values(ws) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def _header_col(ws, row: int, label: str) -> int:
    return next(c.column for c in ws[row] if c.value == label)


def test_grouped_recommendation_through_the_cli(run, tmp_path):
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, ROWS, figures=FIGURES)
    before = sha256(path)
    out, data, c = polled(run, path)
    assert out.code == 0, out
    zhang = c["张三"]
    # 8/9, 20/25, 60/110; overall 88 / (9+25+110) = 61.11%
    assert [x["share"] for x in zhang["classes"]] == ["88.89", "80.00", "54.55"]
    assert (zhang["votes"], zhang["base"], zhang["overall_share"], zhang["rank"], zhang["majority"]) == \
        (88, 144, "61.11", 1, True)
    assert c["李四"]["rank"] == 2 and c["王五"]["majority"] is False
    assert data["polls"][0]["denominator"] == "实到人数"
    assert any(col["label"] == "领导班子成员票数" for col in data["columns"])
    # the workbook: result columns beside each row, the print-ready sheet, the reading notes
    out = run("poll", path)
    assert out.code == 0, out
    target = tmp_path / "推荐_计票.xlsx"
    assert "已写出带结果的工作簿" in out.out and sha256(path) == before
    wb = load_workbook(target)
    assert wb.sheetnames == ["推荐汇总", "推荐结果统计表", "读取说明"]
    ws = wb["推荐汇总"]
    head = next(r for r in range(1, 12) if ws.cell(r, 2).value == "推荐人选")
    col = _header_col(ws, head, "总得票率")
    row = next(r for r in range(head, ws.max_row + 1) if ws.cell(r, 2).value == "张三")
    assert str(ws.cell(row, col).value) == "61.11" and ws.cell(row, col).number_format == '0.00"%"'
    assert ws.cell(row, _header_col(ws, head, "名次")).value == 1
    assert ws.cell(row, _header_col(ws, head, "是否过半")).value == "是"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    table = wb["推荐结果统计表"]
    rows = _sheet_values(table)
    assert rows[0][0] == "2025年度科级后备干部民主推荐结果统计表"
    assert rows[2][:4] == ["名次", "姓名", "现任职务", "领导班子成员"] and rows[3][3:5] == ["票数", "得票率"]
    assert rows[4][:5] == [1, "张三", "县财政局副局长", 8, 88.89]
    assert "是否过半" in rows[2]
    text = "\n".join(str(r[0]) for r in rows if r[0])
    assert "领导班子成员：应到9人，实到9人，发出选票9张，收回9张，有效票9张，无效票0张。" in text
    assert "得票过半指得票率超过50%" in text and "计票人：王芳" in text
    assert str(table.page_setup.paperSize) == table.PAPERSIZE_A4 and table.sheet_properties.pageSetUpPr.fitToPage
    assert table.print_title_rows == "$3:$4"
    notes = _sheet_values(wb["读取说明"])
    assert any(r[3] == "领导班子成员票数" for r in notes)


def test_a_rerun_on_our_own_output_gives_the_same_results(run, tmp_path):
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, ROWS, figures=FIGURES)
    assert run("poll", path).code == 0
    _, first, _ = polled(run, path)
    out, again, _ = polled(run, tmp_path / "推荐_计票.xlsx")
    assert out.code == 0, out
    assert again["polls"][0]["candidates"] == first["polls"][0]["candidates"]
    assert any("上次运行" in n for n in again["reading"]["notes"])


def test_one_sheet_per_class(run, tmp_path):
    sheets = {"领导班子成员": [("张三", "副局长", 7), ("李四", "主任", 3)],
              "中层干部": [("李四", "主任", 15), ("张三", "副局长", 10)]}
    figures = {"领导班子成员": {"present": 9}, "中层干部": {"present": 25}}
    path = ps.recommendation_sheets(tmp_path / "分表.xlsx", sheets, figures)
    out, data, c = polled(run, path)
    assert out.code == 0, out
    assert c["张三"]["votes"] == 17 and c["张三"]["overall_share"] == "50.00" and c["张三"]["majority"] is False
    assert c["李四"]["overall_share"] == "52.94"  # 18 / 34
    assert run("poll", path).code == 0
    wb = load_workbook(tmp_path / "分表_计票.xlsx")
    for name in ("领导班子成员", "中层干部"):  # the result beside the person's row on every sheet
        ws = wb[name]
        head = next(r for r in range(1, 8) if ws.cell(r, 2).value == "推荐人选")
        col = _header_col(ws, head, "总得票率")
        found = {ws.cell(r, 2).value: ws.cell(r, col).value for r in range(head + 1, head + 3)}
        assert found == {"张三": 50, "李四": 52.94}


def test_evaluation_through_the_cli(run, tmp_path):
    rows = [("张三", "副局长", {"领导班子成员": (6, 3, 0, 0), "中层干部": (15, 8, 2, 0)}),
            ("李四", "主任", {"领导班子成员": (2, 4, 2, 1), "中层干部": (6, 10, 6, 3)})]
    figures = {"领导班子成员": {"expected": 9, "present": 9}, "中层干部": {"expected": 26, "present": 25}}
    path = ps.evaluation(tmp_path / "测评.xlsx", ["领导班子成员", "中层干部"], rows, figures=figures)
    out, data, c = polled(run, path)
    assert out.code == 0, out
    # 张三: (21×100 + 11×80 + 2×60) / 34 = 3100/34 = 91.18; 李四: (800 + 1120 + 480) / 34 = 70.59
    assert (c["张三"]["score"], c["李四"]["score"]) == ("91.18", "70.59")
    assert c["李四"]["weak_share"] == "35.29" and c["李四"]["unfit_share"] == "11.76"  # 12/34, 4/34
    assert run("poll", path).code == 0
    table = load_workbook(tmp_path / "测评_计票.xlsx")["测评结果统计表"]
    rows = _sheet_values(table)
    assert rows[3][3:8] == ["优秀", "称职", "基本称职", "不称职", "测评分"]
    assert rows[4][1] == "张三" and "基本称职和不称职比例" in rows[3]


def test_ballots_through_the_cli_and_each_ballot_marked(run, tmp_path):
    ballots = [("领导班子成员", ["√", "√", None]), ("领导班子成员", ["√", "√", "√"]),
               ("中层干部", [None, "√", None]), ("中层干部", ["√", None, None])]
    path = ps.ballots(tmp_path / "选票.xlsx", ["张三", "李四", "王五"], ballots)
    policy = tmp_path / "差额.toml"
    policy.write_text('extends = "county"\n[tally]\nmax_choices = 2\n', encoding="utf-8")
    out, data, c = polled(run, path, "--policy", policy)
    assert out.code == 0, out
    # the second ballot names three of two: invalid; 张三 2 of 4 returned ballots (实到 = 收回)
    assert c["张三"]["votes"] == 2 and c["王五"]["votes"] == 0
    assert data["polls"][0]["figures"]["leadership"]["invalid"] == 1
    assert run("poll", path, "--policy", policy).code == 0
    ws = load_workbook(tmp_path / "选票_计票.xlsx")["选票录入"]
    col = _header_col(ws, 3, "计票结果")
    marks = [ws.cell(r, col).value for r in range(4, 8)]
    assert marks == ["有效", "无效票（推荐3人，超过每票最多2人）", "有效", "有效"]


def test_grade_ballots_through_the_cli(run, tmp_path):
    path = ps.grade_ballots(tmp_path / "测评票.xlsx", ["张三", "李四"],
                            [("领导班子成员", [0, 1]), ("中层干部", [0, 3]), ("中层干部", [1, None])])
    out, data, c = polled(run, path)
    assert out.code == 0, out
    assert data["polls"][0]["kind"] == "evaluate"
    assert c["张三"]["score"] == "93.33"  # (100 + 100 + 80) / 3
    assert c["李四"]["unfit_share"] == "33.33"


def test_a_bad_row_exits_2_naming_the_cell_and_the_others_are_computed(run, tmp_path):
    rows = [("张三", "副局长", {"领导班子成员": 8, "中层干部": 20, "普通党员群众": 60}),
            ("李四", "主任", {"领导班子成员": "十二", "中层干部": 12, "普通党员群众": 70})]
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, rows, figures=FIGURES)
    out = run("poll", path)
    assert out.code == 2, out
    errors = [line for line in out.err.splitlines() if line.startswith("错误")]
    assert errors and "工作表“推荐汇总”" in errors[0] and "“十二”" in errors[0]
    assert "Traceback" not in out.err
    wb = load_workbook(tmp_path / "推荐_计票.xlsx")
    ws = wb["推荐汇总"]
    head = next(r for r in range(1, 12) if ws.cell(r, 2).value == "推荐人选")
    col = _header_col(ws, head, "说明")
    li = next(r for r in range(head, ws.max_row + 1) if ws.cell(r, 2).value == "李四")
    assert "十二" in ws.cell(li, col).value
    _, data, c = polled(run, path)
    assert c["张三"]["overall_share"] == "61.11"  # the good row still computed
    assert c["李四"]["overall_share"] is None and c["李四"]["classes"][0]["share"] is None
    assert c["李四"]["classes"][1]["share"] == "48.00"  # its other classes still computed
    bad = [e for e in data["errors"] if e["rule"] == "tally-bad-count"] or data["errors"]
    assert bad[0]["sheet"] == "推荐汇总" and bad[0]["cell"].startswith("D")


def test_weighted_policy_and_its_column(run, tmp_path):
    policy = tmp_path / "权重.toml"
    policy.write_text('extends = "county"\n'
                      '[[tally.classes]]\nlabel = "领导班子成员"\nweight = "40%"\n'
                      '[[tally.classes]]\nlabel = "中层干部"\nweight = "30%"\n'
                      '[[tally.classes]]\nlabel = "普通党员群众"\nweight = "30%"\n', encoding="utf-8")
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, ROWS, figures=FIGURES)
    out, data, c = polled(run, path, "--policy", policy)
    assert out.code == 0, out
    # 0.4×8/9 + 0.3×20/25 + 0.3×60/110 = 0.35556 + 0.24 + 0.16364 = 75.92%
    assert c["张三"]["weighted"] == "75.92"
    assert run("poll", path, "--policy", policy).code == 0
    rows = _sheet_values(load_workbook(tmp_path / "推荐_计票.xlsx")["推荐结果统计表"])
    assert "综合得票率" in rows[2]


def test_output_refusals(run, tmp_path):
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, ROWS, figures=FIGURES)
    out = run("poll", path, "--output", tmp_path / "结果.docx")
    assert out.code == 2 and "扩展名" in out.err
    assert run("poll", path).code == 0
    again = run("poll", path)
    assert again.code == 2 and "--force" in again.err
    assert run("poll", path, "--force").code == 0


def test_not_a_poll_sheet_is_one_sentence(run, tmp_path):
    from tests.builders import person, roster_xlsx

    out = run("poll", roster_xlsx(tmp_path / "名册.xlsx", [person("张三", 工作单位="县财政局")]), "--no-output")
    assert out.code == 2 and "没有找到民主推荐或民主测评的票数表" in out.err and "Traceback" not in out.err


@pytest.mark.parametrize("name", ["民主推荐票汇总.xlsx", "民主测评汇总.xlsx", "民主推荐选票.xlsx"])
def test_samples_in_a_terminal_at_80_columns(tmp_path, name):
    result = run_in_pty("poll", str(SAMPLES / name), "--output", str(tmp_path / "结果.xlsx"), columns=80)
    assert result.code == 0, result.text
    text = result.text
    assert "结果（" in text and "已写出带结果的工作簿" in text and "读取说明" in text
    for line in text.splitlines():
        if not any(mark in line for mark in "━⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"):
            assert width(line) <= 80, line
    assert (tmp_path / "结果.xlsx").exists()


def test_notice_prints_each_result_from_the_poll(run, tmp_path):
    roster, poll = SAMPLES / "拟列人选名册.xlsx", SAMPLES / "民主推荐票汇总.xlsx"
    out = run("notice", roster, "--poll", poll, "--format", "md", "--issuer", "中共XX县委组织部",
              "--output", tmp_path / "公示", "--json")
    assert out.code == 0, out
    data = json.loads(out.out)
    assert data["poll"]["matched"] == 3 and data["poll"]["missing_in_poll"] == []
    assert {p["name"] for p in data["poll"]["missing_in_roster"]} == {"王超明", "林桂洋", "丁芳涛", "蒋芳洋", "卢文"}
    text = raw_text(next((tmp_path / "公示").glob("*.md")))
    assert "宋辉霞" in text and "民主推荐：得108票，得票率75.00%（实到人数144人）" in text
    assert "韩建" in text and "得83票，得票率57.64%" in text


def test_notice_reports_a_roster_person_the_poll_lacks(run, tmp_path):
    from tests.builders import person, roster_xlsx

    roster = roster_xlsx(tmp_path / "名册.xlsx", [
        person("宋辉霞", gender="女", seq=1, 工作单位="县财政局", 现任职务="办公室主任"),
        person("查无此人", seq=2, 工作单位="县财政局", 现任职务="股长")])
    out = run("notice", roster, "--poll", SAMPLES / "民主推荐票汇总.xlsx", "--format", "md", "--issuer", "组织部",
              "--output", tmp_path / "名单")
    assert out.code == 2, out
    assert "查无此人" in out.err and "没有找到" in out.err
    text = raw_text(next((tmp_path / "名单").glob("*.md")))
    assert "得票率75.00%" in text and "查无此人" in text  # the notice is still written, the others' results in it


def test_a_bad_row_in_a_terminal_is_one_sentence_with_its_cell(tmp_path):
    rows = [("张三", "副局长", {"领导班子成员": 8, "中层干部": 20, "普通党员群众": 60}),
            ("李四", "主任", {"领导班子成员": 12, "中层干部": 30, "普通党员群众": 70})]  # 30 of 25 present
    path = ps.recommendation(tmp_path / "推荐.xlsx", CLASSES, rows, figures=FIGURES)
    result = run_in_pty("poll", str(path), "--no-output", columns=80)
    assert result.code == 2, result.text
    text = result.text.replace("\n", "")
    assert "错误（tally-votes-exceed）" in text and "工作表“推荐汇总”F" in text and "Traceback" not in text
    assert "张三" in text and "61.11%" in text  # the good row is still shown


def test_notice_takes_the_annotated_result_workbook_too(run, tmp_path):
    import shutil

    poll = shutil.copy(SAMPLES / "民主推荐票汇总.xlsx", tmp_path / "推荐.xlsx")
    assert run("poll", poll).code == 0
    out = run("notice", SAMPLES / "拟列人选名册.xlsx", "--poll", tmp_path / "推荐_计票.xlsx", "--format", "md",
              "--issuer", "组织部", "--output", tmp_path / "公示")
    assert out.code == 0, out
    text = raw_text(next((tmp_path / "公示").glob("*.md")))
    assert "民主推荐：得108票，得票率75.00%（实到人数144人）" in text


def test_notice_prints_an_evaluation_result_in_place_of_the_rows_votes(run, tmp_path):
    from tests.builders import person, roster_xlsx

    # the roster's own 民主测评 columns say something else: the poll's tally is what is printed
    roster = roster_xlsx(tmp_path / "名册.xlsx", [person("曾凯", seq=1, 工作单位="县财政局", 现任职务="办公室主任",
                                                          优秀=1, 称职=1, 基本称职=0, 不称职=0, 测评人数=2)])
    out = run("notice", roster, "--poll", SAMPLES / "民主测评汇总.xlsx", "--format", "md", "--issuer", "组织部",
              "--output", tmp_path / "名单")
    assert out.code == 0, out
    text = raw_text(next((tmp_path / "名单").glob("*.md")))
    assert "民主测评：优秀81票、称职51票、基本称职8票、不称职2票（测评人数144人），测评分87.92分" in text
    assert "优秀1票" not in text and text.count("民主测评") == 1
