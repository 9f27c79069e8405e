"""Hostile inputs that are not workbooks: devices, pipes, huge sparse files, template and
policy bombs, other names for the input, concurrent runs, signals, full disks, long
names, locales, and text that tries to forge what the terminal shows. Each command runs
in a child process under a memory cap and a timeout (`tests.capped`)."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.builders import person, roster_xlsx
from tests.capped import CHILD, ROOT, run_capped
from tests.conftest import sha256
from tests.score_sheets import row as score_row
from tests.score_sheets import sheet as score_sheet

AS_OF = ("--as-of", "2026-12-01")


def roster(folder: Path, name: str = "名册.xlsx", rows: list | None = None) -> Path:
    rows = rows or [person("张三", dt.date(1985, 3, 1), seq=1, **{"后备类别": "副科级", "工作单位": "县财政局"}),
                    person("李四", dt.date(1990, 3, 1), "女", seq=2, **{"后备类别": "副科级", "工作单位": "县财政局"})]
    return roster_xlsx(folder / name, rows)


def one_error(result, *parts: str) -> None:
    assert result.code == 2, result
    assert "Traceback" not in result.out + result.err, result
    lines = [line for line in result.err.splitlines() if line.startswith("错误")]
    assert len(lines) == 1, result
    text = result.err.replace("\n", "")
    for part in parts:
        assert part in text, (part, result)


def leftovers(folder: Path) -> list[Path]:
    return list(folder.rglob(".~cadre-*"))


# --- files that are not regular files, or far too large -------------------------------

@pytest.mark.parametrize("command", ["audit", "score", "notice"])
def test_devices_and_pipes_never_hang(tmp_path, command):
    fifo = tmp_path / "名册.csv"
    os.mkfifo(fifo)
    one_error(run_capped(command, fifo, timeout=30), "不是普通文件（是命名管道）")
    one_error(run_capped(command, "/dev/zero", timeout=30), "不是普通文件（是设备）")


def test_huge_sparse_file_is_refused_by_size(tmp_path):
    sparse = tmp_path / "大.xlsx"
    with sparse.open("wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(3 * 1024 ** 3)
    one_error(run_capped("audit", sparse, *AS_OF, timeout=30), "超过", "安全上限")


def test_options_that_name_pipes_or_devices(tmp_path):
    src = roster(tmp_path)
    fifo = tmp_path / "p.toml"
    os.mkfifo(fifo)
    one_error(run_capped("audit", src, "--policy", fifo, timeout=30), "命名管道")
    scores = tmp_path / "成绩.xlsx"
    os.mkfifo(scores)
    one_error(run_capped("audit", src, "--scores", scores, *AS_OF, timeout=30), "命名管道")
    template = tmp_path / "t.html.j2"
    os.mkfifo(template)
    one_error(run_capped("notice", src, "--template", template, "--output", tmp_path / "o", timeout=30), "命名管道")
    (tmp_path / "zero.toml").write_text('extends = "/dev/zero"\nname = "z"\n', encoding="utf-8")
    one_error(run_capped("audit", src, "--policy", tmp_path / "zero.toml", timeout=30), "设备")


def test_long_extends_chain(tmp_path):
    for i in range(1, 1201):
        (tmp_path / f"{i}.toml").write_text(f'extends = "{i + 1}.toml"\nname = "c{i}"\n', encoding="utf-8")
    (tmp_path / "1201.toml").write_text('extends = "county"\nname = "end"\n', encoding="utf-8")
    one_error(run_capped("policy", "show", tmp_path / "1.toml"), "继承链超过")


# --- templates ----------------------------------------------------------------------

@pytest.mark.parametrize("body, what", [
    ("{{ 'x'|center(4000000000) }}", "参数"),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", "循环"),
    ("{{ ((9 ** 99) ** 99) ** 99 }}", "数字"),
    ("{{ 'x'*10000*10000*10000 }}", "过长"),
    ("{{ '{:>999999999}'.format(1) }}", "宽度"),
    ("{{ '%999999999s'|format(1) }}", "宽度"),
])
def test_template_bombs(tmp_path, body, what):
    src = roster(tmp_path)
    template = tmp_path / "网站.html.j2"
    template.write_text(body, encoding="utf-8")
    out = tmp_path / "o"
    result = run_capped("notice", src, "--template", template, "--format", "html", "--output", out, timeout=60)
    one_error(result, "模板“网站.html.j2”超出了安全上限", what)
    assert not out.exists() or not any(out.iterdir())


# --- policies -----------------------------------------------------------------------

@pytest.mark.parametrize("body, key", [
    ('[rules]\nselect = ["no-such-rule"]', "rules.select"),
    ("[score]\npanel_weight = -0.6\npoll_weight = 1.6", "score.panel_weight"),
    ("[score]\npanel_weight = 0.5\npoll_weight = 0.4", "之和应为 1"),
    ("[score.grade_points]\nbasic = -5", "score.grade_points.basic"),
    ("[score]\nwritten_max = 0", "score.written_max"),
    ('[[pool.ages]]\nlabel = "x"\nage_max = -3', "“pool.ages”第1项的“age_max”"),
])
def test_policy_values_are_validated(tmp_path, body, key):
    path = tmp_path / "我县.toml"
    path.write_text(f'extends = "county"\nname = "我县"\n{body}\n', encoding="utf-8")
    one_error(run_capped("policy", "show", path), key)


def test_policy_init_given_a_folder_or_a_path(tmp_path):
    one_error(run_capped("policy", "init", "county", "--output", tmp_path), "是一个文件夹")
    one_error(run_capped("policy", "init", tmp_path / "x.toml"), "不是预设名称")


# --- outputs Excel refuses, checked before the work ----------------------------------

def test_output_suffixes(tmp_path):
    src = roster(tmp_path)
    one_error(run_capped("audit", src, *AS_OF, "--output", tmp_path / "out.csv"), "文件名应以 .xlsx 结尾")
    macro = tmp_path / "m.xlsm"
    shutil.copy(ROOT / "tests/corpus/macros.xlsm", macro)
    one_error(run_capped("audit", macro, *AS_OF, "--output", tmp_path / "m.xlsx"), "文件名应以 .xlsm 结尾")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.xlsm", "名册.xlsx"]


def test_comment_longer_than_excel_allows(tmp_path):
    from openpyxl import load_workbook

    from cadre_cli.writers.text_fit import MAX_CELL_TEXT

    rows = [person("张三", dt.date(1985, 3, 1), seq=1, **{"后备类别": "副科级", "出生年月": "坏" * 40_000})]
    src = roster(tmp_path, rows=rows)
    result = run_capped("audit", src, *AS_OF)
    assert result.code in (0, 1), result
    wb = load_workbook(tmp_path / "名册_审核结果.xlsx")
    comments = [c.comment.text for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.comment]
    cells = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert comments and max(map(len, comments)) <= MAX_CELL_TEXT
    assert max(map(len, cells)) <= MAX_CELL_TEXT


def test_long_file_names(tmp_path):
    src = roster(tmp_path)
    long = tmp_path / ("𠀀" * 80 + ".xlsx")
    one_error(run_capped("audit", src, *AS_OF, "--output", long), "太长")
    unit = "𠀀" * 80
    rows = [person("张三", dt.date(1985, 3, 1), seq=1, **{"后备类别": "副科级", "工作单位": unit})]
    src = roster(tmp_path, "长.xlsx", rows)
    result = run_capped("notice", src, "--by", "单位", "--output", tmp_path / "o")
    assert result.code == 0, result
    assert all(len(os.fsencode(p.name)) <= 255 for p in (tmp_path / "o").iterdir())


# --- the input is never overwritten --------------------------------------------------

def _other_names(tmp_path: Path, src: Path) -> list[Path]:
    link = tmp_path / "硬链接.xlsx"
    os.link(src, link)
    sym = tmp_path / "符号链接.xlsx"
    sym.symlink_to(src)
    sub = tmp_path / "sub"
    sub.mkdir()
    return [link, sym, sub / ".." / src.name, Path(f"/proc/self/fd/../../{os.getpid()}/root") / str(src).lstrip("/")]


@pytest.mark.parametrize("command", ["audit", "score"])
def test_output_onto_the_input_under_another_name(tmp_path, command):
    src = roster(tmp_path) if command == "audit" else _score_sheet(tmp_path)
    before = sha256(src)
    for other in _other_names(tmp_path, src):
        for force in ((), ("--force",)):
            extra = AS_OF if command == "audit" else ()
            result = run_capped(command, src, *extra, "--output", other, *force)
            one_error(result, "同一个文件", "输入文件")
    assert sha256(src) == before
    assert not leftovers(tmp_path)


def test_output_onto_the_input_through_a_bind_mount(tmp_path):
    src = roster(tmp_path)
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(tmp_path), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("bind mounts are not allowed here")
    try:
        before = sha256(src)
        one_error(run_capped("audit", src, *AS_OF, "--output", mount / src.name, "--force"), "同一个文件")
        assert sha256(src) == before
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


def test_notice_and_policy_init_never_write_onto_an_input(tmp_path):
    src = roster(tmp_path)
    (tmp_path / "o").mkdir()
    own = tmp_path / "o" / "科级后备干部_名单.html"
    os.link(src, own)  # the input is also where the notice would go
    before = sha256(src)
    one_error(run_capped("notice", src, "--format", "html", "--output", tmp_path / "o", "--force"), "同一个文件")
    assert sha256(src) == before
    policy = tmp_path / "我县.toml"
    policy.write_text('extends = "county"\nname = "我县"\n', encoding="utf-8")
    link = tmp_path / "链接.xlsx"
    os.link(policy, link)
    text = policy.read_bytes()
    one_error(run_capped("template", "roster", link, "--policy", policy, "--force"), "同一个文件")
    assert policy.read_bytes() == text


def test_concurrent_runs_do_not_overwrite(tmp_path):
    """The final rename refuses a file that appeared while the command ran."""
    from cadre_cli.errors import OutputError
    from cadre_cli.writers import atomic

    target = tmp_path / "out.xlsx"
    atomic.reset()
    atomic.check_target(target)

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"ours")
        target.write_bytes(b"the other run")  # a second run finished first

    with pytest.raises(OutputError, match="被别的程序"):
        atomic.write_atomic(target, write)
    assert target.read_bytes() == b"the other run"
    assert not leftovers(tmp_path)


# --- faults -------------------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_signals_during_a_save_leave_nothing(tmp_path, sig):
    src = roster(tmp_path)
    code = CHILD.replace("from cadre_cli.cli import main\n", (
        "import time\n"
        "from cadre_cli.writers.package import zipcopy as z\n"
        "real = z.ZipOut.close\n"
        "def slow(self):\n"
        "    real(self); self.fh.flush(); print('SAVING', flush=True); time.sleep(30)\n"
        "z.ZipOut.close = slow\n"
        "from cadre_cli.cli import main\n"))
    proc = subprocess.Popen([sys.executable, "-c", code, "1500", "audit", str(src), *AS_OF], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 60
    while not leftovers(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert leftovers(tmp_path)
    proc.stdout.readline()
    proc.send_signal(sig)
    proc.wait(timeout=30)
    assert proc.returncode == 128 + sig
    assert not leftovers(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]


def test_disk_full_gives_one_sentence(tmp_path):
    """A half-written zip must not print `Exception ignored in: ZipFile.__del__`: the
    disk fills up while the copy is written (after its first members)."""
    src = roster(tmp_path)
    code = CHILD.replace("from cadre_cli.cli import main\n", (
        "from cadre_cli.writers.package import zipcopy as z\n"
        "real = z.ZipOut.copy_raw\n"
        "def full(self, src, info):\n"
        "    real(self, src, info)\n"
        "    self.fh.write = lambda data: (_ for _ in ()).throw(OSError(28, 'No space left on device'))\n"
        "z.ZipOut.copy_raw = full\n"
        "from cadre_cli.cli import main\n"))
    done = subprocess.run([sys.executable, "-c", code, "1500", "audit", str(src), *AS_OF], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=90)
    assert done.returncode == 2, done.stderr
    assert "磁盘空间不足" in done.stderr and "Exception ignored" not in done.stderr, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]


def test_notice_batch_on_a_full_disk_writes_nothing(tmp_path, monkeypatch):
    from cadre_cli.errors import OutputError
    from cadre_cli.writers import atomic

    folder = tmp_path / "o"
    folder.mkdir()
    outputs = [(folder / f"{i}.html", b"x") for i in range(200)]
    real = Path.write_bytes
    count = {"n": 0}

    def full(self, data):
        count["n"] += 1
        if count["n"] > 4:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full)
    with pytest.raises(OutputError, match="一个也没有写入"):
        atomic.write_batch(outputs, folder)
    assert list(folder.iterdir()) == []



@pytest.fixture
def tiny_disk(tmp_path):
    """A real 40 kB file system (tmpfs), where the machine allows mounting one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("mounting a tmpfs is not allowed here")
    yield disk
    subprocess.run(["umount", str(disk)], capture_output=True)


