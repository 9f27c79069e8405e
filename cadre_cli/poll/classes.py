"""Which voter class a header, sheet name or ballot cell names, by the policy's words."""

from __future__ import annotations

from cadre_cli.parse.text import cell_text, squash
from cadre_cli.policy.tally import VoterClass


class ClassWords:
    """The policy's classes and their words; the longest word found in a text wins."""

    def __init__(self, classes: list[VoterClass]) -> None:
        self.classes = list(classes)
        self.by_id = {c.id: c for c in classes}
        pairs = [(squash(w), c.id) for c in classes for w in c.all_words]
        self._words = sorted(pairs, key=lambda p: -len(p[0]))
        self._exact = {w: cid for w, cid in pairs}

    def find(self, text: object) -> tuple[str, str] | None:
        """(class id, the word as found) of the longest class word in `text`."""
        s = squash(cell_text(text)) if not isinstance(text, str) else squash(text)
        if not s:
            return None
        for word, cid in self._words:
            if word and word in s:
                return cid, word
        return None

    def positions(self, text: str) -> list[tuple[int, str]]:
        """(position, class id) of every class word in a squashed text, longest first
        where words overlap (中层干部 is not also 干部)."""
        taken: list[tuple[int, int]] = []
        out: list[tuple[int, str]] = []
        for word, cid in self._words:
            start = text.find(word)
            while word and start >= 0:
                end = start + len(word)
                if not any(a < end and start < b for a, b in taken):
                    taken.append((start, end))
                    out.append((start, cid))
                start = text.find(word, start + 1)
        return out

    def exact(self, text: object) -> str | None:
        """The class a cell names as a whole (a ballot's voter class: `中层干部`, `中层`)."""
        s = squash(cell_text(text))
        found = self._exact.get(s)
        if found is not None:
            return found
        hit = self.find(s)
        return hit[0] if hit is not None and len(hit[1]) * 2 >= len(s) else None

    def ordered(self, ids: set[str]) -> list[VoterClass]:
        return [c for c in self.classes if c.id in ids]

    def label(self, cid: str) -> str:
        c = self.by_id.get(cid)
        return c.label if c is not None else cid
