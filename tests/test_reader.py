"""The reader takes every layout and value variant of FORMATS.md, and refuses bad files
with one Chinese sentence."""

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from cadre_cli.errors import InputError
from cadre_cli.model.person import build_roster
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import Grade
from cadre_cli.readers.load import read_tables, require
from tests.builders import make_id, person, roster_xlsx, write_table

DATA = Path(__file__).parent / "data"


def roster(path):
    _, tables = read_tables(path)
    return build_roster(path.name, tables)


def test_title_two_row_header_sections_and_footer(tmp_path):
    rows = [person("张三", dt.date(1985, 10, 7), **{"后备类别": "正科级", "2023年": "称职", "2024年": "优秀",
                                                   "优秀": 15, "称职": 3, "基本称职": 1, "不称职": 1, "测评人数": 20,
                                                   "全日制教育": "大学 学士", "在职教育": "研究生 硕士"}),
            person("李四", dt.date(1990, 1, 2), "女", seq=2, **{"后备类别": "副科级", "2023年": "基本合格"})]
    path = roster_xlsx(tmp_path / "r.xlsx", rows)
    _, tables = read_tables(path)
    table = tables[0]
    assert table.title == "XX县科级后备干部名册"
    assert table.unit_hint == "XX县委组织部"
    assert table.header_rows == (3, 4)
    people = build_roster(path.name, tables).people
    assert [p.name for p in people] == ["张三", "李四"]  # 合计, 填表说明 and 填表人 are not people
    zhang = people[0]
    assert zhang.values["birth"] == PDate(1985, 10)
    assert zhang.assessments == {2023: Grade.COMPETENT, 2024: Grade.EXCELLENT}
    assert (zhang.poll.excellent, zhang.poll.incompetent, zhang.poll.voters) == (15, 1, 20)
    assert zhang.education.name == "POSTGRADUATE" and zhang.education_fulltime.name == "BACHELOR"
    assert zhang.degree.name == "MASTER"
    assert zhang.cell("birth").ref == "D5"
    assert zhang.unit == "XX县委组织部"


def test_noisy_headers(tmp_path):
    wb = Workbook()
    ws = wb.active
    headers = ["序 号", "姓　　名", "性别*", "出生\n年月", "身份证号码（18位）", "笔试成绩（分）", "测评人数(人)", "工作单位"]
    for c, h in enumerate(headers, 1):
        ws.cell(1, c, h)
    ws.append([1, "张三", "男", "1985.03", make_id(dt.date(1985, 3, 1)), "85.5分", "18", "县委办"])
    wb.save(tmp_path / "n.xlsx")
    _, tables = read_tables(tmp_path / "n.xlsx")
    assert set(tables[0].columns) >= {"name", "gender", "birth", "id_number", "written", "poll:voters", "unit"}


def test_blank_rows_and_repeated_header_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "性别", "出生年月"])
    ws.append(["张三", "男", "1985.03"])
    ws.append([None, None, None])
    ws.append(["姓名", "性别", "出生年月"])
    ws.append(["李四", "女", "1986.04"])
    ws.append(["小计", None, None])
    wb.save(tmp_path / "b.xlsx")
    assert [p.name for p in roster(tmp_path / "b.xlsx").people] == ["张三", "李四"]


