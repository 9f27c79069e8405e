"""Text as a cell can hold it: without the control characters XML refuses, within
Excel's length limit. Every text the tool writes into a cell goes through `fit_text`."""

from __future__ import annotations

import re

ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
MAX_CELL_TEXT = 32_767  # Excel refuses a cell or a comment with more characters
_CUT = "……（过长，已截断）"


def fit_text(text: str, limit: int = MAX_CELL_TEXT) -> str:
    """Text within Excel's limit; a cut text says so at its end."""
    text = ILLEGAL.sub("", text)
    if len(text) <= limit:
        return text
    return text[: limit - len(_CUT)] + _CUT
