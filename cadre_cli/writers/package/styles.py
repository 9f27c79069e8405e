"""styles.xml with our formats appended: every existing font, fill, border, number
format, cell format, dxf and extension stays where it is (indices unchanged); new
entries go at the end of their lists and the counts are updated.

A mark's format is the cell's own format with our fill on top: one new `<xf>` per
(existing format index, fill), the same stamping idea as `StyleStamp`.
"""

from __future__ import annotations

import re

from cadre_cli.writers.package.edits import Style
from cadre_cli.writers.package.errors import PackageError
from cadre_cli.writers.package.xmltext import (
    attr, check_safe, children, get_attr, inner, root_prefix, set_attrs, split_root, start_tag, with_children,
)

HEADER_FILL = "D9E1F2"
BORDER_COLOR = "FF808080"
FONT_NAME = "宋体"
TITLE_FONT = "方正小标宋简体"
LINK_COLOR = "0563C1"
# CT_Stylesheet children, in schema order
ORDER = [b"numFmts", b"fonts", b"fills", b"borders", b"cellStyleXfs", b"cellXfs", b"cellStyles", b"dxfs",
         b"tableStyles", b"colors", b"extLst"]
_BUILTIN_FORMATS = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10,
                    "0.00E+00": 11, "mm-dd-yy": 14, "d-mmm-yy": 15, "h:mm": 20, "@": 49}
MINIMAL = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
           b'<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
           b'<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
           b'<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
           b'<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
           b'<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
           b"</styleSheet>")


class _List:
    """One list of styles.xml (fonts, cellXfs…): its existing entries as bytes, and ours."""

    def __init__(self, element: bytes | None, item: bytes) -> None:
        self.element = element
        self.item = item
        self.items = [c.data for c in children(inner(element)) if c.name == item] if element else []
        self.existing = len(self.items)
        self.index: dict[bytes, int] = {}

    def add(self, xml: bytes) -> int:
        found = self.index.get(xml)
        if found is None:
            found = self.index[xml] = len(self.items)
            self.items.append(xml)
        return found

    def render(self, prefix: bytes, name: bytes) -> bytes | None:
        if self.element is None and not self.items:
            return None
        added = b"".join(self.items[self.existing:])
        if self.element is None:
            return b"<" + prefix + name + b' count="%d">' % len(self.items) + added + b"</" + prefix + name + b">"
        if not added:
            return self.element
        return with_children(self.element, inner(self.element) + added, {b"count": str(len(self.items)).encode()})


