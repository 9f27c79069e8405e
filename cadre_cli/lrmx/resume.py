"""简历 (JianLi) as a post history.

The editor's line is `1991.01--2000.01␣␣经历`; an open end is seven spaces (`1991.01--` and
nine spaces, then the text). Files from other tools use `199101--200001`, `—`, `－`, `–`, `~`,
`至` or `到` between the dates, `至今` for an open end, one or no space before the text. A line
that does not start with a period continues the entry above it; a `（其间：…）` line notes a
study, a secondment or a leave inside it; lines about 委员 of some 届 at the end (after a blank
line) are the committee terms. Every line is accounted for: read as one of these, or listed
in `unread`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from cadre_cli.parse.dates import PDate, parse_date_text
from cadre_cli.parse.history import Stint, is_study
from cadre_cli.parse.problem import ValueProblem

_D = "[0-9０-９]"
_DATE = rf"{_D}{{4}}(?:[.．]{_D}{{1,2}}|{_D}{{2}}|年{_D}{{1,2}}月)"
_SEP = r"[-—–－―─‒〜～~]+|至|到"
_OPEN_WORDS = r"至今|今|现在"
_LINE = re.compile(rf"^[ \t\u3000]*(?P<start>{_DATE})[ \t\u3000]*(?P<sep>{_SEP})"
                   rf"(?P<gap>[ \t\u3000]*)(?P<end>{_DATE}|{_OPEN_WORDS})?(?P<rest>.*)$")
_YEAR_ONLY = re.compile(rf"^[ \t\u3000]*{_D}{{4}}年?[ \t\u3000]*(?:{_SEP})")
_STANDARD = re.compile(r"^\d{4}\.\d{2}--(?:\d{4}\.\d{2}  |         )\S")
_NOTE = re.compile(r"^[(（]\s*(?:其间|期间)\s*[:：]?")
_INLINE_NOTE = re.compile(r"[(（]\s*(?:其间|期间)\s*[:：][^)）]*[)）]")
RANGE_IN_TEXT = re.compile(rf"(?P<start>{_DATE})\s*(?:{_SEP})\s*(?P<end>{_DATE})?")
_TERM = re.compile(r"第[一二三四五六七八九十百\d]+届.*(委员|代表)")
_STUDY_END = re.compile(r"(学习|读书|就读|进修|学生|毕业生|研究生)[)）]?[。.]?$")
_WAITING = ("待分配", "待业", "待安置")
_SECONDMENT = ("挂职", "挂任")


@dataclass(frozen=True, slots=True)
class Note:
    """One item of a `（其间：…）` line (a line may hold several, `；`-separated)."""

    text: str
    line: int
    start: PDate | None = None
    end: PDate | None = None


@dataclass(frozen=True, slots=True)
class Entry:
    start: PDate
    end: PDate | None  # None: open (the current post)
    text: str  # continuation lines joined on
    line: int  # 1-based line of the period in the element text
    notes: tuple[Note, ...] = ()
    standard: bool = True  # written exactly as the editor writes it
    raw: str = ""  # the period line as the file has it (surrounding spaces removed)

    @property
    def kind(self) -> str:
        """`study` (院校学习, as `parse.history.is_study` tells), `waiting` (待分配) or `post`."""
        if any(w in self.text for w in _WAITING):
            return "waiting"
        return "study" if is_study(self.text) or _STUDY_END.search(self.text) else "post"


@dataclass(frozen=True, slots=True)
class Secondment:
    """A 挂职: from a line of its own or from a `（其间：…）` note."""

    start: PDate
    end: PDate | None
    text: str
    line: int


@dataclass(frozen=True, slots=True)
class Break:
    """Consecutive lines that do not join: `gap` (months missing between them) or `overlap`."""

    kind: str  # gap | overlap | backwards | open
    before: Entry
    after: Entry
    months: int


@dataclass(frozen=True, slots=True)
class Unread:
    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class Resume:
    entries: tuple[Entry, ...] = ()
    terms: tuple[str, ...] = ()  # 委员届次 lines
    unread: tuple[Unread, ...] = ()
    reversed_ranges: tuple[Entry, ...] = field(default=())  # end before start

    @property
    def current(self) -> Entry | None:
        """The present post: the last open line, else the last line."""
        open_ = [e for e in self.entries if e.end is None]
        if open_:
            return open_[-1]
        return self.entries[-1] if self.entries else None

    @property
    def post_since(self) -> PDate | None:
        """任现职时间: the start of the present line."""
        current = self.current
        return current.start if current is not None else None

    @property
    def posts(self) -> tuple[Entry, ...]:
        """The lines that are posts (not study at a school, not waiting for assignment)."""
        return tuple(e for e in self.entries if e.kind == "post")

    def secondments(self) -> tuple[Secondment, ...]:
        found: list[Secondment] = []
        for entry in self.entries:
            if any(w in entry.text for w in _SECONDMENT):
                found.append(Secondment(entry.start, entry.end, entry.text, entry.line))
            for note in entry.notes:
                if any(w in note.text for w in _SECONDMENT):
                    start = note.start or entry.start
                    end = note.end if note.start is not None else entry.end
                    found.append(Secondment(start, end, note.text, note.line))
        return tuple(found)

    def stints(self) -> list[Stint]:
        """The history as `parse.history.Stint`s, the form the audit's rules read from a
        roster's resume column: each line, and each dated `（其间：…）` item (`during`)."""
        found: list[Stint] = []
        for entry in self.entries:
            found.append(Stint(entry.start, entry.end, entry.text))
            for note in entry.notes:
                if note.start is not None:
                    what = RANGE_IN_TEXT.sub("", note.text, count=1).strip()
                    found.append(Stint(note.start, note.end, what, during=True))
        return found

    def breaks(self, tolerance: int = 1) -> tuple[Break, ...]:
        """Where consecutive lines do not join (前后要衔接，不得空断). The end month of one line
        is normally the start month of the next; `tolerance` months between them (one: the
        next line starts the month after) still join."""
        found: list[Break] = []
        for before, after in zip(self.entries, self.entries[1:]):
            if after.start < before.start:
                found.append(Break("backwards", before, after, _months(after.start, before.start)))
                continue
            if before.end is None:
                found.append(Break("open", before, after, 0))
                continue
            diff = _months(before.end, after.start)
            if diff > tolerance:
                found.append(Break("gap", before, after, diff - 1))
            elif diff < 0:
                found.append(Break("overlap", before, after, -diff))
        return tuple(found)