def test_one_sheet_per_unit_takes_unit_from_sheet_name(tmp_path):
    wb = Workbook()
    wb.active.title = "说明"
    wb.active["A1"] = "本册按单位分表"
    for unit, name in (("县委办", "张三"), ("县财政局", "李四")):
        write_table(wb.create_sheet(unit), [person(name)], title=None, unit_line=None)
    wb.save(tmp_path / "s.xlsx")
    people = roster(tmp_path / "s.xlsx").people
    assert [(p.name, p.unit) for p in people] == [("张三", "县委办"), ("李四", "县财政局")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_encodings(tmp_path, encoding):
    text = "姓名,性别,出生年月,身份证号码\n张三,男,1985.10,%s\n" % make_id(dt.date(1985, 10, 7))
    path = tmp_path / "r.csv"
    path.write_bytes(text.encode(encoding))
    people = roster(path).people
    assert people[0].name == "张三"
    assert people[0].values["birth"] == PDate(1985, 10)
    assert people[0].id is not None


@pytest.mark.parametrize("name", ["legacy_roster.xls", "legacy_roster.ods", "legacy_roster.xlsx"])
def test_committed_legacy_formats(name):
    people = roster(DATA / name).people
    assert [p.name for p in people] == ["张三", "李四", "王五"]
    # the number 1985.10 in format 0.00 is October; 1988.1 in General is January
    assert people[0].values["birth"] == PDate(1985, 10)
    assert people[1].values["birth"] == PDate(1988, 1)
    assert people[1].assessments[2024] is Grade.BASIC
    assert people[2].assessments[2024] is None
    assert people[0].poll.voters == 18


def test_id_numbers_damaged_into_floats_are_flagged(tmp_path):
    rows = [person("张三"), person("李四", seq=2)]
    rows[1]["身份证号码"] = 1.101051985030712e17
    people = roster(roster_xlsx(tmp_path / "f.xlsx", rows)).people
    assert people[0].id is not None and people[0].id_problem is None
    assert people[1].id is None and "存成了数字" in people[1].id_problem


def test_bad_values_become_problems_with_cells(tmp_path):
    rows = [person("张三", **{"2024年": "很好"})]
    rows[0]["出生年月"] = "1985.13"
    people = roster(roster_xlsx(tmp_path / "p.xlsx", rows)).people
    problems = {(p.field, p.cell.ref) for p in people[0].problems}
    assert ("birth", "D5") in problems
    assert any(f == "assessment:2024" for f, _ in problems)


def test_same_header_twice_is_an_error(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "出生年月", "性别", "出生日期"])
    ws.append(["张三", "1985.03", "男", "1985.04"])
    wb.save(tmp_path / "d.xlsx")
    with pytest.raises(InputError, match="出现了2次（B1、D1）"):
        read_tables(tmp_path / "d.xlsx")


def test_missing_field_names_headers_seen_and_accepted(tmp_path):
    wb = Workbook()
    wb.active.append(["姓名", "性别"])
    wb.active.append(["张三", "男"])
    wb.save(tmp_path / "m.xlsx")
    _, tables = read_tables(tmp_path / "m.xlsx")
    with pytest.raises(InputError) as exc:
        require(tables[0], ["birth"], "年龄检查")
    text = exc.value.message
    assert "m.xlsx" in text and "“姓名”" in text and "出生年月" in text and "出生日期" in text


def test_no_header_anywhere(tmp_path):
    wb = Workbook()
    wb.active.append(["这是一张", "与名册无关的表"])
    wb.save(tmp_path / "x.xlsx")
    with pytest.raises(InputError, match="缺少必需的列"):
        read_tables(tmp_path / "x.xlsx")


@pytest.mark.parametrize(
    "content, match",
    [
        (b"just some text, not a workbook", "不是 Excel"),
        (b"", "空文件"),
        (b"<html><table><tr><td>x</td></tr></table></html>", "网页"),
    ],
)
def test_not_a_workbook(tmp_path, content, match):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match=match):
        read_tables(path)


def test_truncated_xlsx(tmp_path):
    good = roster_xlsx(tmp_path / "g.xlsx", [person()])
    bad = tmp_path / "t.xlsx"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 2])
    with pytest.raises(InputError, match="损坏或不完整"):
        read_tables(bad)


def test_zip_bomb_refused(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (50 * 1024 * 1024) + b"</a>")
    assert path.stat().st_size < 200_000
    with pytest.raises(InputError, match="压缩炸弹"):
        read_tables(path)


