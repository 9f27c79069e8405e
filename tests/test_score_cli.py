"""`cadre score` on real workbooks: the county formula, switches, absent candidates,
bad rows, warnings, the enterprise scheme and the JSON shape."""

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.score_sheets import book, row, sheet


def scored(run, path, *args):
    out = run("score", path, "--json", "--no-output", *args)
    data = json.loads(out.out)
    return out, data, {c["name"]: c for c in data["candidates"]}


def policy_file(tmp_path, body: str):
    path = tmp_path / "我县政策.toml"
    path.write_text('extends = "county"\n' + body, encoding="utf-8")
    return path


def test_seed_000_formula_checked_by_hand(run, tmp_path):
    path = sheet(tmp_path / "成绩.xlsx", [
        row("张三", "2025001", 86, marks=(80, 85, 90, 75, 88), votes=(10, 5, 2, 1), voters=18),
        row("李四", "2025002", 60, marks=(70, 72, 74, 76, 78), votes=(5, 8, 4, 1), voters=20),
    ])
    out, data, c = scored(run, path)
    assert out.code == 0, out
    zhang = c["张三"]
    # 考评分 (80+85+90+75+88)/5 = 83.6; 测评分 (1000+400+120)/18 = 84.444…; 83.6×0.6 + 84.444…×0.4 = 83.937…
    assert (zhang["panel"], zhang["poll"], zhang["defense"]) == (83.6, 84.44, 83.94)
    assert zhang["written"] == 86 and zhang["written_passed"] is True and zhang["passed"] is True
    # 李四: written exactly 60 passes; 考评分 74; 测评分 (500+640+240)/20 = 69; 74×0.6 + 69×0.4 = 72
    li = c["李四"]
    assert li["written_passed"] is True and (li["panel"], li["poll"], li["defense"]) == (74, 69, 72)
    assert (zhang["rank"], li["rank"]) == (1, 2)
    assert data["errors"] == [] and data["warnings"] == []


def test_rounding_at_xx5_from_unrounded_components(run, tmp_path):
    # 8 judges averaging 85.125 (681/8) and a poll of exactly 80: 83.075 -> 83.08, never 83.07
    path = sheet(tmp_path / "r.xlsx", [
        row("张三", marks=(85, 85, 85, 85, 85, 85, 85, 86), votes=(0, 18, 0, 0), voters=18),
        row("李四", 考评分=85.125, 测评分=80, marks=(), votes=()),
    ])
    out, data, c = scored(run, path)
    assert c["张三"]["panel"] == 85.13 and c["张三"]["poll"] == 80 and c["张三"]["defense"] == 83.08
    assert c["李四"]["defense"] == 83.08
    assert "考评分按表中所填数值" in c["李四"]["notes"]
    # 8 judges is outside 5–7: a warning, the result still computed, exit 0
    assert out.code == 0
    assert [w["rule"] for w in data["warnings"]] == ["score-panel-size"]
    assert "8位评委" in data["warnings"][0]["message"]


def test_round_stages_switch(run, tmp_path):
    rows = [row("张三", 考评分=85.125, marks=(), votes=(10, 6, 0, 0), voters=18)]
    path = sheet(tmp_path / "s.xlsx", rows)
    _, _, c = scored(run, path)
    assert c["张三"]["defense"] == 83.96  # 51.075 + 32.888… = 83.9638…
    _, _, c = scored(run, path, "--policy", policy_file(tmp_path, "[score]\nround_stages = true\n"))
    assert c["张三"]["defense"] == 83.97  # 85.13×0.6 + 82.22×0.4 = 83.966


def test_trimming_switch_via_policy_file(run, tmp_path):
    path = sheet(tmp_path / "t.xlsx", [row("张三", marks=(60, 80, 82, 84, 100), votes=(0, 18, 0, 0), voters=18)])
    _, data, c = scored(run, path)
    assert c["张三"]["panel"] == 81.2 and c["张三"]["defense"] == 80.72
    _, data, c = scored(run, path, "--policy", policy_file(tmp_path, "[score]\ntrim_panel = true\n"))
    assert c["张三"]["panel"] == 82 and c["张三"]["defense"] == 81.2  # (80+82+84)/3 = 82
    assert data["policy"] == "我县政策"
    assert any("去掉一个最高分和一个最低分" in line for line in data["method"])


