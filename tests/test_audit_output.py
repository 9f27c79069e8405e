"""The annotated audit workbook, and that the input is never touched."""

import datetime as dt
import json
import random
import shutil
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from tests.audit_helpers import of_rule
from tests.builders import person, roster_xlsx
from tests.conftest import sha256

DATA = Path(__file__).parent / "data"


def sample(tmp_path: Path) -> Path:
    rows = [person("超龄", dt.date(1984, 1, 1), seq=1, **{"后备类别": "正科级", "2025年": "称职"}),
            person("=HYPERLINK(\"http://x\",\"点我\")", dt.date(1990, 1, 1), seq=2, **{"后备类别": "正科级", "2025年": "基本称职"}),
            person("合格者", dt.date(1995, 1, 1), seq=3, **{"后备类别": "副科级", "2025年": "优秀"})]
    return roster_xlsx(tmp_path / "名册.xlsx", rows)


def test_workbook_annotations(run, tmp_path):
    path = sample(tmp_path)
    before = sha256(path)
    out = run("audit", str(path), "--as-of", "2026-12-01", "--horizon", "0")
    assert out.code == 1
    assert sha256(path) == before
    target = tmp_path / "名册_审核结果.xlsx"
    assert target.exists() and "名册_审核结果.xlsx" in out.out
    wb = load_workbook(target)
    assert wb.sheetnames == ["名册", "审核概况", "问题清单", "结构分析", "读取说明"]
    ws = wb["名册"]
    # the original cells are as they were
    original = load_workbook(path)["名册"]
    for row in original.iter_rows():
        for cell in row:
            assert ws[cell.coordinate].value == cell.value
    over = ws["D5"]  # 出生年月 of 超龄 (two-row header on rows 3-4)
    assert over.fill.fgColor.rgb.endswith("FFC7CE")
    assert "age-limit" in over.comment.text and "四(七)" in over.comment.text
    status_col = original.max_column + 1
    assert ws.cell(3, status_col).value == "审核结论"
    statuses = [ws.cell(r, status_col).value for r in (5, 6, 7)]
    # county also enables the negative list, health, secondments, exams and 履职体会: this roster has no columns for them
    assert statuses == ["取消资格建议", "取消资格建议", "未能全部核查"]
    assert ws.cell(3, status_col + 2).value == "核查状态"
    assert ws.cell(7, status_col + 2).value == "未能核查：负面情形、健康状况、挂职时间、考试和答辩、履职体会（名册无此列）"
    listing = wb["问题清单"]
    names = [listing.cell(r, 4).value for r in range(3, listing.max_row + 1)]
    assert "=HYPERLINK(\"http://x\",\"点我\")" in names
    assert all(listing.cell(r, 4).data_type == "s" for r in range(3, 5))
    link = listing.cell(3, 6).hyperlink
    assert link is not None and link.location.startswith("'名册'!")
    assert listing.print_title_rows == "$2:$2" or listing.print_title_rows == "2:2"
    assert len(wb["结构分析"]._charts) >= 5


def test_refuses_overwrite_and_input_path(run, tmp_path):
    path = sample(tmp_path)
    assert run("audit", str(path), "--as-of", "2026-12-01").code == 1
    again = run("audit", str(path), "--as-of", "2026-12-01")
    assert again.code == 2 and "已存在" in again.err and "--force" in again.err
    onto_input = run("audit", str(path), "--as-of", "2026-12-01", "--output", str(path), "--force")
    assert onto_input.code == 2 and "同一个文件" in onto_input.err
    missing_dir = run("audit", str(path), "--output", str(tmp_path / "nope" / "x.xlsx"))
    assert missing_dir.code == 2 and "不存在" in missing_dir.err
    assert run("audit", str(path), "--as-of", "2026-12-01", "--force").code == 1


def test_xls_input_gives_xlsx_and_says_so(run, tmp_path):
    src = tmp_path / "legacy.xls"
    shutil.copy(DATA / "legacy_roster.xls", src)
    out = run("audit", str(src), "--as-of", "2026-12-01", "--horizon", "0")
    assert out.code in (0, 1)
    target = tmp_path / "legacy_审核结果.xlsx"
    assert target.exists() and "另存为 .xlsx" in out.out
    wb = load_workbook(target)
    assert wb["名册"]["B5"].value == "张三"


def test_xlsm_keeps_macros(run, tmp_path):
    plain = sample(tmp_path)
    macro = tmp_path / "宏名册.xlsm"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(macro, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                                    b"application/vnd.ms-excel.sheet.macroEnabled.main+xml").replace(
                    b"<Default Extension=\"xml\"", b"<Default Extension=\"bin\" ContentType=\"application/vnd.ms-office.vbaProject\"/><Default Extension=\"xml\"")
            zout.writestr(item, data)
        zout.writestr("xl/vbaProject.bin", b"VBA-PROJECT-BYTES")
    out = run("audit", str(macro), "--as-of", "2026-12-01")
    assert out.code == 1, out
    target = tmp_path / "宏名册_审核结果.xlsm"
    assert target.exists() and "宏" in out.out
    with zipfile.ZipFile(target) as zf:
        assert zf.read("xl/vbaProject.bin") == b"VBA-PROJECT-BYTES"


def test_json_does_not_write_unless_asked(run, tmp_path):
    path = sample(tmp_path)
    data = json.loads(run("audit", str(path), "--json", "--as-of", "2026-12-01").out)
    assert data["output"] is None and not (tmp_path / "名册_审核结果.xlsx").exists()
    target = tmp_path / "out.xlsx"
    data = json.loads(run("audit", str(path), "--json", "--as-of", "2026-12-01", "--output", str(target)).out)
    assert data["output"] == str(target) and target.exists()
    first = data["findings"][0]
    # today's keys, and (a Diagnostic) the structured ones: the field read at the cell, its raw value, the person
    assert {"rule", "severity", "name", "unit", "sheet", "row", "cell", "message", "basis"} <= set(first)
    assert {"field", "column", "raw", "data", "person"} <= set(first)


def test_shuffled_rows_give_the_same_findings(run, tmp_path):
    rows = [person(f"人{i}", dt.date(1980 + i, 1 + i % 12, 1), "女" if i % 3 else "男", seq=i,
                   **{"后备类别": "正科级" if i % 2 else "副科级", "2025年": ["优秀", "称职", "基本称职"][i % 3]})
            for i in range(1, 15)]
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    a = json.loads(run("audit", str(roster_xlsx(tmp_path / "a.xlsx", rows)), "--json", "--as-of", "2026-12-01").out)
    b = json.loads(run("audit", str(roster_xlsx(tmp_path / "b.xlsx", shuffled)), "--json", "--as-of", "2026-12-01").out)

    def key(data):
        return sorted((f["rule"], f["name"], f["message"]) for f in data["findings"])

    assert key(a) == key(b) and len(of_rule(a, "annual-assessment")) > 0
