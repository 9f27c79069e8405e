"""`cadre audit --scores FILE`: exam and defense results computed from a score workbook
with the same reader and arithmetic as `cadre score`, matched to the roster's people
by ID number, else exam number, else a name that is unique on both sides."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from cadre_cli.audit.context import Scores
from cadre_cli.audit.finding import person_key
from cadre_cli.model.person import Roster
from cadre_cli.policy.schema import Policy
from cadre_cli.score.model import KEY_FIELDS, Status, key_value


def scores_for_roster(path: Path, policy: Policy, roster: Roster) -> Scores:
    from cadre_cli.readers.load import read_tables
    from cadre_cli.score.engine import READ_KEYS, run_scoring

    _, tables = read_tables(path, READ_KEYS)
    run = run_scoring(path.name, tables, policy)
    index: dict[str, dict[str, list]] = {k: defaultdict(list) for k in KEY_FIELDS}
    for result in run.results:
        for key in KEY_FIELDS:
            cell = result.candidate.cells.get(key)
            value = key_value(key, cell.value) if cell is not None else None
            if value:
                index[key][value].append(result)
    found: Scores = {}
    for person in roster.people:
        result = _match(person, index)
        if result is None or result.status is Status.REJECTED:
            continue
        where = f"成绩表“{path.name}”第{result.candidate.first.row}行"
        entry: dict[str, tuple[object, str]] = {}
        if result.status is Status.ABSENT:
            entry["written"] = ("缺考", where)
        elif result.written is not None:
            entry["written"] = (result.written, where)
        if result.defense is not None:
            entry["defense"] = (result.defense, where)
        if entry:
            found[person_key(person)] = entry
    return found


def _match(person, index):
    keys = {"id_number": person.id.number if person.id else None,
            "exam_number": key_value("exam_number", person.get("exam_number")),
            "name": key_value("name", person.name)}
    for key in KEY_FIELDS:
        value = keys[key]
        if value and len(index[key].get(value, [])) == 1:
            return index[key][value][0]
    return None
