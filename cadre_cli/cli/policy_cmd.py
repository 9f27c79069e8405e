"""`cadre policy list|show|init`: the presets and a locality's own policy files.
Options -> one api call (`cadre_cli.api.policy`) -> emitters (terminal, JSON)."""

from __future__ import annotations

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
    from cadre_cli.api.policy import list_policies

    report = list_policies()
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.policy_list(report))
        return
    from cadre_cli.emit.terminal.policy import render_list

    render_list(console, report)


@policy_app.command("show")
def policy_show(
    ref: Annotated[str, typer.Argument(metavar="名称或文件", help="预设名称（如 county）或 .toml 政策文件。")] = "county",
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """显示生效的政策：预设或文件（含 extends 继承来的数值）。

    示例：cadre policy show county；cadre policy show 我县政策.toml
    """
    from cadre_cli.api.policy import show_policy

    report = show_policy(ref)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.policy_show(report))
        return
    from cadre_cli.emit.terminal.policy import render_show

    render_show(console, report)


@policy_app.command("init")
def policy_init(
    name: Annotated[str, typer.Argument(metavar="预设名称", help="以哪个预设为底本，如 county。")] = "county",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="写到哪个文件（默认 当前文件夹/预设名称.toml）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一份带注释、可编辑的政策文件副本；改好后用 --policy 文件名 使用。

    示例：cadre policy init county -o 我县政策.toml
    """
    from cadre_cli.api.policy import init_policy
    from cadre_cli.emit.terminal.policy import render_init

    render_init(console, init_policy(name, output, force=force))
