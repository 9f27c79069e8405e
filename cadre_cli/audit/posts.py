"""Leadership post counts (领导职数) for pool-size: from --posts/--units, or from a sheet
of the roster workbook headed 单位 | 正职职数 | 副职职数."""

from __future__ import annotations

from cadre_cli.audit.context import PostCounts
from cadre_cli.errors import CadreError
from cadre_cli.parse.numbers import parse_count
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.readers.raw import RawBook
from cadre_cli.readers.table import locate, records

_KEYS = {"正职": "principal", "principal": "principal", "副职": "deputy", "deputy": "deputy"}


def parse_posts_option(text: str | None, units: int | None) -> PostCounts | None:
    """`--posts 正职=10,副职=20`."""
    if not text and units is None:
        return None
    counts = PostCounts(units=units, source="命令行选项")
    for part in (text or "").replace("，", ",").split(","):
        if not part.strip():
            continue
        key, _, value = part.partition("=")
        kind = _KEYS.get(key.strip())
        if kind is None or not value.strip().isdigit():
            raise CadreError(f"--posts 的写法应为“正职=10,副职=20”，无法理解“{part.strip()}”。")
        setattr(counts, kind, int(value))
    return counts


def posts_from_book(book: RawBook) -> PostCounts | None:
    for sheet in book.sheets:
        table = locate(book, sheet, ("posts_principal", "posts_deputy"))
        if table is None:
            continue
        counts = PostCounts(principal=0, deputy=0, source=f"工作表“{sheet.name}”")
        for record in records(table):
            for field, kind in (("posts_principal", "principal"), ("posts_deputy", "deputy")):
                if not record.has(field):
                    continue
                try:
                    value = parse_count(record.raw(field)) or 0
                except ValueProblem as exc:
                    raise CadreError(f"“{book.path.name}”工作表“{sheet.name}”{record.ref(field).ref}的职数{exc.reason}。") from None
                setattr(counts, kind, getattr(counts, kind) + value)
        if "posts_principal" not in table.columns:
            counts.principal = None
        if "posts_deputy" not in table.columns:
            counts.deputy = None
        return counts
    return None
