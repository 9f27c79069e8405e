from fractions import Fraction

import pytest

from cadre_cli.errors import PolicyError
from cadre_cli.policy.load import load_policy, preset_names
from cadre_cli.rules.registry import REGISTRY

PRESETS = ["county", "county-term", "young-cadre", "college", "street", "school", "village", "enterprise", "bureau"]


def test_every_preset_loads_and_carries_its_numbers():
    assert preset_names() == PRESETS
    county = load_policy("county")
    assert county.levels["principal"].age_max == 40 and county.levels["deputy"].age_max == 35
    assert county.score.written_pass == 60 and county.score.panel_weight == county.score.panel_weight.__class__("0.6")
    assert county.score.panel_size == [5, 7] and county.score.poll_size == [15, 20]
    assert county.secondment.min_months == 12 and county.secondment.max_months == 24
    term = load_policy("county-term")
    assert term.poll.unfit_share_max == Fraction(1, 5)
    assert term.management.period_years == 3 and term.management.min_cultivation_years == 1
    assert term.levels["principal"].pool_count == 150 and term.levels["deputy"].pool_count == 300
    assert load_policy("enterprise").age.max_male == 45 and load_policy("enterprise").age.max_female == 40
    assert load_policy("bureau").rotation.years == 5 and load_policy("bureau").rotation.exempt_age_female == 53
    assert load_policy("street").notice.days == 7
    assert load_policy("street").pool.shares[1].min_share == Fraction(1, 3)


def test_placeholder_leaves_rule_off_until_set(tmp_path):
    young = load_policy("young-cadre")
    assert young.poll.weak_share_max is None
    assert not REGISTRY["poll-weak-share"].enabled(young)
    own = tmp_path / "mine.toml"
    own.write_text('extends = "young-cadre"\n[poll]\nweak_share_max = 0.3\n', encoding="utf-8")
    mine = load_policy(str(own))
    assert mine.poll.weak_share_max == Fraction(3, 10)
    assert REGISTRY["poll-weak-share"].enabled(mine)
    assert mine.education.minimum == "本科"  # inherited
    assert mine.name == "mine"


def test_extends_overrides_single_values(tmp_path):
    own = tmp_path / "ours.toml"
    own.write_text('extends = "county"\n[levels.principal]\nage_max = 45\n[score]\ntrim_panel = true\n', encoding="utf-8")
    p = load_policy(str(own))
    assert p.levels["principal"].age_max == 45
    assert p.levels["principal"].label == "正科级"
    assert p.levels["deputy"].age_max == 35
    assert p.score.trim_panel is True and p.score.written_pass == 60


@pytest.mark.parametrize(
    "body, fragment",
    [
        ('extends = "county"\n[score]\npass_mark = 60\n', "不认识的设置项“score.pass_mark”"),
        ('extends = "county"\n[score]\nwritten_pass = "六十"\n', "score.written_pass"),
        ('extends = "county"\n[score]\nscheme = "other"\n', "不在可选范围内"),
        ('extends = "county"\n[levels.principal]\nage_max = 400\n', "levels.principal.age_max"),
        ('extends = "county"\n[poll]\nunfit_share_max = "两成"\n', "poll.unfit_share_max"),
        ('extends = "nowhere"\n', "没有名为“nowhere”的预设"),
        ('extends = "county"\n[score\n', "格式有误"),
        ('extends = "county"\n[education]\nminimum = "博士后"\n', "不是可识别的学历"),
        # a list item by its place, a date that does not exist said as such
        ('extends = "county"\n[calendar]\nholidays = ["2027-02-11", "2027-02-30"]\n',
         "设置项“calendar.holidays”第2项应为存在的日期，如 2027-02-11，现为“2027-02-30”"),
    ],
)
def test_wrong_key_or_value_is_named_in_chinese(tmp_path, body, fragment):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(PolicyError) as exc:
        load_policy(str(path))
    assert fragment in exc.value.message


def test_policy_commands(run, tmp_path):
    out = run("policy", "list")
    assert out.code == 0 and "county" in out.out and "bureau" in out.out
    shown = run("policy", "show", "county")
    assert shown.code == 0 and "age_max = 40" in shown.out and "age-limit" in shown.out
    target = tmp_path / "我县.toml"
    made = run("policy", "init", "county", "-o", str(target))
    assert made.code == 0 and target.exists()
    assert "cadre policy init" in target.read_text(encoding="utf-8")
    assert load_policy(str(target)).levels["principal"].age_max == 40
    again = run("policy", "init", "county", "-o", str(target))
    assert again.code == 2 and "已存在" in again.err
    bad = run("policy", "show", "nosuch")
    assert bad.code == 2 and "没有名为" in bad.err and "Traceback" not in bad.err
