"""The rule registry, built from the rules' own definitions.

A rule is one definition: its metadata (id, severity, Chinese title and explanation, the
policy parameters it reads as typed references, the columns it needs, whether its error
removes reserve status, the clause it rests on) is given by the decorator on its check
(`person_rule` / `roster_rule` in cadre_cli/audit/checks/*.py), or by `define` for a rule
without an audit check (the gap record `missing-value`; the scoring rules that `cadre score`
applies, cadre_cli/rules/scoring.py). The modules in `RULE_MODULES` are imported the first
time the registry is read, in that order: the order of `cadre rules`.

A rule is on under a policy when the parameters it needs have values there (a seed's
`xx` placeholder leaves them empty, so the rule stays off) and the policy's
`[rules] ignore` does not name it. Data-quality rules need no parameter: always on.
"""

from __future__ import annotations

import enum
import importlib
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the schema (pydantic) is imported by the definitions, not by every user of Severity
    from cadre_cli.policy.schema import Policy
    from cadre_cli.rules.params import Param, PolicyPath

# Where the definitions are; importing them fills the registry.
RULE_MODULES = ("cadre_cli.audit.checks", "cadre_cli.rules.scoring")


class Severity(str, enum.Enum):
    """Ordered from the most serious; `label` is the one Chinese name everything shows."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return _LABELS[self.value]


_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {s: rank for rank, s in enumerate(Severity)}  # error 0, warning 1, info 2


Groups = list[tuple[str, ...]]  # column groups, each "one of these"
PERSON, ROSTER = "person", "roster"  # what a check is given: one person, or the whole roster


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str
    sources: tuple[str, ...]  # ids of ../shared/RULES.md
    basis: str  # default citation when a policy gives none
    params: tuple[Param, ...] = ()  # policy parameters; `levels.*.age_max` spans levels
    needs: tuple[tuple[str, ...], ...] = ()  # columns: each tuple is "one of these"
    scope: str = "person"  # person | pool | score | data
    any_param: bool = False  # on when any one param is set (else all must be)
    example: str = ""
    options: tuple[Param, ...] = ()  # policy parameters the check also reads; they switch nothing on
    # a blank cell is an answer, not a gap: no secondment, no mark (else a person whose row
    # has none of a `needs` group is reported as not checked)
    blank_means_none: bool = False
    removes: bool = False  # an error of this rule means the person should lose reserve status (取消资格建议)
    topic: str = ""  # what it checks in a word or two (`年龄：出生年月为空`); the title when empty
    check: Callable[..., Iterable[Any]] | None = None  # (ctx, person) or (ctx) -> diagnostics
    runs: str = ""  # PERSON | ROSTER: what the check is given; "" without an audit check
    # (ctx, missing groups) -> the groups that stop the rule: more when the policy needs another
    # column, none when the values come from elsewhere; a group ("posts",) is leadership posts
    columns: Callable[[Any, list[tuple[str, ...]]], list[tuple[str, ...]]] | None = None
    records_gaps: bool = False  # the record of values a check lacked (missing-value), not a check of its own

    def enabled(self, policy: Policy) -> bool:
        if self.id in policy.rules.ignore:
            return False
        if self.id in policy.rules.select:
            return True
        if not self.params:
            return True
        present = [_has_value(p.values(policy)) for p in self.params]
        return any(present) if self.any_param else all(present)

    @property
    def audited(self) -> bool:
        """Run by `cadre audit` (the scoring rules are `cadre score`'s)."""
        return self.scope in ("person", "data", "pool")


def _has_value(values: list[Any]) -> bool:
    for v in values:
        if v is None or v is False or v == [] or v == {}:
            continue
        return True
    return False


def param_values(policy: Policy, path: Param) -> list[Any]:
    """Values at a rule's parameter; `*` walks every entry of a table (e.g. each level)."""
    return path.values(policy)


class Registry(Mapping[str, Rule]):
    """Rule id -> Rule, in the order of `RULE_MODULES` and, within one, of definition;
    complete on first read (`defined` reads one rule without importing the others)."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}
        self._place: dict[str, int] = {}  # rule id -> index in RULE_MODULES of the module defining it
        self._loaded = False

    def add(self, rule: Rule) -> Rule:
        if rule.id in self._rules:
            raise ValueError(f"rule {rule.id!r} is defined twice")
        self._rules[rule.id] = rule
        self._place[rule.id] = next((i for i, n in enumerate(RULE_MODULES) if _initializing(n)), len(RULE_MODULES))
        return rule

    def remove(self, rule_id: str) -> None:
        """Take a rule out again (a throwaway rule of a test)."""
        del self._rules[rule_id]
        del self._place[rule_id]

    def _load(self) -> None:
        if self._loaded:
            return
        for name in RULE_MODULES:
            importlib.import_module(name)
        # the listing order is the modules' whatever was imported first (see `defined`)
        order = sorted(self._rules, key=lambda rule_id: self._place[rule_id])  # stable: definition order within
        self._rules = {rule_id: self._rules[rule_id] for rule_id in order}
        # read while a definition module is still being imported: complete later
        self._loaded = not any(_initializing(n) for n in RULE_MODULES)

    def __getitem__(self, rule_id: str) -> Rule:
        self._load()
        return self._rules[rule_id]

    def defined(self, rule_id: str, module: str) -> Rule:
        """The rule `rule_id` of the definition module `module`, importing that module only
        (`cadre score` names a scoring rule and needs none of the audit checks)."""
        found = self._rules.get(rule_id)
        if found is None:
            importlib.import_module(module)
            found = self._rules.get(rule_id)
        return found if found is not None else self[rule_id]

    def __contains__(self, rule_id: object) -> bool:
        self._load()
        return rule_id in self._rules

    def __iter__(self) -> Iterator[str]:
        self._load()
        return iter(list(self._rules))

    def __len__(self) -> int:
        self._load()
        return len(self._rules)


def _initializing(module: str) -> bool:
    return bool(getattr(getattr(sys.modules.get(module), "__spec__", None), "_initializing", False))


class _Listing(Sequence[Rule]):
    """Every rule in definition order (a live view of the registry)."""

    def __getitem__(self, index):  # type: ignore[override]
        return list(REGISTRY.values())[index]

    def __iter__(self) -> Iterator[Rule]:
        return iter(list(REGISTRY.values()))

    def __len__(self) -> int:
        return len(REGISTRY)


REGISTRY = Registry()
RULES: Sequence[Rule] = _Listing()


def define(rule_id: str, *, severity: Severity, title: str, explanation: str, basis: str,
           sources: tuple[str, ...] = (), params: tuple[PolicyPath | Param, ...] = (),
           options: tuple[PolicyPath | Param, ...] = (), **metadata: Any) -> Rule:
    """A rule and its metadata, added to the registry (keywords: the fields of `Rule`)."""
    from cadre_cli.rules.params import as_params

    rule = Rule(rule_id, severity, title, explanation, tuple(sources), basis, params=as_params(tuple(params)),
                options=as_params(tuple(options)), **metadata)
    return REGISTRY.add(rule)


def _decorator(runs: str, rule_id: str, metadata: dict[str, Any]):
    def register(check):
        define(rule_id, check=check, runs=runs, **metadata)
        check.rule_id = rule_id
        return check
    return register


def person_rule(rule_id: str, **metadata: Any):
    """`@person_rule("age-limit", severity=..., title=..., ...)` on `check(ctx, person)`."""
    return _decorator(PERSON, rule_id, metadata)


def roster_rule(rule_id: str, **metadata: Any):
    """`@roster_rule("pool-size", ...)` on `check(ctx)`, run once over the roster."""
    return _decorator(ROSTER, rule_id, metadata)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


def get_rule(rule_id: str) -> Rule | None:
    return REGISTRY.get(rule_id)


def enabled_rules(policy: Policy, scope: str | None = None) -> list[Rule]:
    return [r for r in RULES if (scope is None or r.scope == scope) and r.enabled(policy)]
