"""The shape of a policy file, validated with pydantic.

Keys are ASCII; values are numbers, booleans or Chinese text. A parameter that a
source document leaves as a placeholder (`xx`) is simply absent: the rule that needs
it stays off until a locality sets it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, PlainSerializer, field_validator, model_validator

from cadre_cli.parse.categories import DEGREE_NAMES, EDUCATION_NAMES, RANK_NAMES, TITLE_NAMES


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


def _known(value: str | None, names: dict, what: str) -> str | None:
    if value is not None and value.removesuffix("级") not in names and value not in names:
        raise ValueError(f"“{value}”不是可识别的{what}（可用：{'、'.join(names)}）")
    return value


def _grade_list(values: list[str] | None) -> list[str] | None:
    from cadre_cli.parse.grades import parse_grade

    for g in values or []:
        if parse_grade(g) is None:
            raise ValueError(f"“{g}”不是考核等次")
    return values


def _share(value: object) -> Fraction:
    """A share as an exact fraction: 0.2, "20%", "1/3"."""
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, bool):
        raise ValueError("应为比例，如 0.2、\"20%\" 或 \"1/3\"")
    elif isinstance(value, (int, float, Decimal)):
        share = Fraction(str(value))
    elif isinstance(value, str):
        text = value.strip().replace("％", "%")
        try:
            share = Fraction(text[:-1]) / 100 if text.endswith("%") else Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"“{value}”应为比例，如 0.2、\"20%\" 或 \"1/3\"") from None
    else:
        raise ValueError("应为比例，如 0.2、\"20%\" 或 \"1/3\"")
    if not 0 <= share <= 1:
        raise ValueError(f"比例“{value}”应在 0 到 1 之间")
    return share


def _share_out(value: Fraction) -> str | float:
    return float(value) if (value * 100).denominator == 1 else f"{value.numerator}/{value.denominator}"


Share = Annotated[Fraction, BeforeValidator(_share), PlainSerializer(_share_out)]

AgeWording = Literal["超过", "以下", "不超过", "以内", "(含)以下", "未满"]


class Requirement(Section):
    """One way to meet a prerequisite; every condition given must hold."""

    rank_min: str | None = None
    rank_years_min: int | None = Field(default=None, ge=0, le=50)
    work_years_min: int | None = Field(default=None, ge=0, le=50)
    post_years_min: int | None = Field(default=None, ge=0, le=50)
    middle_years_min: int | None = Field(default=None, ge=0, le=50)
    education_min: str | None = None
    degree_min: str | None = None
    title_min: str | None = None
    post_any: list[str] | None = None
    label: str | None = None

    @field_validator("rank_min")
    @classmethod
    def _rank(cls, v: str | None) -> str | None:
        return _known(v, RANK_NAMES, "职级")

    @field_validator("education_min")
    @classmethod
    def _edu(cls, v: str | None) -> str | None:
        return _known(v, EDUCATION_NAMES, "学历")

    @field_validator("degree_min")
    @classmethod
    def _degree(cls, v: str | None) -> str | None:
        return _known(v, DEGREE_NAMES, "学位")

    @field_validator("title_min")
    @classmethod
    def _title(cls, v: str | None) -> str | None:
        return _known(v, TITLE_NAMES, "职称")


class Level(Section):
    """A reserve level (后备类别) such as 正科级 or 副职."""

    label: str
    match: list[str] = Field(min_length=1)
    kind: Literal["principal", "deputy"] | None = None
    age_max: int | None = Field(default=None, ge=18, le=70)
    age_max_male: int | None = Field(default=None, ge=18, le=70)
    age_max_female: int | None = Field(default=None, ge=18, le=70)
    age_wording: AgeWording = "超过"
    prerequisites: list[Requirement] = []
    experience: list[Requirement] = []
    age_band: list[Annotated[int, Field(ge=0, le=100)]] | None = Field(default=None, min_length=2, max_length=2)
    posts_ratio: Decimal | None = Field(default=None, gt=0)
    pool_count: int | None = Field(default=None, ge=0)


class AgeRule(Section):
    """The age limit for reserves whose level the policy does not distinguish."""

    max: int | None = Field(default=None, ge=18, le=70)
    max_male: int | None = Field(default=None, ge=18, le=70)
    max_female: int | None = Field(default=None, ge=18, le=70)
    wording: AgeWording = "以下"
    exceptional_max: int | None = Field(default=None, ge=18, le=70)
    horizon_months: int = Field(default=6, ge=0, le=120)


Points = Annotated[Decimal, Field(ge=0, le=100)]
Maximum = Annotated[Decimal, Field(gt=0, le=1000)]
Weight = Annotated[Decimal, Field(ge=0, le=1)]


class GradePoints(Section):
    excellent: Points = Decimal(100)
    competent: Points = Decimal(80)
    basic: Points = Decimal(60)
    incompetent: Points = Decimal(0)


class Enterprise(Section):
    written_max: Maximum = Decimal(30)
    speech_max: Maximum = Decimal(35)
    org_max: Maximum = Decimal(35)
    leadership_max: Maximum = Decimal(15)
    middle_max: Maximum = Decimal(10)
    staff_max: Maximum = Decimal(10)


class Interview(Section):
    """笔试 x% + 面试 y% (竞争上岗, 公开选拔): the weights are the policy's own, exact."""

    written_weight: Weight | None = None
    interview_weight: Weight | None = None
    interview_max: Maximum = Decimal(100)
    interview_pass: Decimal | None = Field(default=None, ge=0, le=1000)  # 面试合格分
    total_pass: Decimal | None = Field(default=None, ge=0, le=1000)  # 综合成绩合格分

    @model_validator(mode="after")
    def _weights(self) -> Interview:
        w, i = self.written_weight, self.interview_weight
        if (w is None) != (i is None):
            raise ValueError("中 written_weight 与 interview_weight 应同时设置")
        if w is not None and i is not None and w + i != 1:
            raise ValueError(f"中 written_weight（{w}）与 interview_weight（{i}）之和应为 1")
        if self.interview_pass is not None and self.interview_pass > self.interview_max:
            raise ValueError(f"中 interview_pass（{self.interview_pass}）超过了 interview_max（{self.interview_max}）")
        return self


