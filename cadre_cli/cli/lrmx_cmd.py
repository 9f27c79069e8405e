"""`cadre lrmx check|export`: 干部任免审批表 files checked against the editor's input rules, and
written from a roster. Options -> one api call -> emitters (terminal, JSON, workbook)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cadre_cli.cli.common import console, emit_json, input_path, parse_as_of

lrmx_app = typer.Typer(
    help="干部任免审批表（任免表编辑器保存的.lrmx文件、旧版的.lrm文件）：按录入规范检查，或由名册生成。",
    no_args_is_help=True,
    rich_markup_mode=None,
)
TERMINAL_LIMIT = 200


@lrmx_app.command("check")
def check(
    source: Annotated[str, typer.Argument(metavar="任免表", help=".lrmx/.lrm 文件、存放它们的文件夹（含子文件夹），或.zip压缩包。")],
    as_of: Annotated[str | None, typer.Option("--as-of", metavar="日期", help="检查基准日，如 2026-12-01（默认今天）：参加工作、入党、填表时间不得晚于这一天。")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="文件", help="检查结果工作簿（默认 任免表_检查结果.xlsx，与输入同一文件夹）。")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件已存在时覆盖。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印到标准输出（此时只有给了 --output 才写工作簿）。")] = False,
    no_output: Annotated[bool, typer.Option("--no-output", help="只在屏幕上显示，不写工作簿。")] = False,
    show_all: Annotated[bool, typer.Option("--all", help=f"在屏幕上列出全部问题（默认最多{TERMINAL_LIMIT}条，其余见工作簿）。")] = False,
) -> None:
    """逐个检查任免审批表：按任免表编辑器的录入规范（长度、代码表、日期格式）、简历前后衔接、出生—参加工作—入党的先后、入党时年满18岁、
    身份证号（校验位、与出生年月和性别一致）、计算年龄时间，以及2025年新增的到龄年月（渐进式延迟退休）。

    有“错误”级问题时退出码为1，没有时为0；文件或选项无法使用时为2。

    示例：cadre lrmx check 任免表/ --as-of 2026-12-01；cadre lrmx check 任免表.zip --json
    """
    from cadre_cli.api.lrmx import check_lrmx
    from cadre_cli.cli.progress import job_progress

    day = parse_as_of(as_of)
    write = not no_output and (output is not None or not as_json)  # --json alone writes no workbook
    with job_progress(quiet=as_json) as progress:
        report = check_lrmx(input_path(source), day, output=(output or True) if write else None, force=force,
                            progress=progress)
    summary = report.summary()
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.lrmx_check(report))
    else:
        from cadre_cli.emit.terminal.lrmx import render_check

        render_check(console, report, report.output, None if show_all else TERMINAL_LIMIT)
    raise typer.Exit(1 if summary["errors"] else 0)


@lrmx_app.command("export")
def export(
    roster: Annotated[str, typer.Argument(metavar="名册", help="后备干部名册（.xlsx .xls .et .ods .csv 等）。")],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="文件夹", help="写出任免表的文件夹（不存在时新建）。")],
    photos: Annotated[Path | None, typer.Option("--photos", metavar="文件夹", help="照片文件夹：其中的“姓名.jpg”嵌入同名的人的任免表（重名的第二人为“姓名（2）.jpg”）。")] = None,
    age_date: Annotated[str | None, typer.Option("--age-date", metavar="日期", help="计算年龄时间（任免表上年龄按这一天计算），如 2026-12-01；不给则留空。")] = None,
    age_limit: Annotated[int | None, typer.Option("--age-limit", metavar="岁", help="名册没有“改革前任职年龄界限”列时，所有人的改革前任职年龄界限（55、60，女干部原50岁的为50）；不给则男60、女55。")] = None,
    include_inactive: Annotated[bool, typer.Option("--include-inactive", help="名册写明退休、调出等不在岗的人也导出。")] = False,
    force: Annotated[bool, typer.Option("--force", help="文件夹中已有同名的任免表时覆盖。")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="把结果以 JSON 打印到标准输出。")] = False,
) -> None:
    """由名册生成干部任免审批表：每人一个“姓名.lrmx”（任免表编辑器 3.2.1.6 版的格式，UTF-8），重名的加“（2）”。

    只写名册中有的内容，没有的栏目留空，绝不编造；“到龄年月”按2025年渐进式延迟退休办法计算
    （男60岁、女55岁，或名册“改革前任职年龄界限”列、--age-limit 给出的年龄）。写出的每个文件都先用本工具读回核对。

    示例：cadre lrmx export 后备干部名册.xlsx -o 任免表/ --age-date 2026-12-01
    """
    from cadre_cli.api.lrmx import export_lrmx

    report = export_lrmx(input_path(roster), output, photos=photos, age_date=age_date, age_limit=age_limit,
                         force=force, include_inactive=include_inactive)
    if as_json:
        from cadre_cli.emit import json

        emit_json(json.lrmx_export(report))
        return
    from cadre_cli.emit.terminal.lrmx import render_export

    render_export(console, report)


def register(app: typer.Typer) -> None:
    app.add_typer(lrmx_app, name="lrmx")
