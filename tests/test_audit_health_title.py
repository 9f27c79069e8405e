"""身体健康 under every preset whose source states it; 小学可适当放宽 as a switch."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.audit_helpers import audit, of_rule, write_policy
from tests.builders import person

YOUNG = dt.date(1990, 6, 1)

HEALTH = ["较差（长期病休）", "一般", "健康", "良好", "无重大疾病", "患高血压", "长期住院", "无残疾", "高血压", None]


def health_rows():
    return [person(f"人{i}", YOUNG, seq=i + 1, **{"健康状况": value}) for i, value in enumerate(HEALTH)]


def by_value(found):
    return {HEALTH[int(f["name"][1:])]: f["severity"] for f in found}


@pytest.mark.parametrize("policy, clause", [("college", "《后备干部选拔方案》（学院）二(五)"),
                                            ("school", "《后备干部选拔推荐工作方案》（学校）一(一)4"),
                                            ("street", "《后备干部选拔方案》（街道）三(一)5、七(二)6"),
                                            ("enterprise", "《关于公开选拔中层助理后备人选的实施方案》三5")])
def test_healthy_as_a_condition(run, tmp_path, policy, clause):
    data = audit(run, tmp_path, health_rows(), "--select", "health,missing-value", policy=policy)
    found = of_rule(data, "health")
    assert by_value(found) == {"较差（长期病休）": "error", "长期住院": "error", "一般": "warning", "患高血压": "warning",
                               "高血压": "warning"}
    assert all(f["basis"] == clause for f in found)
    poor = next(f for f in found if f["severity"] == "error")
    assert "不符合“身体健康”的条件" in poor["message"]
    assert [f["name"] for f in of_rule(data, "missing-value")] == [f"人{len(HEALTH) - 1}"]
    assert data["summary"]["status"]["取消资格建议"] == 2


@pytest.mark.parametrize("policy, clause", [("county", "《后备干部培养管理实施规定》四(六)"),
                                            ("village", "《村级后备干部选拔培养实施方案》二(12)")])
def test_health_that_no_longer_allows_the_work(run, tmp_path, policy, clause):
    data = audit(run, tmp_path, health_rows(), "--select", "health,missing-value", policy=policy)
    found = of_rule(data, "health")
    assert by_value(found) == {"较差（长期病休）": "error", "长期住院": "error", "高血压": "info"}
    assert all(f["basis"] == clause for f in found)
    assert of_rule(data, "missing-value") == []  # a blank cell reports nothing: no problem recorded


@pytest.mark.parametrize("policy", ["young-cadre", "bureau", "county-term"])
def test_health_is_off_where_the_source_is_silent(run, tmp_path, policy):
    data = audit(run, tmp_path, health_rows(), policy=policy)
    assert of_rule(data, "health") == [] and not any(f["message"].startswith("健康状况") for f in data["findings"])


def test_health_is_no_longer_a_negative_flag(run, tmp_path):
    data = audit(run, tmp_path, [person("病休", YOUNG, **{"健康状况": "较差（长期病休）", "受处分情况": "无"})])
    assert of_rule(data, "negative-flag") == [] and len(of_rule(data, "health")) == 1


def school_rows():
    return [person("小学初级", YOUNG, seq=1, **{"工作单位": "城关镇中心小学", "职称": "二级教师"}),
            person("中学初级", YOUNG, seq=2, **{"工作单位": "县第一中学", "职称": "二级教师"}),
            person("中小学初级", YOUNG, seq=3, **{"工作单位": "白水镇中小学", "职称": "二级教师"}),
            person("小学无职称", YOUNG, seq=4, **{"工作单位": "实验小学", "职称": None}),
            person("小学中级", YOUNG, seq=5, **{"工作单位": "实验小学", "职称": "一级教师"})]


def test_primary_school_title_relaxed_in_the_school_preset(run, tmp_path):
    found = {f["name"]: f for f in of_rule(audit(run, tmp_path, school_rows(), policy="school"), "title")}
    assert {n: f["severity"] for n, f in found.items()} == {
        "小学初级": "info", "中学初级": "warning", "中小学初级": "warning", "小学无职称": "info"}
    assert "小学可适当放宽，请确认是否放宽" in found["小学初级"]["message"]


def test_primary_school_switch_and_floor(run, tmp_path):
    off = write_policy(tmp_path, 'extends = "school"\n[professional_title]\nrelax_primary_school = false\n')
    found = of_rule(audit(run, tmp_path, school_rows(), policy=off), "title")
    assert {f["name"] for f in found if f["severity"] == "warning"} == {"小学初级", "中学初级", "中小学初级", "小学无职称"}
    floor = write_policy(tmp_path, 'extends = "school"\n[professional_title]\nprimary_school_minimum = "初级"\n', "f.toml")
    found = {f["name"]: f for f in of_rule(audit(run, tmp_path, school_rows(), policy=floor, name="b.xlsx"), "title")}
    assert found["小学初级"]["severity"] == "info"
    assert found["小学无职称"]["severity"] == "warning" and "小学放宽后也须初级及以上" in found["小学无职称"]["message"]
