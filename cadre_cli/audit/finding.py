"""A finding: one rule broken by one person (or by the pool), with the cell it rests on (a
`Diagnostic`); and the coverage records: a rule skipped for the whole roster (`Skipped`), a
rule that could not be checked for a person (`Gap`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cadre_cli.diagnostic import Diagnostic, PersonKey

if TYPE_CHECKING:
    from cadre_cli.model.person import Person


# A finding is a Diagnostic: rule, severity, message, basis, where (sheet, row, column and
# the field read there), the raw value, the person's stable key, name and unit. Its JSON
# carries today's keys (rule, severity, name, unit, sheet, row, cell, message, basis) and more.
Finding = Diagnostic


def person_key(person: Person) -> PersonKey:
    """A roster person's stable key: the sheet and row of their record."""
    return PersonKey(person.record.sheet, person.record.row)


# Coverage, apart from the findings: a rule not checked at all, or not for one person.
@dataclass(frozen=True, slots=True)
class Skipped:
    rule: str
    reason: str
    fields: tuple[str, ...] = ()  # the columns it lacked, first of each group
    brief: str = ""  # the reason in a few words, under a heading that already says "not checked"

    def as_json(self) -> dict:
        return {"rule": self.rule, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Gap:
    """A rule not checked for one person: why (`出生年月为空`, `名册没有“年度考核”列`) and
    the fields it lacked."""

    rule: str
    reason: str
    fields: tuple[str, ...] = ()
    everyone: bool = False  # the roster lacks the columns: the same gap for every person


