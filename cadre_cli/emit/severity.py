"""How each severity is named, ordered and coloured, wherever it is shown (terminal,
workbook, CSV)."""

from __future__ import annotations

from cadre_cli.rules.registry import SEVERITY_ORDER, Severity

RANK = {s.value: rank for s, rank in SEVERITY_ORDER.items()}
LABEL = {s.value: s.label for s in Severity}
COLOUR = {"error": "red", "warning": "yellow", "info": "blue"}  # rich colours; the workbook's fills match


def label(severity: str) -> str:
    """`错误` (a `Severity` is a str: either kind is taken)."""
    return LABEL[str(getattr(severity, "value", severity))]


def markup(severity: str, bold: bool = False) -> str:
    """`[red]错误[/]`, for a rich console."""
    value = str(getattr(severity, "value", severity))
    return f"[{'bold ' if bold else ''}{COLOUR[value]}]{LABEL[value]}[/]"