class StylesPatch:
    def __init__(self, data: bytes | None) -> None:
        data = data or MINIMAL
        check_safe(data, "styles.xml")
        self.p = root_prefix(data, b"styleSheet")
        self.head, body, self.tail = split_root(data, b"styleSheet")
        self.parts = children(body)
        found = {c.name: c.data for c in self.parts if c.name}
        self.lists = {
            b"numFmts": _List(found.get(b"numFmts"), b"numFmt"),
            b"fonts": _List(found.get(b"fonts"), b"font"),
            b"fills": _List(found.get(b"fills"), b"fill"),
            b"borders": _List(found.get(b"borders"), b"border"),
            b"cellXfs": _List(found.get(b"cellXfs"), b"xf"),
        }
        p = self.p
        if not self.lists[b"fonts"].items:
            self.lists[b"fonts"].add(b"<" + p + b'font><' + p + b'sz val="11"/></' + p + b"font>")
        if not self.lists[b"fills"].items:
            self.lists[b"fills"].add(self._pattern(b"none"))
            self.lists[b"fills"].add(self._pattern(b"gray125"))
        if not self.lists[b"borders"].items:
            self.lists[b"borders"].add(b"<" + p + b"border/>")
        if not self.lists[b"cellXfs"].items:
            self.lists[b"cellXfs"].add(b"<" + p + b'xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>')
        self._formats = {}
        for el in self.lists[b"numFmts"].items:
            code, fid = get_attr(el, b"formatCode"), get_attr(el, b"numFmtId")
            if code is not None and fid is not None and fid.isdigit():
                self._formats[code] = int(fid)
        self._next_format = max([163, *self._formats.values()]) + 1
        self._stamps: dict[tuple[int, str], int] = {}
        self._styles: dict[Style, int] = {}

    @property
    def xf_count(self) -> int:
        return len(self.lists[b"cellXfs"].items)

    def _pattern(self, kind: bytes, rgb: str | None = None) -> bytes:
        p = self.p
        if rgb is None:
            return b"<" + p + b"fill><" + p + b'patternFill patternType="' + kind + b'"/></' + p + b"fill>"
        color = ("FF" + rgb.upper()).encode() if len(rgb) == 6 else rgb.upper().encode()
        return (b"<" + p + b"fill><" + p + b'patternFill patternType="solid"><' + p + b'fgColor rgb="' + color
                + b'"/><' + p + b'bgColor indexed="64"/></' + p + b"patternFill></" + p + b"fill>")

    def fill(self, rgb: str) -> int:
        if not re.fullmatch(r"[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8}", rgb):
            raise PackageError(f"bad colour {rgb!r}")
        return self.lists[b"fills"].add(self._pattern(b"solid", rgb))

    def number_format(self, code: str) -> int:
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        key = attr(code)
        if key in self._formats:
            return self._formats[key]
        fid = self._next_format
        self._next_format += 1
        self._formats[key] = fid
        self.lists[b"numFmts"].add(b"<" + self.p + b'numFmt numFmtId="%d" formatCode="' % fid + key + b'"/>')
        return fid

    def stamp(self, base: int, rgb: str) -> int:
        """The cell format `base` with a solid `rgb` fill: a new cell format, made once."""
        key = (base, rgb)
        found = self._stamps.get(key)
        if found is None:
            xfs = self.lists[b"cellXfs"]
            source = xfs.items[base] if 0 <= base < len(xfs.items) else xfs.items[0]
            tag = start_tag(source)
            new_tag = set_attrs(tag, {b"fillId": str(self.fill(rgb)).encode(), b"applyFill": b"1"})
            found = self._stamps[key] = xfs.add(new_tag + source[len(tag):])
        return found

    def style(self, style: Style) -> int:
        """A cell format of our set (see `Style`)."""
        found = self._styles.get(style)
        if found is not None:
            return found
        p = self.p
        kind = style.kind
        bold = kind == "header"
        size, name = (b"16", TITLE_FONT) if kind == "title" else (b"11", FONT_NAME)
        underline, color = (b"<" + p + b"u/>", b"<" + p + b'color rgb="FF' + LINK_COLOR.encode() + b'"/>') \
            if kind == "link" else (b"", b"")
        font = (b"<" + p + b"font>" + (b"<" + p + b"b/>" if bold else b"") + underline + b"<" + p + b'sz val="' + size
                + b'"/>' + color + b"<" + p + b'name val="' + attr(name) + b'"/><' + p + b'charset val="134"/></' + p
                + b"font>")
        side = b' style="thin"><' + p + b'color rgb="' + BORDER_COLOR.encode() + b'"/></'
        border = (b"<" + p + b"border>" + b"".join(b"<" + p + s + side + p + s + b">" for s in
                                                   (b"left", b"right", b"top", b"bottom"))
                  + b"<" + p + b"diagonal/></" + p + b"border>") if kind not in ("title", "note") else None
        horizontal = {"header": b"center", "center": b"center", "title": b"center", "left": b"left", "note": b"left",
                      "link": b"left", "text": None}[kind]
        align = b"<" + p + b"alignment" + (b' horizontal="' + horizontal + b'"' if horizontal else b"") \
            + b' vertical="center"' + (b' wrapText="1"' if kind != "text" else b"") + b"/>"
        fill_rgb = style.fill or (HEADER_FILL if bold else None)
        fill_id = self.fill(fill_rgb) if fill_rgb else 0
        fmt = self.number_format(style.number_format) if style.number_format else 0
        font_id = self.lists[b"fonts"].add(font)
        border_id = self.lists[b"borders"].add(border) if border is not None else 0
        xf = (b"<" + p + b'xf numFmtId="%d" fontId="%d" fillId="%d" borderId="%d" xfId="0" applyFont="1" '
              b'applyAlignment="1"' % (fmt, font_id, fill_id, border_id) + (b' applyBorder="1"' if border_id else b"")
              + (b' applyFill="1"' if fill_id else b"") + (b' applyNumberFormat="1"' if fmt else b"")
              + b">" + align + b"</" + p + b"xf>")
        found = self._styles[style] = self.lists[b"cellXfs"].add(xf)
        return found

    def import_styles(self, scratch: bytes) -> list[int]:
        """Cell formats of another styles.xml (a scratch workbook's) added to this one:
        scratch format i -> the index here. Format 0 maps to 0 (the user's default), and
        so do scratch font 0, fill 0/1 and border 0."""
        other = StylesPatch(scratch)
        fonts, fills, borders = (other.lists[k].items for k in (b"fonts", b"fills", b"borders"))
        codes = {int(get_attr(e, b"numFmtId")): get_attr(e, b"formatCode") for e in other.lists[b"numFmts"].items}

        def mapped(kind: bytes, items: list[bytes], index: int, keep: int) -> int:
            if index < keep or index >= len(items):
                return index if index < keep else 0
            return self.lists[kind].add(_reprefix(items[index], other.p, self.p))

        out = [0]
        for xf in other.lists[b"cellXfs"].items[1:]:
            tag = start_tag(xf)
            a = {k: get_attr(tag, k) for k in (b"numFmtId", b"fontId", b"fillId", b"borderId")}
            fmt = int(a[b"numFmtId"] or 0)
            if fmt >= 164 and fmt in codes:
                fmt = self.number_format(codes[fmt].decode("utf-8").replace("&quot;", '"').replace("&amp;", "&")
                                         .replace("&lt;", "<").replace("&gt;", ">"))
            changes = {
                b"numFmtId": str(fmt).encode(),
                b"fontId": str(mapped(b"fonts", fonts, int(a[b"fontId"] or 0), 1)).encode(),
                b"fillId": str(mapped(b"fills", fills, int(a[b"fillId"] or 0), 2)).encode(),
                b"borderId": str(mapped(b"borders", borders, int(a[b"borderId"] or 0), 1)).encode(),
                b"xfId": b"0",
            }
            new = set_attrs(tag, changes)
            out.append(self.lists[b"cellXfs"].add(_reprefix(new + xf[len(tag):], other.p, self.p)))
        return out

    def render(self) -> bytes:
        p = self.p
        rendered = {name: lst.render(p, name) for name, lst in self.lists.items()}
        out: list[bytes] = []
        placed = set()
        for child in self.parts:
            if child.name in rendered:
                out.append(rendered[child.name])
                placed.add(child.name)
                continue
            if child.name in ORDER:
                for name in ORDER[: ORDER.index(child.name)]:
                    if name in rendered and name not in placed and rendered[name] is not None:
                        out.append(rendered[name])
                        placed.add(name)
            out.append(child.data)
        for name in ORDER:
            if name in rendered and name not in placed and rendered[name] is not None:
                out.append(rendered[name])
        return self.head + b"".join(out) + self.tail


def _reprefix(xml: bytes, old: bytes, new: bytes) -> bytes:
    if old == new:
        return xml
    pattern = re.compile(rb"<(/?)" + re.escape(old)) if old else re.compile(rb"<(/?)(?=[A-Za-z_])")
    return pattern.sub(lambda m: b"<" + m.group(1) + new, xml)
