"""Policy parameters as typed references: `POLICY.age.max`, `POLICY.levels.each.age_max`.

Each step is looked up in the policy schema (cadre_cli/policy/schema.py) when the reference
is made, so a misspelt parameter stops the import of the rule that names it instead of
switching the rule off in silence. A finished reference is a `Param`: a `str` holding the
dotted path (`levels.*.age_max`, as `cadre rules --json` prints it) that reads its values
from a policy strictly (no `getattr(..., None)`).
"""

from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel

from cadre_cli.policy.schema import Policy

EACH = "*"  # every entry of a table keyed by name (the policy's levels)


class Param(str):
    """A checked dotted path into the policy; only `PolicyPath` makes one."""

    __slots__ = ()

    def values(self, policy: Any) -> list[Any]:
        """The values at this path; `*` walks every entry of a table (each level)."""
        nodes: list[Any] = [policy]
        for part in self.split("."):
            if part == EACH:
                nodes = [v for node in nodes for v in node.values()]
            else:
                nodes = [getattr(node, part) for node in nodes]
        return nodes


def _model_of(annotation: Any) -> type[BaseModel] | None:
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def _table_of(annotation: Any) -> type[BaseModel] | None:
    """`dict[str, Level]` -> Level: a table of named entries that `each` walks."""
    if typing.get_origin(annotation) is dict:
        args = typing.get_args(annotation)
        return _model_of(args[1]) if len(args) == 2 else None
    return None


class PolicyPath:
    """A step-by-step reference into the policy schema; `.param` is the finished path."""

    __slots__ = ("_model", "_table", "_parts")

    def __init__(self, model: type[BaseModel] | None, parts: tuple[str, ...] = (),
                 table: type[BaseModel] | None = None) -> None:
        self._model = model
        self._table = table
        self._parts = parts

    def __getattr__(self, name: str) -> PolicyPath:
        if name.startswith("_"):
            raise AttributeError(name)
        where = ".".join(self._parts) or "policy"
        if name == "each":
            if self._table is None:
                raise AttributeError(f"policy parameter {where} is not a table of named entries")
            return PolicyPath(self._table, (*self._parts, EACH))
        if self._model is None or name not in self._model.model_fields:
            raise AttributeError(f"{name!r} is not a policy parameter under {where} (cadre_cli/policy/schema.py)")
        annotation = self._model.model_fields[name].annotation
        return PolicyPath(_model_of(annotation), (*self._parts, name), _table_of(annotation))

    @property
    def param(self) -> Param:
        if not self._parts or self._parts[-1] == EACH:
            raise AttributeError("a policy parameter names a setting, not a section")
        return Param(".".join(self._parts))

    def __repr__(self) -> str:
        return f"POLICY.{'.'.join(self._parts)}"


POLICY = PolicyPath(Policy)


def as_params(refs: tuple[PolicyPath | Param, ...]) -> tuple[Param, ...]:
    """A rule's parameters: typed references only (a plain string would escape the check)."""
    out = []
    for ref in refs:
        if isinstance(ref, PolicyPath):
            out.append(ref.param)
        elif isinstance(ref, Param):
            out.append(ref)
        else:
            raise TypeError(f"a rule parameter is a typed reference such as POLICY.age.max, not {ref!r}")
    return tuple(out)
