"""What scoring works on and produces: candidates with the cells they came from,
problems found on them, and their results."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from cadre_cli.diagnostic import Diagnostic, Location, PersonKey, Severity
from cadre_cli.parse.text import cell_text, is_blank, squash
from cadre_cli.readers.cells import CellRef
from cadre_cli.readers.table import Cell, Record

KEY_FIELDS = ("id_number", "exam_number", "name")


# A problem found on a candidate: an error (the row gets no result) or a warning (the
# result stands), in the one Diagnostic shape; its message names the sheet and cell.
Issue = Diagnostic


def key_value(field_name: str, raw: object) -> str | None:
    """A join key as compared: no spaces, half-width, upper case; exam numbers without
    leading zeros when they are all digits (`001` typed as text and 1 as a number)."""
    if is_blank(raw):
        return None
    text = squash(cell_text(raw)).upper()
    if field_name == "exam_number" and text.isdigit():
        text = text.lstrip("0") or "0"
    return text or None


@dataclass
class Candidate:
    """One person across the rows (one per stage sheet) that belong to them."""

    index: int  # order of first appearance
    records: list[Record]
    cells: dict[str, Cell] = field(default_factory=dict)
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def text(self, name: str) -> str | None:
        cell = self.cells.get(name)
        return None if cell is None or is_blank(cell.value) else cell_text(cell.value)

    @property
    def name(self) -> str | None:
        return self.text("name")

    @property
    def exam_number(self) -> str | None:
        return self.text("exam_number")

    @property
    def unit(self) -> str | None:
        return self.text("unit")

    @property
    def first(self) -> Record:
        return self.records[0]

    def row_ref(self) -> CellRef:
        return CellRef(self.first.sheet, self.first.row, 1)

    def error(self, rule: str, ref: CellRef | None, message: str) -> None:
        self.errors.append(self._issue(rule, "error", ref, message))

    def warn(self, rule: str, ref: CellRef | None, message: str) -> None:
        self.warnings.append(self._issue(rule, "warning", ref, message))

    def _issue(self, rule: str, severity: str, ref: CellRef | None, message: str) -> Diagnostic:
        first = self.first
        where = Location(first.sheet, first.row) if ref is None else Location.of(ref)
        return Diagnostic(rule, Severity(severity), message, where=where, person=PersonKey(first.sheet, first.row),
                          name=self.name)


class Status(str, enum.Enum):
    SCORED = "scored"  # a final score was computed
    FAILED_WRITTEN = "failed_written"  # below the written pass mark: no defense (S2)
    ABSENT = "absent"  # 缺考 or blank where the scheme needs a score: not zero
    REJECTED = "rejected"  # a cell error: no result

    @property
    def label(self) -> str:
        return {"scored": "已计算", "failed_written": "笔试不合格", "absent": "缺考", "rejected": "数据有误"}[self.value]


@dataclass
class Result:
    """A candidate's shown values, each rounded half-up to two decimals."""

    candidate: Candidate
    status: Status
    written: Decimal | None = None
    written_passed: bool | None = None
    panel: Decimal | None = None  # 考评分
    poll: Decimal | None = None  # 测评分
    defense: Decimal | None = None  # 答辩测评分 (county scheme)
    speech: Decimal | None = None  # 演讲答辩 (enterprise scheme)
    org: Decimal | None = None  # 组织考察 (enterprise scheme)
    interview: Decimal | None = None  # 面试成绩 (interview scheme)
    total: Decimal | None = None  # 总成绩 (enterprise), 综合成绩 (interview)
    passed: bool | None = None
    rank: int | None = None

    @property
    def outcome(self) -> tuple[bool, str]:
        """Whether the candidate passes, and in Chinese why (never unknown): 缺考 and a
        row with a data error do not pass; a scheme with no pass mark ranks everyone
        who has a score."""
        if self.status is Status.ABSENT:
            return False, "不合格（缺考）"
        if self.status is Status.REJECTED:
            return False, "不合格（数据有误，未计算成绩）"
        if self.status is Status.FAILED_WRITTEN:
            return False, "不合格（笔试未达到合格分数线）"
        if self.passed is None:
            return True, "已计算成绩（本方案不设合格分数线，按成绩排名）"
        return (True, "合格") if self.passed else (False, "不合格（未达到合格分数线）")

    @property
    def verdict(self) -> str | None:
        """是否合格 as printed: 合格, 不合格, 不合格（缺考）, 数据有误; empty where the scheme
        has no pass mark."""
        if self.status is Status.REJECTED:
            return "数据有误"
        if self.status is Status.ABSENT:
            return "不合格（缺考）"
        if self.passed is None:
            return None
        return "合格" if self.passed else "不合格"

    @property
    def final(self) -> Decimal | None:
        """The score ranked on: 答辩测评分, or 总成绩 / 综合成绩."""
        return self.total if self.total is not None else self.defense

    @property
    def notes(self) -> list[str]:
        return self.candidate.notes


def explanation(result: Result) -> str:
    """The 说明 of a result: its problems and notes, in one line."""
    c = result.candidate
    parts = [i.message.rstrip("。") for i in c.errors + c.warnings] + c.notes
    return "；".join(parts)


def failing(result: Result) -> bool:
    """Shown as failed (red): scored or refused and not passed; 缺考 is marked amber, not red."""
    return result.status is not Status.ABSENT and result.passed is False
