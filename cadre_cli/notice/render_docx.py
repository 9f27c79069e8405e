"""Word documents from a docx template with docxtpl, autoescaped, in the notice sandbox.

The template file is read once; each notice renders from a fresh copy in memory. Two
steps that give the same result for every notice of a batch are done once: docxtpl's
regex clean-up of the template XML (`patch_xml`, half of docxtpl's time) and the
compilation of that XML by Jinja2 (`NoticeEnvironment.from_string`).
"""

from __future__ import annotations

import functools
import io
import math
import zipfile
from pathlib import Path
from typing import Any

from cadre_cli.errors import CadreError, InputError, debug_detail
from cadre_cli.notice.sandbox import NoticeEnvironment, template_errors

LINE_CHARS = 28  # characters of 3号 仿宋 in a 156 mm line (scripts/make_templates.py)
TITLE_CHARS = 20  # characters of 2号 小标宋 in a line
TITLE_BREAKS = ("拟列为", "拟确定为", "拟任")
IDEOGRAPHIC_SPACE = "\u3000"

MAX_TEMPLATE_BYTES = 20 * 1024 * 1024


def _width(text: str) -> float:
    """Width in body characters: Latin letters and digits are half a character."""
    return sum(0.5 if ord(ch) < 0x1100 else 1 for ch in text)


def signature(issuer: str, date: str, line_chars: int = LINE_CHARS) -> dict[str, str]:
    """The issuer 右空二字 and the date two characters to its right (GB/T 9704-2012
    7.3.5.2); a date longer than that ends 右空二字 and the issuer moves left with it.
    Left-aligned text with leading ideographic spaces, as docx paragraphs cannot take a
    computed indent from a template."""
    wi, wd = _width(issuer), _width(date)
    if wd <= wi - 2:
        start_issuer = line_chars - 2 - wi
        start_date = start_issuer + 2
    else:
        start_date = line_chars - 2 - wd
        start_issuer = start_date - 2
    pad = lambda start: IDEOGRAPHIC_SPACE * max(0, math.floor(start))  # noqa: E731
    return {"sign_issuer": pad(start_issuer) + issuer, "sign_date": pad(start_date) + date}


def title_lines(title: str, subject: str, line_chars: int = TITLE_CHARS) -> str:
    """A title too long for one line, broken where the meaning allows (`关于张三等同志` /
    `拟列为科级后备干部人选的公示`), not wherever the line happens to end (GB/T 9704-2012
    7.2.4: 回行时要做到词意完整)."""
    if _width(title) <= line_chars:
        return title
    for word in (*TITLE_BREAKS, subject):
        at = title.find(word) if word else -1
        if at > 0 and _width(title[:at]) <= line_chars and _width(title[at:]) <= line_chars:
            return title[:at] + "\n" + title[at:]
    return title


@functools.cache
def _template_class() -> type:
    """docxtpl's DocxTemplate with `patch_xml` memoised in a per-template-file dict."""
    from docxtpl import DocxTemplate

    class PatchOnce(DocxTemplate):
        patched: dict[str, str]

        def patch_xml(self, src_xml: str) -> str:
            done = self.patched.get(src_xml)
            if done is None:
                done = self.patched[src_xml] = super().patch_xml(src_xml)
            return done

    return PatchOnce


class DocxTemplateFile:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.env = NoticeEnvironment(autoescape=True)
        self.patched: dict[str, str] = {}
        from cadre_cli.readers.guard import read_regular

        self.blob, _ = read_regular(path, MAX_TEMPLATE_BYTES, "模板文件")
        if not zipfile.is_zipfile(io.BytesIO(self.blob)):
            raise InputError(f"模板“{path.name}”不是有效的 .docx 文件（请用 Word 或 WPS 另存为 .docx）。")

    @property
    def missing(self) -> set[str]:
        return self.env.missing

    def render(self, context: dict[str, Any]) -> bytes:
        from docx.opc.exceptions import PackageNotFoundError
        from lxml.etree import LxmlError

        data = {**context, **signature(context["issuer"], context["date"]),
                "title": title_lines(context["title"], context["subject"])}
        try:
            document = _template_class()(io.BytesIO(self.blob))
            document.patched = self.patched
            with template_errors(self.path.name, show_line=False), self.env.budget():
                document.render(data, jinja_env=self.env, autoescape=True)
            out = io.BytesIO()
            document.save(out)
        except (LxmlError, KeyError, ValueError, zipfile.BadZipFile, PackageNotFoundError) as exc:
            raise CadreError(f"模板“{self.path.name}”无法生成有效的 Word 文档{debug_detail(exc)}，"
                             "请检查模板中的 {{ }} 标记是否完整。") from None
        return out.getvalue()