def _months(a: PDate, b: PDate) -> int:
    """Months from a to b (b later: positive)."""
    return (b.year - a.year) * 12 + b.month - a.month


def _date(token: str) -> PDate:
    """`1991.01`, `199101`, `1991.1`, `1991年1月`, full-width digits: the project's date parser."""
    return parse_date_text(token)


@dataclass(frozen=True, slots=True)
class LineParse:
    start: PDate
    end: PDate | None
    text: str
    standard: bool


def parse_line(line: str) -> LineParse | None:
    """A period line; None when the line does not start with a period. ValueProblem when it
    does but a date is impossible (`1991.13`)."""
    m = _LINE.match(line)
    if m is None:
        return None
    start = _date(m.group("start"))
    token = m.group("end")
    end = None if token is None or re.fullmatch(_OPEN_WORDS, token) else _date(token)
    return LineParse(start, end, m.group("rest").strip(" \t\u3000"), bool(_STANDARD.match(line)))


def format_line(start: PDate, end: PDate | None, text: str) -> str:
    """A line as the editor writes it: `1991.01--2000.01  text`, or `1991.01--` and nine spaces."""
    head = f"{start.year}.{start.month:02d}--"
    return head + (f"{end.year}.{end.month:02d}  " if end is not None else " " * 9) + text


