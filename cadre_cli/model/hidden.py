"""What the user hid in Excel: rows hidden (by hand, in a collapsed outline group, or
filtered out by an autofilter), hidden and very hidden sheets, hidden columns.

An office hides withdrawn people rather than deleting them: hidden is never published
by default (`notice --include-hidden` includes it), and `audit` reads hidden rows but
counts and lists them apart.
"""

from __future__ import annotations

from typing import Any

HIDDEN_ROW = "隐藏行"
HIDDEN_SHEET = "隐藏工作表"


def hidden_reason(person: Any) -> str | None:
    """Why a person's row is hidden in the workbook, or None when it is in plain view."""
    table = getattr(person, "table", None)
    sheet = getattr(table, "sheet", None)
    if sheet is None:
        return None
    if getattr(sheet, "hidden", False):
        return HIDDEN_SHEET
    if sheet.row_hidden(person.row):
        return HIDDEN_ROW
    return None


def hidden_fields(table: Any) -> dict[str, str]:
    """Mapped fields whose column is hidden: field -> header text."""
    sheet = getattr(table, "sheet", None)
    if sheet is None or not getattr(sheet, "hidden_cols", ()):
        return {}
    return {f: table.headers.get(col, f) for f, col in table.columns.items() if sheet.col_hidden(col)}