def test_a_real_full_disk_leaves_nothing_not_even_a_folder(tiny_disk):
    """audit and a notice batch on a disk the input nearly fills: one sentence, exit 2,
    and nothing beside the input (the notice folder the run created is removed again)."""
    big = [person(f"人员{i}", dt.date(1985, 3, 1), seq=i, **{"后备类别": "副科级", "工作单位": f"单位{i % 9}"})
           for i in range(1, 300)]
    src = roster(tiny_disk, rows=big)
    before = sha256(src)
    one_error(run_capped("audit", src, *AS_OF), "磁盘空间不足")
    one_error(run_capped("notice", src, "--by", "单位"), "磁盘空间不足")
    assert sha256(src) == before
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["名册.xlsx"]


def test_notice_whose_every_file_is_withheld_leaves_no_folder(tmp_path):
    src = roster(tmp_path, rows=[person("郭涛532527198506120034", dt.date(1985, 6, 12), seq=1,
                                        **{"后备类别": "副科级", "工作单位": "县财政局"})])
    one_error(run_capped("notice", src), "像身份证号的数字")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["名册.xlsx"]

@pytest.mark.parametrize(("name", "post", "code"), [
    ("张\u202e三", "县财政局科员", "U+202E"),        # a bidi override reorders the printed line
    ("张三", "科员_x001B_[31m", "U+001B"),           # a terminal colour code, as xlsx escapes it
    ("张三", "科\u200b员", "U+200B"),                # a zero-width space
])
def test_invisible_characters_in_a_published_value_stop_that_notice(tmp_path, name, post, code):
    rows = [person(name, dt.date(1985, 6, 12), seq=1, **{"后备类别": "副科级", "工作单位": "县财政局", "现任职务": post}),
            person("李四", dt.date(1990, 3, 1), "女", seq=2, **{"后备类别": "副科级", "工作单位": "县水利局"})]
    src = roster(tmp_path, rows=rows)
    result = run_capped("notice", src, "--by", "单位", "--output", tmp_path / "o")
    one_error(result, "看不见的控制字符", code)
    assert not _forged(result.out + result.err), result
    written = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert written and all("水利局" in n for n in written), written  # the other unit's list is still made


