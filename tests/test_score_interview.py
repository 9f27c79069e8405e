"""The 笔试 x% + 面试 y% scheme (`[score] scheme = "interview"`, 竞争上岗 / 公开选拔): weights
from the policy, exact half-up totals at the boundary, the written gate, absent
candidates, pass marks or none, the annotated workbook, the template, the schemes'
consistency with the policy schema, the registry and the reader."""

import json
import typing
from pathlib import Path

import openpyxl
import pytest

from cadre_cli.errors import PolicyError
from cadre_cli.policy.load import load_policy
from cadre_cli.policy.schema import Score
from cadre_cli.readers.own_output import OWN_COLUMNS
from cadre_cli.rules.registry import REGISTRY
from cadre_cli.score.schemes import SCHEMES
from tests.pty_run import ROOT, run_in_pty
from tests.score_sheets import sheet

WEIGHTS_46 = "[score.interview]\nwritten_weight = 0.4\ninterview_weight = 0.6\n"


def policy(tmp_path: Path, body: str = WEIGHTS_46, score: str = "") -> Path:
    path = tmp_path / "竞争上岗.toml"
    path.write_text(f'extends = "county"\n[score]\nscheme = "interview"\n{score}{body}', encoding="utf-8")
    return path


def person(name: str, written, interview=None, **extra) -> dict:
    out = {"姓名": name, "笔试成绩": written}
    if interview is not None:
        out["面试成绩"] = interview
    out.update(extra)
    return out


def judged(name: str, written, *marks, **extra) -> dict:
    return {"姓名": name, "笔试成绩": written, **{f"评委{i}": m for i, m in enumerate(marks, 1)}, **extra}


def scored(run, path, pol, *args):
    out = run("score", path, "--policy", pol, "--json", "--no-output", *args)
    data = json.loads(out.out)
    return out, data, {c["name"]: c for c in data["candidates"]}


def test_weights_from_the_policy(run, tmp_path):
    path = sheet(tmp_path / "s.xlsx", [person("张三", 85, 80), person("李四", 70, 90)])
    out, data, c = scored(run, path, policy(tmp_path))
    assert out.code == 0, out
    # 85×0.4 + 80×0.6 = 82; 70×0.4 + 90×0.6 = 82: a tie, both first
    assert (c["张三"]["total"], c["李四"]["total"]) == (82, 82) and c["张三"]["rank"] == c["李四"]["rank"] == 1
    assert c["张三"]["interview"] == 80 and data["scheme"] == "interview"
    other = tmp_path / "o"
    other.mkdir()
    _, other_data, c = scored(run, path, policy(other, "[score.interview]\nwritten_weight = 0.3\ninterview_weight = 0.7\n"))
    # 85×0.3 + 80×0.7 = 81.5; 70×0.3 + 90×0.7 = 84
    assert (c["张三"]["total"], c["李四"]["total"], c["李四"]["rank"]) == (81.5, 84, 1)
    assert any("笔试成绩×30% + 面试成绩×70%" in line for line in other_data["method"])
    assert any("笔试成绩×40% + 面试成绩×60%" in line for line in data["method"])


def test_half_up_at_the_boundary(run, tmp_path):
    # 80.01×0.5 + 80×0.5 = 80.005 exactly -> 80.01 (half-even and float round() would give 80.00);
    # 60×0.5 + 59.99×0.5 = 59.995 -> 60.00, which reaches the pass mark of 60; 59.99 does not
    # (the written pass mark of 60 comes from the county preset the policy extends)
    half = "[score.interview]\nwritten_weight = 0.5\ninterview_weight = 0.5\ntotal_pass = 60\n"
    path = sheet(tmp_path / "b.xlsx", [person("张三", 80.01, 80), person("李四", 60, 59.99),
                                       person("王五", 60, 59.98)])
    out, _, c = scored(run, path, policy(tmp_path, half))
    assert out.code == 0, out
    assert c["张三"]["total"] == 80.01
    assert c["李四"]["total"] == 60 and c["李四"]["passed"] is True
    assert c["王五"]["total"] == 59.99 and c["王五"]["passed"] is False
    assert "综合成绩未达到60分的合格线" in c["王五"]["notes"]


def test_judges_mean_and_round_stages(run, tmp_path):
    # four judges average 80.005: shown 80.01; 80×0.4 + 80.005×0.6 = 80.003 -> 80.00, but with
    # round_stages the rounded 80.01 is used: 80×0.4 + 80.01×0.6 = 80.006 -> 80.01
    path = sheet(tmp_path / "j.xlsx", [judged("张三", 80, 80, 80, 80, 80.02)])
    _, _, c = scored(run, path, policy(tmp_path))
    assert (c["张三"]["interview"], c["张三"]["total"]) == (80.01, 80)
    other = tmp_path / "r"
    other.mkdir()
    _, data, c = scored(run, path, policy(other, score="round_stages = true\n"))
    assert c["张三"]["total"] == 80.01
    assert any("面试成绩先各自四舍五入" in line for line in data["method"])


