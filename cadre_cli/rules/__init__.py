"""The rule registry: every check `cadre` runs, with a stable id, like ruff's rule codes."""

from cadre_cli.rules.registry import REGISTRY, Rule, Severity, enabled_rules, get_rule

__all__ = ["REGISTRY", "Rule", "Severity", "enabled_rules", "get_rule"]
