"""HTML (for the party-building website) and Markdown from Jinja2 templates.

HTML autoescapes; Markdown escapes its markup characters (`markdown_escape`). Both
render in the notice sandbox (see `sandbox`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cadre_cli.errors import InputError
from cadre_cli.notice.sandbox import NoticeEnvironment, markdown_escape, template_errors

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


class TextTemplate:
    def __init__(self, path: Path, fmt: str) -> None:
        self.path = path
        self.env = NoticeEnvironment(autoescape=fmt == "html", finalize=markdown_escape if fmt == "md" else None,
                                     text=True)
        from cadre_cli.readers.guard import read_regular

        data, _ = read_regular(path, MAX_TEMPLATE_BYTES, "模板文件")
        try:
            source = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(f"模板“{path.name}”不是 UTF-8 编码的文本，请另存为 UTF-8 后再试。") from None
        with template_errors(path.name):
            self.template = self.env.from_string(source)

    @property
    def missing(self) -> set[str]:
        return self.env.missing

    def render(self, context: dict[str, Any]) -> str:
        with template_errors(self.path.name), self.env.budget():
            return self.template.render(context)