def test_trimmed_judges_and_a_typed_interview_score_compared(run, tmp_path):
    path = sheet(tmp_path / "t.xlsx", [judged("张三", 90, 70, 80, 82, 84, 99, 面试成绩=85)])
    _, _, c = scored(run, path, policy(tmp_path, score="trim_panel = true\n"))
    # trimmed mean of 80, 82, 84 = 82; 90×0.4 + 82×0.6 = 85.2
    assert (c["张三"]["interview"], c["张三"]["total"]) == (82, 85.2)
    assert any("表中所填面试成绩85与按评委评分计算的82.00不一致" in n for n in c["张三"]["notes"])


def test_written_gate_absent_and_no_pass_mark(run, tmp_path):
    rows = [person("张三", 85, 80), person("李四", 58, 95), person("王五", "缺考"), person("赵六", 75, "缺考"),
            person("孙七", 75)]
    path = sheet(tmp_path / "g.xlsx", rows)
    out, data, c = scored(run, path, policy(tmp_path, score="written_pass = 60\n"))
    assert out.code == 0, out
    assert c["李四"]["status"] == "failed_written" and c["李四"]["total"] is None and c["李四"]["rank"] is None
    assert any("不进入面试（面试数据未使用）" in n for n in c["李四"]["notes"])
    assert c["王五"]["status"] == "absent" and c["赵六"]["status"] == "absent" and c["孙七"]["status"] == "absent"
    assert any("面试缺考" in n for n in c["赵六"]["notes"]) and any("面试成绩空白" in n for n in c["孙七"]["notes"])
    # no interview or total pass mark: those with a total are ranked, none is 不合格 for it
    assert c["张三"]["passed"] is True and "不设合格分数线" in c["张三"]["status_text"]
    assert data["summary"]["failed_written"] == 1 and data["summary"]["absent"] == 3


def test_interview_pass_mark(run, tmp_path):
    body = WEIGHTS_46 + "interview_pass = 70\n"
    path = sheet(tmp_path / "p.xlsx", [person("张三", 95, 69.99), person("李四", 60, 70)])
    _, _, c = scored(run, path, policy(tmp_path, body))
    assert c["张三"]["passed"] is False and "面试成绩未达到70分的合格线" in c["张三"]["notes"]
    assert c["李四"]["passed"] is True


def test_bad_cells_are_errors_naming_the_cell(run, tmp_path):
    path = sheet(tmp_path / "e.xlsx", [person("张三", 85, 101), person("李四", 80, 80)])
    out, data, c = scored(run, path, policy(tmp_path))
    assert out.code == 2
    [error] = data["errors"]
    assert error["rule"] == "score-invalid" and "超过满分100分" in error["message"] and error["name"] == "张三"
    assert c["李四"]["total"] == 80


def test_needs_its_columns(run, tmp_path):
    path = sheet(tmp_path / "n.xlsx", [{"姓名": "张三", "笔试成绩": 80}])
    out = run("score", path, "--policy", policy(tmp_path), "--no-output")
    assert out.code == 2 and "缺少笔试面试计分所需的列" in out.err and "面试成绩" in out.err


@pytest.mark.parametrize("body, fragment", [
    ("", "须在 [score.interview] 中设置 written_weight 与 interview_weight"),
    ("[score.interview]\nwritten_weight = 0.4\ninterview_weight = 0.5\n", "之和应为 1"),
    ("[score.interview]\nwritten_weight = 0.4\n", "应同时设置"),
    ("[score.interview]\nwritten_weight = 1.4\ninterview_weight = -0.4\n", "score.interview.written_weight"),
])
def test_weights_are_validated_in_chinese(tmp_path, run, body, fragment):
    with pytest.raises(PolicyError) as exc:
        load_policy(str(policy(tmp_path, body)))
    assert fragment in exc.value.message
    path = sheet(tmp_path / "x.xlsx", [person("张三", 80, 80)])
    out = run("score", path, "--policy", policy(tmp_path, body))
    assert out.code == 2 and fragment in out.err and "Traceback" not in out.err


def test_weights_are_exact_decimals(tmp_path):
    p = load_policy(str(policy(tmp_path, "[score.interview]\nwritten_weight = 0.35\ninterview_weight = 0.65\n")))
    assert str(p.score.interview.written_weight) == "0.35" and str(p.score.interview.interview_weight) == "0.65"


