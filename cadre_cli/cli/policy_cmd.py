"""`cadre policy list|show|init`: the presets and a locality's own policy files."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import console, emit_json

policy_app = typer.Typer(
    help="政策（计分和审核所依据的规定）：列出预设、查看生效的设置、生成可编辑的副本。",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@policy_app.command("list")
def policy_list(
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """列出随程序提供的预设政策（每份来源文件一个）。

    示例：cadre policy list
    """
    from rich import box
    from rich.table import Table

    from cadre_cli.policy.load import DEFAULT_POLICY, load_policy, preset_names

    policies = [load_policy(name) for name in preset_names()]
    if as_json:
        emit_json({"command": "policy list", "default": DEFAULT_POLICY,
                   "presets": [{"name": p.name, "title": p.title, "document": p.document} for p in policies]})
        return
    table = Table(title="预设政策（--policy 名称）", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("名称", style="bold cyan", no_wrap=True)
    table.add_column("适用")
    table.add_column("依据")
    for p in policies:
        mark = "（默认）" if p.name == DEFAULT_POLICY else ""
        table.add_row(p.name + mark, p.title, p.document)
    console.print(table)
    console.print("查看某个预设的全部数值：cadre policy show 名称；生成可修改的副本：cadre policy init 名称")


@policy_app.command("show")
def policy_show(
    ref: Annotated[str, typer.Argument(metavar="名称或文件", help="预设名称（如 county）或 .toml 政策文件。")] = "county",
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """显示生效的政策：预设或文件（含 extends 继承来的数值）。

    示例：cadre policy show county；cadre policy show 我县政策.toml
    """
    from cadre_cli.policy.load import load_policy
    from cadre_cli.policy.render import policy_toml
    from cadre_cli.rules.registry import enabled_rules

    policy = load_policy(ref)
    if as_json:
        emit_json({"command": "policy show", "policy": policy.model_dump(mode="json", exclude_none=True),
                   "rules_enabled": [r.id for r in enabled_rules(policy)]})
        return
    console.print(f"# 生效的政策：{policy.name}（{policy.title}）", markup=False)
    console.print(f"# 依据：{policy.document}", markup=False)
    sys.stdout.write(policy_toml(policy))
    console.print("# 启用的规则：" + "、".join(r.id for r in enabled_rules(policy)), markup=False)


@policy_app.command("init")
def policy_init(
    name: Annotated[str, typer.Argument(metavar="预设名称", help="以哪个预设为底本，如 county。")] = "county",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="写到哪个文件（默认 当前文件夹/预设名称.toml）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一份带注释、可编辑的政策文件副本；改好后用 --policy 文件名 使用。

    示例：cadre policy init county -o 我县政策.toml
    """
    from cadre_cli.cli.options import check_suffix
    from cadre_cli.policy.load import load_policy
    from cadre_cli.policy.render import editable_copy
    from cadre_cli.writers.atomic import check_target, write_atomic

    from cadre_cli.errors import PolicyError
    from cadre_cli.policy.load import preset_names

    if name not in preset_names():  # a path, or a typo: init copies a preset's own commented text
        raise PolicyError(f"“{name}”不是预设名称；policy init 以预设为底本（可用：{'、'.join(preset_names())}），"
                          "要写到哪个文件请用 --output 指定，如 cadre policy init county --output 我县政策.toml。")
    policy = load_policy(name)
    target = output or Path(f"{name}.toml")
    check_target(target, force=force)
    check_suffix(target, ".toml", "政策文件（TOML 文本）", label="输出文件")
    text = editable_copy(policy, target.name)
    write_atomic(target, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    console.print(f"已生成政策文件：{target}（以{policy.document}为底本）", markup=False)
