"""Every command says what it read: which column was read as which field and which were
not, on the terminal (a short table, -v for all), in --json and in the 读取说明 sheet;
`cadre inspect` shows it without running any rule."""

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from rich.cells import cell_len

from tests.builders import person, roster_xlsx
from tests.pty_run import run_in_pty

AS_OF = "2026-12-01"
SAMPLES = Path(__file__).resolve().parent.parent / "sample_data"


def odd_roster(tmp_path):
    rows = [person("张三", seq=1, **{"现任职单位及职务": "县财政局股长", "任现级时间": "2020.03", "籍贯": "云南泸西",
                                    "考察时间": "2025.06", "兼任职务": "工会委员", "后备类别": "正科级"}),
            person("李四", seq=2, **{"现任职单位及职务": "县委办副主任", "任现级时间": "2021.05", "籍贯": "云南弥勒",
                                    "考察时间": "2025.07", "兼任职务": "", "后备类别": "副科级"})]
    return roster_xlsx(tmp_path / "名册.xlsx", rows)


def test_audit_json_lists_every_column(tmp_path, run):
    path = odd_roster(tmp_path)
    data = json.loads(run("audit", str(path), "--json", "--no-output", "--as-of", AS_OF).out)
    cols = {c["header"]: c for c in data["columns"]}
    assert set(cols["姓　名"]) >= {"sheet", "header", "cell", "field"}
    assert cols["姓　名"]["field"] == "name" and cols["姓　名"]["cell"] == "B3" and cols["姓　名"]["sheet"] == "名册"
    assert cols["现任职单位及职务"]["field"] == "unit_post" and cols["任现级时间"]["field"] == "rank_since"
    assert cols["籍贯"]["field"] is None and "resembles" not in cols["籍贯"]
    # an unread header that looks like a field: a warning naming the header and the field
    assert cols["考察时间"]["field"] is None and cols["考察时间"]["resembles"] == "date"
    assert cols["兼任职务"]["field"] is None and "resembles" not in cols["兼任职务"]  # the post is read already
    warnings = data["reading"]["warnings"]
    assert len(warnings) == 1 and "“考察时间”" in warnings[0] and "I3" in warnings[0]


def test_unread_post_like_column_is_a_warning_when_no_post_is_read(tmp_path, run):
    path = roster_xlsx(tmp_path / "r.xlsx", [person("张三", **{"兼任职务": "股长", "学历层次说明": "本科"})])
    data = json.loads(run("audit", str(path), "--json", "--no-output", "--as-of", AS_OF).out)
    text = " ".join(data["reading"]["warnings"])
    assert "“兼任职务”" in text and "像是“现任职务”" in text
    assert "“学历层次说明”" in text and "像是“学历”" in text


def test_score_and_notice_json_carry_the_columns(tmp_path, run):
    score = json.loads(run("score", str(SAMPLES / "答辩测评成绩.xlsx"), "--json", "--no-output").out)
    fields = {c["field"] for c in score["columns"]}
    assert {"name", "exam_number", "written", "panel:1", "poll:voters"} <= fields
    notice = run("notice", str(odd_roster(tmp_path)), "--json", "--output", str(tmp_path / "公示"), "--kind", "list")
    data = json.loads(notice.out)
    assert any(c["field"] == "unit_post" for c in data["columns"]) and data["reading"]["warnings"]


def test_annotated_workbooks_have_a_reading_sheet(tmp_path, run):
    path = odd_roster(tmp_path)
    assert run("audit", str(path), "--as-of", AS_OF).code in (0, 1)
    ws = load_workbook(tmp_path / "名册_审核结果.xlsx")["读取说明"]
    rows = {ws.cell(r, 3).value: [ws.cell(r, c).value for c in range(1, 6)] for r in range(3, ws.max_row + 1)}
    assert rows["任现级时间"][:4] == ["名册", "H3", "任现级时间", "任现职级时间"] or rows["任现级时间"][3] == "任现职级时间"
    assert rows["籍贯"][3] == "（未读取）"
    notes = " ".join(str(ws.cell(r, 1).value) for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value)
    assert "考察时间" in notes and "读取了1个工作表" in notes
    out = tmp_path / "成绩.xlsx"
    assert run("score", str(SAMPLES / "答辩测评成绩.xlsx"), "--output", str(out)).code == 0
    assert "读取说明" in load_workbook(out).sheetnames


def test_terminal_short_table_and_verbose(tmp_path, run):
    path = odd_roster(tmp_path)
    short = run("audit", str(path), "--as-of", AS_OF, "--no-output").out
    assert "读取说明" in short and "任现级时间" in short and "按表头原名读取" in short and "未读取：籍贯" in short
    verbose = run("audit", str(path), "--as-of", AS_OF, "--no-output", "-v").out
    assert "按表头原名读取" not in verbose and verbose.count("未读取") >= 3


def test_inspect_shows_the_reading_without_rules(tmp_path, run):
    path = odd_roster(tmp_path)
    before = path.read_bytes()
    out = run("inspect", str(path))
    assert out.code == 0, out
    assert "读到2行人员，共2人" in out.out and "表头在第3行" in out.out and "任现职级时间" in out.out
    assert "规则" not in out.out and "合格" not in out.out
    data = json.loads(run("inspect", str(SAMPLES / "后备干部名册.xlsx"), "--json").out)
    assert data["rows"] == 33 and data["people"] == 32 and data["entered_twice"] == 1
    problems = {p["field"]: p for p in data["value_problems"]}
    assert problems["birth"]["count"] == 2 and any("1992.13" in e for e in problems["birth"]["examples"])
    assert problems["id_number"]["count"] == 2
    assert path.read_bytes() == before and list(tmp_path.iterdir()) == [path]  # read-only


@pytest.mark.parametrize("columns", [80, 120])
def test_inspect_and_verbose_audit_in_a_terminal(tmp_path, columns):
    path = odd_roster(tmp_path)
    result = run_in_pty("inspect", str(path), columns=columns)
    assert result.code == 0 and "内部错误" not in result.text
    assert "读取说明" in result.text and "考察时间" in result.text
    lines = result.text.splitlines()
    assert max(cell_len(line) for line in lines) <= columns  # nothing runs past the terminal
    audit = run_in_pty("audit", str(path), "--as-of", AS_OF, "--no-output", "-v", columns=columns)
    assert audit.code in (0, 1) and "读取说明" in audit.text and "籍贯" in audit.text
