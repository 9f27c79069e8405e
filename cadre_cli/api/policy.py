"""`cadre policy list|show|init`: the presets (`list_policies`), a policy in effect with the
rules it switches on (`show_policy`), and an editable copy of a preset written to a file
(`init_policy`). Plain report objects, no printing."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy

__all__ = ["PolicyInitReport", "PolicyListReport", "PolicyShowReport", "init_policy", "list_policies", "show_policy"]


@dataclass
class PolicyListReport:
    """The presets shipped with the program, one per source document."""

    presets: list[Policy]
    default: str  # the name of the preset used when none is given


@dataclass
class PolicyShowReport:
    """A policy in effect (a preset, or a file with what it `extends`) and the rules it switches on."""

    policy: Policy
    rules_enabled: list[str]  # rule ids, in the registry's order

    @property
    def toml(self) -> str:
        """The policy's values as TOML text, as `cadre policy show` prints them."""
        from cadre_cli.policy.render import policy_toml

        return policy_toml(self.policy)


@dataclass
class PolicyInitReport:
    """An editable, commented copy of a preset, written."""

    policy: Policy  # the preset copied
    path: Path  # the file written


def list_policies() -> PolicyListReport:
    from cadre_cli.policy.load import DEFAULT_POLICY, load_policy, preset_names

    return PolicyListReport([load_policy(name) for name in preset_names()], DEFAULT_POLICY)


def show_policy(policy: str | Path | Policy | None = None) -> PolicyShowReport:
    """The policy in effect for a preset name, a .toml file or a loaded policy (None: the default)."""
    from cadre_cli.api.common import as_policy
    from cadre_cli.rules.registry import enabled_rules

    loaded = as_policy(policy)
    return PolicyShowReport(loaded, [r.id for r in enabled_rules(loaded)])


def init_policy(name: str = "county", output: str | Path | None = None, *, force: bool = False) -> PolicyInitReport:
    """Write the preset `name`'s own commented text, as an editable copy, to `output`
    (default `名称.toml` in the current folder); an existing file only with `force`."""
    from cadre_cli.api.common import check_suffix
    from cadre_cli.errors import PolicyError
    from cadre_cli.policy.load import load_policy, preset_names
    from cadre_cli.policy.render import editable_copy
    from cadre_cli.writers.atomic import check_target, write_atomic

    if name not in preset_names():  # a path, or a typo: init copies a preset's own commented text
        raise PolicyError(f"“{name}”不是预设名称；policy init 以预设为底本（可用：{'、'.join(preset_names())}），"
                          "要写到哪个文件请用 --output 指定，如 cadre policy init county --output 我县政策.toml。")
    policy = load_policy(name)
    target = Path(output) if output is not None else Path(f"{name}.toml")
    check_target(target, force=force)
    check_suffix(target, ".toml", "政策文件（TOML 文本）", label="输出文件")
    text = editable_copy(policy, target.name)
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    return PolicyInitReport(policy, target)
