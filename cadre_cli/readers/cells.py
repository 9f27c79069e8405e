"""Cell coordinates: 1-based rows and columns, A1 references."""

from __future__ import annotations

from dataclasses import dataclass


def col_letter(col: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while col > 0:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """A -> 1, AA -> 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


@dataclass(frozen=True, slots=True)
class CellRef:
    """Where a value came from: sheet name, Excel row and column (1-based)."""

    sheet: str
    row: int
    col: int

    @property
    def ref(self) -> str:
        return f"{col_letter(self.col)}{self.row}"

    def __str__(self) -> str:
        return f"“{self.sheet}”{self.ref}"
