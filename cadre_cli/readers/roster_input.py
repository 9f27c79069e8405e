"""The one place a roster is read, whatever it is: a workbook, or 干部任免审批表 files (a .lrmx
or .lrm file, a folder of them, a .zip of them; one person per file).

`read_roster` gives the same `Reading` for both: for 任免表 files the records are laid out as a
roster (`lrmx.roster`), one row per file, and read by the workbook reader itself, so every
command sees the same people, fields and findings as for a workbook of the same people. The
reading report then says which file and element each cell comes from (`report.place`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError
from cadre_cli.readers.load import Reading, read_workbook

LRMX_SUFFIXES = (".lrmx", ".lrm", ".pic")


def is_lrmx_input(path: Any) -> bool:
    """A folder, a .lrmx/.lrm file, or a .zip (a roster is never a .zip by name)."""
    if not isinstance(path, Path):
        return False
    return path.is_dir() or path.suffix.lower() in (*LRMX_SUFFIXES, ".zip")


def read_roster(path: Any, key_fields: tuple[str, ...] = ("name",), allow_empty: bool = False) -> Reading:
    """A workbook as `read_workbook` reads it; 任免表 files as the roster they make."""
    if not is_lrmx_input(path):
        return read_workbook(path, key_fields, allow_empty)
    return read_lrmx_roster(path, key_fields, allow_empty)


def read_lrmx_roster(path: Path, key_fields: tuple[str, ...] = ("name",), allow_empty: bool = False) -> Reading:
    from cadre_cli.lrmx.roster import FILE_HEADER, UNIT_HEADER, roster_rows
    from cadre_cli.lrmx.sources import read_path
    from cadre_cli.readers.report import ColumnRead

    if path.suffix.lower() == ".pic":
        raise InputError(f"“{path.name}”是旧版任免表的照片文件，请给出同名的 .lrm 文件或所在的文件夹。")
    batch = read_path(path)
    if not batch.records:
        reasons = "；".join(f"{d.where.file}：{d.message}" for d in batch.failures[:5])
        raise InputError(f"“{path.name}”中没有能读取的任免审批表：{reasons}。")
    rows, places = roster_rows(batch.records)
    reading = _read_listing(path, rows, key_fields, len(batch.records))
    report = reading.report
    report.places = places
    notes = {FILE_HEADER: "文件名，供对照", UNIT_HEADER: "文件所在的子文件夹"}
    report.columns = [ColumnRead(c.sheet, c.col, c.row, c.header, c.field, notes[c.header], c.resembles)
                      if c.header in notes else _derived(c) for c in report.columns]
    report.files = {"read": [r.file for r in batch.records], "failed": [d.as_json() for d in batch.failures],
                    "ignored": list(batch.ignored)}
    report.notes[:0] = files_notes(path, batch)
    return reading


def _read_listing(path: Path, rows: list[list[object]], key_fields: tuple[str, ...], count: int) -> Reading:
    """The listing read by the workbook reader's own header mapping, one record per file
    whatever it holds: the sheet is ours, so none of the reader's guesses about a user's sheet
    (a name that is a header word, a file name that reads like 合计 or 填表说明) may drop a row."""
    from cadre_cli.lrmx.roster import SHEET, ListingBook
    from cadre_cli.parse.text import is_blank
    from cadre_cli.readers.guard import Kind
    from cadre_cli.readers.raw import RawSheet
    from cadre_cli.readers.report import ReadReport, SheetRead
    from cadre_cli.readers.source import Source
    from cadre_cli.readers.table import Record, locate

    sheet = RawSheet(SHEET, rows)
    book = ListingBook(path, Kind.XLSX, [sheet], source=Source(path, Kind.XLSX), rows=rows)
    table = locate(book, sheet, key_fields)
    if table is None:  # the listing always has a 姓名 column
        raise AssertionError("the 任免表 listing has no header")
    columns = dict(table.columns)
    table.records = [
        Record(table.name, r + 1, {f: v for f, c in columns.items() if c - 1 < len(rows[r]) and not is_blank(v := rows[r][c - 1])},
               columns)
        for r in range(1, count + 1)
    ]
    report = ReadReport(path.name, [SheetRead(sheet.name, table.header_rows, count)], list(table.report))
    return Reading(book, [table], report)


def _derived(column: Any) -> Any:
    """A column the listing derives (任现职时间 from the 简历): its note says how."""
    from cadre_cli.lrmx.roster import COLUMNS
    from cadre_cli.readers.report import ColumnRead

    note = next((c.note for c in COLUMNS if c.header == column.header and c.note), None)
    if note is None:
        return column
    return ColumnRead(column.sheet, column.col, column.row, column.header, column.field, note, column.resembles)


def files_notes(path: Path, batch: Any) -> list[str]:
    """What was read: `读取了文件夹“任免表”中的3个任免审批表（.lrmx 2个、.lrm 1个），一个文件一人。`"""
    kinds: dict[str, int] = {}
    for record in batch.records:
        kinds[record.card.format] = kinds.get(record.card.format, 0) + 1
    where = "文件夹" if path.is_dir() else ("压缩包" if path.suffix.lower() == ".zip" else "文件")
    counted = "、".join(f".{k} {n}个" for k, n in sorted(kinds.items(), key=lambda kv: kv[0] != "lrmx"))
    notes = [f"读取了{where}“{path.name}”中的{len(batch.records)}个任免审批表（{counted}），一个文件一人；"
             "名单中的每个单元格对应文件中的一个栏目。"]
    if batch.failures:
        shown = "；".join(f"“{d.where.file}”：{d.message.rstrip('。')}" for d in batch.failures[:5])
        more = f"等{len(batch.failures)}个" if len(batch.failures) > 5 else ""
        notes.append(f"未能读取{more}：{shown}（可用 cadre lrmx check 查看）。")
    if batch.ignored:
        shown = "、".join(f"“{n}”" for n in batch.ignored[:5]) + ("等" if len(batch.ignored) > 5 else "")
        notes.append(f"{len(batch.ignored)}个不是任免表的文件未读取：{shown}。")
    return notes


def with_place(found: dict, report: Any, cell: Any) -> dict:
    """A finding's JSON, for 任免表 input with the file and element its cell comes from."""
    if report.places is None:
        return found
    found = {**found, "message": report.rewrite(found.get("message") or "")}
    if cell is None:
        return found
    located = report.places.locate(cell.sheet, cell.row, cell.col)
    if located is None:
        return found
    return {**found, "file": located[0], "element": located[1] or None, "place": report.place(cell.sheet, cell.row, cell.col)}
