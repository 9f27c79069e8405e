"""任免表 from the command line: audit, notice and inspect on a folder, a file or a zip of them
(the same findings as on the equivalent roster), `cadre lrmx check`, `cadre lrmx export` (every
written file read back and checked) and `cadre audit --lrmx` (the roster against the files)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import openpyxl
import pytest

from cadre_cli.api.lrmx import check_lrmx
from cadre_cli.lrmx import read_path
from tests.builders import make_id, roster_xlsx
from tests.lrmx_builders import RESUME, good_values, jpeg, lrm_bytes, lrmx_bytes, write_zip
from tests.pty_run import run_in_pty

AS_OF = "2026-12-01"
SHORT = "2012.07--2018.03  甲县乙局科员\n2018.03--         甲县乙局副局长"

# Three cadres as 任免表 files, and the same three as an office types them into a roster.
FILES = {
    "张三.lrmx": good_values(),
    "王芳.lrmx": good_values(XingMing="王芳", XingBie="女", ChuShengNianYue="198503", MinZu="回族",
                            ShenFenZheng=make_id(dt.date(1985, 3, 9), "女", seq=2), DaoLingNianYue="204007",
                            NianDuKaoHeJieGuo="2023年度考核基本称职，2024年度考核称职。", JianLi=SHORT,
                            XianRenZhiWu="甲县乙局副局长", ZaiZhiJiaoYu_XueLi="\n  ",
                            ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi="\n  "),
    "赵六.lrmx": good_values(XingMing="赵六", ChuShengNianYue="199010", ShenFenZheng=make_id(dt.date(1991, 10, 2), seq=3),
                            DaoLingNianYue="205103", JianLi=SHORT, XianRenZhiWu="甲县乙局副局长",
                            RuDangShiJian="民建", CanJiaGongZuoShiJian="201207", ZaiZhiJiaoYu_XueLi="\n  ", ZaiZhiJiaoYu_XueLi_BiYeYuanXiaoXi="\n  "),
}
_COMMON = {"健康状况": "健康", "专业技术职务": "经济师", "全日制学历": "大学本科", "全日制学位": "学士",
           "毕业院校": "云南大学经济系经济学专业"}
ROSTER = [
    {"姓名": "张三", "性别": "男", "出生年月": "1980.05", "民族": "汉族", "政治面貌": "中共党员", "入党时间": "2003.06",
     "参加工作时间": "2002.07", "身份证号": make_id(dt.date(1980, 5, 3)), **_COMMON, "在职学历": "研究生",
     "现任职务": "泸西县财政局局长、党组书记", "任现职时间": "2016.08", "任职经历": RESUME,
     "挂职职务": "挂职任红河州财政局副局长", "挂职时间": "2013.03--2014.03", "2023年度考核": "称职", "2024年度考核": "称职"},
    {"姓名": "王芳", "性别": "女", "出生年月": "1985.03", "民族": "回族", "政治面貌": "中共党员", "入党时间": "2003.06",
     "参加工作时间": "2002.07", "身份证号": make_id(dt.date(1985, 3, 9), "女", seq=2), **_COMMON,
     "现任职务": "甲县乙局副局长", "任现职时间": "2018.03", "任职经历": SHORT, "2023年度考核": "基本称职",
     "2024年度考核": "称职"},
    {"姓名": "赵六", "性别": "男", "出生年月": "1990.10", "民族": "汉族", "政治面貌": "民建会员",
     "参加工作时间": "2012.07", "身份证号": make_id(dt.date(1991, 10, 2), seq=3), **_COMMON,
     "现任职务": "甲县乙局副局长", "任现职时间": "2018.03", "任职经历": SHORT, "2023年度考核": "称职", "2024年度考核": "称职"},
]


def write_folder(folder: Path, files: dict = FILES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, values in files.items():
        (folder / name).write_bytes(lrmx_bytes(values))
    return folder


def audit_json(run, *args) -> dict:
    result = run("audit", *args, "--as-of", AS_OF, "--json")
    assert result.code in (0, 1), result
    return json.loads(result.out)


def comparable(findings: list[dict]) -> list[tuple]:
    return sorted((f["rule"], f["severity"], f["name"], f["message"]) for f in findings)


def test_audit_on_a_folder_gives_the_findings_of_the_equivalent_roster(run, tmp_path):
    folder = write_folder(tmp_path / "任免表")
    roster = roster_xlsx(tmp_path / "名册.xlsx", ROSTER)
    from_files, from_roster = audit_json(run, folder), audit_json(run, roster)
    rules = {f["rule"] for f in from_files["findings"]}
    assert {"annual-assessment", "id-mismatch"} <= rules  # the comparison compares something
    assert comparable(from_files["findings"]) == comparable(from_roster["findings"])
    assert from_files["summary"]["status"] == from_roster["summary"]["status"]
    # the history from 简历 fed the rules: 任现职时间 and the 挂职 were read from it
    columns = {c["header"]: c["field"] for c in from_files["columns"]}
    assert columns["任现职时间"] == "post_since" and columns["挂职时间"] == "secondment_period"
    # every finding points at its file and element
    mismatch = next(f for f in from_files["findings"] if f["rule"] == "id-mismatch")
    assert (mismatch["file"], mismatch["element"]) == ("赵六.lrmx", "ChuShengNianYue")
    assert mismatch["place"] == "赵六.lrmx 的 <ChuShengNianYue>（出生年月）"
    assessment = next(f for f in from_files["findings"] if f["rule"] == "annual-assessment")
    assert (assessment["file"], assessment["element"]) == ("王芳.lrmx", "NianDuKaoHeJieGuo")


def test_a_zip_a_single_file_and_a_legacy_lrm_are_read_like_a_folder(run, tmp_path):
    members = {name: lrmx_bytes(values) for name, values in FILES.items()}
    archive = write_zip(tmp_path / "任免表.zip", members)
    from_zip = audit_json(run, archive)
    assert from_zip["people"] == 3
    assert {f["file"] for f in from_zip["findings"] if f["file"]} <= {f"任免表.zip/{n}" for n in FILES}
    one = tmp_path / "王芳.lrmx"
    one.write_bytes(members["王芳.lrmx"])
    single = audit_json(run, one)
    assert single["people"] == 1 and "annual-assessment" in {f["rule"] for f in single["findings"]}
    legacy = tmp_path / "李四.lrm"
    legacy.write_bytes(lrm_bytes())
    result = run("inspect", legacy, "--json")
    assert result.code == 0, result
    assert json.loads(result.out)["people"] == 1


def test_audit_csv_of_a_folder_names_the_file_and_element(run, tmp_path):
    import csv

    folder = write_folder(tmp_path / "任免表")
    result = run("audit", folder, "--as-of", AS_OF, "--no-output", "--csv", tmp_path / "问题.csv")
    assert result.code == 1, result
    rows = list(csv.reader((tmp_path / "问题.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert rows[0][-1] == "任免表位置"
    places = {row[-1] for row in rows[1:]}
    assert "赵六.lrmx 的 <ChuShengNianYue>（出生年月）" in places
    assert "王芳.lrmx 的 <NianDuKaoHeJieGuo>（年度考核结果）" in places


def test_audit_on_a_folder_writes_a_listing_with_the_findings(run, tmp_path):
    folder = write_folder(tmp_path / "任免表")
    result = run("audit", folder, "--as-of", AS_OF)
    assert result.code == 1, result
    out = tmp_path / "任免表_审核结果.xlsx"
    wb = openpyxl.load_workbook(out)
    ws = wb["任免表"]
    header = [c.value for c in ws[1]]
    assert header[:3] == ["任免表文件", "单位", "姓名"]
    assert sorted(ws.cell(r, 1).value for r in range(2, 5)) == sorted(FILES)
    listed = wb["问题清单"]
    places = {listed.cell(r, 6).value for r in range(3, listed.max_row + 1)}
    assert "王芳.lrmx 的 <NianDuKaoHeJieGuo>（年度考核结果）" in places  # the file and element, linked to the row
    assert not (folder / "任免表_审核结果.xlsx").exists() and sorted(p.name for p in folder.iterdir()) == sorted(FILES)
    assert out.stat().st_mode & 0o111 == 0  # a workbook, not an executable (the folder's mode is not copied)
    text = result.out
    assert "王芳.lrmx 的" in text and "<NianDuKaoHeJieGuo>（年度考核结果）" in text
    assert "读取了文件夹“任免表”中的3个任免审批表" in text


def test_notice_by_unit_groups_by_sub_folder(run, tmp_path):
    folder = tmp_path / "任免表"
    write_folder(folder / "财政局", {"张三.lrmx": FILES["张三.lrmx"]})
    write_folder(folder / "乙局", {"王芳.lrmx": FILES["王芳.lrmx"], "赵六.lrmx": FILES["赵六.lrmx"]})
    args = ("notice", folder, "--by", "单位", "--kind", "名单", "--issuer", "中共XX县委组织部", "--format", "html")
    result = run(*args)
    # 赵六's birth month disagrees with his ID number: his unit's list is held back, naming the file
    assert result.code == 2 and "乙局/赵六.lrmx的<ChuShengNianYue>（出生年月）" in re.sub(r"\s", "", result.err), result
    (folder / "乙局" / "赵六.lrmx").unlink()
    result = run(*args, "--force")
    assert result.code == 0, result
    made = sorted(p.name for p in (tmp_path / "任免表_名单").iterdir())
    assert made == ["乙局_名单.html", "财政局_名单.html"]
    assert "王芳" in (tmp_path / "任免表_名单" / "乙局_名单.html").read_text(encoding="utf-8")


def test_lrmx_check_json_and_workbook_one_row_per_file(run, tmp_path):
    folder = write_folder(tmp_path / "任免表", {**FILES, "王五.lrmx": good_values(XingMing="王五", MinZu="汉")})
    (folder / "说明.txt").write_text("x", encoding="utf-8")
    (folder / "坏.lrmx").write_bytes(b"<Person><XingMing>")
    result = run("lrmx", "check", folder, "--as-of", AS_OF, "--json", "-o", tmp_path / "检查.xlsx")
    assert result.code == 1, result
    data = json.loads(result.out)
    files = {f["file"]: f for f in data["files"]}
    assert set(files) == {*FILES, "王五.lrmx", "坏.lrmx"} and data["ignored"] == ["说明.txt"]
    code = [f for f in files["王五.lrmx"]["findings"] if f["rule"] == "lrmx-code-table"]
    assert [(f["element"], f["raw"], f["place"]) for f in code] == [("MinZu", "汉", "王五.lrmx 的 <MinZu>（民族）")]
    assert files["坏.lrmx"]["format"] is None and files["坏.lrmx"]["findings"][0]["rule"] == "lrmx-unreadable"
    assert files["张三.lrmx"]["errors"] == 0
    wb = openpyxl.load_workbook(tmp_path / "检查.xlsx")
    ws = wb["任免表检查"]
    rows = {ws.cell(r, 1).value: [c.value for c in ws[r]] for r in range(3, 3 + len(files))}
    assert set(rows) == set(files)
    assert rows["王五.lrmx"][3] == "有错误" and "应写作“汉族”" in rows["王五.lrmx"][7]
    assert rows["坏.lrmx"][3] == "无法读取"
    listed = wb["问题清单"]
    assert listed.max_row - 2 == sum(len(f["findings"]) for f in data["files"])


def fits(text: str, columns: int) -> list[str]:
    """The lines wider than the terminal (the progress bar, redrawn in place, left out)."""
    from cadre_cli.cli.linebreak import width

    return [line for line in text.splitlines() if "━" not in line and width(line) > columns]


@pytest.mark.parametrize("columns", [80, 120])
def test_lrmx_check_terminal_under_a_pty(tmp_path, columns):
    folder = write_folder(tmp_path / "任免表", {**FILES, "王五.lrmx": good_values(XingMing="王五", MinZu="汉")})
    result = run_in_pty("lrmx", "check", str(folder), "--as-of", AS_OF, "--no-output", columns=columns)
    assert result.code == 1, result.text
    assert fits(result.text, columns) == []
    text = result.text
    assert "王五.lrmx 的" in text and "<MinZu>（民族）" in text and "按规则统计" in text and "lrmx-code-table" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("columns", [80, 120])
def test_audit_on_a_folder_and_against_one_under_a_pty(tmp_path, columns):
    folder = write_folder(tmp_path / "任免表")
    result = run_in_pty("audit", str(folder), "--as-of", AS_OF, "--no-output", columns=columns)
    assert result.code == 1, result.text
    # the place: at 80 columns on a line of its own under the message, at 120 in the 位置 column (wrapped)
    assert "赵六.lrmx" in result.text and "<ChuShengNianYue>（出生年月）" in result.text
    assert fits(result.text, columns) == []
    rows = [dict(r) for r in ROSTER]
    rows[0]["民族"] = "壮族"
    roster = roster_xlsx(tmp_path / "名册.xlsx", rows)
    crossed = run_in_pty("audit", str(roster), "--lrmx", str(folder), "--as-of", AS_OF, "--no-output", columns=columns)
    assert crossed.code == 1, crossed.text
    assert "与任免表核对" in crossed.text and "张三.lrmx 的" in crossed.text and "<MinZu>（民族）" in crossed.text
    assert "民族不一致" in crossed.text and "名册“名册”" in crossed.text
    assert fits(crossed.text, columns) == []


EXPORT_ROSTER = [
    {"姓名": "张三", "性别": "男", "出生年月": "1965.03", "民族": "汉", "政治面貌": "中共党员", "入党时间": "1990.07",
     "参加工作时间": "1985.08", "身份证号": make_id(dt.date(1965, 3, 1)), "全日制学历": "大学本科", "全日制学位": "学士",
     "现任职务": "甲县财政局局长", "2023年度考核": "称职", "2024年度考核": "优秀"},
    {"姓名": "张三", "性别": "女", "出生年月": "1972.11", "民族": "彝族", "政治面貌": "群众", "参加工作时间": "1993.08",
     "身份证号": make_id(dt.date(1972, 11, 5), "女", seq=2), "现任职务": "甲县文联副主席"},
    {"姓名": "李四", "性别": "男", "出生年月": "1980.01", "政治面貌": "中共党员", "学历": "研究生",
     "改革前任职年龄界限": "63"},
]


def test_lrmx_export_writes_files_our_reader_and_check_read_back(run, tmp_path):
    roster = roster_xlsx(tmp_path / "名册.xlsx", EXPORT_ROSTER)
    photos = tmp_path / "照片"
    photos.mkdir()
    (photos / "张三.jpg").write_bytes(jpeg())
    out = tmp_path / "任免表"
    result = run("lrmx", "export", roster, "-o", out, "--photos", photos, "--age-date", "2026-12-01", "--json")
    assert result.code == 0, result
    data = json.loads(result.out)
    assert sorted(p.name for p in out.iterdir()) == ["张三.lrmx", "张三（2）.lrmx", "李四.lrmx"]
    assert data["photos"] == 1
    batch = read_path(out)
    by_file = {r.file: r for r in batch.records}
    first, twin, li = by_file["张三.lrmx"], by_file["张三（2）.lrmx"], by_file["李四.lrmx"]
    assert (first.card.text("MinZu"), first.card.text("ChuShengNianYue"), first.card.text("RuDangShiJian")) == \
        ("汉族", "196503", "199007")
    assert first.card.text("DaoLingNianYue") == "202504"  # 2025 rule: born 1965.03, 60 + 1 month
    assert first.card.text("NianDuKaoHeJieGuo") == "2023年度考核称职，2024年度考核优秀。"
    assert first.card.text("QuanRiZhiJiaoYu_XueLi") == "大学" and first.card.text("JiSuanNianLingShiJian") == "202612"
    assert first.card.photo is not None and first.card.photo.problem is None
    assert twin.card.text("XingBie") == "女" and twin.card.text("DaoLingNianYue") == "202808"  # 55 in 2027.11, 9 months later
    assert twin.card.text("ZhaoPian") == "" and twin.card.text("RuDangShiJian") == ""
    # never invented: what the roster lacks is empty
    for element in ("JianLi", "JiangChengQingKuang", "ChuShengDi", "JiGuan", "TianBiaoRen", "ChengBaoDanWei"):
        assert first.card.text(element) == "", element
    assert li.card.text("QuanRiZhiJiaoYu_XueLi") == li.card.text("ZaiZhiJiaoYu_XueLi") == ""  # 学历 without a track
    assert li.card.text("GaiGeQianRenZhiNianLingJieXian") != "" and li.card.text("DaoLingNianYue") == ""  # 63: no rule
    notes = {w["file"].rsplit("/", 1)[-1]: w["notes"] for w in data["files"]}
    assert any("全日制、在职" in n for n in notes["李四.lrmx"]) and any("延迟办法" in n for n in notes["李四.lrmx"])
    assert any("入党时间" in n for n in notes["李四.lrmx"])
    # and `lrmx check` finds no error in what the roster gave
    report = check_lrmx(out, dt.date(2026, 12, 1))
    errors = {(r.file, f.rule, f.where.element) for r in report.files for f in r.findings if f.severity.value == "error"}
    assert errors == set(), errors
    checked = run("lrmx", "check", out, "--as-of", AS_OF, "--no-output")
    assert checked.code == 0, checked


def test_lrmx_export_refuses_to_overwrite_and_writes_nothing(run, tmp_path):
    roster = roster_xlsx(tmp_path / "名册.xlsx", EXPORT_ROSTER)
    out = tmp_path / "任免表"
    out.mkdir()
    (out / "李四.lrmx").write_text("mine", encoding="utf-8")
    result = run("lrmx", "export", roster, "-o", out)
    assert result.code == 2 and "已存在" in result.err, result
    assert sorted(p.name for p in out.iterdir()) == ["李四.lrmx"]
    assert (out / "李四.lrmx").read_text(encoding="utf-8") == "mine"
    assert run("lrmx", "export", roster, "-o", out, "--force").code == 0
    assert read_path(out / "李四.lrmx").records[0].name == "李四"


def test_audit_lrmx_cross_checks_person_by_person(run, tmp_path):
    folder = write_folder(tmp_path / "任免表", {**FILES, "钱七.lrmx": good_values(
        XingMing="钱七", ChuShengNianYue="197001", ShenFenZheng=make_id(dt.date(1970, 1, 1), seq=7))})
    rows = [dict(r) for r in ROSTER]
    rows[0]["民族"] = "壮族"  # 张三: the file says 汉族
    rows[1]["参加工作时间"] = "2003.07"  # 王芳
    rows[1]["身份证号"] = None  # matched by name and birth month instead
    rows[2]["现任职务"] = "丙县丁局局长"
    rows.append({"姓名": "孙八", "性别": "男", "出生年月": "1988.08", "民族": "汉族"})
    roster = roster_xlsx(tmp_path / "名册.xlsx", rows)
    result = run("audit", roster, "--lrmx", folder, "--as-of", AS_OF, "--json", "-o", tmp_path / "结果.xlsx")
    assert result.code == 1, result
    cross = json.loads(result.out)["lrmx"]
    assert cross["summary"]["matched"] == 3
    found = {(f["rule"], f["name"], f["element"]): f for f in cross["findings"]}
    ethnic = found[("lrmx-cross-mismatch", "张三", "MinZu")]
    assert ethnic["file"] == "张三.lrmx" and ethnic["sheet"] == "名册" and ethnic["cell"] and "壮族" in ethnic["message"]
    assert ("lrmx-cross-mismatch", "王芳", "CanJiaGongZuoShiJian") in found
    assert ("lrmx-cross-post", "赵六", "XianRenZhiWu") in found
    assert ("lrmx-cross-no-file", "孙八", None) in found
    assert ("lrmx-cross-no-row", "钱七", None) in found
    assert not any(f["name"] == "张三" and f["element"] == "ChuShengNianYue" for f in cross["findings"])
    wb = openpyxl.load_workbook(tmp_path / "结果.xlsx")
    assert "任免表核对" in wb.sheetnames


def test_a_folder_without_any_lrmx_is_one_chinese_sentence(run, tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    result = run("audit", empty, "--as-of", AS_OF)
    assert result.code == 2 and "没有任免审批表文件" in result.err and "Traceback" not in result.err
    only_bad = tmp_path / "坏"
    only_bad.mkdir()
    (only_bad / "x.lrmx").write_bytes(b"not xml")
    result = run("lrmx", "check", only_bad, "--as-of", AS_OF, "--no-output")
    assert result.code == 1 and "无法读取" in result.out
    result = run("audit", only_bad, "--as-of", AS_OF)
    assert result.code == 2 and "没有能读取的任免审批表" in result.err


@pytest.mark.parametrize("name", ["张三.pic"])
def test_a_photo_file_alone_is_refused(run, tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xff\xd8\xff")
    result = run("audit", path, "--as-of", AS_OF)
    assert result.code == 2 and re.search(r"照片文件", result.err)


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_TEXT = st.text(st.one_of(_HAN, st.sampled_from(list("=+-@·（）、，0123456789 \n\t"))), max_size=30)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=st.lists(st.tuples(st.text(_HAN, min_size=2, max_size=4), st.integers(1960, 2000), st.integers(1, 12),
                                 _TEXT), min_size=1, max_size=6))
def test_the_listing_keeps_every_file_and_points_back_at_it(tmp_path_factory, people):
    """Whatever the files hold (formula-like text, line breaks, odd characters), the roster they make
    has one person per file, in file order, each cell pointing back at its file and element, and
    the text as the file has it (never a formula)."""
    from cadre_cli.model.person import build_roster
    from cadre_cli.parse.text import is_explicit_blank
    from cadre_cli.readers.roster_input import read_roster

    folder = tmp_path_factory.mktemp("任免表")
    files = {}
    for i, (name, year, month, post) in enumerate(people):
        files[f"{i:02d}.lrmx"] = good_values(XingMing=name, ChuShengNianYue=f"{year}{month:02d}", XianRenZhiWu=post,
                                              ShenFenZheng=make_id(dt.date(year, month, 1), seq=i))
    write_folder(folder, files)
    reading = read_roster(folder)
    roster = build_roster(folder.name, reading.tables, reading.report)
    assert [p.name for p in roster.people] == [name for name, *_ in people]
    for person, (file, values) in zip(roster.people, files.items()):
        assert reading.report.place(*_where(person.cell("name"))) == f"{file} 的 <XingMing>（姓名）"
        assert reading.report.place(*_where(person.cell("birth"))) == f"{file} 的 <ChuShengNianYue>（出生年月）"
        post = values["XianRenZhiWu"].strip()
        if is_explicit_blank(post):  # `-`, `/`, `无` mean nothing in a roster, and so in the listing
            post = ""
        assert (person.get("post") or "") == post
        assert reading.report.rewrite(f"工作表“任免表”第{person.row}行") == f"“{file}”"


def _where(cell):
    return cell.sheet, cell.row, cell.col
