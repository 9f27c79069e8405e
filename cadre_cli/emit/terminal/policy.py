"""The policies on the terminal: the presets (`render_list`), a policy in effect as TOML
text (`render_show`), a copy written (`render_init`)."""

from __future__ import annotations

import sys
from typing import Any

from cadre_cli.api.policy import PolicyInitReport, PolicyListReport, PolicyShowReport


def render_list(console: Any, report: PolicyListReport) -> None:
    from rich import box
    from rich.table import Table

    table = Table(title="预设政策（--policy 名称）", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("名称", style="bold cyan", no_wrap=True)
    table.add_column("适用")
    table.add_column("依据")
    for p in report.presets:
        mark = "（默认）" if p.name == report.default else ""
        table.add_row(p.name + mark, p.title, p.document)
    console.print(table)
    console.print("查看某个预设的全部数值：cadre policy show 名称；生成可修改的副本：cadre policy init 名称")


def render_show(console: Any, report: PolicyShowReport) -> None:
    """The TOML goes to stdout as it is (no wrapping, no markup): it can be saved and edited."""
    policy = report.policy
    console.print(f"# 生效的政策：{policy.name}（{policy.title}）", markup=False)
    console.print(f"# 依据：{policy.document}", markup=False)
    sys.stdout.write(report.toml)
    console.print("# 启用的规则：" + "、".join(report.rules_enabled), markup=False)


def render_init(console: Any, report: PolicyInitReport) -> None:
    console.print(f"已生成政策文件：{report.path}（以{report.policy.document}为底本）", markup=False)