def test_annotated_workbook(run, tmp_path):
    body = WEIGHTS_46 + "total_pass = 60\n"
    path = sheet(tmp_path / "w.xlsx", [person("张三", 85, 80), person("李四", 60, 30)], title=None)
    out = run("score", path, "--policy", policy(tmp_path, body))
    assert out.code == 0, out
    wb = openpyxl.load_workbook(tmp_path / "w_成绩.xlsx")
    ws = wb["答辩测评"]
    header = [ws.cell(1, col).value for col in range(1, ws.max_column + 1)]
    assert header[-5:] == ["面试得分", "综合成绩", "是否合格", "名次", "说明"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["张三"][-5:-1] == (80, 82, "合格", 1) and rows["李四"][-5:-1] == (30, 42, "不合格", 2)
    summary = wb["成绩汇总"]
    assert summary.cell(1, 1).value == "科级后备干部笔试面试成绩汇总表"
    assert [c.value for c in summary[2]] == ["名次", "姓名", "笔试成绩", "面试成绩", "综合成绩", "是否合格", "说明"]
    assert [c.value for c in summary[3]][:6] == [1, "张三", 85, 80, 82, "合格"]
    text = "".join(str(c.value) for c in summary["A"] if c.value)
    assert "综合成绩 = 笔试成绩×40% + 面试成绩×60%" in text and "综合成绩达到60分为合格" in text


def test_no_pass_mark_no_verdict_column(run, tmp_path):
    path = sheet(tmp_path / "v.xlsx", [person("张三", 85, 80)])
    out = run("score", path, "--policy", policy(tmp_path))
    assert out.code == 0
    ws = openpyxl.load_workbook(tmp_path / "v_成绩.xlsx")["答辩测评"]
    header = [c.value for c in ws[2]]  # row 1 holds the title
    assert header[-4:] == ["面试得分", "综合成绩", "名次", "说明"] and "是否合格" not in header
    assert "合格" not in run("score", path, "--policy", policy(tmp_path), "--no-output").out.split("共1人")[1].split("，")[0]


def test_template_round_trip(run, tmp_path):
    pol = policy(tmp_path, WEIGHTS_46 + "total_pass = 60\n")
    blank = tmp_path / "空白.xlsx"
    out = run("template", "成绩表", str(blank), "--policy", pol)
    assert out.code == 0, out
    wb = openpyxl.load_workbook(blank)
    ws = wb.active
    assert ws["A1"].value == "科级后备干部笔试面试成绩登记表"
    heads = [c.value for c in ws[3]] + [c.value for c in ws[4]]
    assert "笔试成绩（100分）" in heads and "面试评委评分" in heads and "评委1" in heads
    col = {v: i for i, v in enumerate([c.value for c in ws[4]], 1) if v}
    top = {v: i for i, v in enumerate([c.value for c in ws[3]], 1) if v}
    ws.cell(5, top["姓名"], "张三")
    ws.cell(5, top["笔试成绩（100分）"], 90)
    for i in range(1, 6):
        ws.cell(5, col[f"评委{i}"], 80)
    wb.save(blank)
    out, _, c = scored(run, blank, pol)
    assert out.code == 0, out
    assert (c["张三"]["interview"], c["张三"]["total"], c["张三"]["passed"]) == (80, 84, True)


def test_sample_and_the_terminal(tmp_path):
    import shutil

    for name in ("竞争上岗成绩.xlsx", "竞争上岗政策.toml"):
        shutil.copy(ROOT / "sample_data" / name, tmp_path / name)
    res = run_in_pty("score", "竞争上岗成绩.xlsx", "--policy", "竞争上岗政策.toml", columns=80, cwd=tmp_path)
    assert res.code == 0, res.text
    assert "综合成绩" in res.text and "面试" in res.text and "共12人" in res.text and "笔试不合格1人" in res.text
    assert "缺考1人" in res.text and (tmp_path / "竞争上岗成绩_成绩.xlsx").exists()


# --- the schemes agree with the policy schema, the rule registry and the reader ---------

def test_every_scheme_is_named_by_the_schema_and_cited_by_a_rule():
    literal = typing.get_args(typing.get_args(Score.model_fields["scheme"].annotation)[0])
    assert set(literal) == set(SCHEMES)
    for scheme in SCHEMES.values():
        assert scheme.rule in REGISTRY and REGISTRY[scheme.rule].scope == "score"


def test_every_added_column_is_known_as_the_tools_own(tmp_path):
    pol = load_policy(str(policy(tmp_path, WEIGHTS_46 + "total_pass = 60\n")))
    for scheme in SCHEMES.values():
        for shown in scheme.sheet_columns(pol):
            assert shown.label in OWN_COLUMNS, (scheme.name, shown.label)
