"""Run `cadre audit --json` on a roster built from row dicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.builders import roster_xlsx

AS_OF = "2026-12-01"


def write_policy(tmp_path: Path, body: str, name: str = "policy.toml") -> str:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    return str(path)


def audit(run, tmp_path: Path, rows: list[dict[str, Any]], *args: str, policy: str | None = None,
          as_of: str = AS_OF, name: str = "名册.xlsx", **layout: Any) -> dict:
    path = roster_xlsx(tmp_path / name, rows, **layout)
    cli = ["audit", str(path), "--json", "--as-of", as_of, *args]
    if policy:
        cli += ["--policy", policy]
    result = run(*cli)
    assert result.code in (0, 1), result
    data = json.loads(result.out)
    data["_code"] = result.code
    return data


def of_rule(data: dict, rule: str) -> list[dict]:
    return [f for f in data["findings"] if f["rule"] == rule]
