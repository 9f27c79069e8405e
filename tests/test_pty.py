"""The README's commands in a real terminal, at 80 and 120 columns."""

from __future__ import annotations

import pytest

from tests.pty_run import ROOT, run_in_pty

ROSTER = str(ROOT / "sample_data" / "后备干部名册.xlsx")
SCORES = str(ROOT / "sample_data" / "答辩测评成绩.xlsx")


@pytest.mark.parametrize("columns", [80, 120])
def test_audit_in_a_terminal(tmp_path, columns):
    out = tmp_path / "审核.xlsx"
    result = run_in_pty("audit", ROSTER, "--as-of", "2026-12-01", "--output", str(out), columns=columns)
    assert result.code == 1, result.text  # the sample roster holds errors on purpose
    assert "内部错误" not in result.text and "Traceback" not in result.text
    assert "标注后的工作簿已写到" in result.text
    assert out.exists()


@pytest.mark.parametrize("columns", [80, 120])
def test_notice_in_a_terminal(tmp_path, columns):
    result = run_in_pty("notice", ROSTER, "--by", "单位", "--output", str(tmp_path / "名单"), columns=columns)
    assert result.code == 2, result.text  # two towns' lists stop on values that contradict the ID number
    assert "“中枢镇”的名单未生成" in result.text and "读取说明" in result.text
    assert "内部错误" not in result.text
    assert list((tmp_path / "名单").glob("*.docx"))


@pytest.mark.parametrize("columns", [80, 120])
def test_score_in_a_terminal(tmp_path, columns):
    result = run_in_pty("score", SCORES, "--output", str(tmp_path / "成绩.xlsx"), columns=columns)
    assert result.code == 0, result.text
    assert "内部错误" not in result.text
    assert (tmp_path / "成绩.xlsx").exists()
