"""Build the docx templates of `cadre notice` in the layout of GB/T 9704-2012.

    python -m scripts.make_templates        # from the repository's top folder (make templates)

Writes cadre_cli/templates/notice.docx (公示: each person a paragraph) and list.docx
(公开名单: a table). Both open and edit in Word and WPS; the `{{ … }}` and `{%p … %}`
tags are docxtpl's (Jinja2). The layout:

- A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm).
- Title 2号 (22 pt) 方正小标宋简体, centred; body 3号 (16 pt) 仿宋_GB2312, first line
  indented two characters, exact line spacing 28.95 pt on a line-only document grid
  (22 lines a page), characters condensed 0.25 pt so that a line holds 28 of them.
- The list's table in 五号 (10.5 pt) 仿宋_GB2312 with a 黑体 header row that repeats on
  every page; rows do not split across pages.
- Page numbers `— 1 —` in 4号 (14 pt) 宋体, odd pages right and even pages left, one
  character in from the edge of the text block (even/odd footers).
- Every style and every run names its East Asian font in `w:rFonts w:eastAsia`, with
  Times New Roman for Latin text; the font table gives Word and WPS an alternative
  (仿宋, 宋体, 黑体) when the GB2312 fonts are not installed.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cadre_cli.writers.atomic import check_target, write_atomic

TEMPLATES = Path(__file__).resolve().parent.parent / "cadre_cli" / "templates"

LATIN = "Times New Roman"
FANGSONG = "仿宋_GB2312"
XIAOBIAOSONG = "方正小标宋简体"
SONG = "宋体"
HEI = "黑体"
# font -> (alternative name Word/WPS may use, charset 86 = GB2312)
FONT_TABLE = {FANGSONG: "仿宋", XIAOBIAOSONG: "方正小标宋_GBK", SONG: "SimSun", HEI: "SimHei"}

LINE_PITCH = 579  # twips: 28.95 pt, 22 lines in the 225 mm text block
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 10.5
ROW_HEIGHT = 397  # twips, 7 mm: the least height of a table row
CONDENSE = -5  # twentieths of a point: 28 characters of 3号 in 156 mm
TABLE_COLUMNS = (  # header, cell, width in twips (sum 8845 = 156 mm); 五号 is 210 twips a character
    ("序号", "{{ person.seq }}", 540),
    ("姓名", "{{ person.name }}", 900),
    ("性别", "{{ person.gender }}", 540),
    ("民族", "{{ person.ethnicity }}", 760),
    ("出生年月", "{{ person.birth_short }}", 960),
    ("学历学位", "{{ person.education_degree }}", 1250),
    ("政治面貌", "{{ person.political_status }}", 1000),
    ("工作单位及职务", "{{ person.unit_post }}", 1935),
    ("后备类别", "{{ person.reserve_class }}", 960),
)


def set_fonts(rpr, east_asia: str, latin: str = LATIN) -> None:
    """Name the East Asian font explicitly: python-docx's `font.name` sets only Latin."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:eastAsia", east_asia), ("w:cs", latin),
                       ("w:hint", "eastAsia")):
        fonts.set(qn(key), value)


def _child(parent, tag: str, **attrs: str):
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def para_style(doc, name: str, east_asia: str, size: float, *, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
               indent_chars: int = 0, line_pt: float | None = LINE_PITCH / 20, latin: str = LATIN,
               condense: int = 0, bold: bool = False, snap: bool = True):
    style = doc.styles[name] if name == "Normal" else doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = doc.styles["Normal"]
        style.quick_style = True
    font = style.font
    font.size = Pt(size)
    font.bold = bold
    set_fonts(style.element.get_or_add_rPr(), east_asia, latin)
    rpr = style.element.get_or_add_rPr()
    _child(rpr, "w:spacing", val=str(condense))
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN")
    pf = style.paragraph_format
    pf.alignment = align
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    if line_pt is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = Pt(line_pt)
    ppr = style.element.get_or_add_pPr()
    ind = _child(ppr, "w:ind", firstLineChars=str(indent_chars * 100), firstLine=str(int(indent_chars * size * 20)))
    if not indent_chars:
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
    if not snap:
        _child(ppr, "w:snapToGrid", val="0")
    return style


