"""A policy as TOML text, for `cadre policy show`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import tomli_w

from cadre_cli.policy.schema import Policy


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump(exclude_none=True))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Fraction):
        return float(value) if (value * 100).denominator == 1 else f"{value.numerator}/{value.denominator}"
    return value


def policy_toml(policy: Policy) -> str:
    data = _plain(policy.model_dump(mode="python", exclude_none=True))
    data.pop("extends", None)
    return tomli_w.dumps(data)