def test_ties_share_a_rank(run, tmp_path):
    path = sheet(tmp_path / "tie.xlsx", [
        row("甲", marks=(80,) * 5, votes=(0, 18, 0, 0)),  # 80
        row("乙", marks=(90,) * 5, votes=(0, 18, 0, 0)),  # 86
        row("丙", marks=(85,) * 5, votes=(0, 18, 0, 0)),  # 83
        row("丁", marks=(85,) * 5, votes=(0, 18, 0, 0)),  # 83
    ])
    _, data, c = scored(run, path)
    assert {n: c[n]["rank"] for n in c} == {"乙": 1, "丙": 2, "丁": 2, "甲": 4}


def test_tie_break_from_policy(run, tmp_path):
    # both 84.20 (80×0.6 + 90.5×0.4 and 85×0.6 + 83×0.4); 丁 has the higher 考评分 (85 vs 80)
    path = sheet(tmp_path / "tb.xlsx", [
        row("丙", marks=(80,) * 5, votes=(), voters=None, 测评分=90.5),
        row("丁", marks=(85,) * 5, votes=(), voters=None, 测评分=83),
    ])
    _, _, c = scored(run, path)
    assert c["丙"]["defense"] == c["丁"]["defense"] == 84.2 and c["丙"]["rank"] == c["丁"]["rank"] == 1
    _, _, c = scored(run, path, "--policy", policy_file(tmp_path, '[score]\ntie_break = ["panel"]\n'))
    assert (c["丁"]["rank"], c["丙"]["rank"]) == (1, 2)


def test_written_gate_and_absent_candidates(run, tmp_path):
    path = sheet(tmp_path / "a.xlsx", [
        row("通过", written=75),
        row("未过", written=59.5, marks=(95,) * 5, votes=(18, 0, 0, 0)),
        row("缺考者", written="缺考"),
        row("空白者", written=None, marks=(80,) * 5),
        row("未答辩", written=70, marks=(None,) * 5, votes=(None,) * 4, voters=None),
    ])
    out, data, c = scored(run, path)
    assert out.code == 0, out
    failed = c["未过"]
    assert failed["written"] == 59.5 and failed["written_passed"] is False and failed["passed"] is False
    assert failed["panel"] is None and failed["poll"] is None and failed["defense"] is None and failed["rank"] is None
    assert "未达到60分合格线" in failed["notes"][0] and "未使用" in failed["notes"][0]
    for name in ("缺考者", "空白者", "未答辩"):
        absent = c[name]
        assert absent["status"] == "absent" and absent["defense"] is None and absent["rank"] is None, name
        assert absent["passed"] is False and absent["status_text"] == "不合格（缺考）", name  # never null
    assert c["缺考者"]["written"] is None and "缺考" in c["缺考者"]["notes"][0]
    assert "按缺考处理" in c["空白者"]["notes"][0]
    assert c["通过"]["rank"] == 1
    assert data["summary"] == {"candidates": 5, "scored": 1, "passed": 1, "failed_written": 1, "absent": 3, "rejected": 0}


