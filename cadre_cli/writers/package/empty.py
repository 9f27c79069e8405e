"""A package with no sheets: the base onto which a workbook of our own sheets only (the
任免表 check book) is patched, so that those sheets are written by the same code as the
sheets added to a user's workbook."""

from __future__ import annotations

import io
import zipfile

from cadre_cli.writers.package.styles import MINIMAL

_MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = b"http://schemas.openxmlformats.org/package/2006/relationships"
_DECL = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
PARTS = {
    "[Content_Types].xml": _DECL + b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/styles.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": _DECL + b'<Relationships xmlns="' + _PKG_REL + b'"><Relationship Id="rId1" '
    b'Type="' + _REL + b'/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": _DECL + b'<workbook xmlns="' + _MAIN + b'" xmlns:r="' + _REL + b'">'
    b'<bookViews><workbookView activeTab="0"/></bookViews><sheets></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": _DECL + b'<Relationships xmlns="' + _PKG_REL + b'"><Relationship Id="rId1" '
    b'Type="' + _REL + b'/styles" Target="styles.xml"/></Relationships>',
    "xl/styles.xml": MINIMAL,
}


def empty_package() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in PARTS.items():
            archive.writestr(name, data)
    return buf.getvalue()
