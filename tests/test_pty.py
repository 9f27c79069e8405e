"""Every command and subcommand in a real terminal, at 80 and 120 columns; the same
commands in a pipe, with --json, with NO_COLOR and with TERM=dumb."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from cadre_cli.cli.linebreak import CLOSING, OPENING, width
from tests.pty_run import ROOT, run_in_pty

ROSTER = str(ROOT / "sample_data" / "后备干部名册.xlsx")
SCORES = str(ROOT / "sample_data" / "答辩测评成绩.xlsx")
POLL = str(ROOT / "sample_data" / "民主推荐票汇总.xlsx")
COLOR = re.compile(r"\x1b\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m")  # a foreground colour (bold is no colour)
CURSOR = re.compile(r"\x1b\[[0-9;]*[ABCDKGJ]|\x1b\[\?25[lh]")  # what a live progress bar redraws with
PROGRESS = "━⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


def layout_ok(text: str, columns: int, toml: bool = False) -> None:
    """Lines fit the terminal; none starts with a closing mark or ends with an opening one.
    `toml`: a policy printed as TOML is kept copyable, only its comment lines are checked."""
    for line in text.splitlines():
        if any(mark in line for mark in PROGRESS) or (toml and not line.startswith("#")):
            continue
        assert width(line) <= columns, line
        assert "\\n" not in line, line  # our own line breaks are breaks, not escapes
        body = line.strip()
        if body:
            assert body[0] not in CLOSING or body[0] in "—…", line
            assert body[-1] not in OPENING, line


def no_english(text: str) -> None:
    for word in ("Usage", "Options", "Error", "Traceback", "Did you mean", "Input should", "[OPTIONS]", "COMMAND",
                 "Arguments", "Missing", "Got unexpected"):
        assert word not in text, (word, text)


def commands(tmp) -> list[tuple[list[str], int, str]]:
    """(arguments, exit code, text it prints) for every command and subcommand."""
    return [
        (["audit", ROSTER, "--as-of", "2026-12-01", "--output", str(tmp / "审核.xlsx")], 1, "标注后的工作簿已写到"),
        (["score", SCORES, "--output", str(tmp / "成绩.xlsx")], 0, "已写出带标注的成绩表"),
        (["poll", POLL, "--output", str(tmp / "计票.xlsx")], 0, "已写出带结果的工作簿"),
        # two towns' lists stop on birth months that contradict the ID number (on purpose in the sample)
        (["notice", ROSTER, "--by", "单位", "--output", str(tmp / "名单")], 2, "“中枢镇”的名单未生成"),
        (["notice", ROSTER, "--kind", "公示", "--days", "7", "--start", "2026-12-28", "--working-days", "--contact",
          "联系电话：0873-1234567", "--blank-unverified", "--output", str(tmp / "公示")], 0, "2027年1月6日"),
        (["inspect", ROSTER], 0, "表头在第3、4行"),
        (["rules"], 0, "检查规则"),
        (["rules", "age-limit"], 0, "《后备干部培养管理实施规定》四(七)"),
        (["rules", "--policy", "street"], 0, "inspection"),
        (["policy", "list"], 0, "预设政策"),
        (["policy", "show", "street"], 0, "依据：《后备干部选拔方案》（街道）"),
        (["policy", "init", "county", "-o", str(tmp / "我县.toml")], 0, "已生成政策文件"),
        (["template", "名册", str(tmp / "名册模板.xlsx")], 0, "已生成名册模板"),
        (["template", "score", str(tmp / "成绩模板.xlsx"), "--policy", "enterprise"], 0, "已生成成绩表模板"),
        (["--version"], 0, "cadre 0."),
    ]


HELP = [[], ["--help"], ["inspect", "--help"], ["audit", "--help"], ["score", "--help"], ["poll", "--help"], ["notice", "--help"], ["rules", "--help"],
        ["policy", "--help"], ["policy", "list", "--help"], ["policy", "show", "--help"], ["policy", "init", "--help"],
        ["template", "--help"]]


@pytest.mark.parametrize("columns", [80, 120])
def test_every_command_in_a_terminal(tmp_path, columns):
    for args, code, expected in commands(tmp_path):
        result = run_in_pty(*args, columns=columns)
        assert result.code == code, (args, result.text)
        text = result.text
        assert expected in text.replace("\n", ""), (args, text)
        no_english(text)
        assert "内部错误" not in text
        assert "…" not in text, (args, text)  # nothing cut short with an ellipsis, names and scores whole
        layout_ok(text, columns, toml=args[:2] == ["policy", "show"])
        if args[0] in ("audit", "score"):
            assert COLOR.search(result.raw), "a terminal gets colours"


@pytest.mark.parametrize("columns", [80, 120])
def test_help_of_every_command_is_chinese_and_aligned(columns):
    for args in HELP:
        result = run_in_pty(*args, columns=columns)
        assert result.code == 0, (args, result.text)
        text = result.text
        no_english(text)
        assert text.startswith("用法：cadre") and ("选项：" in text or "命令：" in text), text
        assert "选项:" not in text and "{" not in text.split("\n")[0]
        layout_ok(text, columns)
        if "选项：" in text:  # option help starts in one column, however wide the Chinese metavars
            options = text.split("选项：\n")[1].split("\n\n")[0].splitlines()
            starts = {width(m.group(1)) for m in (re.match(r"(  -\S.*?\s{2,})\S", line) for line in options) if m}
            assert len(starts) == 1, (args, options)


@pytest.mark.parametrize("columns", [80, 120])
def test_help_examples_are_whole_commands(columns):
    """Each example in --help is a command of its own, broken only between shell words
    (a file name or a quoted value is never cut), and the prose has no stray space where
    the source line broke (`；名册`, not `； 名册`)."""
    for args in HELP:
        text = run_in_pty(*args, columns=columns).text
        assert not re.search(r"[，；：。）] (?=[^\s[])", text), (args, text)  # Click puts "  [必填]" apart
        assert not re.search(r'(^|\s)"$', text, re.M), (args, text)  # an opening quote never ends a line
        if "示例：" not in text:
            continue
        block = text.split("示例：\n")[1].split("\n\n")[0].splitlines()
        assert block and all(line.startswith("    cadre ") or line.startswith("      ") for line in block), block
        words = " ".join(line.strip() for line in block).split()
        assert all(w.endswith((".xlsx", ".xls", ".toml")) or "." not in w or w.startswith("-") for w in words
                   if "." in w and not w[0].isdigit()), words
    score = run_in_pty("score", "--help", columns=80).text
    assert "    cadre score 成绩.xlsx --policy enterprise --json --no-output" in score, score
    notice = run_in_pty("notice", "--help", columns=80).text
    assert '--contact "联系电话：0873-1234567"' in notice, notice


USAGE_ERRORS = [
    (["scor"], "没有“scor”这个命令，是不是 score？"),
    (["policy", "sho"], "是不是 show？"),
    (["audit", ROSTER, "--horizon", "130"], "“130”不能大于120"),
    (["audit"], "缺少参数“名册文件”"),
    (["audit", ROSTER, "extra"], "多出了无法识别的参数：extra"),
    (["notice", ROSTER, "--kind", "告示"], "“告示”不是可选的值（可选：公示、notice、名单、公开名单、list）"),
    (["audit", ROSTER, "--as-of"], "选项 --as-of 后面需要写一个值"),
    (["audit", ROSTER, "--foo"], "没有这个选项：--foo"),
    (["template", "表格", "x.xlsx"], "“表格”不是可选的值"),
]


@pytest.mark.parametrize("columns", [80, 120])
def test_usage_errors_are_one_chinese_sentence(columns):
    for args, words in USAGE_ERRORS:
        result = run_in_pty(*args, columns=columns)
        assert result.code == 2, (args, result.text)
        assert words in result.text.replace("\n", ""), (args, result.text)
        assert "？。" not in result.text
        no_english(result.text)
        layout_ok(result.text, columns)


def test_wrong_output_suffix_is_refused(tmp_path):
    for args in (["audit", ROSTER, "--as-of", "2026-12-01", "-o", str(tmp_path / "结果.docx")],
                 ["score", SCORES, "-o", str(tmp_path / "成绩.docx")],
                 ["notice", ROSTER, "-o", str(tmp_path / "公示.docx")],
                 ["template", "名册", str(tmp_path / "名册.xls")],
                 ["policy", "init", "county", "-o", str(tmp_path / "政策.txt")]):
        result = run_in_pty(*args)
        assert result.code == 2, (args, result.text)
        assert "扩展名不对" in result.text or "像是文件名" in result.text, result.text
        assert not list(tmp_path.iterdir())


def test_policy_typo_hint_leads_somewhere_that_works(tmp_path):
    policy = tmp_path / "错2.toml"
    policy.write_text('extends = "county"\n[levels.principal]\nage_maxx = 45\n', encoding="utf-8")
    result = run_in_pty("audit", ROSTER, "--policy", str(policy))
    assert result.code == 2
    text = result.text.replace("\n", "")
    assert "是不是“age_max”" in text
    hint = re.search(r"运行 (cadre policy show \S+)", text).group(1)
    follow = run_in_pty(*hint.split()[1:])
    assert follow.code == 0 and "age_max" in follow.text


def pipe(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "CADRE_DEBUG", "COLUMNS")}
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "cadre_cli", *args], capture_output=True, text=True, cwd=ROOT,
                          env=full, timeout=300)


def test_the_same_results_in_a_pipe_and_a_terminal(tmp_path):
    term = run_in_pty("audit", ROSTER, "--as-of", "2026-12-01", "--no-output", columns=120)
    piped = pipe("audit", ROSTER, "--as-of", "2026-12-01", "--no-output")
    assert term.code == piped.returncode == 1
    for word in ("错误 10 条", "问题明细", "id-mismatch"):
        assert word in term.text and word in piped.stdout
    assert not COLOR.search(piped.stdout + piped.stderr) and "━" not in piped.stderr  # no colour, no bar in a pipe


@pytest.mark.parametrize("columns", [80, 120])
def test_json_means_the_same_everywhere(tmp_path, columns):
    """--json in a terminal: one JSON document on stdout, no table, no progress bar, and
    no workbook unless --output is given (score as audit)."""
    import shutil

    roster, scores = tmp_path / "名册.xlsx", tmp_path / "成绩.xlsx"
    shutil.copy(ROSTER, roster)
    shutil.copy(SCORES, scores)
    for args in (["audit", str(roster), "--as-of", "2026-12-01"], ["score", str(scores)], ["rules"], ["policy", "list"],
                 ["policy", "show", "county"], ["notice", str(roster), "--blank-unverified", "--output", str(tmp_path / "名单")]):
        result = run_in_pty(*args, "--json", columns=columns)
        assert result.code in (0, 1), (args, result.text)
        assert not any(mark in result.text for mark in PROGRESS)
        start = result.text.index("{")
        data, _ = json.JSONDecoder().raw_decode(result.text.replace("\n", " "), start)
        assert data["command"] == (" ".join(args[:2]) if args[0] == "policy" else args[0])
    assert {p.name for p in tmp_path.iterdir()} == {"名单", "名册.xlsx", "成绩.xlsx"}  # no workbook written
    again = run_in_pty("score", str(scores), "--json", "--output", str(tmp_path / "s.xlsx"), columns=columns)
    assert again.code == 0 and (tmp_path / "s.xlsx").exists()


def test_score_json_twice_does_not_stop_on_exists(tmp_path):
    import shutil

    scores = tmp_path / "成绩.xlsx"
    shutil.copy(SCORES, scores)
    for _ in (1, 2):
        result = pipe("score", str(scores), "--json")
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["output"] is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["成绩.xlsx"]


@pytest.mark.parametrize("env", [{"NO_COLOR": "1"}, {"TERM": "dumb"}])
def test_no_color_and_dumb_terminals(tmp_path, env):
    for args, code, expected in commands(tmp_path)[:3]:
        result = run_in_pty(*args, "--force", env=env, columns=80)
        assert result.code == code, (env, args, result.text)
        assert expected in result.text.replace("\n", "")
        assert not COLOR.search(result.raw), (env, args)  # no colour codes
        if env.get("TERM") == "dumb":
            assert not CURSOR.search(result.raw), args  # no live progress bar redrawing the screen


FAULT = """
import sys
import cadre_cli.audit.engine as engine
def boom(*args, **kwargs):
    raise RuntimeError("boom")
