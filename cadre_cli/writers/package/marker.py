"""The mark that a workbook was annotated by cadre: a custom document property
(docProps/custom.xml) whose value lists the sheets cadre added, so that a later run
reading the annotated copy can tell the user's sheets from ours."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import attr, check_safe, split_root, text

MARKER = "cadre-annotated"
PART = "docProps/custom.xml"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def annotated_sheets(path: Path) -> set[str]:
    """Names of the sheets cadre added to this workbook (empty if it was not annotated,
    or cannot be read)."""
    from defusedxml import ElementTree as ET

    try:
        with zipfile.ZipFile(path) as zf:
            names = {n.lower(): n for n in zf.namelist()}
            member = names.get(PART.lower())
            if member is None or zf.getinfo(member).file_size > 16 * 1024 * 1024:
                return set()
            root = ET.fromstring(zf.read(member))
    except Exception:
        return set()
    for prop in root:
        if prop.get("name") == MARKER:
            value = "".join(prop.itertext())
            try:
                names_list = json.loads(value)
            except ValueError:
                return set()
            return {n for n in names_list if isinstance(n, str)} if isinstance(names_list, list) else set()
    return set()


def _property(pid: int, sheets: set[str]) -> bytes:
    value = json.dumps(sorted(sheets), ensure_ascii=False)
    return (f'<property fmtid="{_FMTID}" pid="{pid}" name="{MARKER}"><vt:lpwstr>'.encode() + text(value)
            + b"</vt:lpwstr></property>")


def _text_property(pid: int, name: str, value: str) -> bytes:
    return (f'<property fmtid="{_FMTID}" pid="{pid}" name="'.encode() + attr(name) + b'"><vt:lpwstr>' + text(value)
            + b"</vt:lpwstr></property>")


def custom_xml(existing: bytes | None, sheets: set[str], extra: dict[str, str] | None = None) -> bytes:
    """docProps/custom.xml with the marker listing `sheets` (and any it listed before),
    and the text properties `extra` set (replacing those of the same name)."""
    extra = extra or {}
    if existing is None:
        extras = b"".join(_text_property(3 + i, k, v) for i, (k, v) in enumerate(extra.items()))
        return (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                + f'<Properties xmlns="{_NS}" xmlns:vt="{_VT}">'.encode() + _property(2, sheets) + extras
                + b"</Properties>")
    check_safe(existing, PART)
    head, body, tail = split_root(existing, b"Properties")
    if re.search(rb"<(\w+:)?Properties[^>]*xmlns=\"" + _NS.encode(), head) is None:
        raise PackageError("custom properties use a prefixed namespace")
    declared = b'xmlns:vt="' + _VT.encode() + b'"' in head
    if not declared and b"xmlns:vt=" in head:
        raise PackageError("custom properties bind vt to another namespace")
    for name in (MARKER, *extra):
        mine = re.compile(rb"<property\b[^>]*\sname=\"" + re.escape(attr(name)) + rb"\"[^>]*>.*?</property>", re.S)
        body = mine.sub(b"", body)
    pids = [int(n) for n in re.findall(rb"\spid=\"(\d+)\"", body)]
    pid = max([1, *pids]) + 1
    ours = _property(pid, sheets) + b"".join(_text_property(pid + 1 + i, k, v) for i, (k, v) in enumerate(extra.items()))
    if not declared:  # openpyxl declares vt on each value, not on the root
        ours = ours.replace(b"<vt:lpwstr>", b'<vt:lpwstr xmlns:vt="' + _VT.encode() + b'">')
    return head + body + ours + tail
