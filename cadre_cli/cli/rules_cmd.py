"""`cadre rules [ID]`: the rule registry, like `ruff rule`."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from cadre_cli.cli.common import console, emit_json, stacked
from cadre_cli.errors import CadreError

PRESET_SHORT = {
    "county": "县", "county-term": "临", "young-cadre": "青", "college": "院", "street": "街",
    "school": "校", "village": "村", "enterprise": "企", "bureau": "局",
}


def rules(
    rule_id: Annotated[str | None, typer.Argument(metavar="规则编号", help="只看一条规则的说明，如 age-limit。")] = None,
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="只列出在这个政策下启用的规则。")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出。")] = False,
) -> None:
    """列出全部检查规则（编号、级别、依据、在哪些预设中启用），或说明其中一条。

    示例：cadre rules；cadre rules age-limit；cadre rules --policy street
    """
    from cadre_cli.policy.load import load_policy, preset_names
    from cadre_cli.rules.registry import RULES, get_rule

    presets = {name: load_policy(name) for name in preset_names()}
    if rule_id is not None:
        rule = get_rule(rule_id)
        if rule is None:
            raise CadreError(f"没有编号为“{rule_id}”的规则；运行 cadre rules 查看全部编号。")
        _explain(rule, {policy: load_policy(policy)} if policy is not None else presets, as_json, one=policy is not None)
        return
    chosen = RULES
    chosen_policy = None
    if policy is not None:
        chosen_policy = load_policy(policy)
        chosen = [r for r in RULES if r.enabled(chosen_policy)]
    if as_json:
        emit_json({"command": "rules", "rules": [_rule_json(r, presets, chosen_policy) for r in chosen]})
        return
    from rich import box
    from rich.table import Table

    table = Table(title="检查规则（cadre rules 编号 查看详细说明）", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("编号", style="bold cyan", no_wrap=True)
    table.add_column("级别", no_wrap=True)
    table.add_column("名称与依据", ratio=1)
    table.add_column("启用的预设", max_width=14, overflow="fold")
    for r in chosen:
        on = " ".join(PRESET_SHORT.get(n, n) for n, p in presets.items() if r.enabled(p))
        basis = chosen_policy.cite(r.id, r.basis) if chosen_policy is not None else r.basis
        table.add_row(r.id, _severity(r.severity.value), stacked(r.title, (basis, "dim")),
                      "全部" if not r.params else on or "（需设定参数）")
    console.print(table)
    console.print("预设简称：" + "、".join(f"{v}={k}" for k, v in PRESET_SHORT.items()))


def _severity(value: str) -> str:
    from cadre_cli.emit.severity import markup

    return markup(value)


def _citations(rule: Any, presets: dict) -> dict[str, str]:
    """The clause each preset that enables the rule cites for it (its `[basis]`, else
    the rule's own), e.g. `《后备干部培养管理实施规定》四(七)`."""
    on = {n: p for n, p in presets.items() if rule.enabled(p)} or presets
    return {n: p.cite(rule.id, rule.basis) for n, p in on.items()}


def _grouped(citations: dict[str, str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, cite in citations.items():
        out.setdefault(cite, []).append(name)
    return out


def _param_values(rule: Any, presets: dict) -> dict[str, dict[str, Any]]:
    from cadre_cli.policy.render import _plain
    from cadre_cli.rules.registry import param_values

    out: dict[str, dict[str, Any]] = {}
    for param in (*rule.params, *rule.options):
        values = {}
        for name, p in presets.items():
            if param in rule.options and not rule.enabled(p):
                continue  # an option's value matters only where the rule is on
            found = [v for v in param_values(p, param) if v not in (None, [], False)]
            if found:
                plain = [_plain(v.model_dump() if hasattr(v, "model_dump") else v) for v in found]
                values[name] = plain[0] if len(plain) == 1 else plain
        out[param] = values
    return out


def _rule_json(rule: Any, presets: dict, policy: Any = None) -> dict[str, Any]:
    """`policy`: the one `--policy` names; its clause is then `basis_in_policy`."""
    out = {
        "id": rule.id, "severity": rule.severity.value, "title": rule.title, "explanation": rule.explanation,
        "basis": rule.basis, "basis_by_preset": _citations(rule, presets), "params": list(rule.params), "options": list(rule.options),
        "needs": [list(n) for n in rule.needs], "scope": rule.scope,
        "presets": [n for n, p in presets.items() if rule.enabled(p)],
    }
    if policy is not None:
        out["basis_in_policy"] = policy.cite(rule.id, rule.basis)
    return out


def _explain(rule: Any, presets: dict, as_json: bool, one: bool = False) -> None:
    """`one`: `presets` is the single policy `--policy` named."""
    from cadre_cli.readers.fields import accepted_headers

    data = _rule_json(rule, presets)
    data["param_values"] = _param_values(rule, presets)
    if as_json:
        emit_json({"command": "rules", "rule": data})
        return
    console.print(f"[bold cyan]{rule.id}[/]  {_severity(rule.severity.value)}  [bold]{rule.title}[/]")
    console.print(rule.explanation)
    citations = data["basis_by_preset"]
    if len(set(citations.values())) > 1:
        console.print("依据：", markup=False)
        for cite, names in _grouped(citations).items():
            console.print(f"  {cite}（{'、'.join(names)}）", markup=False)
    else:
        console.print(f"依据：{next(iter(citations.values()), rule.basis)}", markup=False)
    if rule.example:
        console.print(f"示例：{rule.example}")
    if rule.needs:
        for alternatives in rule.needs:
            heads = "；".join(f"{'、'.join(accepted_headers(f)[:4]) or f}" for f in alternatives)
            console.print(f"需要的列（任一）：{heads}", markup=False)
    if not rule.params:
        console.print("在所有政策中启用（数据规范规则）。")
        return
    console.print("读取的政策参数及各预设中的取值：")
    for param, values in data["param_values"].items():
        shown = "；".join(f"{name}={value}" for name, value in values.items()) or ("（未设定）" if one else "（各预设均未设定）")
        console.print(f"  {param}：{shown}", markup=False)
    if one:
        name = next(iter(presets))
        console.print(f"在政策 {name} 中{'启用' if data['presets'] else '未启用（须在政策文件中设定参数）'}", markup=False)
        return
    console.print(f"启用的预设：{'、'.join(data['presets']) or '无（须在政策文件中设定参数）'}")
