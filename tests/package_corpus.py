"""Workbooks holding what an openpyxl round trip loses, for the package patcher's
fidelity tests. Each feature is added either with openpyxl (images, charts, comments,
defined names, hidden and protected sheets, print titles) or by editing the saved
package by hand (WPS cell images with DISPIMG formulas, a text box, a custom XML part,
an x14 data bar, cached formula values, VBA).

The roster sheet 名册 is the one that gets marks; its layout: a title row, a two-row
header (rows 2-3), people from row 4.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from openpyxl import Workbook

ROSTER = "名册"
HEADERS = ["序号", "姓名", "年龄", "单位", "出生年月", "备注", "照片"]
PEOPLE = [
    [1, "张三", 34, "县委办", "1990.10", None, None],
    [2, "李四", 41, "县政府办", "1983.05", "借调", None],
    [3, "王五", 29, "财政局", "1995.01", None, None],
    [4, "赵六", 38, "教育局", "1986.12", "=不是公式", None],
    [5, "钱七", 45, "卫健委", "1979.03", None, None],
    [6, "孙八", 31, "交通局", "1993.07", None, None],
]
FIRST = 4  # first data row
FEATURES = ["cellimages", "image_chart", "textbox", "custom_xml", "databar", "comment", "cached", "names",
            "hidden", "protected", "print_titles", "vba", "no_refs", "prefixed"]


def structure_sheet(wb, counts: list[tuple[str, int]]):
    """A 结构分析 sheet with a bar and a pie chart of `counts`, as cadre makes it."""
    from openpyxl.chart import BarChart, PieChart, Reference

    ws = wb.create_sheet("结构分析")
    for i, (label, n) in enumerate([("性别", "人数"), *counts], start=1):
        ws.cell(i, 1, label)
        ws.cell(i, 2, n)
    for kind, anchor in ((BarChart, "E1"), (PieChart, "E16")):
        chart = kind()
        chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=len(counts) + 1), titles_from_data=True)
        chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=len(counts) + 1))
        ws.add_chart(chart, anchor)
    return ws


def same_original_cells(src: Path, dst: Path):
    """Assert calamine reads every cell of every original sheet of `src` the same in `dst`
    (the copy may add sheets after them); the copy as calamine reads it, for more checks."""
    import python_calamine as pc

    before, after = pc.CalamineWorkbook.from_path(str(src)), pc.CalamineWorkbook.from_path(str(dst))
    assert after.sheet_names[: len(before.sheet_names)] == before.sheet_names
    for sheet in before.sheet_names:
        old = before.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        new = after.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
        for r, row in enumerate(old):
            for c, value in enumerate(row):
                assert new[r][c] == value, (sheet, r + 1, c + 1)
    return after


def png(color: tuple[int, int, int], size: int = 24) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, format="PNG")
    return buf.getvalue()


def build(path: Path, features: list[str], extra: dict[str, list] | None = None,
          comment_at: tuple[int, int] = (FIRST, 2)) -> Path:
    """Write a corpus workbook with `features` (names from FEATURES) to `path`; `extra`
    columns (header -> one value per person) go right of the seven, `comment_at` is the
    cell the user's comment is on."""
    wb = Workbook()
    ws = wb.active
    ws.title = ROSTER
    ws.cell(1, 1, "XX县科级后备干部名册")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for c, text in enumerate(HEADERS, start=1):
        ws.cell(2, c, text)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    for c, text in enumerate(extra or {}, start=len(HEADERS) + 1):
        ws.cell(2, c, text)
        ws.merge_cells(start_row=2, start_column=c, end_row=3, end_column=c)
    people = [row + [values[i] for values in (extra or {}).values()] for i, row in enumerate(PEOPLE)]
    for r, row in enumerate(people, start=FIRST):
        for c, value in enumerate(row, start=1):
            if value is not None:
                ws.cell(r, c, value).data_type = "s" if isinstance(value, str) else "n"
    ws.cell(FIRST + len(PEOPLE) + 1, 1, "合计")
    ws.cell(FIRST + len(PEOPLE) + 1, 3, 0)  # becomes =SUM(C4:C9) with a cached value
    ws.column_dimensions["B"].width = 12
    other = wb.create_sheet("说明")
    other["A1"] = "填表说明"
    if "image_chart" in features:
        from openpyxl.chart import BarChart, Reference
        from openpyxl.drawing.image import Image

        ws.add_image(Image(io.BytesIO(png((200, 30, 30)))), "H4")
        data = wb.create_sheet("图表")
        for i, (unit, n) in enumerate([("甲", 3), ("乙", 5), ("丙", 2)], start=1):
            data.cell(i, 1, unit)
            data.cell(i, 2, n)
        chart = BarChart()
        chart.add_data(Reference(data, min_col=2, min_row=1, max_row=3))
        chart.set_categories(Reference(data, min_col=1, min_row=1, max_row=3))
        data.add_chart(chart, "D2")
    if "comment" in features:
        from openpyxl.comments import Comment

        ws.cell(*comment_at).comment = Comment("用户批注：核对姓名", "用户")
    if "names" in features:
        from openpyxl.workbook.defined_name import DefinedName

        wb.defined_names["单位列表"] = DefinedName("单位列表", attr_text=f"'{ROSTER}'!$D$4:$D$9")
    if "hidden" in features:
        hidden = wb.create_sheet("隐藏")
        hidden["A1"] = "隐藏的数据"
        hidden.sheet_state = "hidden"
    if "protected" in features:
        ws.protection.sheet = True
        ws.protection.password = "123"
    if "print_titles" in features:
        ws.print_title_rows = "2:3"
        ws.print_area = f"A1:G{FIRST + len(PEOPLE) + 1}"
    buf = io.BytesIO()
    wb.save(buf)
    parts = _members(buf.getvalue())
    for feature in features:
        edit = _EDITS.get(feature)
        if edit:
            edit(parts)
    suffix = ".xlsm" if "vba" in features else ".xlsx"
    path = path.with_suffix(suffix)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return path


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def _roster_part(parts: dict[str, bytes]) -> str:
    return "xl/worksheets/sheet1.xml"


