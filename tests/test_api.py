"""The application layer used as a library: each call returns a plain report, prints
nothing and writes nothing unless asked; the command line gives the same results."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

import cadre_cli
from cadre_cli.diagnostic import Diagnostic
from cadre_cli.emit import csv as emit_csv
from cadre_cli.emit import json as emit_json
from cadre_cli.errors import CadreError
from tests.builders import person, roster_xlsx

SAMPLE = Path(__file__).resolve().parents[1] / "sample_data"


def roster(tmp_path: Path) -> Path:
    rows = [person("超龄", dt.date(1984, 1, 1), seq=1, **{"后备类别": "正科级", "2025年": "称职"}),
            person("=HYPERLINK(\"http://x\",\"点我\")", dt.date(1990, 1, 1), seq=2,
                   **{"后备类别": "正科级", "2025年": "基本称职"}),
            person("合格者", dt.date(1995, 1, 1), seq=3, **{"后备类别": "副科级", "2025年": "优秀"})]
    return roster_xlsx(tmp_path / "名册.xlsx", rows)


def test_the_package_exports_the_calls():
    for name in ("read_roster", "audit_file", "score_file", "notice_batch", "inspect_file", "Diagnostic"):
        assert callable(getattr(cadre_cli, name)), name
    with pytest.raises(AttributeError):
        cadre_cli.no_such_call  # noqa: B018


def test_audit_file_prints_and_writes_nothing_by_default(tmp_path, capsys):
    path = roster(tmp_path)
    report = cadre_cli.audit_file(path, as_of=dt.date(2026, 12, 1), horizon=0)
    assert capsys.readouterr() == ("", "")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]
    assert report.output is None and report.has_errors
    assert {f.rule for f in report.findings} >= {"age-limit", "annual-assessment"}
    assert report.summary["status"]["取消资格建议"] == 2


def test_audit_file_options_as_python_values(tmp_path):
    path = roster(tmp_path)
    report = cadre_cli.audit_file(str(path), "county", "2026-12-01", select=["age-limit"], output=True)
    assert {f.rule for f in report.findings} == {"age-limit"}
    assert report.output == tmp_path / "名册_审核结果.xlsx" and report.output.exists()
    with pytest.raises(CadreError, match="已存在"):
        cadre_cli.audit_file(path, as_of="2026-12-01", output=True)
    with pytest.raises(CadreError, match="no-such-rule"):
        cadre_cli.audit_file(path, as_of="2026-12-01", ignore=["no-such-rule"])


def test_audit_json_is_the_command_lines(run, tmp_path):
    path = roster(tmp_path)
    out = run("audit", path, "--as-of", "2026-12-01", "--json")
    report = cadre_cli.audit_file(path, as_of="2026-12-01")
    assert json.loads(json.dumps(emit_json.audit(report), default=str)) == json.loads(out.out)


def test_read_roster_and_inspect(tmp_path):
    people = cadre_cli.read_roster(roster(tmp_path))
    assert [p.name for p in people.people][2] == "合格者"
    assert people.people[0].born is not None
    found = cadre_cli.inspect_file(SAMPLE / "后备干部名册.xlsx")
    assert found.found.people == 32 and all(isinstance(d, Diagnostic) for d in found.diagnostics)
    birth = [d for d in found.diagnostics if d.where.field == "birth"]
    assert birth and birth[0].raw == "1992.13" and birth[0].where.ref == "E25"


def test_score_file_problems_are_diagnostics(run, tmp_path):
    report = cadre_cli.score_file(SAMPLE / "答辩测评成绩.xlsx")
    assert report.output is None and report.summary["candidates"] == len(report.results) > 0
    assert all(isinstance(d, Diagnostic) for d in report.diagnostics)
    out = run("score", SAMPLE / "答辩测评成绩.xlsx", "--json")
    data = json.loads(out.out)
    assert json.loads(json.dumps(emit_json.score(report), default=str)) == data
    for issue in data["errors"] + data["warnings"]:  # today's keys, and the new ones
        assert {"rule", "severity", "sheet", "row", "cell", "name", "message"} <= set(issue)
        assert {"field", "raw", "data", "person"} <= set(issue)


def test_notice_batch(tmp_path):
    path = roster(tmp_path)
    report = cadre_cli.notice_batch(path, formats=["md"], output=tmp_path / "名单")
    assert report.kind == "list" and not report.failed
    assert [p.name for d in report.docs for p in d.people] == ["超龄", "=HYPERLINK(\"http://x\",\"点我\")", "合格者"]
    assert [Path(p).suffix for d in report.docs for p in d.paths.values()] == [".md"]
    assert (tmp_path / "名单").is_dir()


def test_csv_is_text_for_excel(run, tmp_path):
    path = roster(tmp_path)
    target = tmp_path / "问题.csv"
    out = run("audit", path, "--as-of", "2026-12-01", "--no-output", "--csv", target)
    assert out.code == 1 and "问题.csv" in out.out and "问题清单（CSV" in out.out
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = list(csv.reader(data.decode("utf-8-sig").splitlines()))
    assert rows[0][:3] == ["级别", "规则", "工作表"]
    names = [r[6] for r in rows[1:]]
    assert "'=HYPERLINK(\"http://x\",\"点我\")" in names  # a formula is text
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r)
    assert {r[0] for r in rows[1:]} <= {"错误", "警告", "提示"}
    again = run("audit", path, "--as-of", "2026-12-01", "--no-output", "--csv", target)
    assert again.code == 2 and "已存在" in again.err
    wrong = run("audit", path, "--as-of", "2026-12-01", "--no-output", "--csv", tmp_path / "问题.xlsx")
    assert wrong.code == 2 and ".csv" in wrong.err


@pytest.mark.parametrize("value", ["=1+1", "+86 0873", "-3", "@SUM(A1)", "\tx", "正常"])
def test_csv_cells_never_formulas(value):
    assert emit_csv.text(value) == (value if value == "正常" else "'" + value)


def test_csv_in_a_terminal(tmp_path):
    from tests.pty_run import run_in_pty
    from tests.test_readme import check_layout

    path = roster(tmp_path)
    target = tmp_path / "问题清单.csv"
    result = run_in_pty("audit", str(path), "--as-of", "2026-12-01", "--no-output", "--csv", str(target), columns=80)
    assert result.code == 1 and target.exists()
    assert "问题清单（CSV，" in result.text.replace("\n", "")
    check_layout(result.text, 80, "cadre audit --csv")


def test_each_api_call_is_a_job_of_its_own(tmp_path, monkeypatch):
    """A file one call read is not an input of the next: writing it again is refused as an
    existing file (without force), not as the input of the command."""
    from cadre_cli.api import init_policy, show_policy
    from cadre_cli.errors import OutputError

    monkeypatch.chdir(tmp_path)
    init_policy("county", output="p.toml")
    assert show_policy("p.toml").policy.name
    with pytest.raises(OutputError, match="已存在"):
        init_policy("county", output="p.toml")
    assert init_policy("county", output="p.toml", force=True).path.name == "p.toml"