@pytest.mark.parametrize("bad, cell, rule, words", [
    ({"测评人数": 15}, "M5", "score-votes", "超过测评人数15"),  # 10+6+2+0 = 18 votes, 15 evaluators
    ({"评委3": 105}, "F5", "score-invalid", "超过满分100分"),
    ({"评委2": -1}, "E5", "score-invalid", "低于0分"),
    ({"评委1": "八十"}, "D5", "score-invalid", "“八十”不是数字"),
    ({"笔试成绩": "良好"}, "C5", "score-invalid", "不是数字"),
    ({"笔试成绩": 101}, "C5", "score-invalid", "超过满分100分"),
    ({"优秀": 2.5}, "I5", "score-invalid", "不是人数或票数"),
])
def test_bad_rows_are_rejected_and_the_others_computed(run, tmp_path, bad, cell, rule, words):
    rows = [row("张三", "2025001"), row("李四", "2025002"), row("王五", "2025003")]
    rows[1].update(bad)
    path = sheet(tmp_path / "bad.xlsx", rows)
    out = run("score", path, "--json", "--output", str(tmp_path / "bad_成绩.xlsx"))
    assert out.code == 2
    data = json.loads(out.out)
    c = {x["name"]: x for x in data["candidates"]}
    assert c["李四"]["passed"] is False and "数据有误" in c["李四"]["status_text"]
    assert c["李四"]["status"] == "rejected" and c["李四"]["defense"] is None and c["李四"]["rank"] is None
    assert c["张三"]["defense"] == c["王五"]["defense"] == 83.56  # 80×0.6 + (1000+480+120)/18×0.4 = 48 + 35.555…
    assert c["张三"]["rank"] == c["王五"]["rank"] == 1
    [error] = data["errors"]
    assert (error["rule"], error["sheet"], error["row"], error["cell"]) == (rule, "答辩测评", 5, cell)
    assert words in error["message"] and f"“答辩测评”{cell}" in error["message"] and error["name"] == "李四"
    assert (tmp_path / "bad_成绩.xlsx").exists()  # the valid rows are still written


def test_bad_row_on_the_terminal(run, tmp_path):
    rows = [row("张三"), row("李四", 测评人数=15)]
    out = run("score", sheet(tmp_path / "t.xlsx", rows))
    assert out.code == 2
    assert "“答辩测评”L5" in out.err and "超过测评人数15" in out.err
    assert "有1人的数据有误" in out.err and "其余人员的成绩已写入输出文件" in out.err
    assert "张三" in out.out and "83.56" in out.out


def test_panel_and_poll_size_warnings_keep_the_result(run, tmp_path):
    path = sheet(tmp_path / "w.xlsx", [row("张三", marks=(80, 80, 80, 80), votes=(6, 4, 2, 0), voters=12)])
    out, data, c = scored(run, path)
    assert out.code == 0
    assert c["张三"]["defense"] == 82.67  # 80×0.6 + (600+320+120)/12×0.4 = 48 + 34.666…
    rules = sorted(w["rule"] for w in data["warnings"])
    assert rules == ["score-panel-size", "score-poll-size"]
    assert all(w["severity"] == "warning" and w["row"] == 4 for w in data["warnings"])


def test_missing_evaluator_column_uses_votes_cast(run, tmp_path):
    path = sheet(tmp_path / "n.xlsx", [row("张三", votes=(10, 6, 2, 0), voters=None)])
    out, data, c = scored(run, path)
    assert out.code == 0
    assert c["张三"]["poll"] == 88.89  # 1600/18, the four votes summed
    assert any("按四类票数之和18人计算" in n for n in c["张三"]["notes"])


def test_blank_evaluator_cell_warns(run, tmp_path):
    path = sheet(tmp_path / "n.xlsx", [row("张三"), row("李四", voters=None)])
    out, data, c = scored(run, path)
    assert out.code == 0 and c["李四"]["poll"] == 88.89
    assert [w["rule"] for w in data["warnings"]] == ["score-votes"] and "没有填测评人数" in data["warnings"][0]["message"]


def test_abstention_lowers_the_poll_score(run, tmp_path):
    path = sheet(tmp_path / "ab.xlsx", [row("张三", votes=(10, 6, 2, 0), voters=20)])
    _, _, c = scored(run, path)
    assert c["张三"]["poll"] == 80  # 1600/20, not 1600/18
    assert any("2人未投票" in n for n in c["张三"]["notes"])


def test_hand_averaged_panel_score_is_checked_against_the_marks(run, tmp_path):
    path = sheet(tmp_path / "h.xlsx", [row("张三", marks=(80, 81, 82, 83, 84), 考评分=85, 测评分=88.89)])
    _, _, c = scored(run, path)
    assert c["张三"]["panel"] == 82  # the judges' marks win
    assert any("表中所填考评分85与按评委评分计算的82.00不一致" in n for n in c["张三"]["notes"])
    assert not any("测评分" in n and "不一致" in n for n in c["张三"]["notes"])  # 88.89 agrees with 1600/18


