"""A notice never publishes a value it could not read or that contradicts the ID number:
that unit's file stops with the cell named, the other units are still written, exit 2;
`--blank-unverified` writes them with the value left blank, never guessed."""

import datetime as dt
import json

from tests.builders import make_id, person, roster_xlsx


def rows():
    zhou = person("周帆", dt.date(1997, 10, 8), "女", seq=1, **{"工作单位": "白水镇", "现任职务": "副镇长"})
    zhou["出生年月"] = "1992.13"  # ID says 1997.10: neither may be printed
    xu = person("许强伟", dt.date(1996, 3, 4), seq=2, **{"工作单位": "中枢镇", "现任职务": "副镇长"})
    xu["出生年月"] = "1995.02"  # ID says 1996.03
    he = person("何芳", dt.date(1990, 6, 1), "女", seq=3, **{"工作单位": "中枢镇", "现任职务": "股长", "性别": "男"})
    ok = person("杨林", dt.date(1988, 2, 1), seq=4, **{"工作单位": "县财政局", "现任职务": "股长"})
    return [zhou, xu, he, ok]


def test_units_with_unverified_values_stop_others_are_written(tmp_path, run):
    path = roster_xlsx(tmp_path / "名册.xlsx", rows())
    out = tmp_path / "名单"
    result = run("notice", str(path), "--by", "单位", "--output", str(out), "--format", "md", "--kind", "list")
    assert result.code == 2, result
    assert "“白水镇”的名单未生成：周帆：工作表“名册”D4的出生年月无法识别" in result.err
    assert "许强伟：工作表“名册”D5的出生年月1995年2月与身份证号中的1996年3月不一致" in result.err
    assert "何芳：工作表“名册”C6的性别“男”与身份证号显示的“女”不一致" in result.err
    assert sorted(p.name for p in out.iterdir()) == ["县财政局_名单.md"]
    assert "--blank-unverified" in result.err


def test_json_names_the_blocked_units(tmp_path, run):
    path = roster_xlsx(tmp_path / "名册.xlsx", rows())
    result = run("notice", str(path), "--by", "单位", "--output", str(tmp_path / "o"), "--json", "--format", "md")
    assert result.code == 2
    data = json.loads(result.out)
    assert [b["group"] for b in data["blocked"]] == ["白水镇", "中枢镇"]
    assert [f["group"] for f in data["files"]] == ["县财政局"]


def test_nothing_written_when_every_unit_stops(tmp_path, run):
    path = roster_xlsx(tmp_path / "名册.xlsx", rows()[:2])
    out = tmp_path / "名单"
    result = run("notice", str(path), "--output", str(out), "--format", "md")
    assert result.code == 2 and "未生成" in result.err and not out.exists()


def test_blank_unverified_leaves_the_values_blank(tmp_path, run):
    path = roster_xlsx(tmp_path / "名册.xlsx", rows())
    out = tmp_path / "名单"
    result = run("notice", str(path), "--by", "单位", "--output", str(out), "--format", "md", "--kind", "list",
                 "--blank-unverified")
    assert result.code == 0, result
    bai = (out / "白水镇_名单.md").read_text(encoding="utf-8")
    zhong = (out / "中枢镇_名单.md").read_text(encoding="utf-8")
    assert "周帆" in bai and "1997" not in bai and "1992" not in bai  # neither the ID's month nor the bad one
    assert "许强伟" in zhong and "1995" not in zhong and "1996" not in zhong
    assert "| 何芳 |  |" in zhong  # gender blank: the roster and the ID disagree
    assert "文中留空" in result.err


def test_birth_month_from_the_id_number_only_when_the_roster_has_none(tmp_path, run):
    row = person("赵六", dt.date(1990, 7, 2), seq=1, **{"工作单位": "县委办"})
    row["出生年月"] = None
    path = roster_xlsx(tmp_path / "名册.xlsx", [row])
    out = tmp_path / "名单"
    assert run("notice", str(path), "--output", str(out), "--format", "md", "--kind", "list").code == 0
    assert "1990.07" in next(out.glob("*.md")).read_text(encoding="utf-8")
    assert make_id(dt.date(1990, 7, 2)) not in next(out.glob("*.md")).read_text(encoding="utf-8")


def test_a_qualification_still_being_studied_for_is_never_published_as_attained(tmp_path, run):
    """`博士后在读`, `硕士在读`: read as 研究生/博士 it would be printed in a public list and
    counted by the education rule as a qualification the person does not have yet."""
    studying = person("李娜", dt.date(1991, 2, 15), "女", seq=5, **{"工作单位": "县委办", "现任职务": "科员"})
    studying["学历"] = "博士后在读"
    done = person("王强", dt.date(1990, 1, 15), seq=6, **{"工作单位": "县财政局", "现任职务": "科员"})
    path = roster_xlsx(tmp_path / "名册.xlsx", [studying, done])
    out = tmp_path / "名单"
    result = run("notice", str(path), "--by", "单位", "--output", str(out), "--format", "md", "--kind", "list")
    assert result.code == 2, result
    assert "“县委办”的名单未生成：李娜：" in result.err and "“博士后在读”是在读，尚未取得" in result.err.replace("\n", "")
    assert sorted(p.name for p in out.iterdir()) == ["县财政局_名单.md"]
    blank = run("notice", str(path), "--by", "单位", "--output", str(tmp_path / "留空"), "--format", "md", "--kind", "list",
                "--blank-unverified")
    text = (tmp_path / "留空" / "县委办_名单.md").read_text(encoding="utf-8")
    assert blank.code == 0 and "李娜" in text and "博士" not in text and "研究生" not in text
