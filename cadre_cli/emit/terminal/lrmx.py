"""Terminal views of `cadre lrmx check` and `cadre lrmx export`, and of the roster-against-files
cross-check under `cadre audit --lrmx`. Readable at 80 columns: on a narrow terminal the place
(file and element) and the rule go under the message."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich import box
from rich.markup import escape
from rich.table import Table

from cadre_cli.emit.terminal.audit import place_lines
from cadre_cli.cli.common import stacked
from cadre_cli.diagnostic import Diagnostic
from cadre_cli.parse.dates import chinese_date

SEVERITY_STYLE = {"error": "[red]错误[/]", "warning": "[yellow]警告[/]", "info": "[blue]提示[/]"}
_RANK = {"error": 0, "warning": 1, "info": 2}


def rules_table(findings: Sequence[Diagnostic]) -> Table:
    from collections import Counter

    from cadre_cli.lrmx.finding import RULES

    table = Table(title="按规则统计", title_justify="left", box=box.SIMPLE_HEAD)
    for col in ("规则", "名称", "级别", "条数"):
        table.add_column(col, no_wrap=col in ("规则", "级别", "条数"), justify="right" if col == "条数" else "left")
    counts = Counter((f.rule, f.severity.value) for f in findings)
    for (rule, severity), n in sorted(counts.items(), key=lambda kv: (_RANK[kv[0][1]], -kv[1], kv[0][0])):
        title = RULES[rule].title if rule in RULES else rule
        table.add_row(rule, title, SEVERITY_STYLE[severity], str(n))
    return table


def findings_table(console: Any, findings: Sequence[Diagnostic], title: str = "问题明细") -> Table:
    from cadre_cli.lrmx.finding import place

    wide = console.width >= 120
    table = Table(title=title, title_justify="left", box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
                  padding=(0, 1) if wide else (0, 1, 0, 0), show_edge=wide)
    columns = ("位置", "姓名", "级别", "规则", "问题") if wide else ("姓名", "级别", "问题")
    for col in columns:
        table.add_column(col, no_wrap=col in ("级别", "规则"), ratio=1 if col == "问题" else None,
                         max_width=None if wide or col == "问题" else 10, overflow="fold")
    for f in findings:
        parts = _where(f, place(f))
        where = "，".join(parts)
        cells = [stacked(*(line for part in parts for line in place_lines(part)))] if wide else []
        cells += [escape(f.name or "—"), SEVERITY_STYLE[f.severity.value]]
        if wide:
            cells += [f.rule, escape(f.message)]
        else:
            cells.append(stacked(f.message, (f"{where} {f.rule}", "dim")))
        table.add_row(*cells)
    return table


def _where(f: Diagnostic, file_place: str) -> tuple[str, ...]:
    """The file and element; for a cross-check the roster cell first."""
    w = f.where
    if w.sheet and w.row:
        roster = f"名册“{w.sheet}”{w.ref}"
        return (roster, file_place) if file_place else (roster,)
    return (file_place or "（整体）",)


def render_check(console: Any, report: Any, target: Path | None, limit: int | None) -> None:
    s = report.summary()
    unread = f"（其中{s['unreadable']}个无法读取）" if s["unreadable"] else ""
    console.print(f"[bold]{escape(report.source)}[/]：{s['files']}个任免表{unread}；检查基准日 {chinese_date(report.as_of)}")
    console.print(f"错误 [red]{s['errors']}[/] 条，警告 [yellow]{s['warnings']}[/] 条，提示 [blue]{s['infos']}[/] 条；"
                  f"没有错误和警告的 [green]{s['clean']}[/] 个。")
    findings = report.findings
    if findings:
        console.print(rules_table(findings))
    if len(report.files) > 1:
        table = Table(title="按文件统计", title_justify="left", box=box.SIMPLE_HEAD)
        for col in ("文件", "姓名", "错误", "警告", "提示"):
            table.add_column(col, justify="left" if col in ("文件", "姓名") else "right", overflow="fold")
        for r in report.files:
            c = r.counts
            table.add_row(escape(r.file), escape(r.name or "—"), str(c["errors"]), str(c["warnings"]), str(c["infos"]))
        console.print(table)
    shown = findings if limit is None else findings[:limit]
    if shown:
        console.print(findings_table(console, shown))
        if len(shown) < len(findings):
            console.print(f"……另有{len(findings) - len(shown)}条未在屏幕上列出，见输出工作簿的“问题清单”，或加 --all。")
    else:
        console.print("[green]没有发现问题。[/]")
    if report.ignored:
        names = "、".join(f"“{n}”" for n in report.ignored[:5]) + ("等" if len(report.ignored) > 5 else "")
        console.print(f"注意：{len(report.ignored)}个不是任免表的文件未读取：{escape(names)}。")
    if target is not None:
        console.print(f"检查结果已写到：[bold]{escape(str(target))}[/]（原文件未改动）")


def render_export(console: Any, report: Any) -> None:
    photos = f"，其中{report.photos}人嵌入了照片" if report.photos else ""
    console.print(f"由“{escape(report.roster)}”生成了{len(report.written)}个任免表{photos}，"
                  f"写到文件夹：[bold]{escape(str(report.folder))}[/]")
    by_note: dict[str, list[str]] = {}
    for w in report.written:
        for note in w.notes:
            by_note.setdefault(note, []).append(w.path.name.removesuffix(".lrmx"))
    if by_note:
        console.print("[bold]说明[/]（留空或未写入的内容）：")
        for note, names in by_note.items():
            who = "、".join(names[:6]) + (f"等{len(names)}人" if len(names) > 6 else "")
            console.print(f"  {escape(who)}：{escape(note)}")
    for line in report.skipped:
        console.print(f"未导出：{escape(line)}")
    console.print("名册中没有的栏目（如简历、家庭成员、奖惩情况）都留空，请在任免表编辑器中补全后再用 cadre lrmx check 检查。")


def render_cross(console: Any, cross: Any, limit: int | None) -> None:
    """The differences one by one; the roster people without a file in one line (a folder often
    holds the files of a few units only)."""
    s = cross.summary()
    console.print(f"[bold]与任免表核对[/]（{escape(cross.source)}）：对应上{s['matched']}人；"
                  f"不一致 [red]{s['errors']}[/] 条，其他 [yellow]{s['warnings']}[/] 条。")
    no_file = [f for f in cross.findings if f.rule == "lrmx-cross-no-file"]
    listed = [f for f in cross.findings if f.rule != "lrmx-cross-no-file"]
    shown = listed if limit is None else listed[:limit]
    if shown:
        console.print(findings_table(console, shown, "名册与任免表的差异"))
    if len(shown) < len(listed):
        console.print(f"……另有{len(listed) - len(shown)}条未在屏幕上列出，见输出工作簿的“任免表核对”，或加 --all。")
    if no_file:
        count = len(no_file) if limit is None else 10
        names = "、".join(f"{f.name or '（无姓名）'}（第{f.where.row}行）" for f in no_file[:count])
        more = f"等{len(no_file)}人" if len(no_file) > count else ""
        console.print(f"名册中没有对应任免表的{len(no_file)}人：{escape(names)}{more}"
                      "（按身份证号，或姓名和出生年月；全部见工作簿的“任免表核对”或 --json）。")
