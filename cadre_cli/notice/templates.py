"""Where the built-in templates are, and which format a user's template is for.

The templates live in the repository's top-level `templates/`; an installed package
carries a copy in `cadre_cli/templates/` (see `_build_templates.py`). The package copy
is looked for first, then the source tree.
"""

from __future__ import annotations

from pathlib import Path

import cadre_cli
from cadre_cli.errors import InputError

FORMATS = ("docx", "html", "md")
_PACKAGE = Path(cadre_cli.__file__).resolve().parent
_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def template_dir() -> Path:
    for folder in (_PACKAGE / "templates", _PACKAGE.parent / "templates"):
        if (folder / "notice.docx").is_file():
            return folder
    raise InputError("找不到随程序提供的公示模板（templates 文件夹），请重新安装 cadre。")


def builtin(fmt: str, kind: str) -> Path:
    """notice.docx / list.docx; one HTML and one Markdown template serve both kinds."""
    name = f"{kind}.docx" if fmt == "docx" else f"notice.{fmt}.j2"
    return template_dir() / name


def template_format(path: Path) -> str:
    """`公示.docx` -> docx; `网站.html.j2` or `网站.html` -> html; `x.md.j2` -> md."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".j2":
        suffixes.pop()
    fmt = _SUFFIXES.get(suffixes[-1]) if suffixes else None
    if fmt is None:
        raise InputError(f"无法判断模板“{path.name}”的格式：模板应为 .docx、.html（或 .html.j2）、.md（或 .md.j2）文件。")
    if not path.exists():
        raise InputError(f"找不到模板文件“{path}”。")
    return fmt
