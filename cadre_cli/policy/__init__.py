"""Policies as data: each source document is a preset TOML file; a locality edits a copy."""

from cadre_cli.policy.load import load_policy, preset_names
from cadre_cli.policy.schema import Policy

__all__ = ["Policy", "load_policy", "preset_names"]
