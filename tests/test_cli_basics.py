import json
import subprocess
import sys

from openpyxl import load_workbook

from cadre_cli.readers.load import read_tables


def test_help_is_chinese(run):
    out = run("--help")
    assert out.code == 0
    assert "用法" in out.out and "选项" in out.out and "显示本帮助并退出" in out.out
    assert "Usage" not in out.out and "Show this message" not in out.out


def test_help_does_not_import_pandas_or_openpyxl():
    code = ("import sys; from cadre_cli.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED=' + ','.join(m for m in ('pandas','openpyxl','python_calamine','docx',\n"
            "'rich.table','stdnum','cadre_cli.model.person','pydantic') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip().splitlines()[-1] == "LOADED="


def test_usage_errors_are_chinese(run):
    out = run("--no-such-option")
    assert out.code == 2 and "没有这个选项" in out.err
    out = run("template")
    assert out.code == 2 and "缺少" in out.err


def test_rules_list_and_explain(run):
    out = run("rules")
    assert out.code == 0 and "age-limit" in out.out and "pool-size" in out.out
    one = run("rules", "age-limit")
    assert one.code == 0 and "超过40周岁" in one.out and "county=" in one.out
    data = json.loads(run("rules", "--json").out)
    ids = {r["id"] for r in data["rules"]}
    assert {"age-limit", "annual-assessment", "poll-unfit-share", "id-number", "duplicate-person"} <= ids
    age = next(r for r in data["rules"] if r["id"] == "age-limit")
    assert "county" in age["presets"] and "bureau" not in age["presets"]
    assert run("rules", "nope").code == 2


def test_template_roster_reads_back_and_has_dropdowns(run, tmp_path):
    path = tmp_path / "名册模板.xlsx"
    out = run("template", "roster", str(path), "--year", "2025")
    assert out.code == 0 and path.exists()
    _, tables = read_tables(path, allow_empty=True)
    cols = tables[0].columns
    assert {"name", "gender", "birth", "id_number", "reserve_level", "assessment:2025", "poll:voters"} <= set(cols)
    ws = load_workbook(path).active
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"]
    assert '"男,女"' in lists
    assert any("基本称职" in f for f in lists)
    assert any("正科级" in f for f in lists)
    assert ws.cell(5, cols["birth"]).number_format == "@"
    assert ws.cell(5, cols["id_number"]).number_format == "@"


def test_template_score_enterprise(run, tmp_path):
    path = tmp_path / "成绩模板.xlsx"
    assert run("template", "score", str(path), "--policy", "enterprise").code == 0
    _, tables = read_tables(path, allow_empty=True)
    assert {"written", "speech", "org:leadership", "org:middle", "org:staff"} <= set(tables[0].columns)
