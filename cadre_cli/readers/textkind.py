"""What a text file really is, from its first bytes: an XML Spreadsheet 2003, a web page
with tables, a CSV (whatever its name says), or none of these."""

from __future__ import annotations

import re
from pathlib import Path

from cadre_cli.errors import InputError
from cadre_cli.readers.charset import head_text
from cadre_cli.readers.guard import Kind

HEAD_BYTES = 64 * 1024
SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_SKIP = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->|<!\[CDATA\[.*?\]\]>", re.S)
_DOCTYPE = re.compile(r"<!doctype\s+([^\s>\[]+)", re.I)
_TAG = re.compile(r"<([A-Za-z][\w:.-]*)")
_HTML_TAGS = frozenset("html head body table meta title style link script div p span font center form "
                       "tr td th thead tbody h1 h2 h3 h4 h5 h6 br b strong".split())
_MIME = re.compile(r"^(MIME-Version:|Content-Type:\s*multipart/)", re.I | re.M)
_DELIMITERS = (",", "\t", ";", "|")


def text_kind(path: Path, head: bytes | None = None) -> Kind:
    """XML2003, HTML or CSV; raises InputError with one Chinese sentence for anything else.
    `head` is the file's first bytes when they have been read already."""
    name = path.name
    if head is None:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
    text = head_text(head)
    if text is None:
        raise InputError(f"“{name}”不是 Excel、WPS 或 CSV 表格文件（可能只是改了扩展名），无法读取。")
    root = markup_root(text)
    if root is not None:
        tag = root.lower().split(":")[-1]
        if tag == "workbook" and SPREADSHEET_NS in text:
            return Kind.XML2003
        if tag in _HTML_TAGS:
            return Kind.HTML
        raise InputError(f"“{name}”是 XML 文件（根元素为 <{root}>），不是 Excel 2003 XML 表格，也不是网页表格，无法读取。")
    if _MIME.search(text[:2000]):
        raise InputError(f"“{name}”是“单个文件网页”（MHTML）格式，本工具不能直接读取；请用 Excel 或 WPS 打开后“另存为”.xlsx 再试。")
    if path.suffix.lower() in (".csv", ".txt") or _delimited(text):
        return Kind.CSV
    raise InputError(f"“{name}”不是 Excel、WPS 或 CSV 表格文件（可能只是改了扩展名），无法读取。")


def markup_root(text: str) -> str | None:
    """The first element's tag name (`html`, `Workbook`, `ss:Workbook`), or None when the
    text is not markup. A `<!DOCTYPE html>` counts as `html`."""
    pos = 0
    while True:
        m = _SKIP.match(text, pos)
        if not m:
            break
        pos = m.end()
    rest = text[pos:pos + 2000]
    doctype = _DOCTYPE.match(rest)
    if doctype:
        return doctype.group(1)
    tag = _TAG.match(rest)
    return tag.group(1) if tag else None


def _delimited(text: str) -> bool:
    """Lines of a table: (nearly) every one of the first lines holds the same delimiter
    (a quoted cell may run over a line break)."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if len(lines) > 1 and len(text) >= HEAD_BYTES - 4:
        lines = lines[:-1]  # the head may end inside a line
    if not lines:
        return False
    for delimiter in _DELIMITERS:
        counts = [_count_outside_quotes(line, delimiter) for line in lines]
        with_it = sum(1 for c in counts if c >= 1)
        if with_it >= 0.8 * len(lines) and (len(lines) > 1 or counts[0] >= 2):
            return True
    return False


def _count_outside_quotes(line: str, delimiter: str) -> int:
    return len(re.sub(r'"[^"]*"', "", line).split(delimiter)) - 1
