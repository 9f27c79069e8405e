"""A rule is one definition: the registry, the checks and the policy schema agree, and a
rule added in one place (here, inside a test) is listed, switched by a policy and reported."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import pytest
from pydantic import BaseModel

from cadre_cli.policy.load import load_policy
from cadre_cli.policy.schema import Level, Policy
from cadre_cli.rules.params import POLICY, Param
from cadre_cli.rules.registry import PERSON, REGISTRY, ROSTER, RULES, W, define, person_rule
from tests.audit_helpers import AS_OF
from tests.builders import roster_xlsx

PRESETS = Path(__file__).resolve().parent.parent / "cadre_cli" / "policy" / "presets"
SCORE_SOURCES = Path(__file__).resolve().parent.parent / "cadre_cli" / "score"
CHECKS = Path(__file__).resolve().parent.parent / "cadre_cli" / "audit" / "checks"


def _in_schema(path: str) -> bool:
    model: type[BaseModel] | None = Policy
    for part in path.split("."):
        if part == "*":
            model = Level
            continue
        if model is None or part not in model.model_fields:
            return False
        annotation = model.model_fields[part].annotation
        model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return True


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_parameter_a_rule_names_is_in_the_policy_schema(rule):
    for param in (*rule.params, *rule.options):
        assert isinstance(param, Param), (rule.id, param)
        assert _in_schema(param), (rule.id, param)
        param.values(load_policy("county"))  # reads strictly: a missing attribute would raise


def test_a_misspelt_parameter_fails_when_the_rule_is_defined():
    with pytest.raises(AttributeError, match="max_mnths"):
        POLICY.secondment.max_mnths  # noqa: B018
    with pytest.raises(AttributeError, match="not a table"):
        POLICY.age.each  # noqa: B018
    with pytest.raises(TypeError, match="typed reference"):
        define("zz-plain-string", severity=W, title="t", explanation="e", basis="b", params=("age.max",))
    assert "zz-plain-string" not in REGISTRY
    assert POLICY.levels.each.age_max.param == "levels.*.age_max"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_every_rule_has_a_check(rule):
    if rule.audited and not rule.records_gaps:
        assert rule.runs in (PERSON, ROSTER) and callable(rule.check), rule.id
        assert rule.check.rule_id == rule.id
    elif rule.records_gaps:
        assert rule.check is None  # missing-value is what the checks report, through AuditContext.missing
    else:  # a scoring rule: cadre score reports it (or explains its stage, score/explain.py)
        assert rule.scope == "score" and rule.check is None


def _ids_used(folder: Path, pattern: str) -> set[str]:
    return {m for p in folder.rglob("*.py") for m in re.findall(pattern, p.read_text(encoding="utf-8"))}


def test_every_rule_id_a_check_reports_is_defined():
    used = _ids_used(CHECKS, r'(?:finding|missing|unchecked)\(\s*"([a-z][a-z-]+)"')
    used |= _ids_used(SCORE_SOURCES, r'(?:error|warn|info)\(\s*"([a-z][a-z-]+)"')
    assert len(used) > 30
    assert not {r for r in used if r not in REGISTRY}


def test_rule_properties_replace_the_engines_special_cases():
    removing = {r.id for r in RULES if r.removes}
    assert removing == {"age-limit", "annual-assessment", "poll-unfit-share", "poll-weak-share",
                        "management-period-expired", "exam-failed", "negative-flag", "health", "tier-term"}
    assert all(r.severity.value == "error" for r in RULES if r.removes)
    assert [r.id for r in RULES if r.records_gaps] == ["missing-value"]
    assert {r.id for r in RULES if r.columns is not None} == {"age-limit", "age-limit-soon", "exam-failed", "pool-size"}
    assert all(r.topic for r in RULES if r.audited and not r.records_gaps)


@pytest.mark.parametrize("path", sorted(PRESETS.glob("*.toml")), ids=lambda p: p.stem)
def test_every_preset_names_real_rules(path):
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    switches = data.get("rules", {})
    cited = [k for k in data.get("basis", {}) if k != "notice"]  # [basis] notice: the clause a 公示 cites
    named = [*switches.get("select", []), *switches.get("ignore", []), *cited]
    assert not [r for r in named if r not in REGISTRY], path.name


# --- a throwaway rule, defined in one place -------------------------------------------

RULE_ID = "zz-long-name"


@pytest.fixture
def throwaway():
    """A rule defined here alone: on where the policy sets mentoring.round_years (as a
    stand-in number: names longer than that many characters)."""

    @person_rule(RULE_ID, severity=W, title="姓名过长（测试用规则）", topic="姓名长度",
                 explanation="测试用的临时规则：姓名的字数超过政策 mentoring.round_years 的数值。", basis="测试依据",
                 params=(POLICY.mentoring.round_years,), needs=(("name",),))
    def long_name(ctx, person):
        limit = ctx.policy.mentoring.round_years
        if person.name and len(person.name) > limit:
            return [ctx.finding(RULE_ID, person, f"姓名“{person.name}”有{len(person.name)}个字，超过{limit}个字",
                                person.cell("name"))]
        return ()

    yield REGISTRY[RULE_ID]
    REGISTRY.remove(RULE_ID)
    assert RULE_ID not in REGISTRY


def _policy(tmp_path, body: str) -> str:
    path = tmp_path / "测试政策.toml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_a_rule_added_in_one_place_is_listed_switched_and_reported(run, tmp_path, throwaway):
    listed = json.loads(run("rules", "--json").out)["rules"]
    entry = next(r for r in listed if r["id"] == RULE_ID)
    assert entry["params"] == ["mentoring.round_years"] and entry["presets"] == ["young-cadre"]
    assert RULE_ID in run("rules").out
    explained = run("rules", RULE_ID)
    assert explained.code == 0 and "测试用的临时规则" in explained.out and "young-cadre=2" in explained.out

    # off in county (it sets no mentoring.round_years), on by a policy file that sets it
    assert RULE_ID not in {r["id"] for r in json.loads(run("rules", "--policy", "county", "--json").out)["rules"]}
    on = _policy(tmp_path, 'extends = "county"\n[mentoring]\nround_years = 3\n')
    assert RULE_ID in {r["id"] for r in json.loads(run("rules", "--policy", on, "--json").out)["rules"]}

    path = roster_xlsx(tmp_path / "名册.xlsx", [{"序号": 1, "姓名": "欧阳娜娜", "单位": "县财政局"},
                                               {"序号": 2, "姓名": "张三", "单位": "县财政局"}])

    def audit(policy: str) -> dict:
        return json.loads(run("audit", str(path), "--json", "--as-of", AS_OF, "--policy", policy).out)

    found = [f for f in audit(on)["findings"] if f["rule"] == RULE_ID]
    assert [(f["name"], f["severity"], f["field"], f["raw"]) for f in found] == [("欧阳娜娜", "warning", "name", "欧阳娜娜")]
    assert found[0]["message"] == "姓名“欧阳娜娜”有4个字，超过3个字" and found[0]["basis"] == "测试依据"
    assert RULE_ID not in {f["rule"] for f in audit("county")["findings"]}
    off = _policy(tmp_path, 'extends = "county"\n[mentoring]\nround_years = 3\n[rules]\nignore = ["zz-long-name"]\n')
    assert RULE_ID not in {f["rule"] for f in audit(off)["findings"]}
    forced = _policy(tmp_path, 'extends = "young-cadre"\n[rules]\nignore = ["zz-long-name"]\n')
    assert RULE_ID not in {r["id"] for r in json.loads(run("rules", "--policy", forced, "--json").out)["rules"]}


def test_a_scoring_run_reads_its_rule_without_the_audit_checks_and_the_listing_order_stays():
    """`cadre score` imports only the scoring rules; a registry read later (the API's
    `cadre rules` in the same process) still lists them in module order, audit rules first."""
    import subprocess
    import sys

    probe = ("import sys\n"
             "from cadre_cli.policy.load import load_policy\n"
             "from cadre_cli.score.explain import method_lines\n"
             "method_lines(load_policy('county'), 'x.xlsx')\n"
             "print('cadre_cli.audit.checks' in sys.modules)\n"
             "from cadre_cli.rules.registry import REGISTRY\n"
             "print(','.join(REGISTRY))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    assert out[0] == "False"
    assert out[1].split(",") == [r.id for r in RULES]
    assert out[1].split(",")[-1].startswith("score-") and not out[1].startswith("score-")
