"""Option values shared by the commands: choices a user may type in Chinese or
English, and output paths whose suffix must match what is written."""

from __future__ import annotations

from collections.abc import Callable

from cadre_cli.api.common import check_folder, check_suffix  # noqa: F401  (re-exported)


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
