"""Check functions attach to rule ids here: per person, or over the whole roster; and
a rule whose columns depend on the policy or the options adjusts its `needs` here."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.audit.context import AuditContext
    from cadre_cli.audit.finding import Finding
    from cadre_cli.model.person import Person

PersonCheck = Callable[["AuditContext", "Person"], Iterable["Finding"]]
RosterCheck = Callable[["AuditContext"], Iterable["Finding"]]
Groups = list[tuple[str, ...]]
ColumnNeeds = Callable[["AuditContext", Groups], Groups]

PERSON_CHECKS: dict[str, PersonCheck] = {}
ROSTER_CHECKS: dict[str, RosterCheck] = {}
COLUMN_NEEDS: dict[str, ColumnNeeds] = {}


def person_check(rule_id: str) -> Callable[[PersonCheck], PersonCheck]:
    def register(fn: PersonCheck) -> PersonCheck:
        PERSON_CHECKS[rule_id] = fn
        return fn

    return register


def roster_check(rule_id: str) -> Callable[[RosterCheck], RosterCheck]:
    def register(fn: RosterCheck) -> RosterCheck:
        ROSTER_CHECKS[rule_id] = fn
        return fn

    return register


def column_needs(*rule_ids: str) -> Callable[[ColumnNeeds], ColumnNeeds]:
    """`fn(ctx, missing)` gets the rule's column groups the roster lacks and returns the
    groups that stop the rule (more when the policy needs another column, none when the
    values come from elsewhere); a group `("posts",)` stands for leadership posts."""
    def register(fn: ColumnNeeds) -> ColumnNeeds:
        for rule_id in rule_ids:
            COLUMN_NEEDS[rule_id] = fn
        return fn

    return register
