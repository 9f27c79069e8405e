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


@pytest.mark.parametrize("body, fragment", [
    ('extends = "village"\n[village]\ncultivation_years = [3, 1]\n', "最短不大于最长"),
    ('extends = "young-cadre"\n[[secondment.cycles]]\nlabel = "x"\nmonths = 0\nplace = ["镇"]\n', "“secondment.cycles”第1项的“months”"),
    ('extends = "young-cadre"\n[[secondment.cycles]]\nlabel = "x"\nmonths = 6\n', "“secondment.cycles”第1项的“place”缺少"),
    ('extends = "village"\n[tiers]\nlow_grades = ["靠后"]\n', "“靠后”不是考核等次"),
    ('extends = "school"\n[professional_title]\nprimary_school_minimum = "见习"\n', "不是可识别的职称"),
    ('extends = "county"\n[health]\ncondition = "好"\n', "health.condition"),
    ('extends = "young-cadre"\n[rotation]\nprogramme_posts = 1\n', "rotation.programme_posts"),
])
def test_new_settings_are_validated_in_chinese(run, tmp_path, body, fragment):
    path = tmp_path / "p.toml"
    path.write_text(body, encoding="utf-8")
    result = run("rules", "--policy", str(path))
    assert result.code == 2 and fragment in result.err and "Traceback" not in result.err


def _fill(path, values: dict) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path)
    ws = wb.active
    headers = {ws.cell(4, c).value or ws.cell(3, c).value: c for c in range(1, ws.max_column + 1)}
    for header, value in values.items():
        ws.cell(5, headers[header], value)
    wb.save(path)


@pytest.mark.parametrize("policy, seed_rules, row", [
    ("young-cadre", {"secondment-cycle", "programme-posts", "talks"},
     {"挂职单位": "县信访局", "挂职职务": "信访督查专员", "挂职开始时间": "2021.03", "挂职结束时间": "2021.10",
      "列入后备时间": "2021.12", "任职经历": "2016.03--2022.05  县财政局办公室副主任\n2022.05--  县财政局办公室主任",
      "谈心谈话次数": 1}),
    ("village", {"health", "village-cultivation", "tier-term"},
     {"健康状况": "较差（长期病休）", "列入后备时间": "2023.06", "后备类别": "第三梯队", "现任职务": "村民小组长",
      "拟任职务": "村委会副主任", "2025年": "基本称职"}),
])
def test_the_policy_template_carries_the_columns_its_rules_read(run, tmp_path, policy, seed_rules, row):
    path = tmp_path / "模板.xlsx"
    assert run("template", "roster", str(path), "--policy", policy, "--year", "2025").code == 0
    _fill(path, {"姓名": "张三", "性别": "男", "出生年月": "1992.05", **row})
    data = json.loads(run("audit", str(path), "--json", "--as-of", "2026-12-01", "--policy", policy).out)
    assert not seed_rules & {s["rule"] for s in data["skipped"]}
    assert seed_rules <= {f["rule"] for f in data["findings"]}


@pytest.mark.parametrize("policy, rule_id, clause", [
    ("college", "health", "《后备干部选拔方案》（学院）二(五)"),
    ("school", "health", "《后备干部选拔推荐工作方案》（学校）一(一)4"),
    ("village", "negative-flag", "《村级后备干部选拔培养实施方案》二"),
])
def test_under_a_policy_the_list_cites_that_policys_clause(run, policy, rule_id, clause):
    """`cadre rules --policy college` names the college scheme's clause for health, not the county's."""
    listed = json.loads(run("rules", "--policy", policy, "--json").out)["rules"]
    assert next(r for r in listed if r["id"] == rule_id)["basis_in_policy"] == clause
    result = run_in_pty("rules", "--policy", policy, columns=120)
    assert result.code == 0 and "".join(clause.split()) in "".join(result.text.split()), result.text
    one = run_in_pty("rules", rule_id, "--policy", policy, columns=80)
    flat = "".join(one.text.split())
    assert f"依据：{clause}" in flat and f"在政策{policy}中启用" in flat, one.text
    assert "《后备干部培养管理实施规定》四(六)" not in flat or policy == "county"


def test_rules_id_under_a_policy_that_leaves_it_off(run):
    result = run("rules", "title", "--policy", "county")
    assert result.code == 0 and "在政策 county 中未启用" in result.out and "（未设定）" in result.out
