"""What was read: every header column of every sheet, the field it was read as (or why it
was not read), the sheets left out and the notes about rows and values.

Plain data, built by the reader (`table.locate`, `load.read_workbook`) and shown by every
command: on the terminal, in `--json` and in the annotated workbook's 读取说明 sheet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cadre_cli.readers.cells import col_letter
from cadre_cli.readers.fields import field_label
from cadre_cli.readers.own_output import Marks


@dataclass(frozen=True, slots=True)
class ColumnRead:
    """One header column: read as `field`, or not read (`field` None) with the reason in
    `note`; `resembles` is the field an unread header looks like (a warning)."""

    sheet: str
    col: int  # 1-based
    row: int  # the header's last row, 1-based
    header: str  # as written; a header of several rows is `年度考核/2024年`
    field: str | None
    note: str | None = None
    resembles: str | None = None

    @property
    def cell(self) -> str:
        return f"{col_letter(self.col)}{self.row}"

    @property
    def label(self) -> str | None:
        return field_label(self.field) if self.field else None

    @property
    def warning(self) -> str | None:
        """One sentence for an unread column that looks like a field the tool reads."""
        if self.field is not None or self.resembles is None:
            return None
        where = f"工作表“{self.sheet}”{self.cell}"
        if self.resembles == "date":
            return (f"“{self.header}”（{where}）没有读取：它像是一个日期，但不是本工具读取的项目；如果它是参加工作时间、"
                    "任现职时间、任现职级时间、入党时间或列入后备时间，请把表头改成该项的名称。")
        label = field_label(self.resembles)
        return f"“{self.header}”（{where}）没有读取：它像是“{label}”，但表头与本工具认识的写法不同；如果是该项，请把表头改为“{label}”。"

    def as_json(self) -> dict:
        out = {"sheet": self.sheet, "header": self.header, "cell": self.cell, "field": self.field,
               "label": self.label}
        if self.note:
            out["note"] = self.note
        if self.resembles and self.field is None:
            out["resembles"] = self.resembles
        return out


@dataclass(slots=True)
class SheetRead:
    """One sheet of the workbook: read as a table (its header rows and records), or left
    out with the reason."""

    name: str
    header_rows: tuple[int, ...] = ()
    records: int = 0
    skipped: str | None = None  # why the sheet was not read as a list of people

    def as_json(self) -> dict:
        return {"sheet": self.name, "header_rows": list(self.header_rows), "rows": self.records,
                "skipped": self.skipped}


@dataclass
class ReadReport:
    path_name: str
    sheets: list[SheetRead] = field(default_factory=list)
    columns: list[ColumnRead] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # rows and values the reader treated specially
    own: Marks = field(default_factory=Marks)  # what this tool added on an earlier run (left out)
    # 任免表 input (lrmx.roster.Places): which file and element each cell of the listing comes from
    places: Any = None
    files: dict | None = None  # 任免表 input: the files read, not read and ignored (JSON)

    @property
    def warnings(self) -> list[str]:
        return [w for c in self.columns if (w := c.warning)]

    @property
    def read(self) -> list[ColumnRead]:
        return [c for c in self.columns if c.field is not None]

    @property
    def ignored(self) -> list[ColumnRead]:
        return [c for c in self.columns if c.field is None]

    def summary(self) -> str:
        """`读取了2个工作表的15列，未读取4列（其中2列像是要读的项目）。`"""
        sheets = {c.sheet for c in self.columns}
        line = f"读取了{len(sheets)}个工作表的{len(self.read)}列"
        if self.ignored:
            line += f"，未读取{len(self.ignored)}列"
            if self.warnings:
                line += f"（其中{len(self.warnings)}列像是要读的项目，见下方提示）"
        skipped = [s for s in self.sheets if s.skipped]
        if skipped:
            line += f"；另有{len(skipped)}个工作表未作为名单读取"
        return line + "。"

    def as_json(self) -> dict:
        out = {"sheets": [s.as_json() for s in self.sheets], "warnings": self.warnings, "notes": self.notes}
        if self.files is not None:
            out["files"] = self.files
        return out

    def place(self, sheet: str | None, row: int | None, col: int | None) -> str | None:
        """For a 任免表 input, where a cell of the listing comes from (`张三.lrmx 的 <MinZu>（民族）`)."""
        return self.places.text(sheet, row, col) if self.places is not None else None

    def rewrite(self, text: str) -> str:
        """For a 任免表 input, a message naming a row of the listing names the file instead."""
        return self.places.rewrite(text) if self.places is not None else text
