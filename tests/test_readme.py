"""The README tried literally: `make demo` (twice), then every command the README shows,
exactly as written, in a real terminal at 80 and at 120 columns, in a copy of the
files a fresh clone has."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from cadre_cli.cli.linebreak import CLOSING, OPENING, width
from tests.pty_run import ROOT, run_in_pty

BIN = Path(sys.executable).parent
PASSWORD = "Mima#2025"  # of tests/data/locked_roster.xls, as the README says
# what each command prints when it works
EXPECT = {
    "score": "共", "audit": "检查基准日", "notice": "已生成", "rules": "错误", "policy list": "预设政策",
    "policy show": "生效的政策", "policy init": "已生成政策文件", "template": "模板", "inspect": "表头",
    "lrmx check": "检查基准日", "lrmx export": "生成了",
    "poll": "结果（",
}


def readme_commands() -> list[str]:
    """The shell lines of the README's ```bash blocks (continuations joined), `make` left out."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines: list[str] = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if line and not line.startswith(("#", "make ")):
                lines.append(line)
    return lines


def without_comment(line: str) -> str:
    """The command without its trailing `# comment` (outside quotes)."""
    quoted = False
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif ch == "#" and not quoted and line[i - 1] == " ":
            return line[:i].rstrip()
    return line


def subcommand(line: str) -> str:
    words = line.split()
    words = words[1:] if "=" in words[0] else words  # CADRE_PASSWORD=… cadre …
    return " ".join(words[1:3]) if words[1] in ("policy", "lrmx") else words[1]


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The files of a fresh clone the README uses, after `make demo` ran twice."""
    root = tmp_path_factory.mktemp("clone")
    shutil.copy(ROOT / "Makefile", root)
    shutil.copytree(ROOT / "sample_data", root / "sample_data",
                    ignore=shutil.ignore_patterns("*_成绩.xlsx", "*_审核结果.xlsx", "*_名单", "*_公示", "名单", "公示",
                                                  "__pycache__", "*.json", "我县*", "空白*", "xls*", "加密名册*",
                                                  "*_检查结果.xlsx", "任免表导出"))
    shutil.copytree(ROOT / "tests" / "data", root / "tests" / "data", ignore=shutil.ignore_patterns("*.py"))
    for attempt in (1, 2):  # re-running the demo does not stop on 已存在
        done = subprocess.run(["make", "--no-print-directory", "demo-run", f"BIN={BIN}"], cwd=root, capture_output=True,
                              text=True, timeout=600)
        assert done.returncode == 0, (attempt, done.stdout, done.stderr)
        out = done.stdout + done.stderr
        assert "已存在" not in out and "内部错误" not in out and "Traceback" not in out
        assert "故意" in out  # says plainly that the sample roster's errors are on purpose
        assert "后备干部名册_名单" in out
    assert (root / "sample_data" / "后备干部名册_审核结果.xlsx").exists()
    assert list((root / "sample_data" / "后备干部名册_名单").glob("*.docx"))
    return root


def test_the_readme_has_commands_for_every_command():
    shown = {subcommand(line) for line in readme_commands()}
    assert {"inspect", "score", "audit", "poll", "notice", "rules", "policy list", "policy show", "policy init",
            "template", "lrmx check", "lrmx export"} <= shown


@pytest.mark.parametrize("columns", [80, 120])
def test_every_readme_command_runs_as_written(clone, tmp_path, columns):
    work = tmp_path / "clone"
    shutil.copytree(clone, work)  # each width starts from the state `make demo` left
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    for line in readme_commands():
        command = without_comment(line)
        answer = PASSWORD if "--password" in command.split() else None  # typed at the prompt, as the README says
        result = run_in_pty(command=["bash", "-c", command], columns=columns, cwd=work, env=env, timeout=300,
                            answer=answer)
        text = result.text
        # the sample rosters hold errors on purpose: their audits exit 1 (legacy_roster.xls has none), and the
        # sample roster's notices stop for the two towns whose birth months are wrong unless --blank-unverified
        # (the nominees' roster of the poll sample has no such errors)
        expected_code = {"audit": 0 if "legacy_roster" in line else 1,
                         "notice": 0 if "--blank-unverified" in line or "--poll" in line else 2,
                         "lrmx check": 1}.get(subcommand(line), 0)
        assert result.code == expected_code, (command, result.code, text)
        for bad in ("已存在", "内部错误", "Traceback", "Error", "Usage"):
            assert bad not in text, (command, text)
        target = re.search(r"> (\S+)$", command)
        if target:  # JSON to a file: valid, and nothing else on the terminal but messages
            data = json.loads((work / target.group(1)).read_text(encoding="utf-8"))
            assert data["command"] == subcommand(line)
        elif "--json" in command.split():  # JSON on the terminal: one document, nothing else
            data = json.loads(text[text.index("{"):])
            assert data["command"] == subcommand(line)
            continue  # indented JSON, not prose: no line-breaking rules apply
        else:
            assert EXPECT[subcommand(line)] in text.replace("\n", ""), (command, text)  # wrapped at 80 columns
        check_layout(text, columns, command)


def check_layout(text: str, columns: int, command: str) -> None:
    """Every line fits the terminal and follows the rules of Chinese line breaking
    (progress bar frames, redrawn in place, are left out)."""
    for line in text.splitlines():
        if any(mark in line for mark in "━⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"):
            continue
        if command.startswith("cadre policy show") and not line.startswith("#"):
            continue  # the policy itself, as TOML: kept copyable, never re-wrapped
        assert width(line) <= columns, (command, line)
        body = line.strip()
        if body:
            assert body[0] not in CLOSING or body[0] in "—…", (command, line)  # no line starts with a closing mark
            assert body[-1] not in OPENING, (command, line)  # nor ends with an opening one
