"""`cadre notice --poll RESULT.xlsx`: each person's 民主推荐 or 民主测评 result, taken from
the tally of the poll workbook (P3: the notice includes the results), never retyped.

People are matched by name, and by 现任职务 where the poll has two people of one name. A
person of the notice the poll does not have, a person whose result could not be computed
(a count with an error), and the poll's people the roster does not have are all reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_cli.model.person import Person
from cadre_cli.notice.context import clean
from cadre_cli.poll.model import KIND_LABELS
from cadre_cli.poll.result import CandidateResult, PollResult

UNITS = {"实到人数": "人", "有效票数": "张", "实到人数减无效票数": "人", "测评人数": "人"}
MAX_NAMES = 10


@dataclass
class Tallied:
    """The poll's results per roster person, and who did not match."""

    source: str
    results: dict[tuple[str, int], tuple[dict[str, str], ...]] = field(default_factory=dict)
    missing_in_poll: list[Person] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)  # one sentence per person with no usable result
    missing_in_roster: list[CandidateResult] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        out = list(self.unresolved)
        if self.missing_in_poll:
            out.append(f"名册中有{len(self.missing_in_poll)}人在“{self.source}”中没有找到（"
                       + "、".join(f"{clean(p.name)}（“{p.sheet}”第{p.row}行）" for p in self.missing_in_poll[:MAX_NAMES])
                       + ("等" if len(self.missing_in_poll) > MAX_NAMES else "")
                       + "），其文件中没有列出推荐或测评结果；请核对姓名是否一致。")
        return out

    @property
    def notes(self) -> list[str]:
        if not self.missing_in_roster:
            return []
        names = "、".join(clean(c.name) for c in self.missing_in_roster[:MAX_NAMES])
        more = "等" if len(self.missing_in_roster) > MAX_NAMES else ""
        return [f"“{self.source}”中有{len(self.missing_in_roster)}人不在名册（或不在本次列入的人员）中：{names}{more}；"
                "他们不列入公示，结果也不公开。"]

    def as_json(self) -> dict[str, Any]:
        return {
            "source": self.source, "matched": len(self.results),
            "missing_in_poll": [{"name": p.name, "sheet": p.sheet, "row": p.row} for p in self.missing_in_poll],
            "missing_in_roster": [{"name": c.name, "post": c.post, "sheet": c.cell.sheet if c.cell else None,
                                   "cell": c.cell.ref if c.cell else None} for c in self.missing_in_roster],
            "problems": self.problems,
        }


def result_text(poll: PollResult, res: CandidateResult) -> str | None:
    """`得108票，得票率75.00%（实到人数144人）`; `优秀81票、称职51票、基本称职8票、不称职2票（测评人数144人），测评分87.92分`."""
    unit = UNITS.get(poll.denominator, "")
    if poll.kind == "recommend":
        if res.overall_shown is None or res.votes is None:
            return None
        text = f"得{res.votes}票，得票率{res.overall_shown}%（{poll.denominator}{res.base}{unit}）"
        if res.weighted_shown is not None:
            text += f"，综合得票率{res.weighted_shown}%"
        return text
    if res.score_shown is None:
        return None
    totals = {g: sum(c.grades.get(g, 0) for c in res.classes) for g in ("excellent", "competent", "basic", "incompetent")}
    text = (f"优秀{totals['excellent']}票、称职{totals['competent']}票、基本称职{totals['basic']}票、"
            f"不称职{totals['incompetent']}票（{poll.denominator}{res.base}{unit}），测评分{res.score_shown}分")
    if res.weighted_shown is not None:
        text += f"，综合测评分{res.weighted_shown}分"
    return text


def _key(text: object) -> str:
    return "".join(clean(text).split())


def match(people: list[Person], polls: list[PollResult], source: str) -> Tallied:
    out = Tallied(source)
    used: set[tuple[int, int]] = set()
    for person in people:
        items = []
        found_any = False
        for i, poll in enumerate(polls):
            same = [c for c in poll.candidates if _key(c.name) == _key(person.name)]
            if len(same) > 1:
                post = _key(person.get("post"))
                same = [c for c in same if c.post and post and (_key(c.post) in post or post in _key(c.post))] or same
            if not same:
                continue
            found_any = True
            if len(same) > 1:
                out.unresolved.append(f"“{source}”中有{len(same)}位{clean(person.name)}，按现任职务也无法区分，"
                                      f"未列出其{KIND_LABELS[poll.kind]}结果；请在票数表中写明现任职务。")
                continue
            used.add((i, same[0].order))
            text = result_text(poll, same[0])
            if text is None:
                out.unresolved.append(f"{clean(person.name)}的{KIND_LABELS[poll.kind]}结果因票数有误未能计算"
                                      f"（见 cadre poll {source} 的错误），文件中没有列出。")
                continue
            items.append({"label": KIND_LABELS[poll.kind], "value": text})
        if not found_any:
            out.missing_in_poll.append(person)
        if items:
            out.results[(person.sheet, person.row)] = tuple(items)
    names = {_key(p.name) for p in people}
    for i, poll in enumerate(polls):
        out.missing_in_roster += [c for c in poll.candidates if (i, c.order) not in used and _key(c.name) not in names]
    return out
