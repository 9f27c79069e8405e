"""The `[tally]` section of a policy (`Policy.tally`): how 民主推荐 and 民主测评 votes are counted.

Named `tally` because `[poll]` already holds the thresholds `cadre audit` applies to a
person's evaluation votes (R9 `weak_share_max`, R10 `unfit_share_max`); a tally reads
those same two keys, so they are not repeated here.

    [tally]
    denominator = "present"        # 实到人数；"valid" 有效票；"present_minus_invalid" 实到−无效
    require_majority = true        # 得票过半（超过半数，恰好一半不算）
    top = 5                        # 前5名入围（并列者一并入围）
    max_choices = 3                # 每张票最多推荐3人，多推的票作废
    places = 2                     # 得票率保留两位小数（百分数），四舍五入

    [[tally.classes]]
    label = "领导班子成员"
    words = ["领导班子成员", "班子成员", "领导班子"]
    weight = 0.4
"""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

from pydantic import Field, field_validator, model_validator

from cadre_cli.policy.schema import Section, Share

Denominator = Literal["present", "valid", "present_minus_invalid"]
DENOMINATOR_LABELS: dict[str, str] = {
    "present": "实到人数",
    "valid": "有效票数",
    "present_minus_invalid": "实到人数减无效票数",
}


class VoterClass(Section):
    """One class of voters (S8: 班子成员、中层干部、普通党员、群众投票情况应分别统计).

    A header, sheet name or ballot cell belongs to the class whose word it contains
    (the longest word of all classes wins: 中层干部 before 干部)."""

    label: str = Field(min_length=1)
    key: str | None = None  # a stable id for --json; the label when not given
    words: list[str] = []  # header words; the label itself always counts
    weight: Share | None = None
    min_voters: int | None = Field(default=None, ge=1)

    @property
    def id(self) -> str:
        return self.key or self.label

    @property
    def all_words(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys([self.label, *self.words]))


def _default_classes() -> list[VoterClass]:
    return [
        VoterClass(key="leadership", label="领导班子成员",
                   words=["领导班子成员", "班子成员", "领导班子", "领导干部", "党政领导", "班子"]),
        VoterClass(key="middle", label="中层干部",
                   words=["中层干部", "中层正职", "中层副职", "中层", "部门负责人", "科室负责人", "内设机构负责人"]),
        VoterClass(key="members", label="普通党员群众",
                   words=["普通党员群众", "党员群众", "普通党员", "群众", "普通干部", "一般干部", "干部职工",
                          "普通职工", "职工群众", "教职工", "其他人员"]),
        VoterClass(key="clients", label="服务对象", words=["服务对象", "管理服务对象", "服务群众"]),
    ]


DEFAULT_YES = ["√", "✓", "✔", "☑", "○", "〇", "◯", "O", "o", "●", "同意", "赞成", "推荐", "是", "1", "Y", "y"]
DEFAULT_NO = ["×", "✗", "✘", "X", "x", "不同意", "反对", "不推荐", "否", "0", "N", "n", "-", "/"]
DEFAULT_ABSTAIN = ["弃权"]


class Tally(Section):
    classes: list[VoterClass] = Field(default_factory=_default_classes)
    denominator: Denominator = "present"
    renormalise: bool = True  # a class that cast no votes: its weight goes to the classes present
    require_majority: bool = False  # 入围 needs 得票过半 (more than half; exactly half is not)
    min_share: Share | None = None  # 入围 needs at least this share (“达到…以上”: the share itself counts)
    top: int | None = Field(default=None, ge=1)  # 入围: rank within the first `top` (ties all in)
    max_choices: int | None = Field(default=None, ge=1)  # 差额: a ballot naming more is invalid
    min_voters: int | None = Field(default=None, ge=1)  # per class, unless the class sets its own
    min_total_voters: int | None = Field(default=None, ge=1)
    places: int = Field(default=2, ge=0, le=6)  # overall and weighted shares, as percentages
    class_places: int | None = Field(default=None, ge=0, le=6)  # per-class shares; `places` when absent
    score_places: int = Field(default=2, ge=0, le=6)  # 测评分
    yes_marks: list[str] = Field(default_factory=lambda: list(DEFAULT_YES), min_length=1)
    no_marks: list[str] = Field(default_factory=lambda: list(DEFAULT_NO))
    abstain_marks: list[str] = Field(default_factory=lambda: list(DEFAULT_ABSTAIN))

    @field_validator("classes")
    @classmethod
    def _classes(cls, classes: list[VoterClass]) -> list[VoterClass]:
        seen: dict[str, str] = {}
        ids: set[str] = set()
        for c in classes:
            if c.id in ids:
                raise ValueError(f"类别“{c.id}”重复")
            ids.add(c.id)
            for word in c.all_words:
                if word in seen and seen[word] != c.id:
                    raise ValueError(f"词语“{word}”同时属于类别“{seen[word]}”和“{c.id}”，无法区分")
                seen[word] = c.id
        weighted = [c for c in classes if c.weight is not None]
        if weighted and len(weighted) != len(classes):
            missing = "、".join(c.label for c in classes if c.weight is None)
            raise ValueError(f"部分类别设了权重（weight），{missing}没有设；要么都设，要么都不设")
        if weighted:
            total = sum((c.weight for c in weighted), Fraction(0))
            if total != 1:
                raise ValueError(f"各类别权重之和应为1（即100%），现为{_shown(total)}")
        return classes

    @model_validator(mode="after")
    def _marks(self) -> Tally:
        groups = {"yes_marks": self.yes_marks, "no_marks": self.no_marks, "abstain_marks": self.abstain_marks}
        seen: dict[str, str] = {}
        for name, marks in groups.items():
            for mark in marks:
                if mark in seen and seen[mark] != name:
                    raise ValueError(f"标记“{mark}”同时出现在 {seen[mark]} 和 {name} 中")
                seen[mark] = name
        return self

    @property
    def weighted(self) -> bool:
        return any(c.weight is not None for c in self.classes)

    @property
    def share_places(self) -> int:
        return self.places if self.class_places is None else self.class_places

    def min_for(self, cls: VoterClass) -> int | None:
        return cls.min_voters if cls.min_voters is not None else self.min_voters


def _shown(value: Fraction) -> str:
    from cadre_cli.parse.numbers import percent

    return percent(value, 2)
