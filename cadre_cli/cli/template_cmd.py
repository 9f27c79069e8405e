"""`cadre template roster|score OUTPUT.xlsx`: a clean workbook to start from.
Options -> one api call (`make_template`) -> the terminal."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import console
from cadre_cli.cli.options import choice

KIND_WORDS = {"名册": "roster", "roster": "roster", "成绩表": "score", "成绩": "score", "score": "score"}


def template(
    kind: Annotated[str, typer.Argument(metavar="名册|成绩表", callback=choice(KIND_WORDS), help="名册（roster）：后备干部名册；成绩表（score）：答辩测评成绩登记表。")],
    output: Annotated[Path, typer.Argument(metavar="输出文件.xlsx", help="要生成的工作簿。")],
    policy: Annotated[str | None, typer.Option("--policy", "-p", metavar="政策", help="按哪个政策生成（决定后备类别、评委人数、企业计分栏目）。")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="年份", help="年度考核的最近一年（默认去年）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="文件已存在时覆盖。")] = False,
) -> None:
    """生成一份空白的名册或成绩表：表头可被本工具识别，带下拉选择和日期格式。

    示例：cadre template 名册 后备干部名册.xlsx；cadre template 成绩表 成绩表.xlsx --policy enterprise
    """
    from cadre_cli.api.template import make_template
    from cadre_cli.emit.terminal.template import render

    render(console, make_template(kind, output, policy, year=year, force=force))
