"""Open a workbook and return the tables of the sheets that hold the wanted kind of list,
with the report of what was read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.own_output import Marks, looks_own_sheet, own_columns, read_marks
from cadre_cli.readers.raw import RawBook, RawSheet, load_book
from cadre_cli.readers.report import ReadReport, SheetRead
from cadre_cli.readers.table import Table, _row_text, locate, missing_fields_message, records


@dataclass
class Reading:
    """A workbook as read: its grids, the tables of people found, and what was read."""

    book: RawBook
    tables: list[Table]
    report: ReadReport


def read_workbook(path: Any, key_fields: tuple[str, ...] = ("name",), allow_empty: bool = False) -> Reading:
    """Every sheet whose header carries one of `key_fields`, with its records cut out, and
    the report of every sheet and column. Sheets and columns this tool added to its own
    output are left out with a note. A workbook with headers but no data rows is refused
    unless `allow_empty`."""
    book = load_book(path)
    path = book.path
    marks = read_marks(book.open()) if book.kind in (Kind.XLSX, Kind.XLSM) else Marks()
    report = ReadReport(path.name)
    tables: list[Table] = []
    own: list[str] = []
    for sheet in book.sheets:
        if sheet.name in marks.sheets or (not marks and looks_own_sheet(sheet.name, sheet.rows[:2])):
            own.append(sheet.name)
            report.sheets.append(SheetRead(sheet.name, skipped="本工具上次运行时生成的工作表，不是名册内容"))
            continue
        table = _table(book, sheet, key_fields, marks)
        if table is None:
            reason = "空白工作表" if not any(any(_row_text(sheet, r)) for r in range(min(20, len(sheet.rows)))) \
                else f"没有找到含“{field_label(key_fields[0])}”等列的表头"
            report.sheets.append(SheetRead(sheet.name, skipped=reason))
            continue
        records(table)
        if table.added:
            report.own.columns[sheet.name] = set(table.added)
        report.notes += table.notes
        report.columns += table.report
        if not table.records and table.notes:
            report.sheets.append(SheetRead(sheet.name, table.header_rows, 0, "表头下面没有人员（见提示）"))
            continue
        report.sheets.append(SheetRead(sheet.name, table.header_rows, len(table.records)))
        tables.append(table)
    report.own.sheets = set(own)
    if own:
        names = "、".join(f"“{n}”" for n in own)
        report.notes.insert(0, f"工作表{names}是本工具上次运行时生成的结果，已跳过；本次结果会重新生成。")
    if not tables:
        _refuse(path, book, report, key_fields)
    if not allow_empty and not any(t.records for t in tables):
        first = tables[0]
        raise InputError(f"“{path.name}”工作表“{first.name}”只有表头（第{first.header_rows[-1]}行），下面没有任何人员数据。")
    return Reading(book, tables, report)


def _table(book: RawBook, sheet: RawSheet, key_fields: tuple[str, ...], marks: Marks) -> Table | None:
    """The sheet's table, its tool-added columns left out: those the property names, or
    (without the property) the tool's labels at the right end of the header."""
    added = frozenset(marks.columns.get(sheet.name, ()))
    table = locate(book, sheet, key_fields, added)
    if table is not None and not marks.from_property:
        found = frozenset(own_columns(table.headers))
        if found:
            table = locate(book, sheet, key_fields, found)
    return table


def _refuse(path: Path, book: RawBook, report: ReadReport, key_fields: tuple[str, ...]) -> None:
    skipped = [s for s in report.sheets if s.header_rows]
    if skipped:  # a header was found, but nothing under it is a person
        note = report.notes[-1] if report.notes else ""
        raise InputError(f"“{path.name}”中没有可读取的人员：{note}")
    seen: list[str] = []
    for sheet in book.sheets:
        for r in range(min(10, len(sheet.rows))):
            seen.extend(t for t in _row_text(sheet, r) if t and len(t) <= 20)
    if not any(sheet.rows for sheet in book.sheets):
        raise InputError(f"“{path.name}”是空白工作簿，没有任何内容。")
    raise InputError(missing_fields_message(path.name, None, seen, list(key_fields[:1])))


def read_tables(path: Any, key_fields: tuple[str, ...] = ("name",),
                allow_empty: bool = False) -> tuple[RawBook, list[Table]]:
    """`read_workbook` without the report."""
    reading = read_workbook(path, key_fields, allow_empty)
    return reading.book, reading.tables


def require(table: Table, fields: list[str], purpose: str) -> None:
    """Stop with the headers seen and accepted when a needed field has no column."""
    missing = [f for f in fields if f not in table.columns]
    if missing:
        headers = list(table.headers.values())
        raise InputError(
            missing_fields_message(table.path_name, table.sheet, headers, missing).rstrip("。")
            + f"（{purpose}需要{'、'.join(field_label(f) for f in missing)}）。"
        )