class Score(Section):
    exam_required: bool = False  # results written as 合格/不合格 count even without pass marks
    scheme: Literal["defense", "enterprise", "interview"] | None = None
    written_pass: Decimal | None = Field(default=None, ge=0, le=100)
    defense_pass: Decimal | None = Field(default=None, ge=0, le=100)
    written_max: Maximum = Decimal(100)
    panel_weight: Weight = Decimal("0.6")
    poll_weight: Weight = Decimal("0.4")
    trim_panel: bool = False
    round_stages: bool = False
    panel_size: list[Annotated[int, Field(ge=1, le=1000)]] | None = Field(default=None, min_length=2, max_length=2)
    poll_size: list[Annotated[int, Field(ge=1, le=100000)]] | None = Field(default=None, min_length=2, max_length=2)
    grade_points: GradePoints = GradePoints()
    enterprise: Enterprise = Enterprise()
    interview: Interview = Interview()
    tie_break: list[Literal["panel", "poll", "written", "speech", "org", "interview"]] = []

    @model_validator(mode="after")
    def _weights(self) -> Score:
        if self.panel_weight + self.poll_weight != 1:
            raise ValueError(f"中 panel_weight（{self.panel_weight}）与 poll_weight（{self.poll_weight}）之和应为 1")
        for key in ("panel_size", "poll_size"):
            pair = getattr(self, key)
            if pair and pair[0] > pair[1]:
                raise ValueError(f"中 {key} 应写成 [最少, 最多]，现为 {pair}")
        if self.written_pass is not None and self.written_pass > self.written_max:
            raise ValueError(f"中 written_pass（{self.written_pass}）超过了 written_max（{self.written_max}）")
        if self.scheme == "interview" and self.interview.written_weight is None:
            raise ValueError("中 scheme = \"interview\"（笔试+面试）须在 [score.interview] 中设置 written_weight 与 "
                             "interview_weight（笔试、面试所占比例，如 0.4 与 0.6，两者之和为 1）")
        return self


class Assessment(Section):
    failing: list[str] | None = None  # grades that remove a reserve (R4)
    history_years: int | None = Field(default=None, ge=1, le=10)  # A11: last N assessed years
    history_floor: str = "称职"  # grades below this in the history are findings

    @field_validator("failing")
    @classmethod
    def _grades(cls, v: list[str] | None) -> list[str] | None:
        return _grade_list(v)