def defaults(doc) -> None:
    """docDefaults: the fonts and language every run inherits."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, FANGSONG)
    _child(rpr, "w:sz", val=str(BODY_PT * 2))
    _child(rpr, "w:szCs", val=str(BODY_PT * 2))
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ppr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    _child(ppr, "w:spacing", after="0", line=str(LINE_PITCH), lineRule="exact")


def font_table(doc) -> None:
    part = next(p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    from docx.oxml import parse_xml

    root = parse_xml(part.blob)
    for name, alt in FONT_TABLE.items():
        font = OxmlElement("w:font")
        font.set(qn("w:name"), name)
        _child(font, "w:altName", val=alt)
        _child(font, "w:charset", val="86")
        _child(font, "w:family", val="modern" if name != XIAOBIAOSONG else "script")
        _child(font, "w:pitch", val="fixed" if name != XIAOBIAOSONG else "variable")
        root.append(font)
    from lxml import etree

    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def page_setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(25)
    grid = section._sectPr.find(qn("w:docGrid"))
    for attr in list(grid.attrib):
        del grid.attrib[attr]
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        page_number(footer.paragraphs[0], align)


def _run(paragraph, text: str | None = None, field: str | None = None, instr: str | None = None):
    run = paragraph.add_run()
    set_fonts(run._r.get_or_add_rPr(), SONG, SONG)
    run.font.size = Pt(PAGE_NUMBER_PT)
    if text is not None:
        run.text = text
    if field is not None:
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), field)
        run._r.append(el)
    if instr is not None:
        el = OxmlElement("w:instrText")
        el.set(qn("xml:space"), "preserve")
        el.text = instr
        run._r.append(el)
    return run


def page_number(paragraph, align: str) -> None:
    """`— 1 —`, one character in from the right (odd pages) or the left (even pages)."""
    paragraph.style = "页码"
    ppr = paragraph._p.get_or_add_pPr()
    chars, twips = "100", str(PAGE_NUMBER_PT * 20)
    if align == "right":
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _child(ppr, "w:ind", rightChars=chars, right=twips)
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
        _child(ppr, "w:ind", leftChars=chars, left=twips)
    _run(paragraph, "— ")
    _run(paragraph, field="begin")
    _run(paragraph, instr=" PAGE ")
    _run(paragraph, field="separate")
    _run(paragraph, "1")
    _run(paragraph, field="end")
    _run(paragraph, " —")


def para(doc, text: str, style: str, keep_with_next: bool = False):
    """A paragraph whose run names its East Asian font too (WPS reads run fonts first).
    `keep_with_next`: the paragraph's last lines go to the next page with what follows."""
    paragraph = doc.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        east = {"公文标题": XIAOBIAOSONG}.get(style, FANGSONG)
        set_fonts(run._r.get_or_add_rPr(), east)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "Header", "HeaderChar", "Footer", "FooterChar"}
DROP_PARTS = ("/thumbnail", "/stylesWithEffects", "/customXml")


