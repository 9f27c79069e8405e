"""Seed 001 三(一)(三) under `young-cadre`: secondment cycles by kind of post, the five-year
clause, quarterly talks since listing. Every boundary: exactly at the number, one day over."""

from __future__ import annotations

import datetime as dt
import json

from tests.audit_helpers import of_rule, write_policy
from tests.seed_rosters import young, young_roster

D = dt.date
AS_OF = "2026-12-01"


def run_young(run, tmp_path, rows, *args, name="名单.xlsx", as_of=AS_OF, policy="young-cadre"):
    path = young_roster(tmp_path / name, rows)
    result = run("audit", str(path), "--json", "--as-of", as_of, "--policy", policy, *args)
    assert result.code in (0, 1), result
    return json.loads(result.out)


def sec(unit, post, start, end=None):
    return {"挂职单位": unit, "挂职职务": post, "开始时间": start, "结束时间": end}


def by_name(found):
    return {f["name"]: f for f in found}


def test_finished_secondment_against_its_cycle(run, tmp_path):
    rows = [young("信访整", 1, **sec("县信访局", "信访督查专员", D(2025, 3, 15), D(2025, 9, 15))),
            young("信访前一天", 2, **sec("县信访局", "信访督查专员", D(2025, 3, 15), D(2025, 9, 14))),
            young("信访多一天", 3, **sec("县信访局", "信访督查专员", D(2025, 3, 15), D(2025, 9, 16))),
            young("信访短两天", 4, **sec("县信访局", "信访督查专员", D(2025, 3, 15), D(2025, 9, 13))),
            young("镇整两年", 5, **sec("白水镇人民政府", "副镇长", D(2023, 3, 1), D(2025, 3, 1))),
            young("镇一年", 6, **sec("白水镇", "党委副书记", D(2024, 3, 1), D(2025, 3, 1))),
            young("企业一年", 7, **sec("市国投集团", "总经理助理", D(2024, 3, 1), D(2025, 3, 1))),
            young("企业两年", 8, **sec("市国投集团", "总经理助理", D(2023, 3, 1), D(2025, 3, 1)))]
    found = by_name(of_rule(run_young(run, tmp_path, rows), "secondment-cycle"))
    assert set(found) == {"信访多一天", "信访短两天", "镇一年", "企业两年"}
    assert "长于半年的周期" in found["信访多一天"]["message"]
    assert "不满半年的周期" in found["信访短两天"]["message"]
    assert "不满2年的周期" in found["镇一年"]["message"] and "到乡镇挂任党政副职" in found["镇一年"]["message"]
    assert "长于1年的周期" in found["企业两年"]["message"]
    assert all(f["basis"] == "《优秀年轻干部重点培养工程实施方案》三(一)" for f in found.values())
    assert all(f["severity"] == "warning" for f in found.values())


def test_ongoing_secondment_past_its_cycle(run, tmp_path):
    rows = [young("今天期满", 1, **sec("白水镇", "党委副书记", D(2024, 12, 1))),
            young("过一天", 2, **sec("白水镇", "党委副书记", D(2024, 11, 30))),
            young("信访过一天", 3, **sec("县信访局", "督查专员", D(2026, 5, 31))),
            young("信访正好", 4, **sec("县信访局", "督查专员", D(2026, 6, 1))),
            young("计划过长", 5, **sec("县信访局", "督查专员", D(2026, 9, 1), D(2027, 9, 1)))]
    found = by_name(of_rule(run_young(run, tmp_path, rows), "secondment-cycle"))
    assert set(found) == {"过一天", "信访过一天", "计划过长"}
    assert "至2026年12月1日已2年1天，超过2年的周期" in found["过一天"]["message"]
    assert "应于2026年11月30日期满" in found["过一天"]["message"]
    assert "计划至2027年9月1日，长于半年的周期" in found["计划过长"]["message"]


def test_the_kind_comes_from_the_post_text_and_an_unknown_kind_says_so(run, tmp_path):
    rows = [young("街道", 1, **sec("城关街道办事处", "副主任", D(2024, 3, 1), D(2026, 3, 1))),
            young("乡村振兴局", 2, **sec("县乡村振兴局", "副局长", D(2024, 3, 1), D(2025, 3, 1))),
            young("党政办", 3, **sec("白水镇", "党政办副主任", D(2025, 3, 1))),
            young("外地", 4, **sec("深圳市南山区", "区长助理", D(2025, 3, 1))),
            young("只写职务", 5, **sec(None, "挂任白水镇党委副书记", D(2024, 3, 1), D(2026, 3, 1)))]
    found = by_name(of_rule(run_young(run, tmp_path, rows), "secondment-cycle"))
    # the seed lists 街道（社区） among the one-year secondments
    assert set(found) == {"街道", "党政办", "外地"}
    assert "长于1年的周期" in found["街道"]["message"]
    assert "无法判断属于哪类挂职" in found["党政办"]["message"] and "到乡镇挂任党政副职" in found["党政办"]["message"]
    assert "无法判断属于哪类挂职" in found["外地"]["message"] and "没有可以判断类别的词语" in found["外地"]["message"]
    assert all(f["severity"] == "warning" for f in found.values())


def test_cycles_are_policy_data(run, tmp_path):
    own = write_policy(tmp_path, 'extends = "young-cadre"\n[[secondment.cycles]]\nlabel = "到街道挂任党政副职"\n'
                                 'months = 24\nplace = ["街道"]\n')
    rows = [young("街道两年", 1, **sec("城关街道办事处", "副主任", D(2024, 3, 1), D(2026, 3, 1)))]
    assert of_rule(run_young(run, tmp_path, rows, policy=own), "secondment-cycle") == []
    assert of_rule(run_young(run, tmp_path, rows, name="b.xlsx"), "secondment-cycle") != []


