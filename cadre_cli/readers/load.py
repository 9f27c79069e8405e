"""Open a workbook and return the tables of the sheets that hold the wanted kind of list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.raw import RawBook, load_book
from cadre_cli.readers.table import Table, _row_text, locate, missing_fields_message, records


def read_tables(path: Any, key_fields: tuple[str, ...] = ("name",),
                allow_empty: bool = False) -> tuple[RawBook, list[Table]]:
    """Every sheet whose header carries one of `key_fields`, with its records cut out.
    A workbook with headers but no data rows is refused unless `allow_empty`."""
    book = load_book(path)
    path = book.path
    tables: list[Table] = []
    for sheet in book.sheets:
        table = locate(book, sheet, key_fields)
        if table is not None:
            records(table)
            tables.append(table)
    if not tables:
        seen: list[str] = []
        for sheet in book.sheets:
            for r in range(min(10, len(sheet.rows))):
                seen.extend(t for t in _row_text(sheet, r) if t and len(t) <= 20)
        if not any(sheet.rows for sheet in book.sheets):
            raise InputError(f"“{path.name}”是空白工作簿，没有任何内容。")
        raise InputError(missing_fields_message(path.name, None, seen, list(key_fields[:1])))
    if not allow_empty and not any(t.records for t in tables):
        first = tables[0]
        raise InputError(f"“{path.name}”工作表“{first.name}”只有表头（第{first.header_rows[-1]}行），下面没有任何人员数据。")
    return book, tables


def require(table: Table, fields: list[str], purpose: str) -> None:
    """Stop with the headers seen and accepted when a needed field has no column."""
    missing = [f for f in fields if f not in table.columns]
    if missing:
        headers = list(table.headers.values())
        raise InputError(
            missing_fields_message(table.path_name, table.sheet, headers, missing).rstrip("。")
            + f"（{purpose}需要{'、'.join(field_label(f) for f in missing)}）。"
        )
