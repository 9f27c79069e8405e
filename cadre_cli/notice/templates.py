"""Where the built-in templates are, and which format a user's template is for.

The templates are package data, `cadre_cli/templates/` (rebuilt by
`python -m scripts.make_templates`), loaded with importlib.resources.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from cadre_cli.errors import InputError

FORMATS = ("docx", "html", "md")
_SUFFIXES = {".docx": "docx", ".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}


def builtin(fmt: str, kind: str) -> Path:
    """notice.docx / list.docx; one HTML and one Markdown template serve both kinds."""
    name = f"{kind}.docx" if fmt == "docx" else f"notice.{fmt}.j2"
    resource = files("cadre_cli").joinpath("templates", name)
    if not resource.is_file():
        raise InputError("找不到随程序提供的公示模板（cadre_cli/templates），请重新安装 cadre。")
    return Path(str(resource))  # an installed package is a folder: the resource is a file on disk


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
