"""The application layer behind `cadre rules`, `cadre policy`, `cadre template` and `cadre lrmx
export`, called from Python: plain reports, the same JSON as the command line, nothing printed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import cadre_cli
from cadre_cli.api import (explain_rule, init_policy, list_policies, list_rules, make_template, show_policy)
from cadre_cli.api.lrmx import export_lrmx
from cadre_cli.emit import json as emit_json
from cadre_cli.errors import CadreError
from tests.builders import roster_xlsx

ROOT = Path(__file__).resolve().parents[1]


def as_cli(data: dict) -> dict:
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def test_list_rules_gives_every_rule_with_its_presets(run, capsys):
    report = list_rules()
    assert capsys.readouterr() == ("", "")
    by_id = {e.rule.id: e for e in report.rules}
    assert report.policy is None and report.presets[0] == "county" and "bureau" in report.presets
    age = by_id["age-limit"]
    assert "county" in age.presets and "bureau" not in age.presets
    assert age.basis == age.rule.basis and age.basis_in_policy is None
    assert age.basis_by_preset["street"] == "《后备干部选拔方案》（街道）三(二)1、七(二)7"
    assert by_id["id-number"].presets == report.presets  # a data rule is on everywhere
    assert as_cli(emit_json.rules(report)) == json.loads(run("rules", "--json").out)


def test_list_rules_under_one_policy_cites_its_clause(run):
    report = list_rules(policy="street")
    assert report.policy is not None and report.policy.name == "street"
    assert all(e.rule.enabled(report.policy) for e in report.rules)
    assert "tier-term" not in {e.rule.id for e in report.rules}
    age = next(e for e in report.rules if e.rule.id == "age-limit")
    assert age.basis_in_policy == age.basis == "《后备干部选拔方案》（街道）三(二)1、七(二)7"
    assert as_cli(emit_json.rules(report)) == json.loads(run("rules", "--policy", "street", "--json").out)


def test_explain_rule_gives_the_values_of_its_parameters(run):
    one = explain_rule("age-limit")
    assert one.policy is None and one.rule.id == "age-limit"
    assert one.param_values["age.max"]["street"] == 40 and "bureau" not in one.param_values["age.max"]
    assert one.columns and "出生年月" in one.columns[0][0]
    assert as_cli(emit_json.rule(one)) == json.loads(run("rules", "age-limit", "--json").out)
    street = explain_rule("age-limit", policy="street")
    assert street.policy == "street" and street.entry.presets == ["street"]
    assert street.param_values["age.max"] == {"street": 40} and street.param_values["age.max_male"] == {}
    assert as_cli(emit_json.rule(street)) == json.loads(run("rules", "age-limit", "--policy", "street", "--json").out)
    with pytest.raises(CadreError, match="没有编号为“nope”的规则"):
        explain_rule("nope")


def test_list_and_show_policies(run):
    listed = list_policies()
    assert listed.default == "county" and [p.name for p in listed.presets][:2] == ["county", "county-term"]
    assert as_cli(emit_json.policy_list(listed)) == json.loads(run("policy", "list", "--json").out)
    shown = show_policy("street")
    assert shown.policy.name == "street" and "age-limit" in shown.rules_enabled and "tier-term" not in shown.rules_enabled
    assert shown.toml.startswith('name = "street"')
    assert as_cli(emit_json.policy_show(shown)) == json.loads(run("policy", "show", "street", "--json").out)
    assert show_policy().policy.name == "county"


def test_init_policy_writes_the_copy_and_refuses_to_overwrite(tmp_path):
    target = tmp_path / "我县政策.toml"
    report = init_policy("county", target)
    assert report.path == target and report.policy.name == "county" and target.exists()
    with pytest.raises(CadreError, match="已存在"):
        init_policy("county", target)
    assert init_policy("county", str(target), force=True).path == target
    with pytest.raises(CadreError, match="不是预设名称"):
        init_policy("nope", tmp_path / "x.toml")
    with pytest.raises(CadreError, match="扩展名不对"):
        init_policy("county", tmp_path / "x.txt")
    assert show_policy(target).policy.name == "我县政策"  # the copy reads back, named after its file


def test_make_template_writes_a_workbook(tmp_path):
    from cadre_cli.readers.load import read_tables

    report = make_template("score", tmp_path / "成绩表.xlsx", "enterprise")
    assert report.kind == "score" and report.label == "成绩表" and report.policy.name == "enterprise"
    assert report.path.exists()
    roster = make_template("roster", str(tmp_path / "名册.xlsx"), year=2025)
    assert roster.label == "名册" and roster.policy.name == "county"
    with pytest.raises(CadreError, match="已存在"):
        make_template("roster", roster.path)
    with pytest.raises(CadreError, match="不是可选的模板"):
        make_template("名单", tmp_path / "x.xlsx")
    with pytest.raises(CadreError, match="扩展名不对"):
        make_template("roster", tmp_path / "x.xls")
    _, tables = read_tables(roster.path, allow_empty=True)
    assert "assessment:2025" in tables[0].columns


def test_export_lrmx_checks_its_options_as_the_command_line_does(tmp_path):
    from tests.test_lrmx_cli import EXPORT_ROSTER

    roster = roster_xlsx(tmp_path / "名册.xlsx", EXPORT_ROSTER)
    with pytest.raises(CadreError, match="--age-limit 为“57”"):
        export_lrmx(roster, tmp_path / "任免表", age_limit=57, age_date="2026-13-01")  # the limit is named first
    with pytest.raises(CadreError, match="--age-date 的日期"):
        export_lrmx(roster, tmp_path / "任免表", age_date="2026-13-01")
    assert not (tmp_path / "任免表").exists()
    report = export_lrmx(str(roster), str(tmp_path / "任免表"), age_date="2026-12-01", age_limit=60)
    assert report.folder == tmp_path / "任免表" and len(report.written) == 3 and report.photos == 0
    assert emit_json.lrmx_export(report)["command"] == "lrmx export"


def test_the_package_exports_the_new_calls():
    for name in ("list_rules", "explain_rule", "list_policies", "show_policy", "init_policy", "make_template"):
        assert callable(getattr(cadre_cli, name)), name
        assert callable(getattr(cadre_cli.api, name)), name


def python_blocks(page: Path) -> list[str]:
    return re.findall(r"```python\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.S)


@pytest.mark.parametrize("index", range(1, len(python_blocks(ROOT / "docs" / "api.md"))))
def test_the_other_python_blocks_of_the_api_page_run(tmp_path, index):
    """The first block (three lines of audit) is tests/test_docs.py's; the others run here, in
    an empty folder with a copy of sample_data/."""
    code = python_blocks(ROOT / "docs" / "api.md")[index]
    shutil.copytree(ROOT / "sample_data", tmp_path / "sample_data", ignore=shutil.ignore_patterns("*_*", "*.json"))
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip(), "the example prints what it found"
