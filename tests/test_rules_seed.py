"""Each seed rule of issue 11 is explained by `cadre rules ID` and listed by
`cadre rules --policy NAME` in exactly the presets whose source states it."""

from __future__ import annotations

import json

import pytest

from pydantic import BaseModel

from cadre_cli.policy.load import load_policy, preset_names
from cadre_cli.policy.schema import Level, Policy
from cadre_cli.rules.registry import REGISTRY
from tests.pty_run import run_in_pty

ON = {
    "health": {"county", "college", "street", "school", "village", "enterprise"},
    "secondment-cycle": {"young-cadre"},
    "secondment-length": {"county"},
    "programme-posts": {"young-cadre"},
    "talks": {"young-cadre"},
    "negative-flag": {"county", "young-cadre", "street", "village", "enterprise", "bureau"},
    "village-cultivation": {"village"},
    "tier-term": {"village"},
    "title": {"school"},
}


@pytest.mark.parametrize("rule_id", sorted(ON))
def test_switched_on_exactly_where_the_source_states_it(run, rule_id):
    enabled = {name for name in preset_names() if REGISTRY[rule_id].enabled(load_policy(name))}
    assert enabled == ON[rule_id]
    for name in preset_names():
        listed = json.loads(run("rules", "--policy", name, "--json").out)["rules"]
        assert (rule_id in {r["id"] for r in listed}) == (name in ON[rule_id]), name


def test_every_parameter_and_option_exists_in_the_schema():
    """A misspelt parameter would silently switch a rule off (or an option be ignored)."""
    for rule in REGISTRY.values():
        for path in (*rule.params, *rule.options):
            model: type[BaseModel] | None = Policy
            for part in path.split("."):
                if part == "*":
                    model = Level
                    continue
                assert model is not None and part in model.model_fields, (rule.id, path)
                annotation = model.model_fields[part].annotation
                model = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


@pytest.mark.parametrize("rule_id, words", [
    ("health", ["身体健康", "能胜任工作", "《后备干部培养管理实施规定》四(六)", "county、college、street、school、village、enterprise"]),
    ("secondment-cycle", ["信访督查专员半年", "young-cadre", "《优秀年轻干部重点培养工程实施方案》三(一)", "挂职职务"]),
    ("programme-posts", ["两个以上（含两个）", "programme_years", "young-cadre=5"]),
    ("talks", ["7月列入的", "young-cadre=4"]),
    ("negative-flag", ["不满2年", "negative.windows", "village=["]),
    ("village-cultivation", ["1—3年", "village=[1, 3]", "《村党支部培养选拔后备干部条件》五11"]),
    ("tier-term", ["两年一届", "一票否决", "village=2"]),
    ("title", ["小学可适当放宽", "relax_primary_school：school=True"]),
])
@pytest.mark.parametrize("columns", [80, 120])
def test_rules_id_explains_it_in_a_terminal(rule_id, words, columns):
    result = run_in_pty("rules", rule_id, columns=columns)
    assert result.code == 0, result.text
    flat = "".join(result.text.split())
    for word in words:
        assert "".join(word.split()) in flat, (word, result.text)
    assert "Traceback" not in result.text
