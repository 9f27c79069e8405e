"""`cadre rules [ID]`: the rule registry, like `ruff rule`. Options -> one api call
(`list_rules` / `explain_rule`) -> emitters (terminal, JSON)."""

from __future__ import annotations

from typing import Annotated

import typer

from cadre_cli.cli.common import console, emit_json


def rules(
    rule_id: Annotated[str | None, typer.Argument(metavar="规则编号", help="只看一条规则的说明，如 age-limit。")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="只列出在这个政策下启用的规则。")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """列出全部检查规则（编号、级别、依据、在哪些预设中启用），或说明其中一条。

    示例：cadre rules；cadre rules age-limit；cadre rules --policy street
    """
    from cadre_cli.emit import json

    if rule_id is not None:
        from cadre_cli.api.rules import explain_rule

        one = explain_rule(rule_id, policy)
        if as_json:
            emit_json(json.rule(one))
        else:
            from cadre_cli.emit.terminal.rules import render_rule

            render_rule(console, one)
        return
    from cadre_cli.api.rules import list_rules

    report = list_rules(policy)
    if as_json:
        emit_json(json.rules(report))
    else:
        from cadre_cli.emit.terminal.rules import render_list

        render_list(console, report)
