"""A template written, on the terminal."""

from __future__ import annotations

from typing import Any

from cadre_cli.api.template import TemplateReport


def render(console: Any, report: TemplateReport) -> None:
    console.print(f"已生成{report.label}模板：{report.path}", markup=False)
