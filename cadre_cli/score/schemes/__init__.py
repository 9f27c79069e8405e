"""The scoring schemes, by the name a policy's `[score] scheme` gives."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cadre_cli.score.schemes.base import Scheme, Shown
from cadre_cli.score.schemes.defense import Defense
from cadre_cli.score.schemes.enterprise import Enterprise
from cadre_cli.score.schemes.interview import Interview

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy

SCHEMES: dict[str, Scheme] = {s.name: s for s in (Defense(), Enterprise(), Interview())}
DEFAULT_SCHEME = "defense"  # what a policy without a scheme is described with


def scheme_of(policy: Policy) -> Scheme:
    return SCHEMES[policy.score.scheme or DEFAULT_SCHEME]


__all__ = ["SCHEMES", "Scheme", "Shown", "scheme_of"]
