"""What a mark on a ballot means: √ / ○ / 同意 for a recommendation, a grade for an
evaluation (优秀 … 不称职, 合格 …, 好 / 较好 / 一般 / 差). Marks are policy data
(`[tally] yes_marks`, `no_marks`, `abstain_marks`); each distinct value is read once."""

from __future__ import annotations

from cadre_cli.parse.grades import parse_grade
from cadre_cli.parse.problem import ValueProblem
from cadre_cli.parse.text import is_blank, nfkc
from cadre_cli.policy.tally import Tally

YES, NOT_CHOSEN, ABSTAIN, BAD = 1, 0, 2, -1  # recommendation codes
GRADE_ABSTAIN = 4  # evaluation: 0..3 are the grades in model.GRADES order
_ALT_GRADES = {"好": 0, "较好": 1, "一般": 2, "差": 3, "较差": 3}
_GRADE_INDEX = {"EXCELLENT": 0, "COMPETENT": 1, "BASIC": 2, "INCOMPETENT": 3}


def mark_text(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return "".join(nfkc(str(raw)).split())


class Marks:
    def __init__(self, settings: Tally) -> None:
        self._yes = {mark_text(m) for m in settings.yes_marks}
        self._no = {mark_text(m) for m in settings.no_marks}
        self._abstain = {mark_text(m) for m in settings.abstain_marks}
        self._recommend: dict[object, int] = {}
        self._grade: dict[object, int] = {}

    def recommend(self, raw: object) -> int:
        code = self._recommend.get(raw)
        if code is None:
            code = self._recommend[raw] = self._read_recommend(raw)
        return code

    def _read_recommend(self, raw: object) -> int:
        if is_blank(raw):
            return NOT_CHOSEN
        text = mark_text(raw)
        if text in self._yes:
            return YES
        if text in self._no:
            return NOT_CHOSEN
        if text in self._abstain:
            return ABSTAIN
        return BAD

    def grade(self, raw: object) -> int:
        code = self._grade.get(raw)
        if code is None:
            code = self._grade[raw] = self._read_grade(raw)
        return code

    def _read_grade(self, raw: object) -> int:
        if is_blank(raw):
            return GRADE_ABSTAIN
        text = mark_text(raw)
        if text in self._abstain:
            return GRADE_ABSTAIN
        if text in _ALT_GRADES:
            return _ALT_GRADES[text]
        try:
            grade = parse_grade(text)
        except ValueProblem:
            return BAD
        return GRADE_ABSTAIN if grade is None else _GRADE_INDEX[grade.name]

    def is_grade_word(self, raw: object) -> bool:
        """A mark only an evaluation ballot holds (a grade, not √ or blank)."""
        return not is_blank(raw) and mark_text(raw) not in self._abstain and self.grade(raw) in (0, 1, 2, 3)

    def yes(self, raw: object) -> bool:
        return self.recommend(raw) == YES
