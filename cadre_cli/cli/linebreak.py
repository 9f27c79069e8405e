"""Line breaking for Chinese text on a terminal: display widths and break points.

Chinese can break between any two characters, Latin words and numbers only at
spaces; a closing mark (，。）”…) never starts a line and an opening one (（“《) never
ends one (the 避头尾 rule of Chinese typesetting). The terminal width of a character
is that of `wcwidth`-style East Asian width: wide and full-width characters take two
columns. Used by the help formatter and, through `install_rich`, by every rich table
and paragraph the commands print.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# never at the start of a line
CLOSING = frozenset("，。、；：？！）》」』】〕〉］｝”’…—～·%‰,.;:?!)]}>、")
# never at the end of a line
OPENING = frozenset("（《「『【〔〈［｛“‘([{<")
# a run of these is one unbreakable word (Latin words, numbers, paths, option names)
_NARROW_WORD = re.compile(r"[\x21-\x7e\u00a0-\u00ff\u2010-\u2011]+")


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if ch.isascii():
        return 1 if ch.isprintable() else 0
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def width(text: str) -> int:
    """Columns `text` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def units(text: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces no line break may fall inside: a Latin word or
    number, or one Chinese character, with the closing marks after it, the opening
    marks before it and the spaces after it."""
    pieces: list[list[int]] = []
    i, n = 0, len(text)
    pending: int | None = None  # start of opening marks waiting for the piece they open

    def glued_to_previous(k: int) -> bool:
        return bool(pieces) and pending is None and k > 0 and not text[k - 1].isspace()

    while i < n:
        ch = text[i]
        if ch.isspace():
            j = i
            while j < n and text[j].isspace():
                j += 1
            if pieces and pending is None:
                pieces[-1][1] = j
            elif pending is None:
                pieces.append([i, j])
            i = j
            continue
        m = _NARROW_WORD.match(text, i)
        if m:  # a narrow word stops before a full-width mark; ASCII marks belong to it
            j = m.end()
            word = text[i:j]
            if all(c in OPENING for c in word) or _opening_quote(text, i, j):
                pending = i if pending is None else pending
                i = j
                continue
            if ch in CLOSING and glued_to_previous(i):
                pieces[-1][1] = j
                i = j
                continue
        elif ch in OPENING:
            pending = i if pending is None else pending
            i += 1
            continue
        elif ch in CLOSING and glued_to_previous(i):
            pieces[-1][1] = i + 1
            i += 1
            continue
        else:
            j = i + 1
        pieces.append([i if pending is None else pending, j])
        pending = None
        i = j
    if pending is not None:
        if pieces:
            pieces[-1][1] = n
        else:
            pieces.append([pending, n])
    return [(a, b) for a, b in pieces]


def _opening_quote(text: str, i: int, j: int) -> bool:
    """A straight quote alone between a space (or the start) and Chinese text opens
    a quotation (`--contact "联系电话…"`): it stays with what follows."""
    return text[i:j] in ('"', "'") and (i == 0 or text[i - 1].isspace()) and j < len(text) and not text[j].isspace()


def divide_line(text: str, line_width: int, fold: bool = True) -> list[int]:
    """The offsets where `text` breaks to fit `line_width` columns (rich's contract:
    `rich._wrap.divide_line`). A piece wider than a whole line is folded by
    characters when `fold`, else left for the caller to crop."""
    breaks: list[int] = []
    used = 0
    for start, end in units(text):
        piece = text[start:end]
        need = width(piece.rstrip())
        if used + need <= line_width:
            used += width(piece)
            continue
        if need > line_width:
            if start and used:
                breaks.append(start)
            used = 0
            if not fold:
                used = width(piece)
                continue
            for k, ch in enumerate(piece):
                w = char_width(ch)
                if used + w > line_width and used:
                    breaks.append(start + k)
                    used = 0
                used += w
            continue
        if used and start:
            breaks.append(start)
        used = width(piece)
    return breaks


def min_width(text: str) -> int:
    """The narrowest a column can be without breaking inside a piece."""
    return max((width(text[a:b].rstrip()) for a, b in units(text)), default=0)


def wrap(text: str, line_width: int) -> list[str]:
    """`text` (one paragraph) as lines of at most `line_width` columns."""
    lines, last = [], 0
    for at in divide_line(text, max(line_width, 1)):
        lines.append(text[last:at].rstrip())
        last = at
    lines.append(text[last:].rstrip())
    return lines


def install_rich() -> None:
    """Make rich wrap and measure text by these rules (tables included). Guarded: a
    rich release that moves these functions only brings back its own wrapping."""
    try:
        from rich import _wrap, text as rich_text
        from rich.measure import Measurement

        _wrap.divide_line = divide_line
        rich_text.divide_line = divide_line

        def measure(self, console, options):  # noqa: ANN001
            plain = self.plain
            lines = plain.splitlines()
            widest = max((width(line) for line in lines), default=0)
            narrowest = max((min_width(line) for line in lines), default=0) if plain.strip() else widest
            return Measurement(narrowest, widest)

        rich_text.Text.__rich_measure__ = measure
    except Exception:  # pragma: no cover - depends on rich internals
        pass
