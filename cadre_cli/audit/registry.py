"""Check functions attach to rule ids here: per person, or over the whole roster."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.audit.context import AuditContext
    from cadre_cli.audit.finding import Finding
    from cadre_cli.model.person import Person

PersonCheck = Callable[["AuditContext", "Person"], Iterable["Finding"]]
RosterCheck = Callable[["AuditContext"], Iterable["Finding"]]

PERSON_CHECKS: dict[str, PersonCheck] = {}
ROSTER_CHECKS: dict[str, RosterCheck] = {}


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