def test_encrypted_workbook(tmp_path):
    import olefile  # noqa: F401  (the guard reads OLE containers with it)

    path = tmp_path / "enc.xlsx"
    path.write_bytes(_ole_with_streams(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(InputError, match="设置了打开密码。请在命令后加 --password"):
        read_tables(path)


def test_empty_workbook(tmp_path):
    Workbook().save(tmp_path / "e.xlsx")
    with pytest.raises(InputError, match="空白"):
        read_tables(tmp_path / "e.xlsx")


def _ole_with_streams(names: list[str]) -> bytes:
    """A minimal compound file holding the named streams (as Office encryption does)."""
    import struct

    sector = 512
    n = len(names)
    # sectors: 0 = FAT, 1 = directory, 2.. = one sector of data per stream (mini streams avoided: 4096 bytes each)
    data_sectors = 8 * n
    fat = [0xFFFFFFFD, 0xFFFFFFFE]
    for i in range(n):
        start = 2 + 8 * i
        fat += [start + k + 1 for k in range(7)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(sector)
    header[0:8] = bytes.fromhex("d0cf11e0a1b11ae1")
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIII", header, 40, 0, 1, 1, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
    struct.pack_into("<I", header, 72, 0)
    struct.pack_into("<I", header, 76, 0)
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, 0xFFFFFFFF)
    directory = bytearray(sector)

    def entry(idx, name, kind, start, size, child=0xFFFFFFFF, right=0xFFFFFFFF):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        off = idx * 128
        directory[off:off + len(raw)] = raw
        struct.pack_into("<HBB", directory, off + 64, len(raw), kind, 1)
        struct.pack_into("<III", directory, off + 68, 0xFFFFFFFF, right, child)
        struct.pack_into("<II", directory, off + 116, start, size)

    entry(0, "Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, name in enumerate(names):
        entry(1 + i, name, 2, 2 + 8 * i, 4096, right=(2 + i) if i + 1 < n else 0xFFFFFFFF)
    body = bytes(header) + struct.pack("<128I", *fat) + bytes(directory) + b"\x00" * (sector * data_sectors)
    return body


def test_two_row_header_right_under_the_title(tmp_path):
    """A sub-header row with more known cells than the group row must not be taken as the header."""
    rows = [{"序号": i, "准考证号": f"2025{i:03d}", "姓名": n, "笔试成绩": 80, **{f"评委{j}": 80 + j for j in range(1, 8)},
             "优秀": 10, "称职": 5, "基本称职": 1, "不称职": 0, "测评人数": 18} for i, n in enumerate(["甲", "乙"], 1)]
    path = roster_xlsx(tmp_path / "s.xlsx", rows, title="2025年答辩测评成绩汇总表", unit_line=None)
    _, tables = read_tables(path, ("name", "exam_number"))
    cols = tables[0].columns
    assert tables[0].header_rows == (2, 3)
    assert [k for k in cols if k.startswith("panel:")] == [f"panel:{j}" for j in range(1, 8)]
    assert len(tables[0].records) == 2


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_flat_year_headers_are_fields_not_groups(tmp_path, suffix):
    """`2024年度考核` holds the group word 年度考核 but is a column by itself: the first data row
    under it must stay a person, not become a sub-header."""
    header = ["姓名", "性别", "出生年月", "2024年度考核", "2025年考核结果", "后备类别"]
    rows = [["张三", "男", "1984.10", "称职", "基本称职", "正科级"], ["李四", "女", "1993.05", "优秀", "优秀", "副科级"]]
    path = tmp_path / f"flat{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(r) for r in [header, *rows]), encoding="utf-8")
    else:
        wb = Workbook()
        for r in [header, *rows]:
            wb.active.append(r)
        wb.save(path)
    people = roster(path).people
    assert [p.name for p in people] == ["张三", "李四"]
    assert people[0].assessments == {2024: Grade.COMPETENT, 2025: Grade.BASIC}
    assert not people[1].problems


def test_a_data_row_is_never_a_sub_header(tmp_path):
    """Under a group-like header, a row whose name cell holds a name is data."""
    wb = Workbook()
    wb.active.append(["姓名", "年度考核", "出生年月"])
    wb.active.append(["王五", "优秀", "1990.01"])
    wb.save(tmp_path / "g.xlsx")
    assert [p.name for p in roster(tmp_path / "g.xlsx").people] == ["王五"]
