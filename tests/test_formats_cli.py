"""The same roster as .xlsx, as XML Spreadsheet 2003, as a web page and as a binary
.xls under an .xlsx name: the same people, findings and cell addresses; score and
notice read them too; the annotated copy is an .xlsx beside them."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.builders import person, roster_xlsx
from tests.format_copies import html_copy, xml2003_copy

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data"
AS_OF = "2026-12-01"


def _audit(run, path: Path, *args: str) -> dict:
    result = run("audit", str(path), "--as-of", AS_OF, "--json", *args)
    assert result.code in (0, 1), result
    return json.loads(result.out)


def _seen(data: dict) -> tuple:
    findings = sorted((f["rule"], f["name"], f["unit"], f["cell"], f["message"]) for f in data["findings"])
    return data["people"], findings, data["summary"]["status"]


def _copies(tmp_path: Path, source: Path) -> dict[str, Path]:
    original = tmp_path / "名册.xlsx"
    shutil.copy(source, original)
    return {
        "xlsx": original,
        "xml": xml2003_copy(original, tmp_path / "名册_2003.xls"),
        "html-gb18030": html_copy(original, tmp_path / "名册_网页.xls", encoding="gb18030", meta_charset="GB2312"),
        "html-vnd": html_copy(original, tmp_path / "名册_java.htm", text_mark="vnd", title_outside=True),
        "html-inline": html_copy(original, tmp_path / "名册_inline.html", text_mark="inline"),
    }


def test_sample_roster_in_every_form_gives_the_same_audit(run, tmp_path):
    copies = _copies(tmp_path, ROOT / "sample_data" / "后备干部名册.xlsx")
    base = _audit(run, copies["xlsx"], "--no-output")
    assert base["people"] == 33 and len(base["findings"]) >= 10  # a roster with something to find
    for kind, path in copies.items():
        got = _audit(run, path, "--no-output")
        assert _seen(got) == _seen(base), kind
        if kind != "xlsx":
            assert any("格式读取" in note for note in got["notes"]), kind


def test_numbers_dates_and_groups_survive_every_form(run, tmp_path):
    """`1985.10` in format 0.00 (October), dates, a two-row header with group cells over
    sub-columns, merged down cells: the findings that depend on them match."""
    import datetime as dt

    rows = [person("张三", dt.date(1985, 10, 7), **{"后备类别": "正科级", "2023年": "称职", "2024年": "不称职",
                                                  "优秀": 5, "称职": 6, "基本称职": 3, "不称职": 8, "测评人数": 22}),
            person("李四", dt.date(1995, 1, 20), "女", seq=2, **{"后备类别": "副科级", "2023年": "优秀", "2024年": "优秀",
                                                              "优秀": 12, "称职": 2, "基本称职": 0, "不称职": 0, "测评人数": 14}),
            person("王五", dt.date(1991, 1, 2), seq=3, **{"后备类别": "副科级", "2023年": "称职", "2024年": "称职"})]
    rows[0]["出生年月"] = 1985.10
    rows[2]["身份证号码"] = "532527199101020079"  # checksum wrong
    source = roster_xlsx(tmp_path / "src.xlsx", rows, formats={"出生年月": "0.00"})
    copies = _copies(tmp_path, source)
    base = _audit(run, copies["xlsx"], "--no-output")
    rules = {f["rule"] for f in base["findings"]}
    assert {"annual-assessment", "id-number"} <= rules
    for kind, path in copies.items():
        assert _seen(_audit(run, path, "--no-output")) == _seen(base), kind


def test_binary_xls_named_xlsx_gives_the_same_audit(run, tmp_path):
    shutil.copy(DATA / "legacy_roster.xlsx", tmp_path / "原名册.xlsx")
    shutil.copy(DATA / "legacy_roster.xls", tmp_path / "名册.xlsx")  # what some systems save
    base = _audit(run, tmp_path / "原名册.xlsx", "--no-output")
    got = _audit(run, tmp_path / "名册.xlsx", "--no-output")
    assert _seen(got) == _seen(base) and got["findings"]
    assert "“名册.xlsx”的内容是 Excel 97-2003 格式，与扩展名“.xlsx”不符；已按 Excel 97-2003 格式读取。" in got["notes"]


@pytest.mark.parametrize("name", ["名册_2003.xls", "名册_网页.xls"])
def test_annotated_copy_is_an_xlsx_beside_the_input(run, tmp_path, name):
    copies = _copies(tmp_path, ROOT / "sample_data" / "后备干部名册.xlsx")
    path = tmp_path / name
    before = path.read_bytes()
    result = run("audit", str(path), "--as-of", AS_OF)
    target = tmp_path / (path.stem + "_审核结果.xlsx")
    assert result.code == 1 and target.exists(), result
    assert f"标注后的工作簿已写到：{target}" in result.out.replace("\n", "")
    assert "结果另存为 .xlsx" in result.out.replace("\n", "")
    assert path.read_bytes() == before
    wb = load_workbook(target)
    ws = wb.worksheets[0]
    first = _audit(run, copies["xlsx"], "--no-output")["findings"][0]
    assert ws[first["cell"]].comment is not None and first["rule"] in ws[first["cell"]].comment.text
    assert "问题清单" in wb.sheetnames


def test_score_and_notice_read_the_copies(run, tmp_path):
    score_src = tmp_path / "成绩.xlsx"
    shutil.copy(ROOT / "sample_data" / "答辩测评成绩.xlsx", score_src)
    xml = xml2003_copy(score_src, tmp_path / "成绩_2003.xls")
    page = html_copy(score_src, tmp_path / "成绩_网页.xls")
    results = []
    for path in (score_src, xml, page):
        result = run("score", str(path), "--json", "--no-output")
        assert result.code == 0, result
        data = json.loads(result.out)
        results.append([(c["name"], c["written"], c["defense"], c["rank"]) for c in data["candidates"]])
    assert results[0] == results[1] == results[2] and len(results[0]) == 20
    result = run("score", str(xml))
    assert result.code == 0 and (tmp_path / "成绩_2003_成绩.xlsx").exists()

    copies = _copies(tmp_path, ROOT / "sample_data" / "后备干部名册.xlsx")
    outputs = []
    for kind in ("xlsx", "xml", "html-gb18030"):
        out = tmp_path / f"notice_{kind}"
        result = run("notice", str(copies[kind]), "--by", "单位", "--format", "html", "--output", str(out))
        assert result.code == 2, result  # two towns stop on the sample's unverified birth months, in every format
        assert "“白水镇”的名单未生成" in result.err
        outputs.append({p.name: p.read_text(encoding="utf-8") for p in sorted(out.iterdir())})
    assert outputs[0] == outputs[1] == outputs[2] and len(outputs[0]) > 3


def test_rendered_real_export_template(run, tmp_path):
    """An HR system's real XML Spreadsheet 2003 export (see tests/data/make_hr_export.py):
    the findings sit at the cells Excel shows, past the title merged across and the
    second header row placed with ss:Index."""
    path = tmp_path / "员工花名册.xls"
    shutil.copy(DATA / "hr_export_2003.xls", path)
    data = _audit(run, path, "--no-output")
    assert data["people"] == 3
    found = {(f["rule"], f["name"], f["cell"]) for f in data["findings"]}
    assert found == {("id-mismatch", "袁芳", "D5"), ("id-number", "马超", "W6")}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_real_template_reads_as_libreoffice_reads_it(tmp_path):
    """An independent reading: LibreOffice's import of the same file puts every value
    that is not a formula at the same cell, and the same merged ranges."""
    from cadre_cli.readers.raw import load_book

    src = tmp_path / "hr.xml"
    shutil.copy(DATA / "hr_export_2003.xls", src)
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"  # no clash with another LibreOffice running
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "xlsx", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    ours, theirs = load_book(src).sheets[0], load_book(tmp_path / "hr.xlsx").sheets[0]
    formulas = {23, 24} | set(range(11, 14))  # 0-based columns computed by formulas (TODAY(), DATEDIF…)

    def cells(sheet) -> dict:
        return {(r, c): (int(v) if isinstance(v, float) and v.is_integer() else v)
                for r, row in enumerate(sheet.rows) for c, v in enumerate(row) if v != "" and c not in formulas}

    assert cells(ours) == cells(theirs)
    assert sorted(ours.merged) == sorted(theirs.merged)
