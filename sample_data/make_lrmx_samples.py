"""Build the sample 干部任免审批表 files in sample_data/任免表/ (fictional people) from the
sample roster, with our own writer (cadre_cli.lrmx.write), one sub-folder per unit:

    python -m sample_data.make_lrmx_samples      (after sample_data.make_samples; `make samples` runs both)

县财政局/韩浩.lrmx — agrees with the roster, a clean file.
县财政局/郭宇健.lrmx — 参加工作时间 a year later than the roster's (`cadre audit 名册 --lrmx` finds it),
    a gap in the 简历 (`cadre lrmx check` finds it), no photo.
白水镇/董宇.lrmx — 民族 written `汉` (the code table wants 汉族), 2024 年度考核基本称职 (`cadre audit
    任免表/` finds it).
白水镇/李文斌.lrmx — a cadre the roster does not list.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from cadre_cli.lrmx.from_roster import card_values
from cadre_cli.lrmx.write import new_card, save_cards
from cadre_cli.model.person import build_roster
from cadre_cli.parse.dates import PDate
from cadre_cli.parse.grades import Grade
from cadre_cli.readers.roster_input import read_roster
from tests.ids import make_id

HERE = Path(__file__).parent

FOLDER = HERE / "任免表"
FORM = {"native_place": "云南泸西", "birthplace": "云南泸西", "rewards": "无", "reason": "工作需要",
        "reporting_unit": "中共泸西县委组织部", "age_date": PDate(2026, 12), "fill_date": PDate(2026, 11, 20),
        "filler": "李明", "health": "健康"}


def _later(d: PDate, years: int = 0, months: int = 0) -> PDate:
    index = d.year * 12 + d.month - 1 + years * 12 + months
    return PDate(index // 12, index % 12 + 1)


def place(unit: str) -> str:
    return f"泸西{unit}" if unit.startswith("县") else f"泸西县{unit}"


def resume(work: PDate, since: PDate, unit: str, post: str, gap: bool = False) -> list[tuple]:
    """School, a first post, the current one; `gap`: three months missing between the posts."""
    first_end = _later(since, months=-3) if gap else since
    return [(_later(work, -4), work, "云南大学经济学院经济学专业学习"),
            (work, first_end, f"{place(unit)}科员"),
            (since, None, f"{place(unit)}{post}")]


def family(gender: str | None) -> list[dict]:
    return [{"relation": "丈夫" if gender == "女" else "妻子", "name": "张敏", "birth": PDate(1990, 5),
             "political_status": "中共党员", "work": "泸西县第一中学教师"}]


def photo() -> bytes:
    """A plain 376×470 JPEG (the editor's 4:5 photo), a few kilobytes."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (376, 470), (200, 185, 170)).save(buf, "JPEG", quality=80)
    return buf.getvalue()


def card_for(person, with_photo: bool = True, **changes):
    values, _ = card_values(person)
    work, since = person.get("work_start"), person.get("post_since")
    unit, post = person.unit or "", person.get("post") or ""
    values.update(FORM)
    values["post"] = f"{place(unit)}{post}"
    values["resume"] = resume(work, since, unit, post, gap=changes.pop("gap", False))
    values.update(changes)
    limit = 55 if person.gender == "女" else 60
    card, _ = new_card(values, family(person.gender), file=f"{person.name}.lrmx", age_limit=limit,
                       photo=photo() if with_photo else None)
    return card


def main() -> None:
    reading = read_roster(HERE / "后备干部名册.xlsx")
    people = {p.name: p for p in build_roster("后备干部名册.xlsx", reading.tables, reading.report).people}
    finance = [card_for(people["韩浩"]),
               card_for(people["郭宇健"], with_photo=False, work_start=_later(people["郭宇健"].get("work_start"), 1), gap=True)]
    town = [card_for(people["董宇"], ethnicity="汉", assessments={2023: Grade.COMPETENT, 2024: Grade.BASIC,
                                                                  2025: Grade.COMPETENT})]
    li = {"name": "李文斌", "gender": "男", "birth": PDate(1988, 9), "ethnicity": "彝族", "joined_party": PDate(2010, 6),
          "work_start": PDate(2011, 7), "education_fulltime": "大学", "degree_fulltime": "管理学学士",
          "post": "泸西县白水镇党委委员", "id_number": make_id(dt.date(1988, 9, 15), "男", seq=77), "assessments": {2024: Grade.EXCELLENT, 2025: Grade.COMPETENT},
          "resume": [(PDate(2007, 9), PDate(2011, 7), "云南财经大学公共管理专业学习"),
                     (PDate(2011, 7), PDate(2020, 3), "泸西县白水镇科员"), (PDate(2020, 3), None, "泸西县白水镇党委委员")],
          **FORM}
    town.append(new_card(li, family("男"), file="李文斌.lrmx", age_limit=60, photo=photo())[0])
    written = save_cards(finance, _folder("县财政局"), force=True) + save_cards(town, _folder("白水镇"), force=True)
    print("已生成：", *written)


def _folder(unit: str) -> Path:
    folder = FOLDER / unit
    folder.mkdir(parents=True, exist_ok=True)
    return folder


if __name__ == "__main__":
    main()