class Poll(Section):
    unfit_share_max: Share | None = None
    weak_share_max: Share | None = None


class Management(Section):
    period_years: int | None = Field(default=None, ge=1, le=20)
    min_cultivation_years: int | None = Field(default=None, ge=1, le=20)


class SecondmentCycle(Section):
    """One kind of secondment and its fixed cycle (T2), told by words of the post's text:
    the first kind whose `place` words occur in 挂职单位 + 挂职职务 decides; its `post`
    words, when given, must occur too, else the kind is unrecognised."""

    label: str
    months: int = Field(ge=1, le=120)
    place: list[str] = Field(min_length=1)
    post: list[str] = []
    ignore: list[str] = []  # phrases removed before matching (乡村振兴局 is no township)


class Secondment(Section):
    min_months: int | None = Field(default=None, ge=0, le=120)
    max_months: int | None = Field(default=None, ge=1, le=120)
    cycles: list[SecondmentCycle] = []


class Rotation(Section):
    years: int | None = Field(default=None, ge=1, le=30)
    exempt_age_male: int | None = Field(default=None, ge=18, le=70)
    exempt_age_female: int | None = Field(default=None, ge=18, le=70)
    single_post_years: int | None = Field(default=None, ge=1, le=20)
    programme_years: int | None = Field(default=None, ge=1, le=20)  # T3: the programme's length
    programme_posts: int | None = Field(default=None, ge=2, le=10)  # T3: different posts within it


class Mentoring(Section):
    round_years: int | None = Field(default=None, ge=1, le=10)


class Borrowed(Section):
    max_months: int | None = Field(default=None, ge=1, le=60)


class EducationRule(Section):
    minimum: str | None = None
    full_time_minimum: str | None = None  # the minimum for full-time education
    full_time_age_max: int | None = Field(default=None, ge=18, le=70)  # the full-time minimum applies up to this age (含)

    @field_validator("minimum", "full_time_minimum")
    @classmethod
    def _edu(cls, v: str | None) -> str | None:
        return _known(v, EDUCATION_NAMES, "学历")


class Experience(Section):
    """Work experience (A8): a person meets it by any one of `any_of`."""

    any_of: list[Requirement] = []


class TitleRule(Section):
    minimum: str | None = None
    relax_primary_school: bool = False  # 小学可适当放宽: a primary school's shortfall is a note
    primary_school_minimum: str | None = None  # optional floor of the relaxation

    @field_validator("minimum", "primary_school_minimum")
    @classmethod
    def _title(cls, v: str | None) -> str | None:
        return _known(v, TITLE_NAMES, "职称")


class Health(Section):
    """身体健康 as a condition of eligibility, or health that no longer allows the work."""

    condition: Literal["身体健康", "能胜任工作"] | None = None


class FlagWindow(Section):
    """A negative-list entry that counts only inside a time window at the as-of date."""

    label: str
    words: list[str] = Field(min_length=1)  # words of the header or cell that name the entry
    years: int | None = Field(default=None, ge=1, le=30)  # 不满2年, 近三年: N years from its date
    ongoing: bool = False  # 正被立案调查: from its date until it is closed
    since_year: int | None = Field(default=None, ge=1949, le=2100)  # 20xx年以来

    @model_validator(mode="after")
    def _one_window(self) -> FlagWindow:
        if sum((self.years is not None, self.ongoing, self.since_year is not None)) > 1:
            raise ValueError("years、ongoing、since_year 只能设定其中一项")
        return self


class Negative(Section):
    enabled: bool = False
    windows: list[FlagWindow] = []


class Village(Section):
    household_required: bool = False
    cultivation_years: list[int] | None = Field(default=None, min_length=2, max_length=2)  # T8: [1, 3]

    @field_validator("cultivation_years")
    @classmethod
    def _span(cls, v: list[int] | None) -> list[int] | None:
        if v is not None and not 0 <= v[0] <= v[1] <= 20:
            raise ValueError("应为 [最短年数, 最长年数]，如 [1, 3]，且最短不大于最长")
        return v