def _notes(text: str, line: int) -> list[Note]:
    """The items of a `（其间：a；b）` text."""
    inner = re.sub(r"[)）]\s*$", "", _NOTE.sub("", text.strip()))
    notes = []
    for part in re.split(r"[；;]", inner):
        part = part.strip()
        if not part:
            continue
        m = RANGE_IN_TEXT.search(part)
        start = end = None
        if m is not None:
            try:
                start = _date(m.group("start"))
                end = _date(m.group("end")) if m.group("end") else None
            except ValueProblem:
                start = end = None
        notes.append(Note(part, line, start, end))
    return notes


@dataclass
class _Line:
    number: int
    kind: str  # blank | period | note | text | bad
    text: str
    parsed: LineParse | None = None
    reason: str = ""


def _classify(number: int, raw: str) -> _Line:
    stripped = raw.strip(" \t\u3000")
    if not stripped:
        return _Line(number, "blank", "")
    try:
        parsed = parse_line(raw)
    except ValueProblem as exc:
        return _Line(number, "bad", stripped, reason=exc.reason)
    if parsed is not None:
        return _Line(number, "period", stripped, parsed)
    if _YEAR_ONLY.match(raw):
        return _Line(number, "bad", stripped, reason="起止时间应写到月（年份4位、月份2位）")
    return _Line(number, "note" if _NOTE.match(stripped) else "text", stripped)


def _terms_start(lines: list[_Line]) -> int:
    """Index where the 委员届次 block begins: after the last period line, at a blank line
    followed by text, or at a `第X届…委员` line."""
    periods = [i for i, ln in enumerate(lines) if ln.kind == "period"]
    if not periods:
        return len(lines)
    for i in range(periods[-1] + 1, len(lines)):
        if lines[i].kind == "blank" and any(ln.kind in ("text", "note") for ln in lines[i + 1:]):
            return i
        if lines[i].kind == "text" and _TERM.search(lines[i].text):
            return i
    return len(lines)


class _Builder:
    def __init__(self, line: _Line) -> None:
        p = line.parsed
        assert p is not None
        self.start, self.end, self.line, self.standard = p.start, p.end, line.number, p.standard
        self.text = p.text
        self.raw = line.text
        self.raw_notes: list[tuple[int, str]] = []
        self.note_open = False

    def add(self, line: _Line) -> None:
        if line.kind == "note":
            self.raw_notes.append((line.number, line.text))
            self.note_open = not _closed(line.text)
        elif self.note_open:
            number, text = self.raw_notes[-1]
            self.raw_notes[-1] = (number, text + line.text)
            self.note_open = not _closed(line.text)
        else:
            self.text += line.text

    def build(self) -> Entry:
        notes: list[Note] = []
        text = self.text
        for m in _INLINE_NOTE.finditer(text):
            notes.extend(_notes(m.group(0), self.line))
        text = _INLINE_NOTE.sub("", text).strip()
        for number, raw in self.raw_notes:
            notes.extend(_notes(raw, number))
        return Entry(self.start, self.end, text, self.line, tuple(notes), self.standard, self.raw)


def parse_resume(text: str) -> Resume:
    """Read a 简历 element (`\\r\\n`, `\\n` or `\\r` line breaks). Never raises."""
    lines = [_classify(n, raw) for n, raw in enumerate(re.split(r"\r\n|\r|\n", text), start=1)]
    cut = _terms_start(lines)
    builders: list[_Builder] = []
    unread: list[Unread] = []
    for ln in lines[:cut]:
        if ln.kind == "blank":
            continue
        if ln.kind == "bad":
            unread.append(Unread(ln.number, ln.text, ln.reason))
        elif ln.kind == "period":
            builders.append(_Builder(ln))
        elif builders:
            builders[-1].add(ln)
        else:
            unread.append(Unread(ln.number, ln.text, "不以起止时间开头，也不接在某一段简历之后"))
    terms = tuple(ln.text for ln in lines[cut:] if ln.kind != "blank")
    entries = tuple(b.build() for b in builders)
    reversed_ = tuple(e for e in entries if e.end is not None and e.end < e.start)
    return Resume(entries, terms, tuple(unread), reversed_)


def _closed(text: str) -> bool:
    return text.rstrip().endswith(("）", ")"))
