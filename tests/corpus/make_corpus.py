"""Build the bad-input corpus committed beside this script.

    python -m tests.corpus.make_corpus     # needs LibreOffice (soffice) for the .xls; msoffcrypto-tool for encryption

Each file's expected exit code and Chinese message are in `expected.toml`; the test
`tests/test_corpus.py` runs every case through the CLI.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from openpyxl import Workbook

from tests.builders import make_id, person, write_table

HERE = Path(__file__).parent

BORN = dt.date(1995, 5, 1)


def roster(path: Path, rows: list[dict], **kw) -> Path:
    wb = Workbook()
    wb.active.title = "名册"
    write_table(wb.active, rows, **kw)
    wb.save(path)
    return path


def good_rows() -> list[dict]:
    return [person("张三", BORN, seq=1, **{"后备类别": "副科级", "2025年": "称职"}),
            person("李四", dt.date(1992, 3, 1), "女", seq=2, **{"后备类别": "副科级", "2025年": "优秀"})]


def main() -> None:
    out = HERE
    (out / "not_a_workbook.xlsx").write_text("这只是一段文字，被改成了 .xlsx 扩展名。\n", encoding="utf-8")
    good = roster(out / "_good.xlsx", good_rows())
    data = good.read_bytes()
    (out / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:  # keep the committed encrypted.xlsx
        print("msoffcrypto-tool not installed: encrypted.xlsx kept as it is")
    else:
        with good.open("rb") as src, (out / "encrypted.xlsx").open("wb") as dst:
            OOXMLFile(src).encrypt("123456", dst)
    with zipfile.ZipFile(out / "zip_bomb.xlsx", "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<sheetData>" + b"0" * (100 * 1024 * 1024) + b"</sheetData>")
    Workbook().save(out / "empty.xlsx")
    roster(out / "header_only.xlsx", [{"序号": None, "姓名": None, "性别": None, "出生年月": None}], footer=False)
    wb = Workbook()
    wb.active.append(["会议签到表"])
    wb.active.append(["时间", "地点", "主持人"])
    wb.active.append(["上午", "三楼会议室", "王某"])
    wb.save(out / "no_header.xlsx")
    wb = Workbook()
    wb.active.append(["姓名", "出生年月", "性别", "出生日期"])
    wb.active.append(["张三", "1995.05", "男", "1995.05"])
    wb.save(out / "same_header_twice.xlsx")
    rows = good_rows()
    rows[0]["备注"] = "长" * 10_000
    roster(out / "long_cell.xlsx", rows)
    rows = good_rows() + [person("王五", BORN, seq=3), person("赵六", BORN, seq=4)]
    for row, bad in zip(rows[1:], ("2025.13", "1985.02.30", "明年")):
        row["出生年月"] = bad
    roster(out / "bad_dates.xlsx", rows)
    wb = Workbook()
    write_table(wb.active, [{"准考证号": "2025001", "姓名": "张三", "笔试成绩": "八十五", **{f"评委{i}": 80 for i in range(1, 6)},
                             "优秀": 10, "称职": 5, "基本称职": 1, "不称职": 0, "测评人数": 16},
                            {"准考证号": "2025002", "姓名": "李四", "笔试成绩": 82, **{f"评委{i}": 85 for i in range(1, 6)},
                             "优秀": 12, "称职": 4, "基本称职": 0, "不称职": 0, "测评人数": 16}],
                title="答辩测评成绩", unit_line=None)
    wb.save(out / "chinese_number_score.xlsx")
    rows = good_rows()
    rows[0]["身份证号码"] = float(make_id(BORN)[:17] + "0")
    roster(out / "float_ids.xlsx", rows)
    rows = good_rows()
    rows[0]["姓　名"] = '=HYPERLINK("http://example.invalid","点我")'
    roster(out / "formula_name.xlsx", rows)
    wb = Workbook()
    write_table(wb.active, good_rows())
    wb.active.title = "名册"
    wb.active.protection.set_password("secret")
    wb.active.protection.sheet = True
    wb.save(out / "protected_sheet.xlsx")
    _xlsm(good, out / "macros.xlsm")
    (out / "webpage.xls").write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", encoding="utf-8")
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            src = roster(Path(tmp) / "wps_style.xlsx", good_rows())
            subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", str(out), str(src)],
                           check=True, capture_output=True)
    hostile(out, good)
    named_by_content(out, good)
    good.unlink()
    print("corpus written to", out)


def _edit_sheet(src: Path, dst: Path, edit, extra: dict[str, bytes] | None = None,
                duplicate: str | None = None) -> Path:
    """A copy of `src` with the XML of its first sheet changed by `edit(bytes) -> bytes`."""
    import warnings

    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = edit(data)
            zout.writestr(item, data)
        for name, data in (extra or {}).items():
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # zipfile warns about a duplicate name: that is the point
                zout.writestr(name, data)
    return dst


def hostile(out: Path, good: Path) -> None:
    """Files built to break the tool (issue: hostile and broken files)."""
    import re

    from openpyxl import load_workbook

    wb = load_workbook(good)
    wb.active["XFD1048576"] = "x"  # one stray cell: calamine would ask for 17 billion cells
    wb.save(out / "far_cell.xlsx")
    _edit_sheet(good, out / "far_merge.xlsx",
                lambda x: re.sub(rb'<mergeCells count="(\d+)">',
                                 lambda m: b'<mergeCells count="%d"><mergeCell ref="AD50:XFD1048576"/>' % (int(m[1]) + 1), x))
    # cells without a reference: their positions are implied, 20,000 of them in one row
    _edit_sheet(good, out / "implied_cells.xlsx",
                lambda x: x.replace(b"</sheetData>", b'<row r="99000">' + b"<c><v>1</v></c>" * 20_000 + b"</row></sheetData>"))
    with zipfile.ZipFile(good) as z:
        sheet = z.read("xl/worksheets/sheet1.xml")
    other = sheet.replace(b"<v>1</v>", b"<v>7</v>", 1)
    _edit_sheet(good, out / "duplicate_member.xlsx", lambda x: x, {"xl/worksheets/sheet1.xml": other})
    _edit_sheet(good, out / "case_member.xlsx", lambda x: x, {"xl/worksheets/Sheet1.xml": other})
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out / "missing_part.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", b'<Override PartName="/xl/worksheets/sheet9.xml" ContentType='
                                    b'"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>')
            zout.writestr(item, data)
    # a header that reaches XFD3: no room for the audit's status columns
    wb = load_workbook(good)
    wb.active["XFD3"] = "备注"
    wb.save(out / "header_to_xfd.xlsx")
    (out / "wide.csv").write_text("姓名," + "," * 20_000 + "\n张三\n", encoding="utf-8")
    # text that looks like a formula, where the tool writes titles
    wb = Workbook()
    write_table(wb.active, [{"准考证号": "2025001", "姓名": "张三", "笔试成绩": 85, **{f"评委{i}": 80 for i in range(1, 6)},
                             "优秀": 10, "称职": 5, "基本称职": 1, "不称职": 0, "测评人数": 16}],
                title='=HYPERLINK("http://example.invalid","成绩汇总")', unit_line=None)
    wb.active["A1"].data_type = "s"
    wb.save(out / "formula_title.xlsx")
    # personal numbers typed into publishable cells
    rows = good_rows()
    rows[0]["现任职务"] = "股长（1383 424 4393）"
    rows[1]["现任职务"] = "副局长"
    roster(out / "phone_in_post.xlsx", rows)
    rows = good_rows()
    rows[0]["姓　名"] = "郭涛５３２５２７１９８５０６１２００３４"
    roster(out / "id_in_name.xlsx", rows)
    rows = good_rows()
    for i, row in enumerate(rows):
        row["职务(手机)"] = f"股长（1383424439{i}）"
    roster(out / "bracket_phone.xlsx", rows)
    # two people, one in a hidden row, one in a hidden sheet: neither is published
    rows = good_rows() + [person("王五", BORN, seq=3, **{"后备类别": "副科级"})]
    roster(out / "hidden_rows.xlsx", rows)
    wb = load_workbook(out / "hidden_rows.xlsx")
    wb.active.row_dimensions[5].hidden = True
    extra = wb.create_sheet("撤回人员")
    write_table(extra, [person("赵六", BORN, seq=4, **{"后备类别": "副科级"})])
    extra.sheet_state = "hidden"
    wb.save(out / "hidden_rows.xlsx")
    # names with terminal escapes (Excel stores ESC as _x001B_) and markup
    rows = good_rows()
    rows[0]["姓　名"] = "张_x001B_[31m三[/x]\u202e"
    roster(out / "escapes.xlsx", rows)
def named_by_content(out: Path, good: Path) -> None:
    """Files whose name says one thing and whose bytes another, and text "workbooks"
    (2003 XML, web pages) broken or hostile: each is read by what it is, or refused
    with the reason."""
    wps = out / "wps_style.xls"
    if wps.exists():
        shutil.copy(wps, out / "xls_named.xlsx")
        shutil.copy(wps, out / "wps_table.et")
    shutil.copy(good, out / "xlsx_named.xls")
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([soffice, "--headless", "--convert-to", "ods", "--outdir", tmp, str(good)],
                           check=True, capture_output=True)
            shutil.copy(Path(tmp) / "_good.ods", out / "ods_named.xlsx")
    csv_text = "姓名,性别,出生年月,身份证号码,后备类别\n" + "".join(
        f"{r['姓　名']},{r['性别']},{r['出生年月']},{r['身份证号码']},{r['后备类别']}\n" for r in good_rows())
    (out / "csv_named.xls").write_bytes(csv_text.encode("utf-8"))
    (out / "gbk_csv_named.xlsx").write_bytes(csv_text.replace(",", "\t").encode("gbk"))
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(out / "utf16_sheet.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/"):
                body = data.decode("utf-8").split("?>", 1)[-1] if data.startswith(b"<?xml") else data.decode("utf-8")
                data = ('<?xml version="1.0" encoding="UTF-16"?>' + body).encode("utf-16")
            zout.writestr(info, data)
    rows = "".join(f"<tr><td>{r['姓　名']}</td><td>{r['性别']}</td><td>{r['出生年月']}</td>"
                   f"<td style=\"mso-number-format:'\\@'\">{r['身份证号码']}</td><td>{r['后备类别']}</td></tr>"
                   for r in good_rows())
    page = ("<html><head><meta charset=utf-8></head><body><table><tr><th>姓名</th><th>性别</th><th>出生年月</th>"
            f"<th>身份证号码</th><th>后备类别</th></tr>{rows}</table></body></html>")
    (out / "html_bom.xls").write_bytes(page.encode("utf-8-sig"))
    (out / "html_utf16.xls").write_bytes(page.replace("charset=utf-8", "charset=utf-16").encode("utf-16"))
    (out / "page_without_table.htm").write_text("<html><head><title>人事管理系统</title></head><body><p>会话已过期，请重新登录。"
                                                "</p></body></html>", encoding="utf-8")
    laughs = '<!ENTITY l0 "哈">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    (out / "xml_entities.xls").write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE Workbook [{laughs}]>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        '<Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">&l9;</Data></Cell></Row></Table></Worksheet></Workbook>',
        encoding="utf-8")
    xml = ('<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Worksheet ss:Name="名册"><Table><Row><Cell><Data ss:Type="String">姓名</Data></Cell>'
           '<Cell><Data ss:Type="String">性别</Data></Cell></Row><Row><Cell><Data ss:Type="String">张三</Data></Cell>')
    (out / "xml_truncated.xls").write_text(xml, encoding="utf-8")


def _xlsm(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml")
                data = data.replace(b"<Default Extension=\"xml\"",
                                    b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/>"
                                    b"<Default Extension=\"xml\"")
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", b"Attribute VB_Name = \"Module1\"\nSub Auto_Open()\nEnd Sub\n")


if __name__ == "__main__":
    main()
