"""The workbook a user gave, as its bytes say it is: the real kind whatever the name,
the decrypted bytes of a locked file, and one line saying what was read."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cadre_cli.readers.guard import Kind, read_input, sniff_content

# The format's name as the user knows it, and the file name endings that mean it.
LABEL = {
    Kind.XLSX: "Excel .xlsx", Kind.XLSM: "Excel .xlsm（含宏）", Kind.XLS: "Excel 97-2003", Kind.ODS: "OpenDocument .ods",
    Kind.CSV: "CSV 文本", Kind.XML2003: "Excel 2003 XML", Kind.HTML: "网页（HTML）",
}
SUFFIXES = {
    Kind.XLSX: (".xlsx",), Kind.XLSM: (".xlsm",), Kind.XLS: (".xls",), Kind.ODS: (".ods",),
    Kind.CSV: (".csv", ".txt"), Kind.XML2003: (), Kind.HTML: (),
}
_XML_TEXT_PARTS = (".xml", ".rels", ".vml")


@dataclass
class Source:
    path: Path
    kind: Kind
    content: bytes | None = field(default=None, repr=False)  # decrypted or recoded in memory
    password: str | None = field(default=None, repr=False)  # the one that opened a locked file
    notes: list[str] = field(default_factory=list)
    data: bytes = field(default=b"", repr=False)  # the file's bytes, read once from one opened regular file
    identity: tuple[int, int] | None = None  # device and inode: no output may replace this file

    @property
    def name(self) -> str:
        return self.path.name

    def readable(self) -> bytes:
        """What every reader and the writer read: these bytes, never the path again."""
        return self.content if self.content is not None else self.data


def open_source(path: Path) -> Source:
    data, kind, identity = read_input(path)
    source = Source(path, kind, data=data, identity=identity)
    if kind is Kind.LOCKED:
        from cadre_cli.readers.locked import decrypt

        source.content, source.password = decrypt(path)
        source.kind = sniff_content(source.content, path.name)
        source.notes.append(f"“{path.name}”设有打开密码，已用所给密码在内存中解开读取（磁盘上不留解密的副本）。")
    if source.kind in (Kind.XLSX, Kind.XLSM):
        recoded = utf8_package(source.readable())
        if recoded is not None:
            source.content = recoded
    note = read_as_note(path, source.kind)
    if note:
        source.notes.append(note)
    return source


def read_as_note(path: Path, kind: Kind) -> str | None:
    """One line when the file is not what its name says, or not an Excel file at all."""
    suffix = path.suffix.lower()
    label = spaced(LABEL[kind])
    if suffix in SUFFIXES[kind]:
        return None
    if kind is Kind.XLS and suffix in (".et", ".ett", ".xlt"):
        return f"“{path.name}”是 WPS 表格或模板文件，已按{label}格式读取。"
    if kind in (Kind.XML2003, Kind.HTML) and suffix in (".xml", ".htm", ".html"):
        return f"“{path.name}”已按{label}格式读取。"
    if not suffix:
        return f"“{path.name}”没有扩展名，按内容是{label}格式，已按该格式读取。"
    return f"“{path.name}”的内容是{label}格式，与扩展名“{suffix}”不符；已按{label}格式读取。"


def spaced(label: str) -> str:
    """A label set in Chinese text: a space on a side where it meets Latin letters."""
    return (" " if label[0].isascii() else "") + label + (" " if label[-1].isascii() else "")


def utf8_package(source: Path | bytes) -> bytes | None:
    """An .xlsx whose XML parts are UTF-16 (calamine reads them as empty sheets), copied
    in memory with those parts in UTF-8; None when every part is UTF-8 already."""
    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    with zipfile.ZipFile(opened) as zf:
        utf16 = [i for i in zf.infolist() if i.filename.lower().endswith(_XML_TEXT_PARTS) and _is_utf16(zf, i)]
        if not utf16:
            return None
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in zf.infolist():
                data = zf.read(info)
                if info in utf16:
                    data = _to_utf8(data)
                dst.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _is_utf16(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    with zf.open(info) as fh:
        head = fh.read(4)
    return head.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?"))


def _to_utf8(data: bytes) -> bytes:
    import re

    from cadre_cli.readers.charset import bom, utf16_without_bom

    found = bom(data)
    encoding = found[0] if found else (utf16_without_bom(data) or "utf-16-le")
    text = data[found[1] if found else 0:].decode(encoding, errors="replace")
    return re.sub(r"^<\?xml[^>]*\?>", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>', text, count=1).encode("utf-8")