# --- every message survives any text, any locale -------------------------------------

HOSTILE_NAMES = ["[x]名册.xlsx", "[bold red]名册.xlsx", "名册\n错误：伪造.xlsx", "名\x1b[8m册.xlsx",
                 "名\x1b]8;;x\x07册.xlsx", "名\u202e册.xlsx", "名\u200d册.xlsx", "名\x9b31m册.xlsx"]


def _forged(text: str) -> bool:
    return any(ch in text for ch in "\x1b\x9b\u202e\u200d\x07")


def defense_rows() -> list[dict]:
    return [score_row("张三", "2025001"), score_row("李四", "2025002", written=85)]


def _score_sheet(folder: Path, name: str = "成绩.xlsx") -> Path:
    return score_sheet(folder / name, defense_rows())


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_file_names_through_every_command(tmp_path, name):
    src = roster(tmp_path, name)
    for args in (("audit", src, *AS_OF), ("notice", src, "--output", tmp_path / "o", "--force"),
                 ("audit", tmp_path / ("缺" + name)), ("score", src)):
        result = run_capped(*args)
        assert result.code in (0, 1, 2), result
        assert "Traceback" not in result.err and "MarkupError" not in result.err, result
        assert not _forged(result.out + result.err), result
        assert not any(line.startswith("错误：伪造") for line in (result.out + result.err).splitlines()), result
        if "[bold red]" in name and result.code == 2:
            assert "[bold red]" in result.err.replace("\\[", "["), result


