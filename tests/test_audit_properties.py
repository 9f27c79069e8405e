"""Property: the order of a roster's rows changes no finding except the row numbers."""

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cadre_cli.audit.engine import run_audit
from cadre_cli.model.person import build_roster
from cadre_cli.policy.load import load_policy
from cadre_cli.readers.load import read_tables
from tests.builders import person, roster_xlsx

GRADES = ["优秀", "称职", "基本称职", "不称职", "合格", "未确定等次"]

people = st.lists(
    st.tuples(st.dates(dt.date(1978, 1, 1), dt.date(2000, 12, 28)), st.sampled_from(["男", "女"]),
              st.sampled_from(["正科级", "副科级"]), st.sampled_from(GRADES), st.integers(0, 4)),
    min_size=2, max_size=12,
)


def findings(path: Path, policy: str) -> list[tuple]:
    _, tables = read_tables(path)
    result = run_audit(build_roster(path.name, tables), load_policy(policy), dt.date(2026, 12, 1), horizon_months=6)
    return sorted((f.rule, f.name, f.message) for f in result.findings)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people, st.randoms(use_true_random=False), st.sampled_from(["county", "county-term", "bureau"]))
def test_shuffling_rows_changes_no_finding(tmp_path_factory, data, rnd, policy):
    rows = [person(f"人{i}", born, gender, seq=i, **{"后备类别": level, "2025年": grade, "优秀": 10, "称职": 5,
                                                   "基本称职": 1, "不称职": unfit, "测评人数": 20,
                                                   "任现职时间": f"{2015 + i % 10}.0{1 + i % 9}"})
            for i, (born, gender, level, grade, unfit) in enumerate(data, start=1)]
    rows.append(dict(rows[0], **{"序号": 99}))  # a duplicate, whose finding must follow it
    shuffled = rows[:]
    rnd.shuffle(shuffled)
    folder = tmp_path_factory.mktemp("shuffle")
    a = findings(roster_xlsx(folder / "a.xlsx", rows), policy)
    b = findings(roster_xlsx(folder / "b.xlsx", shuffled), policy)
    # which of two identical rows is "the duplicate" depends on the order; compare the rest
    strip = [(r, n, m.split("第")[0]) for r, n, m in a]
    strip_b = [(r, n, m.split("第")[0]) for r, n, m in b]
    assert sorted(strip) == sorted(strip_b)
    assert any(r == "duplicate-person" for r, _, _ in a)
