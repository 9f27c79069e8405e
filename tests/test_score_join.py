"""Stages on separate sheets (笔试, 答辩, 测评) joined by ID number, else exam number,
else name; a name that occurs twice without a key is an error, never a guess."""

import datetime as dt
import json

from openpyxl import load_workbook

from tests.builders import make_id
from tests.score_sheets import book

IDS = {n: make_id(dt.date(1988, 1, i + 1), seq=i + 1) for i, n in enumerate(["张三", "李四", "王五", "赵六"])}
MARKS = {"张三": (80, 85, 90, 75, 88), "李四": (70, 72, 74, 76, 78), "赵六": (90, 90, 90, 90, 90)}
VOTES = {"张三": (10, 5, 2, 1, 18), "李四": (5, 8, 4, 1, 20), "赵六": (18, 0, 0, 0, 18)}
WRITTEN = {"张三": 86, "李四": 60, "王五": 55, "赵六": 90}  # 王五 fails and is on no later sheet


def written_rows(keys):
    return [{**keys(n), "笔试成绩": w} for n, w in WRITTEN.items()]


def panel_rows(keys):  # another order than the written sheet
    return [{**keys(n), **{f"评委{i}": m for i, m in enumerate(MARKS[n], 1)}} for n in ("赵六", "李四", "张三")]


def poll_rows(keys):
    out = []
    for n in ("李四", "张三", "赵六"):
        e, c, b, i, voters = VOTES[n]
        out.append({**keys(n), "优秀": e, "称职": c, "基本称职": b, "不称职": i, "测评人数": voters})
    return out


def check(data):
    c = {x["name"]: x for x in data["candidates"]}
    assert set(c) == {"张三", "李四", "王五", "赵六"}
    assert (c["张三"]["written"], c["张三"]["panel"], c["张三"]["poll"], c["张三"]["defense"]) == (86, 83.6, 84.44, 83.94)
    assert (c["李四"]["panel"], c["李四"]["poll"], c["李四"]["defense"]) == (74, 69, 72)
    assert c["赵六"]["defense"] == 94 and c["赵六"]["rank"] == 1
    assert c["王五"]["status"] == "failed_written" and c["王五"]["notes"] and c["王五"]["rank"] is None
    assert len(c["张三"]["rows"]) == 3 and {r["sheet"] for r in c["张三"]["rows"]} == {"笔试", "答辩", "测评"}
    assert data["errors"] == []


def run_json(run, path):
    out = run("score", path, "--json")
    assert out.code == 0, out
    return json.loads(out.out)


def test_join_by_id_number(run, tmp_path):
    def by_id(n):  # 测评 writes names with spaces, the ID numbers decide
        return {"身份证号码": IDS[n], "姓名": n}

    path = book(tmp_path / "三表.xlsx", {
        "笔试": [{"准考证号": f"20250{i}", **by_id(n), "笔试成绩": w} for i, (n, w) in enumerate(WRITTEN.items())],
        "答辩": panel_rows(by_id),
        "测评": poll_rows(lambda n: {"身份证号码": IDS[n].lower(), "姓名": " ".join(n)}),
    })
    data = run_json(run, path)
    check(data)
    assert any("对应合并" in note for note in data["notes"])


def test_join_by_exam_number(run, tmp_path):
    exam = {n: f"00{i}" for i, n in enumerate(WRITTEN, 1)}
    path = book(tmp_path / "考号.xlsx", {
        "笔试": written_rows(lambda n: {"准考证号": exam[n], "姓名": n}),
        "答辩": panel_rows(lambda n: {"考号": exam[n], "姓名": n}),
        "测评": poll_rows(lambda n: {"准考证号": int(exam[n])}),  # typed as numbers: 001 -> 1
    })
    check(run_json(run, path))


def test_join_by_name(run, tmp_path):
    path = book(tmp_path / "姓名.xlsx", {
        "笔试": written_rows(lambda n: {"姓名": n}),
        "答辩": panel_rows(lambda n: {"姓名": n}),
        "测评": poll_rows(lambda n: {"姓名": n}),
    })
    check(run_json(run, path))
    out = run("score", path, "--force")
    assert out.code == 0
    wb = load_workbook(tmp_path / "姓名_成绩.xlsx")
    for name in ("笔试", "答辩", "测评"):  # the results stand beside each stage row
        ws = wb[name]
        labels = [ws.cell(2, c).value for c in range(1, ws.max_column + 1)]
        assert "答辩测评分" in labels, name


