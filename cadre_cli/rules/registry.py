"""Rule metadata: id, severity, Chinese title and explanation, the policy parameters a
rule reads, the columns it needs, and the clauses of the source documents it rests on.

A rule is on under a policy when the parameters it needs have values there (a seed's
`xx` placeholder leaves them empty, so the rule stays off) and the policy's
`[rules] ignore` does not name it. Data-quality rules need no parameter: always on.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title: str
    explanation: str
    sources: tuple[str, ...]  # ids of ../shared/RULES.md
    basis: str  # default citation when a policy gives none
    params: tuple[str, ...] = ()  # dotted policy paths; `levels.*.age_max` spans levels
    needs: tuple[tuple[str, ...], ...] = ()  # columns: each tuple is "one of these"
    scope: str = "person"  # person | pool | score | data
    any_param: bool = False  # on when any one param is set (else all must be)
    example: str = ""
    options: tuple[str, ...] = ()  # policy parameters the check also reads; they switch nothing on
    # a blank cell is an answer, not a gap: no secondment, no mark (else a person whose row
    # has none of a `needs` group is reported as not checked)
    blank_means_none: bool = False

    def enabled(self, policy: Policy) -> bool:
        if self.id in policy.rules.ignore:
            return False
        if self.id in policy.rules.select:
            return True
        if not self.params:
            return True
        present = [_has_value(param_values(policy, p)) for p in self.params]
        return any(present) if self.any_param else all(present)


def _has_value(values: list[Any]) -> bool:
    for v in values:
        if v is None or v is False or v == [] or v == {}:
            continue
        return True
    return False


def param_values(policy: Policy, path: str) -> list[Any]:
    """Values at a dotted path; `*` walks every entry of a table (e.g. each level)."""
    nodes: list[Any] = [policy]
    for part in path.split("."):
        nxt: list[Any] = []
        for node in nodes:
            if part == "*":
                nxt.extend(node.values() if isinstance(node, dict) else [])
            elif isinstance(node, dict):
                if part in node:
                    nxt.append(node[part])
            else:
                nxt.append(getattr(node, part, None))
        nodes = nxt
    return nodes


def _r(*args: Any, **kwargs: Any) -> Rule:
    return Rule(*args, **kwargs)


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
AGE_PARAMS = ("levels.*.age_max", "levels.*.age_max_male", "levels.*.age_max_female", "age.max", "age.max_male", "age.max_female")

RULES: list[Rule] = [
    # --- data quality: on in every policy -----------------------------------------
    _r("invalid-value", E, "单元格内容无法识别", "日期、数字、考核等次、性别等单元格的内容无法识别（如“1985.13”“八十五”），该项不参与计算。请按提示改正单元格。",
       (), "数据规范", scope="data", example="出生年月“1985.13”的月份13不存在"),
    _r("missing-value", W, "缺少检查所需的信息", "某人缺少某条规则需要的信息（如出生年月为空），这条规则对此人无法检查。",
       (), "数据规范", scope="data", example="缺少出生年月，无法检查年龄"),
    _r("id-number", E, "身份证号无效", "公民身份号码应为18位，最后一位为数字或X，并符合 GB 11643-1999 的校验规则（ISO 7064 MOD 11-2）；15位旧号码自动升为18位。被 Excel 存成数字（科学计数法）的号码末几位已丢失，必须重新录入。",
       ("FORMATS",), "GB 11643-1999《公民身份号码》", needs=(("id_number",),), scope="data"),
    _r("id-mismatch", E, "出生日期或性别与身份证号不符", "名册中的出生年月或性别与身份证号所含的出生日期、性别不一致。年龄以名册的出生年月为准，身份证号作为核对。",
       ("FORMATS",), "GB 11643-1999《公民身份号码》", needs=(("id_number",), ("birth", "gender")), scope="data"),
    _r("duplicate-person", E, "同一人出现两次", "同一身份证号，或同一姓名且同一出生年月的人在名册中出现不止一次。",
       (), "数据规范", needs=(("name",),), scope="data"),
    # --- eligibility ---------------------------------------------------------------------
    _r("age-limit", E, "超过年龄上限", "按后备类别（及性别）的年龄上限，以检查基准日计算周岁。“超过40周岁”“40周岁以下”“40岁（含）以下”都允许恰好40周岁，41周岁才超过；“未满40周岁”不含40。只有年月的出生日期按该月1日计算。",
       ("A1", "A2", "A3", "A4", "A5", "R7"), "《后备干部培养管理实施规定》四(七)", AGE_PARAMS,
       (("birth", "id_number"),), any_param=True, example="正科级后备干部年龄41周岁，超过40周岁的上限"),
    _r("age-limit-soon", W, "即将超过年龄上限", "在提示期（--horizon 个月，默认取政策 age.horizon_months）内将超过年龄上限的后备干部，写明超龄的日期。",
       ("A1", "A2", "A3", "A4", "A5"), "《后备干部培养管理实施规定》四(七)", AGE_PARAMS,
       (("birth", "id_number"),), any_param=True),
    _r("education", W, "学历不符合要求", "最高学历低于政策要求，或政策要求全日制学历而全日制学历不够。",
       ("A6",), "资格条件", ("education.minimum", "education.full_time_minimum"),
       (("education", "education_fulltime", "education_parttime"),), any_param=True),
    _r("experience", W, "工作经历不符合要求", "参加工作年限、任现职级年限或中层任职年限不满足政策列出的任一条件。",
       ("A8",), "资格条件", ("experience.any_of", "levels.*.experience"),
       (("work_start", "rank_since", "middle_since", "post"),), any_param=True),
    _r("rank-prerequisite", W, "现任职级不符合后备类别的要求", "如高校正处级后备应为现任副处级干部，副处级后备应为现任正科级干部或具备硕士、副高职称等条件。",
       ("A7",), "资格条件", ("levels.*.prerequisites",), (("rank",), ("reserve_level",))),
    _r("title", W, "职称不符合要求", "专业技术职称低于政策要求（如学校后备干部须具有中级及以上职称）。"
       "政策写明“小学可适当放宽”（relax_primary_school）时，单位或职务含“小学”（不含“中小学”）的人职称不够只作提示，"
       "请确认是否放宽；设定 primary_school_minimum 时，低于这一放宽后的下限仍为警告。",
       ("A9",), "《后备干部选拔推荐工作方案》（学校）一(二)2", ("professional_title.minimum",), (("title",),),
       options=("professional_title.relax_primary_school", "professional_title.primary_school_minimum"),
       example="小学教师职称为二级教师（初级），低于中级；小学可适当放宽，请确认"),
    _r("household", W, "不是本村户籍", "村级后备干部应具有本村户籍。户籍列写“否”“外村”或另一个村名时提示。",
       ("A10",), "《村级后备干部选拔培养实施方案》二", ("village.household_required",), (("household",),)),
    _r("negative-flag", E, "负面情形", "名册中标注了负面清单情形（如受处分、失信被执行人、跑官拉票、配偶子女移居国（境）外等）的列，取消资格或不得列为考察对象。"
       "政策文件中 negative.windows 列出有时限的情形（如“受撤销党内职务处分不满2年”“近三年来曾被民主评议为不合格”“正被纪检机关立案调查”）："
       "写明时间的，只在检查基准日仍在期限内时才算负面情形（已过期限的只作提示）；没写时间的提示补填时间，不直接取消资格。"
       "时间取自该单元格中的日期，或同一行的“处分时间”“立案时间”列；只写到年份而期限正好落在该年内的，提示写明月份。",
       ("R1", "R2", "R3", "R5", "A11"), "《后备干部培养管理实施规定》四", ("negative.enabled",),
       (("flag:*",),), options=("negative.windows",), blank_means_none=True,
       example="“受处分情况”一栏标注为“2025.03受撤销党内职务处分”，自2025年3月起至2027年3月1日方满2年，属于“受撤销党内职务处分不满2年”的负面情形"),
    _r("health", E, "健康状况不符合要求", "按政策的 health.condition：“身体健康”（高校、学校、街道、企业方案把身体健康列为基本条件）时，"
       "健康状况为较差、病休、住院、不能工作等为错误，“一般”“较弱”、慢性病、残疾或写法无法判断的为警告，空白提示补填；"
       "“能胜任工作”（县级规定“由于健康原因，不能担负本职工作任务的”、村级“身体状况差，不能正常履行职责的”）时，"
       "只有较差、病休、不能工作等才提示取消资格，“一般”不算，无法判断的只作提示。",
       ("R6",), "《后备干部培养管理实施规定》四(六)", ("health.condition",), (("health",),),
       example="健康状况为“较差（长期病休）”，不符合“身体健康”的条件"),
    # --- assessments and votes -------------------------------------------------------------
    _r("annual-assessment", E, "年度考核为基本称职或不称职", "年度考核为政策所列等次（如基本称职、不称职，或基本合格、不合格）的，取消后备干部资格。",
       ("R4",), "《后备干部培养管理实施规定》四(四)", ("assessment.failing",), (("assessment:*",),)),
    _r("assessment-history", W, "近三年考核有基本称职及以下", "近三个已考核年度中有基本称职（基本合格）及以下等次的，不得列为考察对象。",
       ("A11",), "《株洲市经信委关于进一步加强全委干部队伍建设的意见》一(四)", ("assessment.history_years",), (("assessment:*",),)),
    _r("poll-unfit-share", E, "民主测评不称职票比例超标", "不称职票占测评人数（无测评人数时为四类票之和）的比例超过政策上限；“超过20%”时恰好20%不算超过。",
       ("R10",), "临朐县《科级后备干部选拔培养和管理使用办法（试行）》", ("poll.unfit_share_max",),
       (("poll:incompetent",),)),
    _r("poll-weak-share", E, "民主测评基本称职和不称职比例超标", "基本称职票与不称职票之和占测评人数的比例超过政策上限（原文为“xx%”，须由各地设定后启用）。",
       ("R9",), "《优秀年轻干部重点培养工程实施方案》三(三)", ("poll.weak_share_max",),
       (("poll:basic", "poll:incompetent"),)),
    # --- periods ---------------------------------------------------------------------
    _r("management-period-expired", E, "管理期满未提拔", "自列入后备之日起满管理期（如三年）仍未提拔使用的，后备资格自行取消。恰好满三年之日即为期满。",
       ("R11",), "临朐县《科级后备干部选拔培养和管理使用办法（试行）》", ("management.period_years",), (("reserve_since",),)),
    _r("min-cultivation", I, "未满最低培养期", "列入后备不满最低培养期（如1年）的，不得提拔使用。",
       ("R11",), "临朐县《科级后备干部选拔培养和管理使用办法（试行）》", ("management.min_cultivation_years",), (("reserve_since",),)),
    _r("secondment-length", W, "挂职时间不在规定范围", "已结束的挂职时长短于下限或长于上限；正在进行的挂职按检查基准日计算，只在已超过上限时提示。",
       ("T1",), "《后备干部培养管理实施规定》二(二)", ("secondment.min_months", "secondment.max_months"),
       (("secondment_start", "secondment_period"),), any_param=True, blank_means_none=True),
    _r("secondment-cycle", W, "挂职时间与该类挂职的周期不符", "挂职周期按挂职类别而定（如到乡镇挂任党政副职两年，到企业、县直部门、街道（社区）一年，"
       "信访督查专员半年）。类别由挂职单位和挂职职务的文字判断（政策文件中 secondment.cycles 各项的 place、post 词语，按顺序第一个 place 相符的类别为准）。"
       "已结束的挂职短于或长于周期、正在进行的挂职已超过周期（或计划结束时间晚于周期）的，均提示；结束日为周期届满日或其前一天都算满周期。"
       "无法判断类别的写明原因，不猜测。",
       ("T2",), "《优秀年轻干部重点培养工程实施方案》三(一)", ("secondment.cycles",),
       (("secondment_start", "secondment_period"), ("secondment_post", "secondment_unit")), blank_means_none=True,
       example="2025年3月1日起挂职县信访局信访督查专员，至2025年11月1日已8个月，超过半年的周期"),
    _r("rotation-due", W, "同一职位满期应轮岗", "在同一职位任职满规定年限（如5年）应当交流轮岗；男性年满58周岁、女性年满53周岁的可不轮岗。",
       ("T5",), "《株洲市经信委关于进一步加强全委干部队伍建设的意见》三(二)", ("rotation.years",), (("post_since",),)),
    _r("single-post", W, "经历单一应轮岗", "经历单一的年轻干部在同一岗位满两年，应由单位组织内部轮岗交流。",
       ("T3",), "《优秀年轻干部重点培养工程实施方案》三(一)", ("rotation.single_post_years",), (("post_since", "post_count"),)),
    _r("programme-posts", W, "培养期内未经过两个以上不同岗位", "五年培养期内，所有优秀年轻干部至少要经过两个以上（含两个）不同岗位的锻炼。"
       "培养期自列入时间起算，满五年之日届满；岗位取自“任职经历/简历”列（每行“2019.07--2021.03 单位职务”，学习经历不算，"
       "“其间”挂职算一个岗位），没有简历列时取任现职时间（列入后任现职的算两个岗位）与挂职列。同一单位（内设机构）内的晋升"
       "（如办公室副主任升主任、科员升副科长）不算不同岗位；没有简历、任现职又恰逢职级晋升的，无法区分时提示核实。"
       "培养期未满而在提示期内仍只有一个岗位的，作为提示。",
       ("T3",), "《优秀年轻干部重点培养工程实施方案》三(一)", ("rotation.programme_years", "rotation.programme_posts"),
       (("reserve_since",), ("post_since", "post_history")),
       example="2021年7月列入，5年培养期于2026年7月1日届满，只经过1个不同岗位（县财政局办公室副主任升主任不算不同岗位）"),
    _r("mentoring", I, "帮带期满应重新落实帮带人", "每轮帮带时间为两年，期满后重新落实帮带人。",
       ("T4",), "《优秀年轻干部重点培养工程实施方案》三(一)", ("mentoring.round_years",), (("mentor_since",),), blank_means_none=True),
    _r("borrowed-staff", W, "借用时间超过上限", "从外单位借用人员，原则上借用时间不得超过2个月。",
       ("T6",), "《株洲市经信委关于进一步加强全委干部队伍建设的意见》三(三)", ("borrowed.max_months",),
       (("borrowed_start", "borrowed_period"),), blank_means_none=True),
    _r("exam-failed", E, "考试或答辩测评不合格", "笔试或答辩测评成绩低于合格分数（或结果为“不合格”）的，取消后备资格；可由名册中的成绩列或 --scores 给出的成绩表判断。",
       ("S6", "R8", "S9"), "《后备干部培养管理实施规定》四(八)", ("score.written_pass", "score.defense_pass", "score.exam_required"),
       (("written", "defense"),), any_param=True),
    # --- records ----------------------------------------------------------------------
    _r("talks", W, "谈心谈话次数不足", "谈心谈话每季度至少一次（每年不少于4次）。次数列为本年度次数；应谈次数为本年度已结束的季度中、"
       "自列入后备的那个季度起的季度数（7月列入的，到年底应不少于2次）；没有列入时间的按全年计，并在说明中写明。",
       ("M3",), "《优秀年轻干部重点培养工程实施方案》三(三)", ("records.talks_per_year",), (("talks",),)),
    _r("articles", W, "履职体会篇数不足", "每半年撰写一篇履职体会文章（每年不少于2篇）；应交篇数从列入后备的那个半年起算。",
       ("M1",), "《后备干部培养管理实施规定》三(二)", ("records.articles_per_year",), (("articles",),)),
    _r("inspection", W, "年度考察次数不足", "对后备干部一年至少考察一次：考察次数不足，或最近一次考察已超过一年。",
       ("R13",), "《后备干部选拔方案》（街道）七(一)", ("records.inspections_per_year",), (("inspections", "last_inspection"),)),
    # --- village reserves and the four-tier scheme ------------------------------------
    _r("village-cultivation", W, "村级后备干部培养期限不符", "村级后备干部经过1—3年培养成熟后，择优充实到村两委担任副职。"
       "列入后备不满最短年限即任（或拟任）村两委副职的为警告；列入已满最长年限仍未任副职的作为提示，请研究使用或调整。"
       "现任职务含“村”“社区”“两委”等与“副书记”“副主任”“副职”的算已任副职，日期取任现职时间；拟任取“拟任职务”列。",
       ("T8",), "《村党支部培养选拔后备干部条件》五11", ("village.cultivation_years",),
       (("reserve_since",), ("post", "proposed_post")),
       example="2026年3月列入后备，2026年9月即任村委会副主任，培养不满1年"),
    _r("tier-term", E, "梯队培养对象应调整", "各梯队后备干部人才两年一届（自列入时间起），每年考核一次，期满总结性考核。"
       "年度考核靠后（基本称职、不称职等）、一年之后仍达不到要求的，有一票否决行为的，总结考核不合格的，不再列入培养对象；"
       "只有一年靠后、下一年尚未考核的为警告；届满而名册没有总结考核结果的为警告。只对后备类别（梯队、层级）含“梯队”等词的人检查。",
       ("R12",), "《干部人才四级梯队培养方案》（镇党委）五(一)", ("tiers.term_years",),
       (("reserve_level",), ("reserve_since",), ("assessment:*", "tier_final")),
       options=("tiers.match", "tiers.low_grades", "tiers.final_failing", "tiers.veto_words"),
       example="2024、2025年年度考核均为基本称职，一年之后仍达不到要求，不再列入培养对象"),
    # --- the pool as a whole ------------------------------------------------------------
    _r("pool-size", W, "后备干部数量与职数不相称", "后备干部数量按领导班子职数正职1:2、副职1:1确定，或按政策规定的常数（如正职150名、副职300名）、按部门数的比例确定。职数来自名册中的“职数”工作表、--posts 选项或政策。",
       ("Q1", "Q2", "Q4", "Q6", "Q7"), "《后备干部选拔方案》（学院）三(一)", ("levels.*.posts_ratio", "levels.*.pool_count", "pool.units_ratio"),
       (("reserve_level", "unit"),), scope="pool", any_param=True),
    _r("pool-share", W, "队伍结构比例未达到", "女干部、少数民族干部、党外干部、学历层次、近期可提拔人选等在后备队伍中的比例或人数未达到政策目标。",
       ("Q3", "Q4", "Q5"), "《后备干部选拔方案》（学院）三(二)", ("pool.shares",), (("gender", "ethnicity", "political_status", "education", "ready"),), scope="pool"),
    _r("pool-age-structure", W, "年龄结构未达到", "各年龄段在后备队伍中的比例或人数未达到政策目标（如“以35岁以下为主体”“30岁以下5名以上”“正职以35至45岁为主体”）。",
       ("Q4", "Q5", "A5"), "《后备干部选拔方案》（街道）四2", ("pool.ages", "levels.*.age_band"), (("birth", "id_number"),),
       scope="pool", any_param=True),
    # --- scoring (cadre score) -------------------------------------------------------------
    _r("score-written", I, "笔试未达合格分或缺考", "笔试成绩达到合格分（如60分）方可进入答辩测评；缺考不计零分，记为缺考。笔试成绩不带入答辩测评分数。",
       ("S1", "S2"), "《后备干部培养管理实施规定》二(一)4", ("score.written_pass",), (("written",),), scope="score"),
    _r("score-defense", I, "答辩测评分数计算", "答辩测评分数 = 考评分×60% + 测评分×40%，达到60分为合格；测评分 =（优秀票×100 + 称职票×80 + 基本称职票×60）÷ 测评人数。",
       ("S3", "S4", "S5"), "《后备干部培养管理实施规定》二(一)4", ("score.scheme",), scope="score"),
    _r("score-enterprise", I, "企业公开选拔计分", "笔试（满分30）+ 演讲答辩（满分35）+ 组织考察（满分35：领导班子15、中层干部10、职工代表10），按总成绩排序。",
       ("S7",), "《关于公开选拔中层助理后备人选的实施方案》四", ("score.scheme",), scope="score"),
    _r("score-interview", I, "笔试面试计分", "综合成绩 = 笔试成绩×x% + 面试成绩×y%（比例由政策 [score.interview] 给出，两者之和为1），面试成绩取面试评委评分的平均分，按综合成绩排序；可设笔试、面试、综合成绩合格线。",
       (), "竞争上岗、公开选拔实施方案", ("score.interview.written_weight", "score.interview.interview_weight"), scope="score"),
    _r("score-invalid", E, "成绩单元格有误", "分数不是数字、低于0、高于满分（百分制100分，或企业方案各项满分），该行不计算结果。",
       ("S3", "S7"), "《后备干部培养管理实施规定》二(一)4", (), scope="score"),
    _r("score-votes", E, "票数超过测评人数", "优秀、称职、基本称职、不称职票数之和不能超过测评人数；超过的行不计算结果。",
       ("S4",), "《后备干部培养管理实施规定》二(一)4", (), scope="score"),
    _r("score-join", E, "各阶段成绩表无法对应", "笔试、答辩、测评分在不同工作表时，按身份证号、其次准考证号、最后姓名把同一人的各行对应起来；同名而无身份证号或准考证号区分、编号重复，或同一人的同一成绩在两表中不一致时，有关各行不计算结果，绝不猜测。",
       ("S1", "S5"), "数据规范", (), scope="score", example="“测评”表中的“张伟”在“笔试”表中有两人同名，无法确定是谁"),
    _r("score-panel-size", W, "考评组人数不在规定范围", "考评组一般由5—7人组成；人数不在范围内时提示，结果照常计算。",
       ("S3",), "《后备干部培养管理实施规定》二(一)4", ("score.panel_size",), scope="score"),
    _r("score-poll-size", W, "测评组人数不在规定范围", "测评组一般由15—20人组成；测评人数不在范围内时提示，结果照常计算。",
       ("S4",), "《后备干部培养管理实施规定》二(一)4", ("score.poll_size",), scope="score"),
]

REGISTRY: dict[str, Rule] = {rule.id: rule for rule in RULES}
assert len(REGISTRY) == len(RULES), "duplicate rule id"

# Checks attach themselves to rule ids (see cadre_cli.audit); scoring rules are used by cadre score.
CHECKS: dict[str, Callable[..., Any]] = {}


def get_rule(rule_id: str) -> Rule | None:
    return REGISTRY.get(rule_id)


def enabled_rules(policy: Policy, scope: str | None = None) -> list[Rule]:
    return [r for r in RULES if (scope is None or r.scope == scope) and r.enabled(policy)]
