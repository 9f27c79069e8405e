"""The fidelity corpus through the commands a user runs: `cadre audit` and `cadre score`
write their annotated copy by patching the package. For every workbook: each member
outside the documented changed set keeps its compressed bytes, calamine reads every
original cell as before, openpyxl and LibreOffice open the copy, and the findings,
comments, result columns and new sheets are there."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from cadre_cli.cli import main
from cadre_cli.writers.package.zipcopy import raw_member
from tests.package_corpus import FEATURES, FIRST, ROSTER, SUM_ROW, build, same_original_cells

CASES = {f: [f] for f in FEATURES} | {"all": [f for f in FEATURES if f != "prefixed"], "all_prefixed": FEATURES}
AUDIT = {"后备类别": ["正科级后备"] * 6}  # 李四 (E5) and 钱七 (E8) are over the age limit
SCORE = {"笔试成绩": [80, 75, 55, 90, 66, 70], "考评分": [80, 85.5, 70, 90, 60, 77], "测评分": [90, 80, 70, 88, 50, 66]}
COMMENTED = (FIRST + 1, 5)  # E5: the user's comment on a cell that gets a finding
AUDIT_SHEETS = ["审核概况", "问题清单", "结构分析", "读取说明"]
SCORE_SHEETS = ["成绩汇总", "读取说明"]


def cadre(*args: str) -> dict:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            assert exc.code in (0, 1, None), out.getvalue()[-2000:]
    return json.loads(out.getvalue())


@pytest.fixture(scope="module")
def copies(tmp_path_factory) -> dict[str, tuple[Path, Path, dict]]:
    folder = tmp_path_factory.mktemp("cli_fidelity")
    out = {}
    for name, features in CASES.items():
        src = build(folder / f"{name}_名册", features, AUDIT, COMMENTED)
        dst = src.with_name(f"{src.stem}_审核结果{src.suffix}")
        out[f"audit-{name}"] = (src, dst, cadre("audit", src, "--as-of", "2026-12-01", "--json", "--output", dst))
        src = build(folder / f"{name}_成绩", features, SCORE)
        dst = src.with_name(f"{src.stem}_成绩{src.suffix}")
        out[f"score-{name}"] = (src, dst, cadre("score", src, "--json", "--output", dst))
    return out


IDS = [f"{cmd}-{name}" for name in CASES for cmd in ("audit", "score")]


def _changed_set(src: Path) -> set[str]:
    """The documented changed set (docs/package.md) for a copy that marks the roster sheet."""
    from cadre_cli.writers.package.parts import open_package, rels_path

    with zipfile.ZipFile(src) as zf:
        pkg = open_package(zf)
        sheet = pkg.sheet(ROSTER).part
        own = {r.target for r in pkg.rels_of(sheet) if r.type.endswith(("/comments", "/vmlDrawing"))}
    return {"[Content_Types].xml", pkg.workbook, rels_path(pkg.workbook), "xl/styles.xml", sheet, rels_path(sheet),
            "docProps/custom.xml", "_rels/.rels"} | own


@pytest.mark.parametrize("name", IDS)
def test_every_member_outside_the_changed_set_is_the_same_bytes(copies, name):
    src, dst, report = copies[name]
    assert report["output"] == str(dst) and not any("常规方式" in n for n in report["notes"])
    changed = _changed_set(src)
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b, open(src, "rb") as fa, open(dst, "rb") as fb:
        assert b.testzip() is None
        out = {i.filename: i for i in b.infolist()}
        for info in a.infolist():
            assert info.filename in out, info.filename
            if info.filename in changed:
                continue
            copy = out[info.filename]
            assert (copy.CRC, copy.compress_size, copy.compress_type) == \
                (info.CRC, info.compress_size, info.compress_type), info.filename
            assert raw_member(fb, copy) == raw_member(fa, info), info.filename


@pytest.mark.parametrize("name", IDS)
def test_calamine_reads_every_original_cell_the_same(copies, name):
    src, dst, _ = copies[name]
    after = same_original_cells(src, dst)
    if "cached" in name or "all" in name:
        roster = after.get_sheet_by_name(ROSTER).to_python(skip_empty_area=False)
        assert roster[SUM_ROW - 1][2] == 218 and roster[SUM_ROW - 1][3] == "共6人"


@pytest.mark.parametrize("name", IDS)
def test_openpyxl_opens_the_copy_with_findings_comments_and_sheets(copies, name):
    import openpyxl

    src, dst, report = copies[name]
    wb = openpyxl.load_workbook(dst, keep_vba=dst.suffix == ".xlsm")
    ws = wb[ROSTER]
    width = 7 + len(AUDIT if name.startswith("audit") else SCORE)
    labels = [ws.cell(2, c).value for c in range(width + 1, ws.max_column + 1)]
    if name.startswith("audit"):
        assert wb.sheetnames[-4:] == AUDIT_SHEETS
        assert labels == ["审核结论", "问题摘要", "核查状态"]
        over = ws.cell(*COMMENTED)
        assert over.fill.fgColor.rgb.endswith("FFC7CE") and "age-limit" in over.comment.text
        if "comment" in name or "all" in name:
            assert over.comment.text.startswith("用户批注：核对姓名")  # the user's comment stays, ours below it
        assert "age-limit" in ws.cell(FIRST + 4, 5).comment.text
        assert ws.cell(FIRST + 1, width + 1).value == "取消资格建议"
        findings = wb["问题清单"]
        assert findings.cell(3, 6).hyperlink.location.startswith(f"'{ROSTER}'!E")
        assert len(wb["结构分析"]._charts) >= 1
    else:
        assert wb.sheetnames[-2:] == SCORE_SHEETS
        assert labels[:4] == ["考评分", "测评分", "答辩测评分", "是否合格"]
        assert ws.cell(FIRST + 3, width + 3).value == 89.2 and ws.cell(FIRST + 3, width + 4).value == "合格"
        assert ws.cell(FIRST + 4, width + 4).fill.fgColor.rgb.endswith("FFC7CE")  # 钱七 failed
        assert wb["成绩汇总"].cell(3, 2).value == "赵六"
    assert ws.print_title_rows and ws.sheet_properties.pageSetUpPr.fitToPage
    if "hidden" in name or "all" in name:
        assert wb["隐藏"].sheet_state == "hidden"
    if "protected" in name or "all" in name:
        assert ws.protection.sheet
    if "names" in name or "all" in name:
        assert wb.defined_names["单位列表"].attr_text == f"'{ROSTER}'!$D$4:$D$9"


@pytest.mark.parametrize("name", ["audit-all", "score-all"])
def test_no_new_cell_holds_a_formula(copies, name):
    src, dst, _ = copies[name]
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst) as b:
        new = [n for n in b.namelist() if n.startswith("xl/worksheets/sheet") and n not in a.namelist()]
        assert new and not any(b"<f>" in b.read(n) or b"<f " in b.read(n) for n in new)


@pytest.fixture(scope="module")
def again(copies, tmp_path_factory) -> dict[str, tuple[Path, Path, dict]]:
    """Each command run a second time on its own annotated copy of the whole corpus."""
    folder = tmp_path_factory.mktemp("again")
    out = {}
    for name in ("audit-all", "score-all", "audit-all_prefixed"):
        src, first, _ = copies[name]
        second = folder / f"again_{name}{first.suffix}"
        args = ("--as-of", "2026-12-01") if name.startswith("audit") else ()
        out[name] = (src, second, cadre(name.split("-")[0], first, *args, "--json", "--output", second))
    return out


@pytest.mark.parametrize("name", ["audit-all", "score-all", "audit-all_prefixed"])
def test_a_second_run_on_the_copy_writes_it_afresh_and_keeps_the_users_bytes(copies, again, name):
    """What the first run added is taken out of the package and written anew; every member
    of the user's original outside the changed set is still its own bytes."""
    import openpyxl

    src, first, _ = copies[name]
    _, second, report = again[name]
    assert not any("常规方式" in n or "丢失" in n for n in report["notes"]), report["notes"]
    a, b = openpyxl.load_workbook(first, keep_vba=True), openpyxl.load_workbook(second, keep_vba=True)
    assert b.sheetnames == a.sheetnames  # our sheets replaced, not added twice
    assert b[ROSTER].max_column == a[ROSTER].max_column  # our columns replaced, not appended again
    assert [c.value for c in b[ROSTER][2]] == [c.value for c in a[ROSTER][2]]
    changed = _changed_set(src)
    with zipfile.ZipFile(src) as za, zipfile.ZipFile(second) as zb, open(src, "rb") as fa, open(second, "rb") as fb:
        assert zb.testzip() is None
        out = {i.filename: i for i in zb.infolist()}
        for info in za.infolist():
            if info.filename not in changed:
                assert raw_member(fb, out[info.filename]) == raw_member(fa, info), info.filename
    same_original_cells(src, second)
    if name.startswith("audit"):
        assert report["people"] == 6 and len(b["结构分析"]._charts) >= 1
        assert b["问题清单"].cell(3, 6).hyperlink.location.startswith(f"'{ROSTER}'!E")


def test_libreoffice_opens_every_copy(copies, again, tmp_path):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    files = [str(dst) for _, dst, _ in [*copies.values(), *again.values()]]
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *files], capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr
    for f in files:
        pdf = tmp_path / (Path(f).stem + ".pdf")
        assert pdf.exists() and pdf.stat().st_size > 1000, (f, done.stdout, done.stderr)