def _set_cell(xml: bytes, ref: str, cell: bytes) -> bytes:
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"(?:[^>]*/>|[^>]*>.*?</c>)', re.S)
    if pattern.search(xml):
        return pattern.sub(lambda m: cell, xml, count=1)
    row = re.search(rb'<row r="' + re.sub(r"[A-Z]", "", ref).encode() + rb'"[^>]*>', xml)
    end = xml.find(b"</row>", row.end())
    return xml[:end] + cell + xml[end:]


def _add(parts: dict[str, bytes], name: str, data: bytes, content_type: str | None) -> None:
    parts[name] = data
    if content_type:
        ct = parts["[Content_Types].xml"]
        parts["[Content_Types].xml"] = ct.replace(
            b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode())


def _rel(parts: dict[str, bytes], rels: str, rid: str, kind: str, target: str) -> None:
    data = parts.get(rels, b'<?xml version="1.0" encoding="UTF-8"?>\n<Relationships '
                           b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>')
    parts[rels] = data.replace(b"</Relationships>",
                               f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/></Relationships>'.encode())


def _default(parts: dict[str, bytes], ext: str, content_type: str) -> None:
    ct = parts["[Content_Types].xml"]
    if f'Extension="{ext}"'.encode() not in ct:
        parts["[Content_Types].xml"] = ct.replace(
            b"<Override", f'<Default Extension="{ext}" ContentType="{content_type}"/><Override'.encode(), 1)


CELLIMAGES = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
              b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
              b'xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData">'
              + b"".join(b'<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="%d" name="ID_PHOTO%d" descr=""/>'
                         b'<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill>'
                         b'<a:blip r:embed="rId%d"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr>'
                         b'<a:xfrm><a:off x="0" y="0"/><a:ext cx="228600" cy="228600"/></a:xfrm>'
                         b'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>'
                         % (i + 1, i, i) for i in (1, 2))
              + b"</etc:cellImages>")


def _cellimages(parts: dict[str, bytes]) -> None:
    _default(parts, "png", "image/png")
    _add(parts, "xl/cellimages.xml", CELLIMAGES, "application/vnd.wps-officedocument.cellimage+xml")
    for i in (1, 2):
        parts[f"xl/media/photo{i}.png"] = png((30, 30 * i, 200))
        _rel(parts, "xl/_rels/cellimages.xml.rels", f"rId{i}",
             "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image", f"media/photo{i}.png")
    _rel(parts, "xl/_rels/workbook.xml.rels", "rIdCellImages", "http://www.wps.cn/officeDocument/2020/cellImage",
         "cellimages.xml")
    sheet = parts[_roster_part(parts)]
    for i, row in ((1, FIRST), (2, FIRST + 1)):
        sheet = _set_cell(sheet, f"G{row}", f'<c r="G{row}" t="str"><f>_xlfn.DISPIMG("ID_PHOTO{i}",1)</f>'
                                            f'<v>=DISPIMG("ID_PHOTO{i}",1)</v></c>'.encode())
    parts[_roster_part(parts)] = sheet


TEXTBOX = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           b'<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
           b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
           b"<xdr:from><xdr:col>2</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff>"
           b"</xdr:from><xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row>"
           b'<xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" '
           b'name="TextBox 1"/><xdr:cNvSpPr txBox="1"/></xdr:nvSpPr><xdr:spPr><a:xfrm><a:off x="1" y="1"/>'
           b'<a:ext cx="2400000" cy="700000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
           b'<a:solidFill><a:srgbClr val="FFFFCC"/></a:solidFill><a:ln w="9525"><a:solidFill><a:srgbClr val="333333"/>'
           b'</a:solidFill></a:ln></xdr:spPr><xdr:txBody><a:bodyPr wrap="square" rtlCol="0"/><a:lstStyle/><a:p>'
           b'<a:r><a:rPr lang="zh-CN" sz="1100"/><a:t>\xe5\xa1\xab\xe8\xa1\xa8\xe8\xaf\xb4\xe6\x98\x8e\xe6\x96\x87'
           b"\xe6\x9c\xac\xe6\xa1\x86</a:t></a:r></a:p></xdr:txBody></xdr:sp><xdr:clientData/></xdr:twoCellAnchor>"
           b"</xdr:wsDr>")