engine.run_audit = boom
from cadre_cli.cli import main
main(sys.argv[1:])
"""


@pytest.mark.parametrize("debug", [False, True])
def test_internal_error_in_a_terminal(debug):
    """Exit 3 with one sentence; CADRE_DEBUG=1 prints the real traceback (a progress bar
    was live on stderr when the fault happened)."""
    env = {"CADRE_DEBUG": "1"} if debug else {}
    result = run_in_pty(command=[sys.executable, "-c", FAULT, "audit", ROSTER, "--no-output"], env=env)
    assert result.code == 3, result.text
    if debug:
        assert "Traceback (most recent call last)" in result.text and "RuntimeError: boom" in result.text
        assert "lost sys.stderr" not in result.text
    else:
        assert "程序内部错误" in result.text and "CADRE_DEBUG=1" in result.text.replace("\n", "")
        assert "Traceback" not in result.text


def test_audit_at_80_columns_keeps_severity_and_unit_and_counts_them_apart():
    """The 80-column detail keeps 级别 and 单位 (the message wraps instead); the summary
    counts errors and warnings of one rule apart (county-term: expired and soon expired)."""
    result = run_in_pty("audit", ROSTER, "--as-of", "2026-12-01", "--policy", "county-term", "--no-output", columns=80)
    assert result.code == 1
    lines = [line.rstrip() for line in result.text.splitlines()]
    header = lines[lines.index("问题明细") + 1]
    assert header.split() == ["位置", "姓名", "单位", "级别", "问题"]
    summary = [line.split() for line in lines if line.strip().startswith("management-period-expired")]
    assert [row[-2:] for row in summary if len(row) == 4] == [["错误", "21"], ["警告", "3"]]
    layout_ok(result.text, 80)


def test_an_output_that_cannot_be_a_workbook_is_refused_before_the_input_is_read(tmp_path):
    """The wrong suffix is said first, not after a long read (or a read that fails)."""
    broken = tmp_path / "名册.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    for command in ("audit", "score"):
        result = run_in_pty(command, str(broken), "-o", str(tmp_path / "结果.docx"))
        assert result.code == 2, result.text
        assert "扩展名不对" in result.text.replace("\n", ""), result.text
        assert "名册.xlsx" not in result.text.replace("\n", ""), result.text