def test_hostile_values_through_score_and_audit_tables(tmp_path):
    rows = defense_rows()
    rows[0]["姓名"] = "张_x001B_[31m三[/x]\u202e"
    rows[1]["备注"] = "[bold red]备注[/]\u200d_x009B_31m"
    from openpyxl import Workbook

    from tests.builders import write_table

    wb = Workbook()
    write_table(wb.active, rows, title="答辩测评成绩", unit_line=None)
    wb.active.title = "表\u202e"
    src = tmp_path / "s.xlsx"
    wb.save(src)
    for args in (("score", src), ("score", src, "--json", "--no-output"), ("audit", src, *AS_OF, "--no-output")):
        result = run_capped(*args)
        assert "Traceback" not in result.err, result
        assert not _forged(result.out + result.err), result
        assert result.code in (0, 1, 2), result


@pytest.mark.parametrize("env", [{"LANG": "C", "LC_ALL": "C"}, {"PYTHONIOENCODING": "ascii"},
                                 {"LC_ALL": "C", "PYTHONIOENCODING": "ascii", "PYTHONCOERCECLOCALE": "0"}])
def test_any_locale(tmp_path, env):
    src = roster(tmp_path)
    ok = run_capped("audit", src, *AS_OF, env=env)
    assert ok.code in (0, 1) and "Traceback" not in ok.err, ok
    bad = run_capped("audit", tmp_path / "缺少.xlsx", env=env)
    assert bad.code == 2 and "\\u9519" not in bad.err and "Traceback" not in bad.err, bad