def _textbox(parts: dict[str, bytes]) -> None:
    """A text box on the roster sheet (it gets marks: its <drawing> must survive the rewrite)."""
    name = "xl/drawings/drawing_tb.xml"
    _add(parts, name, TEXTBOX, "application/vnd.openxmlformats-officedocument.drawing+xml")
    rels = "xl/worksheets/_rels/sheet1.xml.rels"
    if rels in parts and b"/drawing\"" in parts[rels]:  # the roster has an image drawing: box on 说明
        sheet, rels = "xl/worksheets/sheet2.xml", "xl/worksheets/_rels/sheet2.xml.rels"
    else:
        sheet = _roster_part(parts)
    _rel(parts, rels, "rIdTextBox", "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing",
         "../drawings/drawing_tb.xml")
    xml = parts[sheet]
    if b"xmlns:r=" not in xml[:600]:
        xml = xml.replace(b"<worksheet ", b'<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/'
                                          b'2006/relationships" ', 1)
    anchor = re.search(rb"<legacyDrawing|<tableParts|</worksheet>", xml).start()
    parts[sheet] = xml[:anchor] + b'<drawing r:id="rIdTextBox"/>' + xml[anchor:]


def _custom_xml(parts: dict[str, bytes]) -> None:
    _default(parts, "xml", "application/xml")
    parts["customXml/item1.xml"] = b'<?xml version="1.0" encoding="UTF-8"?><root xmlns="urn:cadre-test"><x>1</x></root>'
    _add(parts, "customXml/itemProps1.xml",
         b'<?xml version="1.0" encoding="UTF-8" standalone="no"?><ds:datastoreItem '
         b'ds:itemID="{6E1A3C8B-2F4D-4E5A-9B1C-0D2E3F4A5B6C}" '
         b'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs/>'
         b"</ds:datastoreItem>",
         "application/vnd.openxmlformats-officedocument.customXmlProperties+xml")
    _rel(parts, "customXml/_rels/item1.xml.rels", "rId1",
         "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps", "itemProps1.xml")
    _rel(parts, "xl/_rels/workbook.xml.rels", "rIdCustomXml",
         "http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml", "../customXml/item1.xml")


