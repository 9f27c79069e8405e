"""`cadre template roster|score`: a clean workbook to start from (`make_template`), its
headers the ones the reader knows, with drop-down lists and date formats."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy

__all__ = ["TemplateReport", "make_template"]

KINDS = {"roster": "名册", "score": "成绩表"}


@dataclass
class TemplateReport:
    kind: str  # "roster" | "score"
    path: Path  # the workbook written
    policy: Policy  # the policy it follows (reserve levels, panel size, the enterprise's columns)

    @property
    def label(self) -> str:
        return KINDS[self.kind]


def make_template(kind: str, output: str | Path, policy: str | Path | Policy | None = None, *,
                  year: int | None = None, force: bool = False) -> TemplateReport:
    """Write a blank roster (`kind="roster"`) or score sheet (`"score"`) at `output` (.xlsx)
    under `policy` (default county); `year` is the latest 年度考核 year (default last
    year). An existing file only with `force`."""
    from cadre_cli.api.common import as_policy, check_suffix
    from cadre_cli.errors import InputError
    from cadre_cli.writers.atomic import check_target, write_atomic
    from cadre_cli.writers.template import build_template

    if kind not in KINDS:
        raise InputError(f"“{kind}”不是可选的模板（可选：{'、'.join(f'{v}（{k}）' for k, v in KINDS.items())}）。")
    target = Path(output)
    check_suffix(target, ".xlsx", "Excel 工作簿", label="输出文件")
    p = as_policy(policy)
    check_target(target, force=force)
    write_atomic(target, lambda tmp: build_template(kind, p, tmp, year))
    return TemplateReport(kind, target, p)
