"""One document per value of a column (`--by 单位`), and safe file names for them.

`--by` takes a header as the user sees it (单位, 工作单位, 后备类别) or a field name
(unit); it is resolved through the header synonyms of `readers.fields`. Only a
publishable field may group: its values become file names and document titles.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cadre_cli.errors import InputError
from cadre_cli.model.person import Person
from cadre_cli.notice.context import PUBLISHABLE, publishable_fields
from cadre_cli.parse.text import header_key
from cadre_cli.readers.fields import SYNONYMS, field_label, field_of
from cadre_cli.readers.table import Table

BLANK_GROUP = "未填写"
_UNSAFE = re.compile('[\\\\/:*?"<>|\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 80
MAX_NAME_BYTES = 180  # of the stem in UTF-8: `_公示.docx` and a `_2` must still fit in 255 bytes


def resolve_by(text: str, tables: list[Table], people: list[Person]) -> str:
    """The field `--by TEXT` means; a Chinese error when the roster has no such column
    or the column may not be published."""
    field = text if text in SYNONYMS else field_of(header_key(text))
    present = field is not None and (
        any(field in t.columns for t in tables) or (field == "unit" and any(p.unit for p in people))
        or (field == "reserve_level" and any(p.reserve_level for p in people)))
    if not present:
        headers = list(dict.fromkeys(h for t in tables for h in t.headers.values() if h))
        raise InputError(f"名册中没有“{text}”这一列，无法按它分组。名册的列有：{'、'.join(headers[:40])}。")
    if field not in PUBLISHABLE:
        allowed = "、".join(field_label(f) for f in PUBLISHABLE)
        raise InputError(f"不能按“{text}”分组：分组的值会写进文件名和公示内容，只能按可以公开的列分组（{allowed}）。")
    return field


def group_people(people: Iterable[Person], field: str) -> tuple[list[tuple[str, list[Person]]], list[str]]:
    """People by the display value of `field`, in roster order; blanks in one group."""
    groups: dict[str, list[Person]] = {}
    blank = 0
    for person in people:
        value = publishable_fields(person)[field]
        if not value:
            blank += 1
            value = BLANK_GROUP + field_label(field)
        groups.setdefault(value, []).append(person)
    warnings = [f"有{blank}人没有填写“{field_label(field)}”，归入“{BLANK_GROUP}{field_label(field)}”一份。"] if blank else []
    return list(groups.items()), warnings


def safe_stems(values: Iterable[str]) -> list[str]:
    """File-name stems for group values: legal on Windows, trimmed, never two alike."""
    used: set[str] = set()
    stems = []
    for value in values:
        stem = _UNSAFE.sub("_", value).strip().rstrip(". ")[:MAX_NAME].strip()
        while len(stem.encode("utf-8", "surrogateescape")) > MAX_NAME_BYTES:
            stem = stem[:-1]
        stem = stem.strip() or "未命名"
        if stem.split(".")[0].upper() in _RESERVED:
            stem = "_" + stem
        unique, n = stem, 2
        while unique.casefold() in used:
            unique, n = f"{stem}_{n}", n + 1
        used.add(unique.casefold())
        stems.append(unique)
    return stems