class Tiers(Section):
    """Four-tier scheme (R12): a term of N years from listing, assessed every year."""

    term_years: int | None = Field(default=None, ge=1, le=10)
    match: list[str] = Field(default=["梯队"], min_length=1)  # words of 后备类别/梯队 naming a tier
    low_grades: list[str] = ["基本称职", "不称职"]  # a yearly result that is 靠后 / 达不到要求
    final_failing: list[str] = ["不称职"]  # 总结考核不合格 (不合格 is the 不称职 step)
    veto_words: list[str] = Field(default=["一票否决"], min_length=1)

    @field_validator("low_grades", "final_failing")
    @classmethod
    def _grades(cls, v: list[str]) -> list[str]:
        return _grade_list(v) or []


class ShareTarget(Section):
    """A share or count of the pool that should reach a minimum (Q3–Q5)."""

    label: str
    group: Literal["women", "minority", "non_cpc", "women_minority_non_cpc", "postgraduate",
                   "bachelor_or_above", "ready"]
    level: str | None = None  # key of `levels`, or all
    min_share: Share | None = None
    min_count: int | None = Field(default=None, ge=0)


class AgeTarget(Section):
    """Part of the pool in an age band that should reach a minimum share or count."""

    label: str
    level: str | None = None
    age_min: int | None = Field(default=None, ge=0, le=100)  # inclusive, 周岁
    age_max: int | None = Field(default=None, ge=0, le=100)  # inclusive, 周岁
    min_share: Share | None = None
    min_count: int | None = Field(default=None, ge=0)


class Pool(Section):
    units_ratio: Decimal | None = Field(default=None, gt=0)  # Q4: reserves per unit (½)
    shares: list[ShareTarget] = []
    ages: list[AgeTarget] = []
    main_band_share: Share = Fraction(1, 2)  # "为主体": more than half


class Records(Section):
    talks_per_year: int | None = Field(default=None, ge=1)
    articles_per_year: int | None = Field(default=None, ge=1)
    inspections_per_year: int | None = Field(default=None, ge=1)


class Notice(Section):
    days: int | None = Field(default=None, ge=1, le=60)
    working_days: bool = False
    kind: Literal["notice", "list"] = "notice"
    subject: str = "后备干部"
    include_results: bool = False
    preamble: str | None = None
    list_preamble: str | None = None
    issuer: str | None = None
    report: str | None = None
    contacts: list[str] = []  # the issuing office's contact lines, e.g. "联系电话：0873-1234567"


class CalendarDays(Section):
    """Dates of the State Council's holiday arrangement (国务院办公厅关于某年部分节假日安排的通知)
    that the program's data does not have yet: rest days and the weekends worked instead (调休上班)."""

    holidays: list[dt.date] = []
    workdays: list[dt.date] = []


class RuleSwitches(Section):
    select: list[str] = []
    ignore: list[str] = []

    @field_validator("select", "ignore")
    @classmethod
    def _known_rules(cls, v: list[str]) -> list[str]:
        from cadre_cli.rules.registry import REGISTRY

        unknown = [r for r in v if r not in REGISTRY]
        if unknown:
            raise ValueError(f"中的规则编号“{'、'.join(unknown)}”不存在（运行 cadre rules 查看全部编号）")
        return v


from cadre_cli.policy.tally import Tally  # noqa: E402  (it builds on Section and Share above)


class Policy(Section):
    name: str
    title: str
    document: str
    source: str = ""
    description: str = ""
    extends: str | None = None
    levels: dict[str, Level] = {}
    age: AgeRule = AgeRule()
    score: Score = Score()
    assessment: Assessment = Assessment()
    poll: Poll = Poll()
    tally: Tally = Tally()
    management: Management = Management()
    secondment: Secondment = Secondment()
    rotation: Rotation = Rotation()
    mentoring: Mentoring = Mentoring()
    borrowed: Borrowed = Borrowed()
    education: EducationRule = EducationRule()
    experience: Experience = Experience()
    professional_title: TitleRule = TitleRule()
    negative: Negative = Negative()
    health: Health = Health()
    village: Village = Village()
    tiers: Tiers = Tiers()
    pool: Pool = Pool()
    records: Records = Records()
    notice: Notice = Notice()
    calendar: CalendarDays = CalendarDays()
    basis: dict[str, str] = {}
    rules: RuleSwitches = RuleSwitches()

    def cite(self, rule_id: str, fallback: str = "") -> str:
        """The clause a finding of `rule_id` rests on, under this policy."""
        clause = self.basis.get(rule_id)
        if clause is None:
            return fallback
        return clause if clause.startswith("《") else f"{self.document}{clause}"
