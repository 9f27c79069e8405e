"""The annotated workbook `cadre score` writes: original cells untouched, result columns
beside each row, a print-ready 成绩汇总 ordered by rank, values and never formulas."""

import zipfile
from pathlib import Path

from openpyxl import load_workbook

from cadre_cli.writers.workbook import RED
from tests.conftest import sha256
from tests.score_sheets import TITLE, row, sheet

DATA = Path(__file__).parent / "data"
RESULT_LABELS = ["考评分", "测评分", "答辩测评分", "是否合格", "名次", "说明"]


def rows():
    return [
        row("张三", "2025001", 86, marks=(80, 85, 90, 75, 88), votes=(10, 5, 2, 1), voters=18),  # 83.94
        row("李四", "2025002", 59, marks=(95,) * 5, votes=(18, 0, 0, 0)),  # fails the written exam
        row("=1+1", "2025003", 90, marks=(90,) * 5, votes=(18, 0, 0, 0)),  # 94, a name that looks like a formula
        row("赵六", "2025004", "缺考"),
        row("钱七", "2025005", 70, marks=(50,) * 5, votes=(0, 0, 18, 0)),  # 30 + 24 = 54: fails the defense
    ]


def text_cells(path: Path) -> Path:
    """Make every cell that begins with `=` text, as a user's typed name is."""
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for line in ws.iter_rows():
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    wb.save(path)
    return path


def test_annotated_copy(run, tmp_path):
    path = text_cells(sheet(tmp_path / "答辩成绩.xlsx", rows()))
    before = sha256(path)
    out = run("score", path)
    assert out.code == 0, out
    assert sha256(path) == before  # the input is never touched
    target = tmp_path / "答辩成绩_成绩.xlsx"
    assert target.exists() and str(target.name) in out.out

    original = load_workbook(path)["答辩测评"]
    wb = load_workbook(target)
    ws = wb["答辩测评"]
    assert wb.sheetnames == ["答辩测评", "成绩汇总", "读取说明"]
    for line in original.iter_rows():  # every original cell as it was
        for cell in line:
            assert ws[cell.coordinate].value == cell.value, cell.coordinate
    width = original.max_column
    # result columns to the right, in the top header row, merged down over the two-row header
    assert [ws.cell(2, width + i).value for i in range(1, 7)] == RESULT_LABELS
    assert f"{ws.cell(2, width + 1).coordinate}:{ws.cell(3, width + 1).coordinate}" in {str(m) for m in ws.merged_cells.ranges}
    res = {ws.cell(r, 2).value: [ws.cell(r, width + i).value for i in range(1, 7)] for r in range(4, 9)}
    assert res["张三"][:5] == [83.6, 84.44, 83.94, "合格", 2]
    assert res["=1+1"][:5] == [90, 100, 94, "合格", 1]
    assert res["李四"][:5] == [None, None, None, "不合格", None] and "未达到60分" in res["李四"][5]
    assert res["赵六"][3] == "不合格（缺考）" and "缺考" in res["赵六"][5]
    assert res["钱七"][2:5] == [54, "不合格", 3]
    assert ws.cell(4, width + 3).number_format == "0.00"
    # failing rows marked with a light red fill on the result cells
    assert ws.cell(5, width + 4).fill.fgColor.rgb.endswith(RED)
    assert ws.cell(8, width + 3).fill.fgColor.rgb.endswith(RED)
    assert not ws.cell(4, width + 3).fill.fgColor.rgb.endswith(RED)

    summary = wb["成绩汇总"]
    assert summary.cell(1, 1).value == TITLE
    header = [summary.cell(2, c).value for c in range(1, 11)]
    assert header == ["名次", "准考证号", "姓名", "笔试成绩", "考评分", "测评分", "答辩测评分", "是否合格", "说明", None]
    body = [[summary.cell(r, c).value for c in (1, 3, 7)] for r in range(3, 8)]
    assert body == [[1, "=1+1", 94], [2, "张三", 83.94], [3, "钱七", 54], [None, "李四", None], [None, "赵六", None]]
    assert summary.cell(3, 3).data_type == "s"  # the name stays text
    assert summary.cell(4, 7).number_format == "0.00" and summary.cell(4, 7).border.left.style == "thin"
    assert summary.cell(5, 7).fill.fgColor.rgb.endswith(RED) and not summary.cell(4, 7).fill.fgColor.rgb.endswith(RED)
    assert summary.print_title_rows == "$2:$2"
    assert int(summary.page_setup.paperSize) == 9  # A4
    notes = [summary.cell(r, 1).value for r in range(9, summary.max_row + 1) if summary.cell(r, 1).value]
    assert notes[0] == "计算说明："
    text = "\n".join(notes)
    assert "county" in text and "考评分×60% + 测评分×40%" in text and "达到60分为合格" in text and "四舍五入" in text

    for sh in wb.worksheets:  # values, never formulas
        for line in sh.iter_rows():
            for cell in line:
                assert cell.data_type != "f", (sh.title, cell.coordinate)


