"""Every file of the bad-input corpus: exit code, one Chinese sentence, no traceback,
the input unchanged, nothing left behind."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from tests.capped import run_capped
from tests.conftest import sha256

CORPUS = Path(__file__).parent / "corpus"
CASES = tomllib.loads((CORPUS / "expected.toml").read_text(encoding="utf-8"))["case"]


@pytest.mark.parametrize("case", CASES, ids=[f"{c['command']}-{c['file']}-{i}" for i, c in enumerate(CASES)])
def test_corpus_case(tmp_path, case):
    """In a child process under a memory cap and a timeout."""
    src = tmp_path / case["file"]
    shutil.copy(CORPUS / case["file"], src)
    before = sha256(src)
    args = [case["command"], str(src), *case.get("args", [])]
    if case["command"] == "audit":
        args += ["--as-of", "2026-12-01", "--horizon", "0"]
    if case["command"] == "notice":
        args += ["--output", str(tmp_path / "out")]
    result = run_capped(*args)
    assert result.code == case["exit"], result
    text = result.err if case.get("stream", "err") == "err" else result.out
    assert case["message"] in text.replace("\n", ""), result
    assert "Traceback" not in result.out + result.err
    if case["exit"] == 2:
        assert sum(1 for line in result.err.splitlines() if line.startswith("错误")) == 1  # one sentence
    assert sha256(src) == before
    assert not [p for p in tmp_path.rglob(".~cadre-*")]
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p != src]
    if case["exit"] == 2 and not case.get("output"):
        assert not written, written  # no partial output
    assert_no_formula(p for p in written if p.suffix in (".xlsx", ".xlsm"))
    assert_no_number(p for p in written if p.suffix in (".docx", ".html", ".md"))


def assert_no_formula(paths) -> None:
    """No cell of any output sheet is a formula: the inputs hold none, so one would have
    come from input text. Read from the sheets' XML: the copy keeps the input's merges as
    they are, and openpyxl makes an object per merged cell (AD50:XFD1048576 would take
    it gigabytes)."""
    import re
    import zipfile

    formula = re.compile(rb"<(?:\w+:)?f[\s>/]")
    for path in paths:
        with zipfile.ZipFile(path) as zf:
            sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            assert sheets, path.name
            for name in sheets:
                found = formula.search(zf.read(name))
                assert found is None, (path.name, name, found)


def assert_no_number(paths) -> None:
    """No ID or phone number (nor anything like one) in any published file."""
    from cadre_cli.notice.private import personal_number
    from tests.notice_helpers import readable

    for path in paths:
        for line in readable(path).splitlines():
            assert personal_number(line) is None, (path.name, line)


def test_every_corpus_file_has_a_case():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".xlsx", ".xls", ".xlsm", ".csv", ".ods", ".et", ".htm")}
    assert files == {c["file"] for c in CASES}


def test_protected_sheet_keeps_its_protection(run, tmp_path):
    from openpyxl import load_workbook

    src = tmp_path / "p.xlsx"
    shutil.copy(CORPUS / "protected_sheet.xlsx", src)
    assert run("audit", str(src), "--as-of", "2026-12-01").code == 0
    assert load_workbook(tmp_path / "p_审核结果.xlsx")["名册"].protection.sheet is True


def test_formula_like_name_stays_text_in_the_output(run, tmp_path):
    from openpyxl import load_workbook

    src = tmp_path / "f.xlsx"
    shutil.copy(CORPUS / "formula_name.xlsx", src)
    run("audit", str(src), "--as-of", "2026-12-01")
    ws = load_workbook(tmp_path / "f_审核结果.xlsx")["名册"]
    cell = ws["B5"]
    assert cell.value.startswith("=HYPERLINK") and cell.data_type == "s"


def test_failed_write_leaves_no_partial_file(run, tmp_path, monkeypatch):
    from cadre_cli.writers.package.zipcopy import ZipOut

    src = tmp_path / "r.xlsx"
    shutil.copy(CORPUS / "long_cell.xlsx", src)
    real = ZipOut.write_stream

    def broken_write(self, name, chunks, *level):  # the disk fills up half-way through the copy
        real(self, name, chunks, *level)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ZipOut, "write_stream", broken_write)
    result = run("audit", str(src), "--as-of", "2026-12-01")
    assert result.code == 2 and "磁盘空间不足" in result.err and "没有留下不完整的文件" in result.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_read_only_folder(run, tmp_path, monkeypatch):
    import tempfile

    src = tmp_path / "r.xlsx"
    shutil.copy(CORPUS / "long_cell.xlsx", src)
    real = tempfile.mkstemp

    def refuse(*args, **kwargs):
        if kwargs.get("dir") == tmp_path or (args and args[-1] == tmp_path):
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = run("audit", str(src), "--as-of", "2026-12-01")
    assert result.code == 2 and "只读" in result.err
