"""`cadre rules [ID]`: the rule registry, every rule with the presets that switch it on and
the clause each cites (`list_rules`), or one rule with the values its parameters take
(`explain_rule`). Plain report objects, no printing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy
    from cadre_cli.rules.registry import Rule

__all__ = ["RuleEntry", "RuleReport", "RulesReport", "explain_rule", "list_rules"]


@dataclass
class RuleEntry:
    """One rule against a set of policies (the presets, or the one policy asked about)."""

    rule: Rule
    presets: list[str]  # the policies of the set that switch the rule on
    basis_by_preset: dict[str, str]  # the clause each of them cites (all of the set when none switches it on)
    basis_in_policy: str | None = None  # the clause of the one policy `list_rules(policy=)` names

    @property
    def basis(self) -> str:
        """The clause shown beside the rule: the named policy's, else the rule's own."""
        return self.basis_in_policy if self.basis_in_policy is not None else self.rule.basis


@dataclass
class RulesReport:
    """Every rule (or those on under `policy`), each with the presets that switch it on."""

    rules: list[RuleEntry]
    presets: list[str]  # every preset's name, in the order `cadre policy list` shows
    policy: Policy | None = None


@dataclass
class RuleReport:
    """One rule: where it is on, what each policy cites, the values of its parameters."""

    entry: RuleEntry
    param_values: dict[Any, dict[str, Any]]  # parameter -> policy name -> its value(s) there (set ones only)
    columns: list[list[str]] = field(default_factory=list)  # per `needs` group: the headers read as it
    policy: str | None = None  # the name the one policy asked about was given by; None for the presets

    @property
    def rule(self) -> Rule:
        return self.entry.rule


def _presets() -> dict[str, Policy]:
    from cadre_cli.policy.load import load_policy, preset_names

    return {name: load_policy(name) for name in preset_names()}


def _entry(rule: Rule, policies: dict[str, Policy], policy: Policy | None = None) -> RuleEntry:
    on = {n: p for n, p in policies.items() if rule.enabled(p)}
    cited = {n: p.cite(rule.id, rule.basis) for n, p in (on or policies).items()}
    return RuleEntry(rule, list(on), cited, policy.cite(rule.id, rule.basis) if policy is not None else None)


def list_rules(policy: str | Path | Policy | None = None) -> RulesReport:
    """Every rule, in the registry's order, with the presets that switch it on; with
    `policy`, only the rules on under it, each with the clause that policy cites."""
    from cadre_cli.api.common import as_policy
    from cadre_cli.rules.registry import RULES

    presets = _presets()
    chosen = as_policy(policy) if policy is not None else None
    rules = [r for r in RULES if chosen is None or r.enabled(chosen)]
    return RulesReport([_entry(r, presets, chosen) for r in rules], list(presets), chosen)


def explain_rule(rule_id: str, policy: str | Path | Policy | None = None) -> RuleReport:
    """One rule: the presets (or the one `policy`) that switch it on, the clause each cites,
    the value each gives its parameters, the headers of the columns it needs. An unknown
    id is a `CadreError`."""
    from cadre_cli.api.common import as_policy
    from cadre_cli.errors import CadreError
    from cadre_cli.readers.fields import accepted_headers
    from cadre_cli.rules.registry import get_rule

    presets = _presets()
    rule = get_rule(rule_id)
    if rule is None:
        raise CadreError(f"没有编号为“{rule_id}”的规则；运行 cadre rules 查看全部编号。")
    name = None
    if policy is not None:
        loaded = as_policy(policy)
        name = loaded.name if policy is loaded else str(policy)
        presets = {name: loaded}
    columns = [[("、".join(accepted_headers(f)[:4]) or f) for f in alternatives] for alternatives in rule.needs]
    return RuleReport(_entry(rule, presets), _param_values(rule, presets), columns, name)


def _param_values(rule: Rule, policies: dict[str, Policy]) -> dict[Any, dict[str, Any]]:
    from cadre_cli.policy.render import _plain
    from cadre_cli.rules.registry import param_values

    out: dict[Any, dict[str, Any]] = {}
    for param in (*rule.params, *rule.options):
        values = {}
        for name, p in policies.items():
            if param in rule.options and not rule.enabled(p):
                continue  # an option's value matters only where the rule is on
            found = [v for v in param_values(p, param) if v not in (None, [], False)]
            if found:
                plain = [_plain(v.model_dump() if hasattr(v, "model_dump") else v) for v in found]
                values[name] = plain[0] if len(plain) == 1 else plain
        out[param] = values
    return out
