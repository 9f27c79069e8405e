"""The content decides, not the name: every file is read as what its bytes are, and
the user is told in one line when the name says otherwise."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from cadre_cli.errors import InputError
from cadre_cli.readers.guard import Kind
from cadre_cli.readers.load import read_tables
from cadre_cli.readers.raw import load_book

DATA = Path(__file__).parent / "data"
CSV = "姓名,性别,出生年月\n张三,男,1985.03\n李四,女,1990.10\n"


def _names(book) -> list[str]:
    return [r.raw("name") for t in read_tables(book.path)[1] for r in t.records]


@pytest.mark.parametrize("source, name, kind, label", [
    ("legacy_roster.xls", "名册.xlsx", Kind.XLS, "Excel 97-2003"),
    ("legacy_roster.xlsx", "名册.xls", Kind.XLSX, "Excel .xlsx"),
    ("legacy_roster.ods", "名册.xlsx", Kind.ODS, "OpenDocument .ods"),
    ("legacy_roster.xls", "名册.et", Kind.XLS, "Excel 97-2003"),
    ("legacy_roster.xls", "名册.ett", Kind.XLS, "Excel 97-2003"),
])
def test_workbooks_under_another_name(tmp_path, source, name, kind, label):
    path = tmp_path / name
    shutil.copy(DATA / source, path)
    book = load_book(path)
    assert book.kind is kind
    assert _names(book) == ["张三", "李四", "王五"]
    (note,) = book.notes
    assert f"已按 {label} 格式读取" in note and "名册" in note


@pytest.mark.parametrize("name, data", [
    ("名册.xls", CSV.encode("utf-8")),
    ("名册.xlsx", CSV.replace(",", "\t").encode("gbk")),  # tab-separated text, as PHP "exports" write .xls
    ("名册", CSV.encode("utf-8-sig")),
])
def test_csv_under_another_name(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    book = load_book(path)
    assert book.kind is Kind.CSV and book.sheets[0].rows[2][:2] == ["李四", "女"]
    assert "CSV 文本格式" in book.notes[0]


def test_right_names_say_nothing(tmp_path):
    for source in ("legacy_roster.xls", "legacy_roster.xlsx", "legacy_roster.ods"):
        shutil.copy(DATA / source, tmp_path / source)
        assert load_book(tmp_path / source).notes == []


def test_utf16_sheet_xml_is_read(tmp_path):
    """calamine reads UTF-16 sheet XML as an empty sheet ("空白工作簿"): the parts are
    recoded to UTF-8 in memory first."""
    src, path = DATA / "legacy_roster.xlsx", tmp_path / "u16.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml":
                text = data.decode("utf-8").split("?>", 1)[-1] if data.startswith(b"<?xml") else data.decode("utf-8")
                data = ('<?xml version="1.0" encoding="UTF-16"?>' + text).encode("utf-16")
            zout.writestr(info, data)
    book = load_book(path)
    assert _names(book) == ["张三", "李四", "王五"]
    assert book.sheets[0].decimals(4, 3) == 2  # number formats still read from the recoded sheet


@pytest.mark.parametrize("data, message", [
    ("这只是一段文字，被改成了扩展名。\n".encode(), "不是 Excel、WPS 或 CSV 表格文件"),
    (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>', "是 XML 文件（根元素为 <svg>），不是 Excel 2003 XML 表格"),
    (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n", "“单个文件网页”（MHTML）格式"),
    (b"\x00\x01\x02\x03" * 100, "不是 Excel、WPS 或 CSV 表格文件"),
])
def test_what_is_no_table_says_so(tmp_path, data, message):
    path = tmp_path / "名册.xls"
    path.write_bytes(data)
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_book(path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_html_with_a_mark_or_in_utf16_is_a_web_page(tmp_path, encoding):
    path = tmp_path / "名册.xls"
    path.write_bytes("<html><body><table><tr><td>姓名</td><td>性别</td></tr><tr><td>张三</td><td>男</td></tr>"
                     "</table></body></html>".encode(encoding))
    book = load_book(path)
    assert book.kind is Kind.HTML and book.sheets[0].rows[1] == ["张三", "男"]
    assert "已按网页（HTML）格式读取" in book.notes[0]


def test_inspect_says_what_the_file_really_is(tmp_path, run):
    """The first command on a new file says it in one line, as audit, score and notice do."""
    import json

    from tests.pty_run import run_in_pty

    path = tmp_path / "名册.xlsx"
    shutil.copy(DATA / "legacy_roster.xls", path)
    data = json.loads(run("inspect", str(path), "--json").out)
    assert data["notes"] == ["“名册.xlsx”的内容是 Excel 97-2003 格式，与扩展名“.xlsx”不符；已按 Excel 97-2003 格式读取。"]
    screen = run_in_pty("inspect", str(path), columns=80)
    assert screen.code == 0 and "注意：“名册.xlsx”的内容是 Excel 97-2003 格式" in screen.text.replace("\n", "")
