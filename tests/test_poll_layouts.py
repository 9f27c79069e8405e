"""Every layout of a tally sheet is read to the same numbers, each with its cell."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from openpyxl import Workbook

from cadre_cli.errors import InputError
from cadre_cli.poll import Tally, tally_file
from tests import poll_sheets as ps

CLASSES, ROWS, FIGURES = ps.CLASSES, ps.ROWS, ps.FIGURES
IDS = {"领导班子成员": "leadership", "中层干部": "middle", "普通党员群众": "members"}


def _only(run):
    assert len(run.polls) == 1, [p.sheets for p in run.polls]
    return run.polls[0]


def _shares(poll) -> dict[str, list[str]]:
    return {c.name: [str(x.share_shown) for x in c.classes] for c in poll.candidates}


@pytest.mark.parametrize("style", ["sentence", "grid", "footer"])
def test_recommendation_grouped_reads_figures_in_every_style(tmp_path, style):
    poll = _only(tally_file(ps.recommendation(tmp_path / "r.xlsx", CLASSES, ROWS, figures=FIGURES, style=style)))
    assert poll.kind == "recommend"
    for label, figs in FIGURES.items():
        assert poll.figures[IDS[label]] == figs
    assert _shares(poll)["张三"] == ["88.89", "80.00", "54.55"]
    zhang = poll.candidates[0]
    assert (zhang.votes, zhang.base, str(zhang.overall_shown)) == (88, 144, "61.11")
    assert zhang.cell.ref == "B" + str(zhang.cell.row) and zhang.post == "县财政局副局长"
    assert [f.rule for f in poll.findings] == []


def test_recommendation_flat_with_a_label_line_for_the_meeting(tmp_path):
    path = ps.recommendation(tmp_path / "r.xlsx", CLASSES, ROWS, figures={None: {"expected": 160, "present": 150}},
                             style="labels", layout="flat", name_header="姓名")
    poll = _only(tally_file(path))
    assert poll.figures[None] == {"expected": 160, "present": 150}
    zhang = poll.candidates[0]
    assert [x.votes for x in zhang.classes] == [8, 20, 60]
    assert str(zhang.overall_shown) == "58.67"  # 88 / 150
    assert all(x.share is None for x in zhang.classes)  # no class figures: no class shares
    missing = [f for f in poll.findings if f.rule == "tally-missing-base"]
    assert len(missing) == 3 and all(f.severity.value == "warning" for f in missing)
    assert "只计算总得票率" in missing[0].message


def test_one_sheet_per_class_is_joined_by_name(tmp_path):
    path = ps.recommendation_sheets(tmp_path / "r.xlsx", {
        "领导班子成员": [("张三", "副局长", 8), ("李四", "主任", 3)],
        "中层干部": [("李四", "主任", 22), ("张三", "副局长", 20), ("赵六", "股长", 4)],
    }, {"领导班子成员": {"present": 9}, "中层干部": {"present": 25}})
    poll = _only(tally_file(path))
    assert poll.sheets == ["领导班子成员", "中层干部"]
    by = {c.name: c for c in poll.candidates}
    assert [x.votes for x in by["张三"].classes] == [8, 20]
    assert [x.votes for x in by["赵六"].classes] == [0, 4]  # not on the first sheet: 0, and said so
    assert any("没有此人" in n for n in by["赵六"].notes)
    assert by["李四"].votes == 25 and by["李四"].base == 34


def test_evaluation_grouped_with_voters_per_class_column(tmp_path):
    path = ps.evaluation(tmp_path / "e.xlsx", ["领导班子成员", "中层干部"], [
        ("张三", "副局长", {"领导班子成员": (5, 3, 1, 0, 9), "中层干部": (10, 10, 3, 2, 25)}),
        ("李四", "主任", {"领导班子成员": (2, 3, 2, 1, 8), "中层干部": (5, 10, 5, 5, 25)}),
    ], voters_column=True, style="none")
    poll = _only(tally_file(path))
    assert poll.kind == "evaluate"
    zhang, li = poll.candidates
    assert zhang.classes[0].grades == {"excellent": 5, "competent": 3, "basic": 1, "incompetent": 0}
    assert str(zhang.classes[0].score_shown) == "88.89"  # (500 + 240 + 60) / 9
    assert str(zhang.score_shown) == "81.76"  # (1500 + 1040 + 240) / 34
    assert li.classes[0].voters == 8  # the row's own 测评人数
    assert str(li.classes[0].weak_shown) == "37.50" and str(li.classes[0].unfit_shown) == "12.50"


def test_evaluation_with_good_fair_average_poor_and_figures_grid(tmp_path):
    path = ps.evaluation(tmp_path / "e.xlsx", ["中层干部"], [("张三", "副局长", {"中层干部": (10, 8, 4, 3)})],
                         figures={"中层干部": {"expected": 26, "present": 25}}, words=ps.ALT_WORDS)
    poll = _only(tally_file(path))
    c = poll.candidates[0]
    assert c.classes[0].grades == {"excellent": 10, "competent": 8, "basic": 4, "incompetent": 3}
    assert c.classes[0].voters == 25 and c.classes[0].score == Decimal(1000 + 640 + 240) / 25


def test_sheet_without_classes_counts_all_voters(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["民主推荐得票统计表"])
    ws.append(["应到68人，实到65人，发出票65张，收回65张，有效票64张，无效票1张。"])
    ws.append(["序号", "被推荐人", "现任职务", "得票数", "得票率"])
    ws.append([1, "张三", "副局长", 40, None])
    ws.append([2, "李四", "主任", 33, "50.77%"])
    wb.save(tmp_path / "a.xlsx")
    poll = _only(tally_file(tmp_path / "a.xlsx"))
    assert [c.label for c in poll.classes] == ["全体投票人"]
    assert poll.figures[None]["valid"] == 64
    assert [str(c.overall_shown) for c in poll.candidates] == ["61.54", "50.77"]  # 40/65, 33/65
    assert [c.majority for c in poll.candidates] == [True, True]
    assert not [f for f in poll.findings if f.rule == "tally-typed-mismatch"]


def test_recommendation_ballots_are_tallied_per_class(tmp_path):
    ballots = [("领导班子成员", ["√", None, "√"]), ("领导班子成员", ["√", "√", None]), ("中层干部", [None, "○", None]),
               ("中层", ["同意", None, "弃权"]), ("普通党员", ["✓", "×", None]), ("群众", [None, None, None])]
    path = ps.ballots(tmp_path / "b.xlsx", ["张三", "李四（办公室主任）", "王五"], ballots,
                      figures={"领导班子成员": {"present": 2}, "中层干部": {"present": 2}, "普通党员群众": {"present": 3}})
    poll = _only(tally_file(path))
    assert poll.ballots == 6
    assert poll.figures["middle"] == {"returned": 2, "invalid": 0, "valid": 2, "present": 2}
    assert poll.figures["members"]["returned"] == 2
    by = {c.name: c for c in poll.candidates}
    assert by["李四"].post == "办公室主任"
    assert [x.votes for x in by["张三"].classes] == [2, 1, 1]
    assert [x.votes for x in by["王五"].classes] == [1, 0, 0]
    assert str(by["张三"].overall_shown) == "57.14"  # 4 / 7 present
    assert by["张三"].cell.ref == "C6"  # title, unit line, three sentences, then the header


def test_evaluation_ballots_with_grade_words(tmp_path):
    ballots = [("领导班子成员", ["优秀", "称职"]), ("领导班子成员", ["好", "差"]), ("中层干部", [None, "基本合格"]),
               ("中层干部", ["不称职", "较好"])]
    poll = _only(tally_file(ps.ballots(tmp_path / "b.xlsx", ["张三", "李四"], ballots)))
    assert poll.kind == "evaluate"
    zhang = poll.candidates[0]
    assert zhang.classes[0].grades == {"excellent": 2, "competent": 0, "basic": 0, "incompetent": 0}
    assert zhang.classes[1].grades["incompetent"] == 1
    assert zhang.classes[1].voters == 2  # the blank is an abstention: it counts in 测评人数
    assert str(zhang.classes[1].score_shown) == "0.00"


def test_evaluation_ballots_with_a_tick_under_one_grade(tmp_path):
    path = ps.grade_ballots(tmp_path / "g.xlsx", ["张三", "李四"],
                            [("领导班子成员", [0, 1]), ("中层干部", [None, 3]), ("中层干部", [2, 2])])
    poll = _only(tally_file(path))
    li = poll.candidates[1]
    assert li.classes[1].grades == {"excellent": 0, "competent": 0, "basic": 1, "incompetent": 1}
    assert li.classes[0].grades["competent"] == 1
    assert poll.candidates[0].classes[1].grades["basic"] == 1


def test_no_tally_sheet_is_a_chinese_error(tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["张三", "男"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="没有找到民主推荐或民主测评的票数表"):
        tally_file(tmp_path / "x.xlsx")


def test_same_class_twice_in_the_header_is_refused_with_both_cells(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "普通党员", "群众"])
    ws.append(["张三", 5, 6])
    ws.append(["实到人数", 20, 20])
    wb.save(tmp_path / "x.xlsx")
    poll = _only(tally_file(tmp_path / "x.xlsx"))
    dup = [f for f in poll.findings if f.rule == "tally-duplicate-column"]
    assert dup and "B列" in dup[0].message and "C列" in dup[0].message and "classes" in dup[0].message
    split = Tally.model_validate({"classes": [{"label": "普通党员"}, {"label": "群众"}]})
    poll = _only(tally_file(tmp_path / "x.xlsx", split))
    assert [x.votes for x in poll.candidates[0].classes] == [5, 6]
    assert poll.figures["普通党员"]["present"] == 20


def test_csv_ballots_without_merges(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("票号,投票人类别,张三,李四\n1,中层干部,√,\n2,中层干部,√,√\n3,领导班子成员,,√\n", encoding="utf-8")
    poll = _only(tally_file(path))
    assert [x.votes for x in poll.candidates[0].classes] == [0, 2]


def test_evaluation_long_layout_one_row_per_candidate_and_class(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["测评人类别", "姓名", "优秀", "称职", "基本称职", "不称职", "测评人数"])
    ws.append(["领导班子成员", "张三", 6, 3, 0, 0, 9])
    ws.append(["中层干部", "张三", 12, 10, 2, 1, 25])
    ws.append(["领导班子成员", "李四", 2, 5, 1, 1, 9])
    ws.append(["中层干部", "李四", 8, 10, 4, 3, 25])
    ws.append(["中层干部", "李四", 1, 1, 1, 1, 25])
    ws.append(["外来人员", "王五", 1, 1, 1, 1, 25])
    wb.save(tmp_path / "long.xlsx")
    poll = _only(tally_file(tmp_path / "long.xlsx"))
    assert [c.name for c in poll.candidates] == ["张三", "李四"]
    zhang = poll.candidates[0]
    assert [x.voters for x in zhang.classes] == [9, 25]
    assert zhang.score == Fraction(600 + 240 + 1200 + 800 + 120, 34)
    assert {f.rule for f in poll.findings} == {"tally-duplicate-name", "tally-bad-class"}
    assert next(f for f in poll.findings if f.rule == "tally-bad-class").cell.ref == "A7"


def test_grades_over_classes_and_a_group_over_the_names(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "优秀", None, "称职", None, "基本称职", None, "不称职", None])
    ws.append([None, "班子成员", "中层", "班子成员", "中层", "班子成员", "中层", "班子成员", "中层"])
    for c in (2, 4, 6, 8):
        ws.merge_cells(start_row=1, start_column=c, end_row=1, end_column=c + 1)
    ws.merge_cells("A1:A2")
    ws.append(["张三", 5, 10, 3, 10, 1, 3, 0, 2])
    ws.append(["实到人数", 9, 25])
    wb.save(tmp_path / "inv.xlsx")
    poll = _only(tally_file(tmp_path / "inv.xlsx"))
    zhang = poll.candidates[0]
    assert zhang.by_class("leadership").grades == {"excellent": 5, "competent": 3, "basic": 1, "incompetent": 0}
    assert zhang.by_class("middle").voters == 25

    wb = Workbook()
    ws = wb.active
    ws.append(["票号", "投票人类别", "候选人", None, None, "推荐人数"])
    ws.append([None, None, "张三", "李四", "王五", None])
    ws.merge_cells("C1:E1")
    ws.merge_cells("A1:A2")
    ws.merge_cells("B1:B2")
    ws.merge_cells("F1:F2")
    ws.append([1, "中层干部", "√", None, "√", 2])
    ws.append([2, "中层干部", None, "√", None, 1])
    wb.save(tmp_path / "named.xlsx")
    poll = _only(tally_file(tmp_path / "named.xlsx"))
    assert [(c.name, c.votes) for c in poll.candidates] == [("张三", 1), ("李四", 1), ("王五", 1)]


def test_wps_centre_across_header_without_merges(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["序号", "推荐人选", "领导班子成员", None, "中层干部", None])
    ws.append([None, None, "票数", "得票率", "票数", "得票率"])
    ws.append([1, "张三", 7, None, 20, None])
    ws.append([None, "实到人数", 9, None, 25, None])
    wb.save(tmp_path / "wps.xlsx")
    poll = _only(tally_file(tmp_path / "wps.xlsx"))
    assert [str(x.share_shown) for x in poll.candidates[0].classes] == ["77.78", "80.00"]
