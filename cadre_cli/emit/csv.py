"""Emitter: the problems of a report as a CSV file, one per line, for a spreadsheet.

UTF-8 with a byte-order mark (Excel and WPS then read the Chinese right); every cell is
text: one that starts with = + - @ (or a tab or carriage return) gets a leading ' so that
no spreadsheet takes it for a formula."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from cadre_cli.emit.severity import label

COLUMNS = (  # (header, key of Diagnostic.as_json())
    ("级别", "severity"), ("规则", "rule"), ("工作表", "sheet"), ("行", "row"), ("单元格", "cell"), ("项目", "field"),
    ("姓名", "name"), ("单位", "unit"), ("单元格原值", "raw"), ("问题", "message"), ("依据", "basis"),
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text(value: Any) -> str:
    """A cell as text no spreadsheet evaluates."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    return "'" + s if s.startswith(_FORMULA_START) else s


def rows(diagnostics: Iterable[Any], reading: Any = None) -> list[list[str]]:
    """Header, then one row per diagnostic (anything with `as_json()` in the Diagnostic shape).
    `reading`: the roster's ReadReport; for 任免表 files read as a listing, a 任免表位置 column
    names the file and element each cell came from, and messages name them too."""
    from cadre_cli.readers.fields import field_label

    files = reading is not None and getattr(reading, "places", None) is not None
    out = [[h for h, _ in COLUMNS] + (["任免表位置"] if files else [])]
    for d in diagnostics:
        data = d.as_json()
        row = []
        for _, key in COLUMNS:
            value = data.get(key)
            if key == "severity" and value:
                value = label(value)
            elif key == "field" and value:
                value = field_label(value)
            elif key == "raw" and isinstance(value, (list, dict)):
                value = "、".join(map(str, value.values() if isinstance(value, dict) else value))
            elif key == "message" and files and value:
                value = reading.rewrite(value)
            row.append(text(value))
        if files:
            row.append(text(reading.place(data.get("sheet"), data.get("row"), data.get("column"))))
        out.append(row)
    return out


def encode(diagnostics: Iterable[Any], reading: Any = None) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(rows(diagnostics, reading))
    return buffer.getvalue().encode("utf-8-sig")


def check(target: Path, sources: tuple[Any, ...], force: bool) -> None:
    """Before any work: a .csv name, not an input, a folder that can be written."""
    from cadre_cli.api.common import check_suffix
    from cadre_cli.writers.atomic import check_target

    check_suffix(target, ".csv", "问题清单（CSV）", label="--csv 给出的")
    check_target(target, sources, force)


def write(diagnostics: Iterable[Any], target: Path, reading: Any = None) -> Path:
    """The CSV written atomically at `target`."""
    from cadre_cli.writers.atomic import write_atomic

    data = encode(diagnostics, reading)
    return write_atomic(target, lambda tmp: Path(tmp).write_bytes(data))
