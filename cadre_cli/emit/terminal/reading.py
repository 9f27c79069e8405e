"""Terminal view of what was read: a short table of the columns whose header is not the
field's own name (every column with -v), the columns not read, warnings and notes."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from cadre_cli.parse.text import header_key
from cadre_cli.readers.report import ColumnRead, ReadReport

MAX_NAMES = 12


def _layouts(report: ReadReport) -> list[tuple[list[str], list[ColumnRead]]]:
    """Sheets with the same header (one sheet per unit) shown once."""
    groups: dict[tuple, tuple[list[str], list[ColumnRead]]] = {}
    for sheet in dict.fromkeys(c.sheet for c in report.columns):
        cols = [c for c in report.columns if c.sheet == sheet]
        key = tuple((c.cell, c.header, c.field, c.note) for c in cols)
        groups.setdefault(key, ([], cols))[0].append(sheet)
    return list(groups.values())


def _plain(c: ColumnRead) -> bool:
    """Read under its field's own name (姓名 as 姓名): nothing to explain."""
    return c.field is not None and c.note is None and header_key(c.header.split("/")[-1]) == header_key(c.label or "")


def _where(sheets: list[str]) -> str:
    if len(sheets) == 1:
        return f"工作表“{sheets[0]}”"
    shown = "".join(f"“{s}”" for s in sheets[:4]) + ("等" if len(sheets) > 4 else "")
    return f"工作表{shown}（共{len(sheets)}个，表头相同）"


def render_reading(console: Any, report: ReadReport, verbose: bool = False, hint: str = "加 -v 列出每一列") -> None:
    console.print(f"[bold]读取说明[/]：{escape(report.summary())}" + ("" if verbose else f"（{hint}）"))
    for sheet in report.sheets:
        if sheet.skipped and (verbose or sheet.header_rows or "本工具" in sheet.skipped):
            console.print(f"  工作表“{escape(sheet.name)}”未作为名单读取：{escape(sheet.skipped)}")
    for sheets, cols in _layouts(report):
        shown = cols if verbose else [c for c in cols if not _plain(c) and c.field is not None]
        plain = [c for c in cols if _plain(c)]
        rows = {s.name: s for s in report.sheets}
        info = rows.get(sheets[0])
        head = f"表头在第{'、'.join(map(str, info.header_rows))}行" if info and info.header_rows else ""
        counted = sum(rows[s].records for s in sheets if s in rows)
        console.print(f"  {escape(_where(sheets))}：{head}，其下{counted}行")
        if shown:
            table = Table(show_header=True, header_style="bold", box=None, padding=(0, 1), pad_edge=False)
            notes = any(c.note for c in shown)
            for label in ("单元格", "表头", "读作", "说明")[: 4 if notes else 3]:
                table.add_column(label, overflow="fold", no_wrap=label == "单元格")
            for c in shown:
                style = "yellow" if c.warning else ("dim" if c.field is None else None)
                cells = [c.cell, escape(c.header), escape(c.label or "未读取")] + ([escape(c.note or "")] if notes else [])
                table.add_row(*cells, style=style)
            console.print(table)
        if plain and not verbose:
            names = "、".join(escape(c.header) for c in plain[:MAX_NAMES]) + ("等" if len(plain) > MAX_NAMES else "")
            console.print(f"    按表头原名读取{len(plain)}列：{names}")
        ignored = [c for c in cols if c.field is None]
        if ignored and not verbose:
            names = "、".join(f"{escape(c.header)}（{c.cell}）" for c in ignored[:MAX_NAMES])
            more = f"等{len(ignored)}列" if len(ignored) > MAX_NAMES else ""
            console.print(f"    [dim]未读取：{names}{more}[/]")
    for warning in report.warnings:
        console.print(f"[yellow]提示：[/]{escape(warning)}")
    for note in report.notes:
        console.print(f"说明：{escape(note)}")
