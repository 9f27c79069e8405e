"""The application layer: each call runs one job and returns a plain report (a dataclass),
printing nothing. The command line is these calls plus emitters (`cadre_cli.emit`).

    from cadre_cli.api import audit_file
    report = audit_file("后备干部名册.xlsx", policy="county", as_of="2026-12-01")
    for finding in report.findings: print(finding.message)

Names are imported on first use, so `import cadre_cli` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = {
    "read_roster": "roster",
    "audit_file": "audit", "AuditReport": "audit",
    "score_file": "score", "ScoreReport": "score",
    "notice_batch": "notice", "NoticeReport": "notice",
    "inspect_file": "inspect", "InspectReport": "inspect",
    "poll_file": "poll", "PollReport": "poll",
    "check_lrmx": "lrmx", "LrmxCheckReport": "lrmx",
    "export_lrmx": "lrmx", "LrmxExportReport": "lrmx",
    "cross_check_lrmx": "lrmx", "LrmxCrossReport": "lrmx",
    "list_rules": "rules", "RulesReport": "rules", "explain_rule": "rules", "RuleReport": "rules",
    "list_policies": "policy", "PolicyListReport": "policy", "show_policy": "policy", "PolicyShowReport": "policy",
    "init_policy": "policy", "PolicyInitReport": "policy",
    "make_template": "template", "TemplateReport": "template",
    "Progress": "progress",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    if callable(value) and not isinstance(value, type):
        value = _job(value)
    globals()[name] = value
    return value


def _job(call: Any) -> Any:
    """Each call a job of its own, as each command is: the files an earlier call read are
    no longer inputs that an output may not replace, and nothing is pending."""
    from functools import wraps

    @wraps(call)
    def run(*args: Any, **kwargs: Any) -> Any:
        from cadre_cli.readers.guard import forget_inputs
        from cadre_cli.writers import atomic

        forget_inputs()
        atomic.reset()
        return call(*args, **kwargs)

    return run


def __dir__() -> list[str]:
    return sorted({*globals(), *_NAMES})
