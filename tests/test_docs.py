"""docs/ tried literally: the Python lines of docs/api.md, and every `cadre …` line of the
```bash blocks of docs/*.md, run as written in a real terminal in a copy of the files a
fresh clone has (sample_data/, tests/data/). Every page, docs/poll.md and docs/lrmx.md included."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.pty_run import ROOT, run_in_pty
from tests.test_readme import check_layout, subcommand, without_comment

BIN = Path(sys.executable).parent
DOCS = ROOT / "docs"
NOT_YET: set[str] = set()
EXPECT = {"score": "共", "audit": "检查基准日", "notice": "已生成", "rules": "错误", "policy list": "预设政策",
          "policy show": "政策", "policy init": "已生成政策文件", "template": "模板", "inspect": "读取说明",
          "lrmx check": "检查基准日", "lrmx export": "生成了", "poll": "结果（"}
COMMAND_PAGES = ("audit", "rules", "policy", "inspect", "template", "score", "notice", "poll", "lrmx")


def doc_commands(page: Path) -> list[str]:
    text = page.read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in re.sub(r"\\\n\s*", " ", block).splitlines():
            line = line.strip()
            if line.startswith("cadre "):
                lines.append(line)
    return lines


def all_commands() -> list[tuple[str, str]]:
    return [(page.name, line) for page in sorted(DOCS.glob("*.md")) if page.name not in NOT_YET
            for line in doc_commands(page)]


def test_every_command_has_a_page_with_runnable_examples():
    for name in COMMAND_PAGES:
        page = DOCS / f"{name}.md"
        assert page.exists(), name
        assert any(subcommand(line).split()[0] == name for line in doc_commands(page)), name


def python_block(page: Path) -> str:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)[0]


def test_api_page_audits_a_roster_in_three_lines(tmp_path):
    code = python_block(DOCS / "api.md")
    assert len(code.strip().splitlines()) == 3
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data", ignore=shutil.ignore_patterns("*_*", "*.json"))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert re.match(r"^\d+ 条错误；已核查 \d+ 条规则", done.stdout), done.stdout
    assert sorted(p.name for p in (tmp_path / "sample_data").iterdir()) == sorted(
        p.name for p in (ROOT / "sample_data").iterdir() if "_" not in p.name and p.suffix != ".json"), \
        "the library wrote a file without being asked"


def test_api_objects_match_the_command_line(tmp_path):
    from cadre_cli import audit_file
    from cadre_cli.emit import json as emit_json

    report = audit_file(ROOT / "sample_data" / "后备干部名册.xlsx", "county", "2026-12-01")
    done = subprocess.run([str(BIN / "cadre"), "audit", str(ROOT / "sample_data" / "后备干部名册.xlsx"), "--as-of",
                           "2026-12-01", "--json"], capture_output=True, text=True, timeout=300)
    cli = json.loads(done.stdout)
    assert json.loads(json.dumps(emit_json.audit(report), default=str)) == cli
    assert report.has_errors and done.returncode == 1


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("docs")
    shutil.copytree(ROOT / "sample_data", root / "sample_data",
                    ignore=shutil.ignore_patterns("*_*", "*.json", "__pycache__", "我县*", "空白*"))
    shutil.copytree(ROOT / "tests" / "data", root / "tests" / "data", ignore=shutil.ignore_patterns("*.py"))
    return root


@pytest.mark.parametrize(("page", "line"), [pytest.param(page, line, id=f"{page}-{n}")
                                           for n, (page, line) in enumerate(all_commands(), 1)])
def test_every_docs_command_runs_as_written(clone, page, line):
    command = without_comment(line)
    env = {"PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = run_in_pty(command=["bash", "-c", command], columns=100, cwd=clone, env=env, timeout=300)
    text = result.text
    sample_roster = "sample_data/后备干部名册.xlsx" in command  # errors on purpose: audit exits 1, two towns' lists stop
    sample_lrmx = "sample_data/任免表 " in command  # the sample 任免表 hold errors on purpose too
    expected = {"audit": 1 if sample_roster or sample_lrmx else 0,
                "lrmx check": 1 if sample_lrmx else 0,
                "notice": 2 if sample_roster and "--blank-unverified" not in command else 0}.get(subcommand(line), 0)
    assert result.code == expected, (page, command, result.code, text)
    for bad in ("已存在", "内部错误", "Traceback", "Error", "Usage"):
        assert bad not in text, (page, command, text)
    target = re.search(r"> (\S+)$", command)
    if target:
        data = json.loads((clone / target.group(1)).read_text(encoding="utf-8"))
        assert data["command"] in subcommand(line)
        return
    assert EXPECT[subcommand(line)] in text.replace("\n", ""), (page, command, text)
    check_layout(text, 100, command)
