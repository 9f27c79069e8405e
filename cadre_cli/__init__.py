"""cadre: command-line toolkit for reserve-cadre (后备干部) work.

The library: `from cadre_cli import audit_file, score_file, notice_batch, read_roster,
inspect_file` (see `cadre_cli.api` and docs/api.md). They are imported on first use, so
`cadre --help` loads none of the heavy libraries.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

_API = ("read_roster", "audit_file", "AuditReport", "score_file", "ScoreReport", "notice_batch", "NoticeReport",
        "inspect_file", "InspectReport", "poll_file", "PollReport", "list_rules", "explain_rule", "list_policies",
        "show_policy", "init_policy", "make_template", "Diagnostic")

__all__ = ["__version__", *_API]


def __getattr__(name: str) -> Any:
    if name == "Diagnostic":
        from cadre_cli.diagnostic import Diagnostic

        return Diagnostic
    if name in _API:
        from cadre_cli import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