def test_duplicate_name_without_key_is_an_error_naming_the_cells(run, tmp_path):
    written = [{"准考证号": "001", "姓名": "张伟", "笔试成绩": 80}, {"准考证号": "002", "姓名": "张伟", "笔试成绩": 90},
               {"准考证号": "003", "姓名": "李娜", "笔试成绩": 85}]
    panel = [{"姓名": n, **{f"评委{i}": 80 for i in range(1, 6)}} for n in ("张伟", "李娜")]
    poll = [{"姓名": n, "优秀": 10, "称职": 8, "基本称职": 0, "不称职": 0, "测评人数": 18} for n in ("李娜", "张伟")]
    path = book(tmp_path / "同名.xlsx", {"笔试": written, "答辩": panel, "测评": poll})
    out = run("score", path, "--json")
    assert out.code == 2
    data = json.loads(out.out)
    c = [x for x in data["candidates"] if x["name"] == "李娜"]
    assert len(c) == 1 and c[0]["defense"] == 84.44  # 80×0.6 + (1000+640)/18×0.4 = 48 + 36.444…
    zhang = [x for x in data["candidates"] if x["name"] == "张伟"]
    assert zhang and all(x["status"] == "rejected" and x["defense"] is None for x in zhang)
    errors = data["errors"]
    assert errors and all(e["rule"] == "score-join" for e in errors)
    message = errors[0]["message"]
    assert "“笔试”B3、“笔试”B4、“答辩”A4" in message
    assert "没有身份证号或准考证号可以区分" in message
    assert {(e["sheet"], e["row"]) for e in errors} >= {("笔试", 3), ("笔试", 4), ("答辩", 4), ("测评", 5)}


def test_same_score_given_twice_must_agree(run, tmp_path):
    path = book(tmp_path / "冲突.xlsx", {
        "笔试": [{"姓名": "张三", "笔试成绩": 80}],
        "答辩": [{"姓名": "张三", "笔试成绩": 82, **{f"评委{i}": 80 for i in range(1, 6)},
                 "优秀": 10, "称职": 8, "基本称职": 0, "不称职": 0, "测评人数": 18}],
    })
    out = run("score", path, "--json", "--no-output")
    assert out.code == 2
    [error] = json.loads(out.out)["errors"]
    assert error["rule"] == "score-join" and error["cell"] == "B4" and error["sheet"] == "答辩"
    assert "“笔试”B3为“80”" in error["message"] and "“答辩”B4为“82”" in error["message"]


def test_one_sheet_per_unit_is_not_joined(run, tmp_path):
    def full(n, w):
        return {"姓名": n, "笔试成绩": w, **{f"评委{i}": 80 for i in range(1, 6)},
                "优秀": 10, "称职": 8, "基本称职": 0, "不称职": 0, "测评人数": 18}

    path = book(tmp_path / "分单位.xlsx", {"县委办": [full("张伟", 80)], "财政局": [full("张伟", 70), full("李娜", 50)]})
    out = run("score", path, "--json", "--no-output")
    assert out.code == 0
    data = json.loads(out.out)
    assert [x["name"] for x in data["candidates"]] == ["张伟", "张伟", "李娜"]  # two people, never merged
    assert [x["status"] for x in data["candidates"]] == ["scored", "scored", "failed_written"]


def test_stage_row_without_key_is_an_error(run, tmp_path):
    path = book(tmp_path / "缺号.xlsx", {
        "笔试": [{"准考证号": "001", "姓名": "张三", "笔试成绩": 80}, {"准考证号": "002", "姓名": "李四", "笔试成绩": 80}],
        "测评": [{"准考证号": "001", "姓名": "张三", "优秀": 18, "测评人数": 18},
                 {"准考证号": None, "姓名": "李四", "优秀": 18, "测评人数": 18}],
        "答辩": [{"准考证号": n, **{f"评委{i}": 80 for i in range(1, 6)}} for n in ("001", "002")],
    })
    out = run("score", path, "--json", "--no-output")
    assert out.code == 2
    errors = json.loads(out.out)["errors"]
    assert any("“测评”第5行没有填准考证号" in e["message"] for e in errors)
