"""`check_record`: every check on one 任免表 record; `check_records`: on a batch, plus the same
person filed twice. Pure: the date of the check (`as_of`) is a parameter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from cadre_cli.lrmx import check_fields as cf
from cadre_cli.lrmx import check_history as ch
from cadre_cli.diagnostic import Diagnostic
from cadre_cli.lrmx.finding import Sink
from cadre_cli.lrmx.record import LrmxRecord
from cadre_cli.lrmx.retirement import DelayRule
from cadre_cli.rules.registry import SEVERITY_ORDER



def check_record(record: LrmxRecord, as_of: dt.date, *, extra_limits: Mapping[int, DelayRule | None] | None = None,
                 resume_tolerance: int = 1) -> list[Diagnostic]:
    """All findings for one record. `extra_limits` says which delay rule applies to the
    pre-reform limits 63/65/66 (none known by default); `resume_tolerance` is how many
    months between the end of one 简历 line and the start of the next still join."""
    sink = Sink(record)
    cf.check_structure(sink)
    cf.check_required(sink)
    cf.check_lengths(sink)
    cf.check_code_tables(sink)
    cf.check_names(sink)
    cf.check_dates(sink)
    cf.check_date_order(sink, as_of)
    cf.check_party(sink)
    cf.check_id(sink)
    cf.check_education(sink)
    cf.check_photo(sink)
    cf.check_family(sink)
    cf.check_2025(sink)
    ch.check_resume(sink, resume_tolerance)
    ch.check_assessment(sink)
    ch.check_retirement(sink, extra_limits)
    return sink.found


def check_records(records: Iterable[LrmxRecord], as_of: dt.date, **options) -> list[Diagnostic]:
    records = list(records)
    found: list[Diagnostic] = []
    for record in records:
        found.extend(check_record(record, as_of, **options))
    found.extend(duplicates(records))
    return found


def duplicates(records: list[LrmxRecord]) -> list[Diagnostic]:
    """The same ID number, or the same name and birth month, in two files."""
    seen: dict[tuple, LrmxRecord] = {}
    found = []
    for record in records:
        birth = record.get("birth")
        keys = []
        if record.get("id") is not None:
            keys.append(("id", record.get("id").number))
        if record.name and birth is not None:
            keys.append(("name", record.name, birth.year, birth.month))
        for key in keys:
            first = seen.get(key)
            if first is not None and first is not record:
                how = "身份证号相同" if key[0] == "id" else "姓名和出生年月相同"
                sink = Sink(record)
                sink.add("lrmx-duplicate-person", "", f"与“{first.file}”是同一人（{how}）", "一人一份任免审批表",
                         other=first.file)
                found.extend(sink.found)
                break
            seen.setdefault(key, record)
    return found


def sort_findings(findings: Iterable[Diagnostic]) -> list[Diagnostic]:
    return sorted(findings, key=lambda f: (f.where.file or "", SEVERITY_ORDER[f.severity]))
