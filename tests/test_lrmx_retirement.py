"""The 2025 gradual retirement-age rule: the ten vectors of RETIREMENT.md and the months
around each cap."""

import pytest

from cadre_cli.lrmx.retirement import MEN_60, WOMEN_50, WOMEN_55, DelayRule, default_limit, retirement, rule_for_limit
from cadre_cli.parse.dates import PDate

VECTORS = [
    ((1963, 12), MEN_60, (2023, 12), 0),
    ((1964, 2), MEN_60, (2024, 2), 0),
    ((1965, 1), MEN_60, (2025, 2), 1),
    ((1965, 12), MEN_60, (2026, 3), 3),
    ((1995, 12), MEN_60, (2058, 12), 36),
    ((2000, 12), MEN_60, (2063, 12), 36),
    ((1963, 4), WOMEN_55, (2018, 4), 0),
    ((1971, 4), WOMEN_55, (2026, 8), 4),
    ((2000, 12), WOMEN_55, (2058, 12), 36),
    ((1995, 12), WOMEN_50, (2050, 12), 60),
]


@pytest.mark.parametrize("birth, rule, month, delay", VECTORS)
def test_vectors(birth, rule, month, delay):
    r = retirement(PDate(*birth), rule)
    assert (r.month, r.delay) == (PDate(*month), delay)


@pytest.mark.parametrize("birth, rule, month, delay", [
    # men 60: the cap (36) is first reached by people born 1976-09
    ((1976, 8), MEN_60, (2039, 7), 35), ((1976, 9), MEN_60, (2039, 9), 36), ((1976, 10), MEN_60, (2039, 10), 36),
    # women 55: first reached by 1981-09
    ((1981, 8), WOMEN_55, (2039, 7), 35), ((1981, 9), WOMEN_55, (2039, 9), 36), ((1981, 10), WOMEN_55, (2039, 10), 36),
    # women 50: the cap (60) first reached by 1984-11
    ((1984, 10), WOMEN_50, (2039, 9), 59), ((1984, 11), WOMEN_50, (2039, 11), 60), ((1984, 12), WOMEN_50, (2039, 12), 60),
    # the start of the reform: the month before has no delay
    ((1964, 12), MEN_60, (2024, 12), 0), ((1969, 12), WOMEN_55, (2024, 12), 0), ((1974, 12), WOMEN_50, (2024, 12), 0),
    ((1975, 1), WOMEN_50, (2025, 2), 1), ((1975, 2), WOMEN_50, (2025, 3), 1), ((1975, 3), WOMEN_50, (2025, 5), 2),
])
def test_boundaries(birth, rule, month, delay):
    r = retirement(PDate(*birth), rule)
    assert (r.month, r.delay) == (PDate(*month), delay)
    assert r.original == PDate(birth[0] + rule.age, birth[1])


def test_the_day_of_birth_does_not_matter():
    assert retirement(PDate(1971, 4, 30), WOMEN_55) == retirement(PDate(1971, 4), WOMEN_55)


def test_other_limits_are_a_parameter_never_a_guess():
    assert rule_for_limit(60) is MEN_60 and rule_for_limit(55) is WOMEN_55 and rule_for_limit(50) is WOMEN_50
    for limit in (63, 65, 66):
        assert rule_for_limit(limit) is None
    no_delay = DelayRule(63, 0, 0)
    assert rule_for_limit(63, {63: no_delay}) is no_delay
    assert retirement(PDate(1970, 3), no_delay).month == PDate(2033, 3)
    assert rule_for_limit(65, {63: no_delay}) is None
    assert default_limit("男") == 60 and default_limit("女") == 55 and default_limit(None) is None
    assert retirement(PDate(1980, 1), MEN_60).yyyymm == "204301"
