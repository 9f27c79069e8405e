"""Workbooks with an open password: read with CADRE_PASSWORD or `--password` (asked in
the terminal), the annotated copy locked with the same password, the password never
shown anywhere."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import msoffcrypto
import pytest
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import load_workbook

from tests.pty_run import run_in_pty

DATA = Path(__file__).parent / "data"
AS_OF = "2026-12-01"
PASSWORD = "Mima#2025秘"  # non-ASCII on purpose
XLS_PASSWORD = "Mima#2025"  # tests/data/locked_roster.xls (make_locked_xls.py)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _lock(src: Path, dst: Path, password: str = PASSWORD) -> Path:
    with src.open("rb") as plain, dst.open("wb") as out:
        OOXMLFile(plain).encrypt(password, out)
    return dst


def _unlock(path: Path, password: str) -> io.BytesIO:
    office = msoffcrypto.OfficeFile(path.open("rb"))
    office.load_key(password=password)
    out = io.BytesIO()
    office.decrypt(out)
    out.seek(0)
    return out


@pytest.fixture
def locked(tmp_path) -> tuple[Path, Path]:
    plain = tmp_path / "原名册.xlsx"
    shutil.copy(DATA / "legacy_roster.xlsx", plain)
    return plain, _lock(plain, tmp_path / "名册.xlsx")


def _findings(out: str) -> list[tuple]:
    data = json.loads(out)
    return sorted((f["rule"], f["name"], f["cell"], f["message"]) for f in data["findings"])


def _everything_written(tmp_path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in tmp_path.rglob("*") if p.is_file())


def test_env_password_gives_the_same_findings_and_a_locked_copy(run, tmp_path, monkeypatch, locked):
    plain, path = locked
    base = run("audit", str(plain), "--as-of", AS_OF, "--json", "--no-output")
    monkeypatch.setenv("CADRE_PASSWORD", PASSWORD)
    target = tmp_path / "审核.xlsx"
    result = run("audit", str(path), "--as-of", AS_OF, "--json", "--output", str(target))
    assert result.code == base.code == 1, result
    assert _findings(result.out) == _findings(base.out) and _findings(base.out)
    assert target.read_bytes().startswith(OLE)  # locked: not a readable zip
    wb = load_workbook(_unlock(target, PASSWORD))
    assert "问题清单" in wb.sheetnames and any(c.value == "审核结论" for c in wb["名册"][3])
    notes = json.loads(result.out)["notes"]
    assert f"输出文件“{target.name}”已设置与“名册.xlsx”相同的打开密码。" in notes
    assert PASSWORD not in result.out + result.err
    assert PASSWORD.encode("utf-8") not in _everything_written(tmp_path)


def test_wrong_or_missing_password(run, tmp_path, monkeypatch, locked):
    _, path = locked
    result = run("audit", str(path), "--as-of", AS_OF)
    assert result.code == 2
    assert "“名册.xlsx”设置了打开密码。请在命令后加 --password" in result.err.replace("\n", "")
    monkeypatch.setenv("CADRE_PASSWORD", "not-it")
    result = run("audit", str(path), "--as-of", AS_OF)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.replace("\n", "") == "错误：“名册.xlsx”的打开密码不正确，请重新运行并输入正确的密码。"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["原名册.xlsx", "名册.xlsx"]  # nothing written


def test_no_password_on_output_writes_it_unlocked_with_a_warning(run, tmp_path, monkeypatch, locked):
    _, path = locked
    monkeypatch.setenv("CADRE_PASSWORD", PASSWORD)
    result = run("audit", str(path), "--as-of", AS_OF, "--no-password-on-output")
    target = tmp_path / "名册_审核结果.xlsx"
    assert result.code == 1 and zipfile.is_zipfile(target)
    assert "警告：按 --no-password-on-output，输出文件“名册_审核结果.xlsx”没有设置打开密码" in result.out.replace("\n", "")
    assert "注意：警告：" not in result.out.replace("\n", "")  # one label, the warning's own


def test_locked_xls_from_libreoffice(run, tmp_path, monkeypatch):
    shutil.copy(DATA / "legacy_roster.xls", tmp_path / "原名册.xls")
    shutil.copy(DATA / "locked_roster.xls", tmp_path / "名册.xls")
    base = run("audit", str(tmp_path / "原名册.xls"), "--as-of", AS_OF, "--json", "--no-output")
    monkeypatch.setenv("CADRE_PASSWORD", XLS_PASSWORD)
    target = tmp_path / "名册_审核结果.xlsx"
    result = run("audit", str(tmp_path / "名册.xls"), "--as-of", AS_OF, "--json", "--output", str(target))
    assert _findings(result.out) == _findings(base.out) and _findings(base.out)
    assert target.read_bytes().startswith(OLE)
    assert load_workbook(_unlock(target, XLS_PASSWORD))["名册"]["D5"].value == 1985.1
    monkeypatch.setenv("CADRE_PASSWORD", "wrong")
    assert run("audit", str(tmp_path / "名册.xls"), "--as-of", AS_OF, "--force").code == 2


def test_score_and_notice_read_locked_workbooks(run, tmp_path, monkeypatch):
    scores = _lock(Path(__file__).parents[1] / "sample_data" / "答辩测评成绩.xlsx", tmp_path / "成绩.xlsx")
    monkeypatch.setenv("CADRE_PASSWORD", PASSWORD)
    result = run("score", str(scores))
    assert result.code == 0, result
    assert (tmp_path / "成绩_成绩.xlsx").read_bytes().startswith(OLE)
    assert "成绩汇总" in load_workbook(_unlock(tmp_path / "成绩_成绩.xlsx", PASSWORD)).sheetnames

    roster = _lock(Path(__file__).parents[1] / "sample_data" / "后备干部名册.xlsx", tmp_path / "名册.xlsx")
    out = tmp_path / "公示"
    result = run("notice", str(roster), "--by", "单位", "--output", str(out))
    assert result.code == 2, result  # the sample's two unverified birth months stop their towns' lists
    assert "公示和名单只含可公开的信息，按常规写出，不加打开密码。" in result.err.replace("\n", "")
    docs = list(out.glob("*.docx"))
    assert docs and all(zipfile.is_zipfile(d) for d in docs)  # written normally
    assert PASSWORD not in result.out + result.err


def test_audit_scores_file_locked_too(run, tmp_path, monkeypatch):
    roster = _lock(Path(__file__).parents[1] / "sample_data" / "后备干部名册.xlsx", tmp_path / "名册.xlsx")
    scores = _lock(Path(__file__).parents[1] / "sample_data" / "答辩测评成绩.xlsx", tmp_path / "成绩.xlsx")
    monkeypatch.setenv("CADRE_PASSWORD", PASSWORD)
    result = run("audit", str(roster), "--scores", str(scores), "--as-of", AS_OF, "--json", "--no-output")
    assert result.code in (0, 1), result
    assert any("成绩表“成绩.xlsx”中与名册对应上的" in n for n in json.loads(result.out)["notes"])


def test_password_option_without_a_terminal_says_to_use_the_variable(tmp_path, locked):
    _, path = locked
    proc = subprocess.run([sys.executable, "-m", "cadre_cli", "audit", str(path), "--password", "--no-output"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, start_new_session=True, timeout=120)
    assert proc.returncode == 2
    assert "无法在终端中输入密码" in proc.stderr and "CADRE_PASSWORD" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("columns", [80, 120])
def test_password_is_asked_in_a_real_terminal_and_shown_nowhere(tmp_path, locked, columns):
    _, path = locked
    result = run_in_pty("audit", str(path), "--as-of", AS_OF, "--password", columns=columns, answer=PASSWORD,
                        cwd=tmp_path)
    assert result.code == 1, result.text
    assert result.text.startswith("请输入“名册.xlsx”的打开密码（输入时不显示）：")
    assert PASSWORD not in result.raw  # no echo, no message, no progress line holds it
    assert "标注后的工作簿已写到" in result.text
    target = tmp_path / "名册_审核结果.xlsx"
    assert target.read_bytes().startswith(OLE)
    assert load_workbook(_unlock(target, PASSWORD))["名册"]["B5"].value == "张三"


def test_wrong_password_in_a_terminal(tmp_path, locked):
    _, path = locked
    result = run_in_pty("audit", str(path), "--as-of", AS_OF, "--password", "--json", answer="123456", cwd=tmp_path)
    assert result.code == 2
    assert "“名册.xlsx”的打开密码不正确" in result.text and "123456" not in result.raw
    assert not (tmp_path / "名册_审核结果.xlsx").exists()


def test_password_option_on_an_unlocked_file_asks_nothing(tmp_path):
    shutil.copy(DATA / "legacy_roster.xlsx", tmp_path / "名册.xlsx")
    result = run_in_pty("audit", str(tmp_path / "名册.xlsx"), "--as-of", AS_OF, "--password", "--no-output", cwd=tmp_path)
    assert result.code == 1
    assert "提示：“名册.xlsx”没有设置打开密码，不需要 --password。" in result.text
    assert "请输入" not in result.text


def test_inspect_opens_a_locked_file_too(run, tmp_path, monkeypatch, locked):
    """The first command a user runs on a new file reads a locked one like the others:
    CADRE_PASSWORD in a script, --password asked in a terminal, the password shown nowhere."""
    plain, path = locked
    monkeypatch.setenv("CADRE_PASSWORD", PASSWORD)
    got = json.loads(run("inspect", str(path), "--json").out)
    want = json.loads(run("inspect", str(plain), "--json").out)
    assert got["people"] == want["people"] > 0 and got["columns"] == want["columns"]
    monkeypatch.delenv("CADRE_PASSWORD")
    result = run_in_pty("inspect", str(path), "--password", answer=PASSWORD, cwd=tmp_path)
    assert result.code == 0 and "请输入“名册.xlsx”的打开密码" in result.text and "读取说明" in result.text
    assert PASSWORD not in result.raw and PASSWORD not in result.text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["原名册.xlsx", "名册.xlsx"]  # inspect writes nothing
