"""Option values shared by the commands: choices a user may type in Chinese or
English, and output paths whose suffix must match what is written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cadre_cli.errors import OutputError


def choice(words: dict[str, str]) -> Callable[[str | None], str | None]:
    """A Typer callback that accepts any word of `words` (Chinese or English, case
    and full-width letters ignored) and returns the canonical value it maps to.
    `{"公示": "notice", "notice": "notice", …}`."""
    import unicodedata

    table = {unicodedata.normalize("NFKC", k).strip().lower(): v for k, v in words.items()}

    def convert(value: str | None) -> str | None:
        import typer

        if value is None:
            return None
        found = table.get(unicodedata.normalize("NFKC", value).strip().lower())
        if found is None:
            raise typer.BadParameter(f"“{value}”不是可选的值（可选：{'、'.join(words)}）")
        return found

    return convert


def check_suffix(target: Path, expected: str | tuple[str, ...], what: str, label: str = "--output 给出的") -> None:
    """Refuse an output whose suffix says another kind of file than the one written
    (`结果.docx` for a workbook): the user would open it in the wrong program."""
    allowed = (expected,) if isinstance(expected, str) else expected
    if target.suffix.lower() not in allowed:
        raise OutputError(
            f"{label}“{target.name}”的扩展名不对：写出的是{what}，文件名应以 {' 或 '.join(allowed)} 结尾"
            f"（例如 {target.stem or '结果'}{allowed[0]}）。"
        )


FILE_SUFFIXES = (".docx", ".doc", ".html", ".htm", ".md", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".pdf", ".txt", ".wps", ".et")


def check_folder(target: Path, what: str, option: str = "--output") -> None:
    """Refuse a file name where a folder is written (`公示.docx` for a batch of notices)."""
    if target.suffix.lower() in FILE_SUFFIXES and not target.is_dir():
        raise OutputError(f"{option} 给出的“{target.name}”像是文件名；{option} 是输出文件夹，每份{what}写在其中，"
                          f"请给一个文件夹名，如 {target.parent / target.stem}。")
