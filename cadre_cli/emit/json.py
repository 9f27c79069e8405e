"""Emitter: each report as the JSON object `--json` prints (the command line writes it
with `cli.common.emit_json`). Problems are in the one `Diagnostic.as_json()` shape."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadre_cli.api.audit import AuditReport
    from cadre_cli.api.inspect import InspectReport
    from cadre_cli.api.notice import NoticeReport
    from cadre_cli.api.lrmx import LrmxCheckReport, LrmxExportReport
    from cadre_cli.api.policy import PolicyListReport, PolicyShowReport
    from cadre_cli.api.poll import PollReport
    from cadre_cli.api.rules import RuleEntry, RuleReport, RulesReport
    from cadre_cli.api.score import ScoreReport
    from cadre_cli.score.model import Result


def _reading(roster_report: Any) -> dict[str, Any]:
    return {"columns": [c.as_json() for c in roster_report.columns], "reading": roster_report.as_json()}


def audit(report: AuditReport) -> dict[str, Any]:
    from cadre_cli.readers.roster_input import with_place

    result = report.result
    return {
        "command": "audit", "policy": report.policy.name, "as_of": report.as_of.isoformat(),
        "people": len(report.roster.people),
        "findings": [with_place(f.as_json(), report.roster.report, f.cell) for f in result.findings],
        "skipped": [s.as_json() for s in result.skipped],
        "persons": result.persons(), "summary": report.summary,
        "output": str(report.output) if report.output else None, "notes": report.notes,
        **_reading(report.roster.report),
        **({"lrmx": report.lrmx.as_json()} if report.lrmx is not None else {}),
    }


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _candidate(result: Result) -> dict[str, Any]:
    c = result.candidate
    passed, why = result.outcome
    return {
        "name": c.name, "exam_number": c.exam_number, "unit": c.unit, "status": result.status.value, "status_text": why,
        "written": _number(result.written), "written_passed": result.written_passed,
        "panel": _number(result.panel), "poll": _number(result.poll), "defense": _number(result.defense),
        "speech": _number(result.speech), "org": _number(result.org), "interview": _number(result.interview),
        "total": _number(result.total),
        "passed": passed, "rank": result.rank, "notes": c.notes,
        "rows": [{"sheet": r.sheet, "row": r.row} for r in c.records],
    }


def score(report: ScoreReport) -> dict[str, Any]:
    from cadre_cli.score.explain import method_lines

    run = report.run
    return {
        "command": "score", "policy": run.policy.name, "scheme": run.policy.score.scheme,
        "source": run.path_name, "output": str(report.output) if report.output else None,
        "summary": report.summary,
        "candidates": [_candidate(r) for r in run.results],
        "errors": [i.as_json() for i in run.errors],
        "warnings": [i.as_json() for i in run.warnings],
        "notes": report.notes,
        "method": method_lines(run.policy, run.path_name),
        **_reading(report.reading.report),
    }


def notice(report: NoticeReport) -> dict[str, Any]:
    from cadre_cli.notice.context import clean

    return {
        "command": "notice", "kind": report.kind, "policy": report.policy.name,
        "period": report.period.as_json() if report.period else None,
        "files": [{"group": d.group, "people": [clean(pp.name) for pp in d.people], "paths": list(d.paths.values())}
                  for d in report.docs],
        "warnings": report.warnings,
        "blocked": [{"group": g, "problems": lines} for g, lines in report.blocked.items()], "errors": report.stopped,
        **_reading(report.roster.report),
        "poll": report.tallied.as_json() if report.tallied else None,
    }


def inspect(report: InspectReport) -> dict[str, Any]:
    return {"command": "inspect", "file": report.source.name, "notes": report.notes, **report.found.as_json(),
            "diagnostics": [d.as_json() for d in report.diagnostics]}


def poll(report: PollReport) -> dict[str, Any]:
    return {"command": "poll", **report.as_json(), "output": str(report.output) if report.output else None,
            "notes": report.notes}


def lrmx_check(report: LrmxCheckReport) -> dict[str, Any]:
    return {"command": "lrmx check", **report.as_json(), "output": str(report.output) if report.output else None}


def lrmx_export(report: LrmxExportReport) -> dict[str, Any]:
    return {"command": "lrmx export", **report.as_json()}


def _rule(entry: RuleEntry, in_policy: bool = False) -> dict[str, Any]:
    """`in_policy`: the list under `--policy`, whose clause is then `basis_in_policy`."""
    rule = entry.rule
    out = {
        "id": rule.id, "severity": rule.severity.value, "title": rule.title, "explanation": rule.explanation,
        "basis": rule.basis, "basis_by_preset": entry.basis_by_preset, "params": list(rule.params),
        "options": list(rule.options), "needs": [list(n) for n in rule.needs], "scope": rule.scope,
        "presets": entry.presets,
    }
    if in_policy:
        out["basis_in_policy"] = entry.basis_in_policy
    return out


def rules(report: RulesReport) -> dict[str, Any]:
    return {"command": "rules", "rules": [_rule(e, report.policy is not None) for e in report.rules]}


def rule(report: RuleReport) -> dict[str, Any]:
    return {"command": "rules", "rule": {**_rule(report.entry), "param_values": report.param_values}}


def policy_list(report: PolicyListReport) -> dict[str, Any]:
    return {"command": "policy list", "default": report.default,
            "presets": [{"name": p.name, "title": p.title, "document": p.document} for p in report.presets]}


def policy_show(report: PolicyShowReport) -> dict[str, Any]:
    return {"command": "policy show", "policy": report.policy.model_dump(mode="json", exclude_none=True),
            "rules_enabled": report.rules_enabled}