def test_young_cadre_no_longer_uses_one_window_for_all(run, tmp_path):
    rows = [young("信访八月", 1, **sec("县信访局", "信访督查专员", D(2025, 1, 1), D(2025, 9, 1)))]
    data = run_young(run, tmp_path, rows)
    assert of_rule(data, "secondment-length") == []  # 6–24 months would have passed it
    assert len(of_rule(data, "secondment-cycle")) == 1


RESUME_SAME_POST = ("2014.07--2016.03  县财政局科员\n2016.03--2022.05  县财政局办公室副主任\n"
                    "2022.05--         县财政局办公室主任")


def test_five_years_counted_from_listing_with_the_resume(run, tmp_path):
    moved = "2016.03--2024.05  县财政局办公室副主任\n2024.05--         县财政局预算股股长"
    on_the_day = "2016.03--2026.12  县财政局办公室副主任\n2026.12--         县财政局预算股股长"
    day_before = "2016.03--2026.11  县财政局办公室副主任\n2026.11--         县财政局预算股股长"
    rows = [young("原岗晋升", 1, **{"列入时间": D(2021, 12, 1), "任职经历": RESUME_SAME_POST}),
            young("换了岗位", 2, **{"列入时间": D(2021, 12, 1), "任职经历": moved}),
            young("期满当天换", 3, **{"列入时间": D(2021, 12, 1), "任职经历": on_the_day}),
            young("期满前换", 4, **{"列入时间": D(2021, 12, 1), "任职经历": day_before}),
            young("差一天满", 5, **{"列入时间": D(2021, 12, 2), "任职经历": RESUME_SAME_POST})]
    found = by_name(of_rule(run_young(run, tmp_path, rows, "--horizon", "0"), "programme-posts"))
    assert set(found) == {"原岗晋升", "期满当天换"}
    msg = found["原岗晋升"]["message"]
    assert "5年培养期于2026年12月1日届满" in msg and "只经过1个不同岗位" in msg and "同一单位内的晋升不算不同岗位" in msg
    assert found["原岗晋升"]["severity"] == "warning"
    # a post begun on the anniversary is outside the five years; one begun the month before is inside
    assert "只经过1个不同岗位（据任职经历：县财政局办公室副主任" in found["期满当天换"]["message"]


def test_five_years_within_the_horizon_is_a_note(run, tmp_path):
    rows = [young("快满", 1, **{"列入时间": D(2022, 3, 1), "任职经历": RESUME_SAME_POST})]
    found = of_rule(run_young(run, tmp_path, rows, "--horizon", "6"), "programme-posts")
    assert len(found) == 1 and found[0]["severity"] == "info" and "将于2027年3月1日届满" in found[0]["message"]
    assert of_rule(run_young(run, tmp_path, rows, "--horizon", "2", name="b.xlsx"), "programme-posts") == []


def test_five_years_without_a_resume(run, tmp_path):
    rows = [young("一直一岗", 1, **{"列入时间": D(2021, 6, 1), "任现职时间": "2019.03", "现任职务": "县委办秘书科科长"}),
            young("列入后换岗", 2, **{"列入时间": D(2021, 6, 1), "任现职时间": "2023.03"}),
            young("换岗即晋升", 3, **{"列入时间": D(2021, 6, 1), "任现职时间": "2023.03", "任现职级时间": "2023.03"}),
            young("挂过职", 4, **{"列入时间": D(2021, 6, 1), "任现职时间": "2019.03",
                                **sec("白水镇", "党委副书记", D(2022, 3, 1), D(2024, 3, 1))})]
    found = by_name(of_rule(run_young(run, tmp_path, rows), "programme-posts"))
    assert set(found) == {"一直一岗", "换岗即晋升"}
    assert "2019年3月起一直任县委办秘书科科长" in found["一直一岗"]["message"]
    assert found["换岗即晋升"]["severity"] == "warning" and "原岗位晋升" in found["换岗即晋升"]["message"]


def test_talks_due_per_quarter_since_listing(run, tmp_path):
    rows = [young("七月列入一次", 1, **{"列入时间": "2026.07", "谈心谈话次数": 1}),
            young("七月列入两次", 2, **{"列入时间": "2026.07", "谈心谈话次数": 2}),
            young("六月末列入两次", 3, **{"列入时间": D(2026, 6, 30), "谈心谈话次数": 2}),
            young("七月一日列入两次", 4, **{"列入时间": D(2026, 7, 1), "谈心谈话次数": 2}),
            young("往年列入三次", 5, **{"列入时间": "2024.03", "谈心谈话次数": 3}),
            young("未填列入三次", 6, **{"谈心谈话次数": 3})]
    found = by_name(of_rule(run_young(run, tmp_path, rows, as_of="2026-12-31"), "talks"))
    assert set(found) == {"七月列入一次", "六月末列入两次", "往年列入三次", "未填列入三次"}
    assert "应不少于2次" in found["七月列入一次"]["message"] and "自2026年7月列入后备起算" in found["七月列入一次"]["message"]
    assert "应不少于3次" in found["六月末列入两次"]["message"]
    assert "应不少于4次" in found["往年列入三次"]["message"]
    assert "未填列入后备时间，按全年计" in found["未填列入三次"]["message"]
    # the quarter of listing is due once it has ended: 30 September, not the day before
    rows = [young("九月底", 1, **{"列入时间": "2026.07", "谈心谈话次数": 0})]
    assert len(of_rule(run_young(run, tmp_path, rows, as_of="2026-09-30", name="b.xlsx"), "talks")) == 1
    assert of_rule(run_young(run, tmp_path, rows, as_of="2026-09-29", name="c.xlsx"), "talks") == []