def test_partial_defense_data_is_an_error(run, tmp_path):
    path = sheet(tmp_path / "p.xlsx", [row("张三"), row("李四", votes=(None,) * 4, voters=None)])
    out, data, _ = scored(run, path)
    assert out.code == 2
    assert data["errors"][0]["rule"] == "score-invalid" and "缺少测评票数" in data["errors"][0]["message"]


def test_enterprise_scheme(run, tmp_path):
    rows = [
        {"姓名": "赵一", "笔试（30分）": 25, "演讲答辩（35分）": 30.5,
         "公司领导班子（15分）": 13, "中层干部（10分）": 8.5, "职工代表（10分）": 9},
        {"姓名": "钱二", "笔试（30分）": 28, "演讲答辩（35分）": 33,
         "公司领导班子（15分）": 14, "中层干部（10分）": 9, "职工代表（10分）": 9.5},
        {"姓名": "孙三", "笔试（30分）": 20, "演讲答辩（35分）": 30,
         "公司领导班子（15分）": 16, "中层干部（10分）": 8, "职工代表（10分）": 8},
        {"姓名": "李四", "笔试（30分）": "缺考"},
    ]
    path = sheet(tmp_path / "企业.xlsx", rows, title="中层助理后备人选公开选拔成绩")
    out = run("score", path, "--policy", "enterprise", "--json")
    assert out.code == 2  # 孙三's 公司领导班子 16 is above its maximum of 15
    data = json.loads(out.out)
    c = {x["name"]: x for x in data["candidates"]}
    assert (c["赵一"]["written"], c["赵一"]["speech"], c["赵一"]["org"], c["赵一"]["total"]) == (25, 30.5, 30.5, 86)
    assert c["钱二"]["total"] == 93.5 and c["钱二"]["rank"] == 1 and c["赵一"]["rank"] == 2
    assert c["赵一"]["panel"] is None and c["赵一"]["defense"] is None and c["赵一"]["passed"] is True
    assert "不设合格分数线" in c["赵一"]["status_text"]
    [error] = data["errors"]
    assert error["name"] == "孙三" and error["cell"] == "D6" and "超过满分15分" in error["message"]
    assert c["李四"]["status"] == "absent" and c["李四"]["total"] is None
    assert data["scheme"] == "enterprise"


def test_enterprise_speech_from_judges(run, tmp_path):
    rows = [{"姓名": "赵一", "笔试": 25, "评委1": 30, "评委2": 31, "评委3": 32, "评委4": 33, "评委5": 30,
             "组织考察": 30}]
    path = sheet(tmp_path / "e.xlsx", rows)
    _, data, c = scored(run, path, "--policy", "enterprise")
    assert c["赵一"]["speech"] == 31.2 and c["赵一"]["total"] == 86.2


def test_enterprise_needs_its_columns(run, tmp_path):
    out = run("score", sheet(tmp_path / "x.xlsx", [row("张三")]), "--policy", "enterprise", "--no-output")
    assert out.code == 2 and "缺少企业公开选拔计分所需的列" in out.err and "组织考察" in out.err


def test_policy_without_scoring_scheme(run, tmp_path):
    out = run("score", sheet(tmp_path / "x.xlsx", [row("张三")]), "--policy", "street")
    assert out.code == 2
    assert "没有规定成绩计算方法" in out.err and "street" in out.err and "Traceback" not in out.err
    assert not (tmp_path / "x_成绩.xlsx").exists()


def test_not_a_score_sheet(run, tmp_path):
    path = book(tmp_path / "名册.xlsx", {"名册": [{"姓名": "张三", "性别": "男"}]})
    out = run("score", path)
    assert out.code == 2 and "没有找到成绩列" in out.err and "“姓名”" in out.err