def test_output_refused_without_force_and_input_kept(run, tmp_path):
    path = sheet(tmp_path / "s.xlsx", rows())
    assert run("score", path).code == 0
    again = run("score", path)
    assert again.code == 2 and "已存在" in again.err and "--force" in again.err
    assert run("score", path, "--force").code == 0
    same = run("score", path, "--output", path)
    assert same.code == 2 and "同一个文件" in same.err
    wrong = run("score", path, "--output", tmp_path / "out.xls")
    assert wrong.code == 2 and ".xlsx" in wrong.err


def test_no_output_writes_nothing(run, tmp_path):
    path = sheet(tmp_path / "s.xlsx", rows())
    out = run("score", path, "--no-output")
    assert out.code == 0 and "张三" in out.out
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.xlsx"]


def test_output_option(run, tmp_path):
    path = sheet(tmp_path / "s.xlsx", rows())
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "结果.xlsx"
    assert run("score", path, "--output", target).code == 0
    assert "成绩汇总" in load_workbook(target).sheetnames


def test_xls_input_gives_xlsx_output(run, tmp_path):
    source = tmp_path / "score_sheet.xls"
    source.write_bytes((DATA / "score_sheet.xls").read_bytes())
    out = run("score", source)
    assert out.code == 0, out
    target = tmp_path / "score_sheet_成绩.xlsx"
    assert target.exists() and "另存为 .xlsx" in out.out
    ws = load_workbook(target).worksheets[0]
    labels = [ws.cell(2, c).value for c in range(1, ws.max_column + 1)]
    assert labels[-6:] == RESULT_LABELS
    zhang = [ws.cell(4, c).value for c in range(1, ws.max_column + 1)]
    assert zhang[1] == "张三" and zhang[-4] == 83.94


def test_enterprise_output_columns(run, tmp_path):
    rows = [{"姓名": "赵一", "笔试": 25, "演讲答辩": 30.5, "公司领导班子": 13, "中层干部": 8.5, "职工代表": 9}]
    path = sheet(tmp_path / "e.xlsx", rows, title=None)
    assert run("score", path, "--policy", "enterprise").code == 0
    wb = load_workbook(tmp_path / "e_成绩.xlsx")
    ws = wb["答辩测评"]
    labels = [ws.cell(1, c).value for c in range(1, ws.max_column + 1)]
    assert labels[-5:] == ["演讲答辩得分", "组织考察得分", "总成绩", "名次", "说明"]
    assert [ws.cell(3, c).value for c in range(ws.max_column - 4, ws.max_column - 1)] == [30.5, 30.5, 86]
    summary = wb["成绩汇总"]
    assert summary.cell(1, 1).value == "中层助理后备人选公开选拔成绩汇总表"
    assert [summary.cell(2, c).value for c in range(1, 8)] == ["名次", "姓名", "笔试", "演讲答辩", "组织考察", "总成绩", "说明"]


def test_xlsm_keeps_its_macros(run, tmp_path):
    plain = sheet(tmp_path / "宏.xlsx", rows())
    source = tmp_path / "宏.xlsm"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(source, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr("xl/vbaProject.bin", b"VBA-PROJECT-BYTES" * 8)
    out = run("score", source)
    assert out.code == 0, out
    target = tmp_path / "宏_成绩.xlsm"
    assert target.exists() and "宏（VBA）已原样保留" in out.out
    with zipfile.ZipFile(target) as z:
        assert z.read("xl/vbaProject.bin") == b"VBA-PROJECT-BYTES" * 8
    assert "成绩汇总" in load_workbook(target, keep_vba=True).sheetnames
    wrong = run("score", source, "--output", tmp_path / "x.xlsx", "--force")
    assert wrong.code == 2 and ".xlsm" in wrong.err