def test_file_names_in_gbk_bytes(tmp_path):
    src = roster(tmp_path)
    gbk = os.fsencode(tmp_path) + b"/" + "名册二".encode("gbk") + b".xlsx"
    os.rename(src, gbk)
    done = subprocess.run([sys.executable, "-c", CHILD, "1500", b"audit", gbk, b"--as-of", b"2026-12-01"],
                          capture_output=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=90)
    err = done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("utf-8", "replace")
    assert done.returncode in (0, 1), err
    assert "名册二" in out  # shown readably, the GBK bytes decoded
    written = [p for p in os.listdir(os.fsencode(tmp_path)) if p != os.path.basename(gbk)]
    assert len(written) == 1


# --- user text never becomes a formula ----------------------------------------------

def test_no_output_sheet_of_any_command_holds_a_formula(tmp_path):
    """Policy text, titles and cell values that start with `=` end up as text in every
    sheet every command writes (the inputs hold no formula, so any formula came from text)."""
    from tests.test_corpus import assert_no_formula

    formula = '=HYPERLINK("http://example.invalid","成绩汇总")'
    policy = tmp_path / "我县.toml"
    policy.write_text(f'extends = "county"\nname = "我县"\n[notice]\nsubject = \'{formula}\'\n', encoding="utf-8")
    rows = [score_row(formula, "2025001", 单位=formula), score_row("李四", "2025002", 备注=formula)]
    sheet_path = score_sheet(tmp_path / "成绩.xlsx", rows, title=formula)
    from openpyxl import load_workbook

    wb = load_workbook(sheet_path)
    wb.active["A1"].data_type = "s"  # typed as text ('=…), as the user's title is
    wb.save(sheet_path)
    roster_path = roster(tmp_path, rows=[person("张三", dt.date(1985, 3, 1), seq=1,
                                                **{"后备类别": formula, "工作单位": formula, "备注": formula})])
    runs = [("score", sheet_path, "--policy", policy), ("audit", roster_path, *AS_OF, "--policy", policy),
            ("template", "score", tmp_path / "t1.xlsx", "--policy", policy),
            ("template", "roster", tmp_path / "t2.xlsx", "--policy", policy)]
    for args in runs:
        result = run_capped(*args)
        assert result.code in (0, 1), result
    written = [p for p in tmp_path.iterdir() if p.suffix == ".xlsx" and p not in (sheet_path, roster_path)]
    assert len(written) == 4
    assert_no_formula(written)
