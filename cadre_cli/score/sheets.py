"""Score sheets to candidates: one candidate per person, whether a workbook holds one
sheet with every stage, one sheet per unit, or one sheet per stage (笔试, 答辩, 测评).

Sheets holding the same stages are lists of different people and are taken one after
the other. Sheets holding different stages are joined: by ID number, else exam number,
else name (the first of these that the sheets share). A key that occurs twice on
either side cannot be matched without a guess, so every row involved is an error.
"""

from __future__ import annotations

from cadre_cli.errors import InputError
from cadre_cli.parse.idcard import parse_id
from cadre_cli.parse.numbers import parse_number
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import cell_text, squash
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.table import Record, Table
from cadre_cli.score.model import KEY_FIELDS, Candidate, key_value

# field (or family before the colon) -> the stage it belongs to
STAGE_OF = {
    "written": "written", "panel": "panel", "panel_score": "panel", "poll": "poll", "poll_score": "poll",
    "defense": "defense", "speech": "speech", "org": "org", "org_total": "org", "total": "total",
    "interview": "interview",
}
KEY_LABELS = {"id_number": "身份证号", "exam_number": "准考证号", "name": "姓名"}


def stage_of(field_name: str) -> str | None:
    return STAGE_OF.get(field_name) or STAGE_OF.get(field_name.split(":", 1)[0] if ":" in field_name else "")


def stages(table: Table) -> frozenset[str]:
    return frozenset(s for s in map(stage_of, table.columns) if s is not None)


def score_sheets(path_name: str, tables: list[Table]) -> list[Table]:
    """The tables that hold at least one score column; an error when none does."""
    found = [t for t in tables if stages(t)]
    if not found:
        seen = "、".join(f"“{h}”" for t in tables for h in list(t.headers.values())[:20]) or "（没有找到表头）"
        raise InputError(
            f"“{path_name}”中没有找到成绩列。看到的表头：{seen}。需要：笔试成绩、评委1…评委N（或考评分）、"
            "优秀/称职/基本称职/不称职票数与测评人数（或测评分）；企业方案为笔试、演讲答辩、组织考察。"
        )
    return found


def collect(path_name: str, tables: list[Table]) -> list[Candidate]:
    """Every candidate of the workbook's score sheets, in order of first appearance."""
    groups: dict[frozenset[str], list[Table]] = {}
    for table in score_sheets(path_name, tables):
        groups.setdefault(stages(table), []).append(table)
    candidates: list[Candidate] = []
    joined: list[Table] = []
    for group in groups.values():
        records = [r for t in group for r in t.records]
        if not joined:
            candidates = [_new(i, r) for i, r in enumerate(records)]
        else:
            key = _join_key(path_name, joined, group)
            _join(candidates, records, key, _sheet_list(joined))
        joined.extend(group)
    _flag_ids(candidates)
    return candidates


def _new(index: int, record: Record) -> Candidate:
    return Candidate(index, [record], dict(record.cells))


def _usable(key: str, tables: list[Table]) -> bool:
    """ID numbers join sheets only when every one of them is valid: one stored as a
    float has lost its last digits and would silently match nobody."""
    if key != "id_number":
        return True
    for table in tables:
        for record in table.records:
            raw = record.raw(key)
            if raw is not None and _id_problem(raw) is not None:
                return False
    return True


def _id_problem(raw: object) -> str | None:
    try:
        parse_id(raw)
    except ValueProblem as exc:
        return exc.reason
    return None


def _flag_ids(candidates: list[Candidate]) -> None:
    for cand in candidates:
        for record in cand.records:
            raw = record.raw("id_number")
            reason = _id_problem(raw) if raw is not None else None
            if reason is not None:
                ref = record.ref("id_number")
                cand.warn("id-number", ref, f"{ref}（身份证号）：{reason}")


def _sheet_list(tables: list[Table]) -> str:
    return "、".join(f"“{t.name}”" for t in tables)


def _join_key(path_name: str, joined: list[Table], group: list[Table]) -> str:
    for key in KEY_FIELDS:
        if all(key in t.columns for t in group) and any(key in t.columns for t in joined) \
                and _usable(key, joined + group):
            return key
    raise InputError(
        f"“{path_name}”中无法把工作表{_sheet_list(group)}与{_sheet_list(joined)}的成绩对应起来："
        "它们没有共同的身份证号、准考证号或姓名列。"
    )


def _join(candidates: list[Candidate], records: list[Record], key: str, others: str) -> None:
    label = KEY_LABELS[key]
    index: dict[str, list[Candidate]] = {}
    for cand in candidates:
        cell = cand.cells.get(key)
        value = key_value(key, cell.value) if cell is not None else None
        if value is not None:
            index.setdefault(value, []).append(cand)
    incoming: dict[str, list[Record]] = {}
    for record in records:
        value = key_value(key, record.raw(key))
        if value is None:
            cand = _add(candidates, record)
            cand.error("score-join", None, f"“{record.sheet}”第{record.row}行没有填{label}，无法与{others}中的成绩对应。")
        else:
            incoming.setdefault(value, []).append(record)
    for value, recs in incoming.items():
        matches = index.get(value, [])
        if len(recs) == 1 and len(matches) <= 1:
            if matches:
                _merge(matches[0], recs[0])
            else:
                cand = _add(candidates, recs[0])
                cand.notes.append(f"只出现在“{recs[0].sheet}”表中，{others}中没有{label}为“{value}”的人")
            continue
        cells = [c.cells[key].ref for c in matches] + [r.cells[key].ref for r in recs]
        where = "、".join(str(ref) for ref in cells)
        shown = cell_text(recs[0].raw(key))
        if key == "name":
            message = (f"姓名“{shown}”出现在{where}，共{len(cells)}处，没有身份证号或准考证号可以区分，"
                       "无法确定各表中的哪一行是同一人，这些行不计算结果。")
        else:
            message = f"{label}“{shown}”重复出现在{where}，无法确定各表中的哪一行是同一人，这些行不计算结果。"
        for record in recs:
            cand = _add(candidates, record)
            cand.error("score-join", record.cells[key].ref, message)
        for cand in matches:
            cand.error("score-join", cand.cells[key].ref, message)


def _add(candidates: list[Candidate], record: Record) -> Candidate:
    cand = _new(len(candidates), record)
    candidates.append(cand)
    return cand


def _merge(cand: Candidate, record: Record) -> None:
    """Add a stage row to a candidate; a score given twice must agree."""
    cand.records.append(record)
    for name, cell in record.cells.items():
        old = cand.cells.get(name)
        if old is None:
            cand.cells[name] = cell
            continue
        if name == "id_number" and (_id_problem(old.value) or _id_problem(cell.value)):
            if _id_problem(old.value):
                cand.cells[name] = cell  # keep the valid number; the damaged one is warned about
            continue
        if (stage_of(name) is None and name not in KEY_FIELDS) or _same(name, old.value, cell.value):
            continue
        cand.error("score-join", cell.ref,
                   f"同一人的“{field_label(name)}”在{old.ref}为“{cell_text(old.value)}”，在{cell.ref}为“{cell_text(cell.value)}”，"
                   "两处不一致，请核对后改正。")


def _same(name: str, a: object, b: object) -> bool:
    if name in KEY_FIELDS:
        return key_value(name, a) == key_value(name, b)
    try:
        return parse_number(a) == parse_number(b)
    except ValueProblem:
        return squash(cell_text(a)) == squash(cell_text(b))