DATABAR_ID = "{3E2A1B0C-9D8E-4F7A-8B6C-5D4E3F2A1B0C}"
DATABAR_RULE = ('<conditionalFormatting sqref="C4:C9"><cfRule type="dataBar" priority="1"><dataBar><cfvo type="min"/>'
                '<cfvo type="max"/><color rgb="FF638EC6"/></dataBar><extLst><ext '
                'uri="{B025F937-C7B1-47D3-B67F-A62EFF666E3E}" '
                'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">'
                f"<x14:id>{DATABAR_ID}</x14:id></ext></extLst></cfRule></conditionalFormatting>").encode()
DATABAR_EXT = ('<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" '
               'xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:conditionalFormattings>'
               '<x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">'
               f'<x14:cfRule type="dataBar" id="{DATABAR_ID}"><x14:dataBar minLength="0" maxLength="100" gradient="0">'
               '<x14:cfvo type="autoMin"/><x14:cfvo type="autoMax"/><x14:negativeFillColor rgb="FFFF0000"/>'
               '<x14:axisColor rgb="FF000000"/></x14:dataBar></x14:cfRule><xm:sqref>C4:C9</xm:sqref>'
               "</x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>").encode()


def _databar(parts: dict[str, bytes]) -> None:
    name = _roster_part(parts)
    xml = parts[name]
    at = re.search(rb"<pageMargins", xml).start()
    xml = xml[:at] + DATABAR_RULE + xml[at:]
    parts[name] = xml.replace(b"</worksheet>", DATABAR_EXT + b"</worksheet>")


SUM_ROW = FIRST + len(PEOPLE) + 1


def _cached(parts: dict[str, bytes]) -> None:
    """Formulas with the values Excel computed: a number, and a text (t="str")."""
    name = _roster_part(parts)
    xml = _set_cell(parts[name], f"C{SUM_ROW}", f'<c r="C{SUM_ROW}"><f>SUM(C4:C9)</f><v>218</v></c>'.encode())
    xml = _set_cell(xml, f"D{SUM_ROW}", f'<c r="D{SUM_ROW}" t="str"><f>"共"&amp;COUNTA(B4:B9)&amp;"人"</f>'
                                        f"<v>共6人</v></c>".encode())
    parts[name] = xml


VBA = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8  # the bytes are only carried, never run


def _vba(parts: dict[str, bytes]) -> None:
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
    _default(parts, "bin", "application/vnd.ms-office.vbaProject")
    parts["xl/vbaProject.bin"] = VBA
    _rel(parts, "xl/_rels/workbook.xml.rels", "rIdVBA",
         "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "vbaProject.bin")


def _prefixed(parts: dict[str, bytes]) -> None:
    """The roster sheet with the main namespace bound to `x:` (as some generators write)."""
    name = _roster_part(parts)
    xml = parts[name]
    main = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    assert main in xml
    head, body = xml.split(b"?>", 1) if xml.startswith(b"<?") else (b"", xml)
    body = re.sub(rb"<(/?)([A-Za-z][\w.\-]*)(?=[\s/>])", rb"<\1x:\2", body).replace(main, main.replace(b"xmlns", b"xmlns:x"))
    parts[name] = (head + b"?>" if head else b"") + body


def _no_refs(parts: dict[str, bytes]) -> None:
    """Cells of the data rows without `r` (positions count on), some rows without `r`."""
    name = _roster_part(parts)
    xml = parts[name]

    def row(m: re.Match) -> bytes:
        n = int(m.group(1))
        if n < FIRST or n > FIRST + len(PEOPLE) - 1:
            return m.group(0)
        body = m.group(3)
        cols = [ord(c) - 64 for c in re.findall(rb'<c r="([A-Z])\d+"', body)]
        if cols != list(range(1, len(cols) + 1)):  # only a row whose cells run from A without gaps
            return m.group(0)
        body = re.sub(rb'<c r="[A-Z]+\d+"', b"<c", body)
        tag = m.group(2) if n % 2 else re.sub(rb'\sr="\d+"', b"", m.group(2))
        return tag + body + b"</row>"

    parts[name] = re.sub(rb'(?s)(?=<row r="(\d+)")(<row[^>]*>)(.*?)</row>', row, xml)


_EDITS = {"cellimages": _cellimages, "textbox": _textbox, "custom_xml": _custom_xml, "databar": _databar,
          "cached": _cached, "vba": _vba, "prefixed": _prefixed, "no_refs": _no_refs}
