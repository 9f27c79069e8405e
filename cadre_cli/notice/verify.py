"""Nothing guessed is published: a publishable value that could not be read, or that
contradicts the person's ID number, stops that unit's document with the cell named.

周帆's roster says 出生年月 `1992.13`: the birth month is not taken from the ID number
instead. 许强伟's roster says `1995.02`, the ID number 1996.03: neither is published.
With the explicit override (`--blank-unverified`) the document is written and these
values are left blank; never replaced.
"""

from __future__ import annotations

from dataclasses import dataclass

from cadre_cli.model.person import Person
from cadre_cli.parse.dates import PDate
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.fields import field_label

# Fields a notice prints (`context.PUBLISHABLE`), whose unreadable value must not vanish.
CHECKED = ("name", "gender", "ethnicity", "birth", "education", "education_fulltime", "education_parttime", "degree",
           "political_status", "work_start", "unit", "post", "unit_post", "reserve_level")


@dataclass(frozen=True, slots=True)
class Unverified:
    field: str
    cell: CellRef | None
    reason: str

    @property
    def message(self) -> str:
        where = f"工作表“{self.cell.sheet}”{self.cell.ref}" if self.cell else "（位置不明）"
        return f"{where}的{field_label(self.field)}{self.reason}"


def unverified(person: Person) -> list[Unverified]:
    """The publishable values of a person that cannot be published as they stand."""
    found = [Unverified(p.field, p.cell, p.reason if "不一致" in p.reason else f"无法识别（{p.reason}）")
             for p in person.problems if p.rule == "invalid-value" and p.field in CHECKED]
    birth = person.birth_conflict()
    if birth:
        found.append(Unverified("birth", person.cell("birth"), birth))
    gender = person.gender_conflict()
    if gender:
        found.append(Unverified("gender", person.cell("gender"), gender))
    return found


def _broken(person: Person, field: str) -> bool:
    return any(p.field == field and p.rule == "invalid-value" for p in person.problems)


def published_birth(person: Person) -> PDate | None:
    """The roster's birth month; the ID number's only where the roster has none (not where
    its cell could not be read), and nothing when the two disagree."""
    if _broken(person, "birth") or person.birth_conflict():
        return None
    return person.born


def published_gender(person: Person) -> str | None:
    if _broken(person, "gender") or person.gender_conflict():
        return None
    return person.gender