def test_json_shape(run, tmp_path):
    path = sheet(tmp_path / "j.xlsx", [row("张三", "2025001"), row("李四", "2025002", written="缺考")])
    out = run("score", path, "--json")
    assert out.code == 0
    data = json.loads(out.out)
    assert {"command", "policy", "candidates", "errors"} <= set(data)
    assert data["command"] == "score" and data["policy"] == "county"
    assert data["output"] is None and not (tmp_path / "j_成绩.xlsx").exists()  # --json alone writes nothing, as audit
    again = run("score", path, "--json", "--output", str(tmp_path / "j_成绩.xlsx"))
    assert json.loads(again.out)["output"] == str(tmp_path / "j_成绩.xlsx") and (tmp_path / "j_成绩.xlsx").exists()
    for cand in data["candidates"]:
        assert {"name", "exam_number", "written", "written_passed", "panel", "poll", "defense", "total", "passed",
                "rank", "notes"} <= set(cand)
    zhang = data["candidates"][0]
    assert zhang["exam_number"] == "2025001" and isinstance(zhang["defense"], float) and zhang["total"] is None
    assert zhang["rows"] == [{"sheet": "答辩测评", "row": 4}]
    assert data["candidates"][1]["written"] is None


def test_csv_input(run, tmp_path):
    path = tmp_path / "成绩.csv"
    path.write_text("姓名,笔试成绩,评委1,评委2,评委3,评委4,评委5,优秀,称职,基本称职,不称职,测评人数\n"
                    "张三,80,80,80,80,80,80,10,6,2,0,18\n", encoding="gbk")
    out = run("score", path)
    assert out.code == 0, out
    assert (tmp_path / "成绩_成绩.xlsx").exists()
    assert ".csv" in out.out and "另存为 .xlsx" in out.out


PEOPLE = [row(n, marks=m, votes=v, voters=18) for n, m, v in [
    ("甲", (80, 85, 90, 75, 88), (10, 5, 2, 1)), ("乙", (70, 72, 74, 76, 78), (5, 8, 4, 1)),
    ("丙", (85, 85, 85, 85, 85), (0, 18, 0, 0)), ("丁", (85, 85, 85, 85, 85), (0, 18, 0, 0)),
    ("戊", (60, 99, 61, 98, 62), (3, 3, 3, 3)), ("己", (90, 91, 92, 93, 94), (17, 1, 0, 0)),
]]


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.permutations(range(len(PEOPLE))), st.permutations(range(1, 6)))
def test_permuting_rows_or_judges_changes_no_result(run, order, judges):
    def results(people):
        with tempfile.TemporaryDirectory() as tmp:
            _, data, c = scored(run, sheet(Path(tmp) / "p.xlsx", people))
        return {n: (x["panel"], x["poll"], x["defense"], x["rank"]) for n, x in c.items()}

    baseline = results(PEOPLE)
    shuffled = []
    for i in order:  # rows in another order, and each row's judges in another order
        person = dict(PEOPLE[i])
        marks = [person[f"评委{j}"] for j in judges]
        person.update({f"评委{k}": m for k, m in enumerate(marks, 1)})
        shuffled.append(person)
    assert results(shuffled) == baseline
    assert baseline["丙"][3] == baseline["丁"][3]


def test_typed_results_are_compared_not_required(run, tmp_path):
    path = sheet(tmp_path / "r.xlsx", [
        row("张三", 答辩测评成绩=83.5),  # ours: 83.56
        row("李四", 答辩测评成绩="合格"),
        row("王五", marks=(None,) * 5, votes=(None,) * 4, voters=None, 答辩测评成绩=77.25),
        row("赵六", marks=(None,) * 5, votes=(None,) * 4, voters=None, 答辩测评成绩=120),
    ])
    out, data, c = scored(run, path)
    assert c["张三"]["defense"] == 83.56 and any("原填答辩测评分83.5与计算结果83.56不一致" in n for n in c["张三"]["notes"])
    assert c["李四"]["defense"] == 83.56 and any("“合格”不是分数，未使用" in n for n in c["李四"]["notes"])
    assert c["王五"]["defense"] == 77.25 and c["王五"]["panel"] is None
    assert c["赵六"]["status"] == "rejected" and out.code == 2
    assert "超过满分100分" in data["errors"][0]["message"]