def slim(doc) -> None:
    """Drop python-docx's 160 unused sample styles and parts (a thumbnail, a Word 2010
    styles copy, a bibliography stub): every notice would parse and write them again."""
    for rels in (doc.part.package.rels, doc.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(DROP_PARTS):
                rels.pop(rel_id)
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in KEEP_STYLES:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def new_document():
    doc = Document()
    slim(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "cadre"
    props.title = props.comments = props.keywords = props.subject = ""
    defaults(doc)
    font_table(doc)
    para_style(doc, "Normal", FANGSONG, BODY_PT, condense=CONDENSE)
    para_style(doc, "公文标题", XIAOBIAOSONG, TITLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, snap=False)
    para_style(doc, "公文正文", FANGSONG, BODY_PT, indent_chars=2, condense=CONDENSE)
    signature = para_style(doc, "落款", FANGSONG, BODY_PT, align=WD_ALIGN_PARAGRAPH.LEFT, condense=CONDENSE)
    signature.paragraph_format.keep_with_next = True  # the issuer never ends a page without its date
    contact = para_style(doc, "联系方式", FANGSONG, BODY_PT, indent_chars=2, condense=CONDENSE)
    contact.paragraph_format.keep_with_next = True  # nor does the signature stand alone on a page
    para_style(doc, "表格文字", FANGSONG, TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=16, snap=False)
    para_style(doc, "表头文字", HEI, TABLE_PT, align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=16, snap=False)
    para_style(doc, "页码", SONG, PAGE_NUMBER_PT, align=WD_ALIGN_PARAGRAPH.RIGHT, latin=SONG, line_pt=None, snap=False)
    page_setup(doc)
    return doc


def opening(doc) -> None:
    para(doc, "{{ title }}", "公文标题")
    para(doc, "", "Normal")
    para(doc, "{{ preamble }}", "公文正文")


def closing(doc) -> None:
    """Contacts, then the issuer and the date: 右空二字, the date two characters further
    right (GB/T 9704-2012 7.3.5.2); the padding is computed per document."""
    para(doc, "{%p for line in contacts %}", "联系方式")
    para(doc, "{{ line }}", "联系方式")
    para(doc, "{%p endfor %}", "联系方式")
    para(doc, "", "落款")  # the blank line before the signature moves with it
    para(doc, "{{ sign_issuer }}", "落款")
    para(doc, "{{ sign_date }}", "落款")


def build_notice():
    doc = new_document()
    opening(doc)
    para(doc, "{%p for person in people %}", "公文正文")
    para(doc, "{{ person.line }}", "公文正文")
    para(doc, "{%p endfor %}", "公文正文")
    # the closing body paragraphs go with the signature: the issuer and date never stand
    # alone on the last page (a paragraph split by the page keeps at least two lines below)
    para(doc, "{%p if report %}", "公文正文")
    para(doc, "{{ period_text }}", "公文正文")
    para(doc, "{{ report }}", "公文正文", keep_with_next=True)
    para(doc, "{%p else %}", "公文正文")
    para(doc, "{{ period_text }}", "公文正文", keep_with_next=True)
    para(doc, "{%p endif %}", "公文正文")
    closing(doc)
    return doc


def _cell(cell, text: str, style: str, width: int) -> None:
    cell.width = width * 635  # twips -> EMU
    paragraph = cell.paragraphs[0]
    paragraph.style = style
    run = paragraph.add_run(text)
    set_fonts(run._r.get_or_add_rPr(), HEI if style == "表头文字" else FANGSONG)
    tc_pr = cell._tc.get_or_add_tcPr()
    _child(tc_pr, "w:vAlign", val="center")


def _table_properties(table) -> None:
    tbl_pr = table._tbl.tblPr
    _child(tbl_pr, "w:tblW", w=str(sum(w for _, _, w in TABLE_COLUMNS)), type="dxa")
    _child(tbl_pr, "w:tblLayout", type="fixed")
    borders = _child(tbl_pr, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="single", sz="4", space="0", color="000000")
    margins = _child(tbl_pr, "w:tblCellMar")
    for side, width in (("left", "57"), ("right", "57")):
        _child(margins, f"w:{side}", w=width, type="dxa")


def build_list():
    doc = new_document()
    opening(doc)
    # every person but the last, then the last one in a row kept with what follows: the
    # signature never stands alone on a page after the table
    table = doc.add_table(rows=7, cols=len(TABLE_COLUMNS))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _table_properties(table)
    loops = {1: "{%tr for person in people[:-1] %}", 3: "{%tr endfor %}",
             4: "{%tr for person in people[-1:] %}", 6: "{%tr endfor %}"}
    for i, (head, cell, width) in enumerate(TABLE_COLUMNS):
        table.columns[i].width = width * 635
        _cell(table.cell(0, i), head, "表头文字", width)
        for row in (2, 5):
            _cell(table.cell(row, i), cell, "表格文字", width)
        for row, tag in loops.items():
            _cell(table.cell(row, i), tag if i == 0 else "", "表格文字", width)
        table.cell(5, i).paragraphs[0].paragraph_format.keep_with_next = True
    header_row = table.rows[0]._tr.get_or_add_trPr()
    _child(header_row, "w:tblHeader")
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        _child(tr_pr, "w:cantSplit")
        _child(tr_pr, "w:trHeight", val=str(ROW_HEIGHT), hRule="atLeast")
    para(doc, "{%p if has_results %}", "公文正文")
    para(doc, "测评结果：", "公文正文")
    para(doc, "{%p for person in people %}", "公文正文")
    para(doc, "{%p if person.results_text %}", "公文正文")
    para(doc, "{{ person.name }}，{{ person.results_text }}。", "公文正文")
    para(doc, "{%p endif %}", "公文正文")
    para(doc, "{%p endfor %}", "公文正文")
    para(doc, "{%p endif %}", "公文正文")
    closing(doc)
    return doc


def stable_zip(data: bytes) -> bytes:
    """The same bytes for the same content: fixed timestamps, so a rebuild that changes
    nothing leaves the committed files untouched."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def save(doc, target: Path) -> None:
    buffer = io.BytesIO()
    doc.save(buffer)
    data = stable_zip(buffer.getvalue())
    check_target(target, force=True)  # the templates are rebuilt in place
    write_atomic(target, lambda tmp: tmp.write_bytes(data))


def main() -> None:
    save(build_notice(), TEMPLATES / "notice.docx")
    save(build_list(), TEMPLATES / "list.docx")
    print(f"已生成：{TEMPLATES / 'notice.docx'}、{TEMPLATES / 'list.docx'}")


if __name__ == "__main__":
    main()
