"""A workbook's tally sheets, put together into polls.

Sheets of one kind that name their voter classes (class columns, or one sheet per class
named for it) form one poll; a sheet that names no class is a poll by itself. A sheet
with only the meeting's figures (投票情况) belongs to the one poll of the workbook.
Candidates are joined across sheets by name, and by 现任职务 where a name repeats.
"""

from __future__ import annotations

from cadre_cli.errors import InputError
from cadre_cli.policy.tally import Tally
from cadre_cli.poll.ballots import read_ballots
from cadre_cli.poll.classes import ClassWords
from cadre_cli.poll.figures import FigureReader, merge_figures
from cadre_cli.poll.finding import diagnostic
from cadre_cli.poll.header import FIGURE_MEASURES, find_header
from cadre_cli.poll.model import ALL, Entry, PollData
from cadre_cli.poll.sheet import SheetPoll
from cadre_cli.poll.summary import COUNT_MEASURES, read_summary
from cadre_cli.readers.cells import CellRef, col_letter
from cadre_cli.readers.raw import RawBook
from cadre_cli.rules.registry import Severity


def read_polls(book: RawBook, settings: Tally) -> list[PollData]:
    words = ClassWords(settings.classes)
    sheets: list[SheetPoll] = []
    loose: list[FigureReader] = []  # sheets with figures only
    for sheet in book.sheets:
        header = find_header(sheet, words)
        if header is None:
            reader = FigureReader(sheet, words)
            for r in range(len(sheet.rows)):
                reader.row(r)
            if reader.found or reader.findings:
                loose.append(reader)
            continue
        above = FigureReader(sheet, words)
        for r in range(header.top - 1):
            above.row(r)
        if header.first("name") is not None:
            found = read_summary(header, words, above)
        else:
            found = read_ballots(header, words, settings, above)
        if found is not None:
            sheets.append(found)
    if not sheets:
        raise InputError(
            f"“{book.path.name}”中没有找到民主推荐或民主测评的票数表。需要一行表头：姓名（或推荐人选）加各类别票数"
            "（如“领导班子成员”“中层干部”，或“优秀/称职/基本称职/不称职”）；"
            "或逐张录入的选票：投票人类别（或票号）加每位人选一列。")
    polls = _group(sheets, words)
    for reader in loose:
        if len(polls) == 1:
            polls[0].findings.extend(reader.findings)
            merge_figures(polls[0].figures, reader.found, polls[0].findings, words)
            polls[0].sheets.append(reader.sheet.name)
        else:
            polls[0].findings.append(diagnostic(
                "tally-figures-unused", Severity.WARNING,
                f"工作表“{reader.sheet.name}”中的投票情况（应到、实到人数等）无法确定属于哪一张票数表，未使用；"
                "请把它写在所属票数表的上方或下方。", "", None))
    return polls


def _group(sheets: list[SheetPoll], words: ClassWords) -> list[PollData]:
    groups: dict[tuple, list[SheetPoll]] = {}
    for s in sheets:
        key = (s.kind, s.from_ballots) if s.classed else (s.kind, s.from_ballots, s.sheet)
        groups.setdefault(key, []).append(s)
    polls = []
    for members in groups.values():
        poll = PollData(members[0].kind, [], from_ballots=members[0].from_ballots)
        ids: set[str] = set()
        for s in members:
            poll.sheets.append(s.sheet)
            poll.parts.append(s)
            poll.findings.extend(s.findings)
            poll.ballots += s.ballots
            ids |= s.classes
            merge_figures(poll.figures, s.figures, poll.findings, words)
            _join(poll, s, words)
        poll.classes = words.ordered(ids) or [ALL]
        if ALL.id in ids and len(ids) > 1:
            poll.findings.append(_mixed(poll, members, words))
        if ids == {ALL.id} and ALL.id in poll.figures:
            merge_figures(poll.figures, {None: poll.figures.pop(ALL.id)}, poll.findings, words)
        polls.append(poll)
    return polls


def _join(poll: PollData, sheet: SheetPoll, words: ClassWords) -> None:
    """Add a sheet's candidates to the poll, joining people already there."""
    index: dict[str, list[Entry]] = {}
    for e in poll.entries:
        index.setdefault(e.name, []).append(e)
    seen_here: dict[str, int] = {}
    for entry in sheet.entries:
        seen_here[entry.name] = seen_here.get(entry.name, 0) + 1
        same = [e for e in index.get(entry.name, []) if e.post == entry.post or not (e.post and entry.post)]
        if not poll.entries or not same:
            entry.order = len(poll.entries)
            poll.entries.append(entry)
            index.setdefault(entry.name, []).append(entry)
            continue
        if len(same) > 1 or seen_here[entry.name] > 1:
            poll.findings.append(diagnostic(
                "tally-duplicate-name", Severity.ERROR,
                f"“{entry.name}”在工作表“{sheet.sheet}”第{entry.cell.row if entry.cell else '?'}行与已读到的同名人选无法区分，"
                "请写明现任职务；这一行未合并。", "同名人选须能区分", entry.cell, entry.name))
            continue
        target = same[0]
        target.post = target.post or entry.post
        if entry.cell is not None:
            target.also.append(entry.cell)
        for cls in set(entry.votes) | set(entry.grades) | set(entry.figures):
            if cls in target.votes or cls in target.grades:
                poll.findings.append(diagnostic(
                    "tally-duplicate-name", Severity.ERROR,
                    f"{entry.name}的{words.label(cls)}票数在工作表“{sheet.sheet}”第{entry.cell.row if entry.cell else '?'}行"
                    "又出现了一次，只用了第一次的。", "每人每类别的票数只能有一处", entry.cell, entry.name))
                continue
            if cls in entry.votes:
                target.votes[cls] = entry.votes[cls]
            if cls in entry.grades:
                target.grades[cls] = entry.grades[cls]
            if cls in entry.figures:
                target.figures[cls] = entry.figures[cls]
        target.unknown |= entry.unknown
        target.typed.extend(entry.typed)


def _mixed(poll: PollData, members: list[SheetPoll], words: ClassWords):
    """Counts with a voter class beside counts without one: the columns without, named."""
    unclassed = [(s.sheet, s.header.last, c) for s in members if s.header is not None and s.header.sheet_class is None
                 for c in s.header.columns if c.cls is None and c.measure in COUNT_MEASURES - FIGURE_MEASURES]
    sheets = "、".join("“" + s + "”" for s in poll.sheets)
    if not unclassed:
        return diagnostic("tally-mixed-classes", Severity.ERROR,
                          f"工作表{sheets}有的分类别计票、有的没有分类别，无法合在一起统计。", "", None)
    sheet, row, col = unclassed[0]
    shown = "、".join(f"“{c.text}”（{col_letter(c.col)}{r}）" for _, r, c in unclassed[:4]) + ("等" if len(unclassed) > 4 else "")
    return diagnostic("tally-mixed-classes", Severity.ERROR,
                      f"工作表“{sheet}”中{shown}列看不出是哪一类投票人（政策所列类别：{'、'.join(c.label for c in words.classes)}），"
                      "无法与分类别的票数合在一起统计；请在政策 [tally] classes 的 words 中加上这一类别的写法。",
                      "投票人类别须为政策 [tally] classes 所列之一", CellRef(sheet, row, col.col), col.text)
