"""A policy as TOML text, for `cadre policy show`."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

import tomli_w

from cadre_cli.policy.schema import Policy


def _plain(value: Any) -> Any:
    if hasattr(value, "model_dump"):
        return _plain(value.model_dump(exclude_none=True))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, Fraction):
        return float(value) if (value * 100).denominator == 1 else f"{value.numerator}/{value.denominator}"
    return value


def policy_toml(policy: Policy) -> str:
    data = _plain(policy.model_dump(mode="python", exclude_none=True))
    for key in ("extends", "source"):
        data.pop(key, None)
    return tomli_w.dumps(data)


def editable_copy(policy: Policy, file_name: str) -> str:
    """The preset's own TOML text (its comments explain each value) under a header that
    says what the copy is based on and how to use it."""
    from cadre_cli.policy.load import preset_path

    lines = preset_path(policy.name).read_text(encoding="utf-8").splitlines()
    while lines and (lines[0].startswith("#") or not lines[0].strip()):  # the preset's own header
        lines.pop(0)
    header = [
        f"# 由 cadre policy init 从预设“{policy.name}”（{policy.title}）生成的可编辑副本。",
        f"# 依据：{policy.document}",
        "# 修改等号右边的数值后，运行命令时加 --policy 本文件名 即可使用，例如：",
        f"#   cadre audit 名册.xlsx --policy {file_name}",
        "# 键名（等号左边）是英文，不要改；中文值放在英文双引号里。",
        "# 行首的 # 表示注释；去掉某个设置项前的 # 并填上数值即可启用该项。",
        "",
    ]
    return "\n".join(header + lines) + "\n"
