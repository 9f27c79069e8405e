"""Whether text says a person is not an active candidate: not on post, retired, on sick
leave, transferred out, deceased, or no longer a reserve (后备类别 已调整).

Two readings. In a status column (在岗情况, 人员状态, 档案状态 …) the status may be
anywhere in the value (`2024年退休`, `长期病休`). In free text (备注, 后备类别, a section
line, a sheet name) only a status written as one counts: at the start of the text or of a
clause, after a date (`已调出`, `原任村支书，2024年3月退休`), or as a whole bracket
(`局长（已去世）`), so that `配偶已退休` says nothing about the person. Either way a negated or intended status
(`未退休`, `拟调出`, `即将退休`) is not one.
"""

from __future__ import annotations

import re

from cadre_cli.parse.text import squash

# kind -> words that say it; the longest word found wins (已调整 before 调整出 before 调出)
INACTIVE_WORDS: dict[str, tuple[str, ...]] = {
    "不在岗": ("不在岗", "未在岗", "非在岗", "不在职", "未在职", "非在职", "不在册", "离岗", "待岗", "脱岗", "停职",
              "停薪留职", "长期请假", "长期外出", "离任"),
    "退休": ("退休", "离休", "离退休", "内退", "退养", "退职", "离职休养", "病退"),
    "病休": ("病休", "病假", "休病假", "长病假", "长期病假", "长期病休", "养病", "因病休养", "因病离岗"),
    "调出": ("调出", "调离", "调走", "调往", "已调", "外调", "转出", "转走", "迁出", "离职", "辞职", "辞退", "解聘",
             "解除聘用", "解除劳动", "开除", "除名", "自动离职", "出国定居"),
    "去世": ("去世", "逝世", "死亡", "病故", "已故", "身故", "亡故", "过世", "病逝", "牺牲"),
    "已调整": ("已调整", "调整出", "调出后备", "取消后备", "取消资格", "撤销资格", "已撤销", "退出后备", "已退出",
              "出库", "已出库", "撤销后备", "不再列为", "不再作为", "清退", "已剔除"),
    "出党": ("出党", "退党", "停止党籍", "开除党籍", "取消党籍"),
    "失联": ("失联", "失去联系", "下落不明"),
}
_WORDS = sorted(((w, kind) for kind, words in INACTIVE_WORDS.items() for w in words), key=lambda x: -len(x[0]))
_PATTERN = re.compile("|".join(re.escape(w) for w, _ in _WORDS))
_KIND = dict(_WORDS)
# Just before a status word: it is denied, planned or past (未退休, 拟调出, 即将退休, 曾病休).
_NOT_YET = ("未", "不", "非", "无", "没", "拟", "待", "将", "曾", "否", "申请", "准备", "计划", "预计", "可能",
            "是否", "即将", "暂不", "尚未")
# What may stand before a status word in free text: a date, 已/现/于, list marks.
_LEAD = re.compile(r"^(?:[\d一二三四五六七八九十〇零]+[年月日号.\-/、]?|[.\-/、,，:：;；()（）\s]|已经|已|现|于|经|均|并|本人|该同志)*$")
_CLAUSE = re.compile(r"[,，;；。]")
_BRACKET = re.compile(r"[(（\[【]([^()（）\[\]【】]*)[)）\]】]")
_YES = ("是", "√", "✓", "y", "yes", "Y", "有")
_NO = ("否", "×", "✗", "n", "no", "N", "无", "不是")
_ACTIVE_HEADER = ("在岗", "在职", "在册", "在编", "在库")


def _denied(text: str, start: int) -> bool:
    before = text[:start]
    return any(before.endswith(w) for w in _NOT_YET)


def _longest_at(text: str, m: re.Match[str]) -> str:
    """The longest status word starting inside a match: `已调出后备` is 调出后备 (已调整),
    not the leftmost 已调 (调出)."""
    word = m.group(0)
    for i in range(m.start() + 1, m.end()):
        longer = _PATTERN.match(text, i)
        if longer is not None and len(longer.group(0)) > len(word):
            word = longer.group(0)
    return word


def _first(text: str, lead_only: bool) -> str | None:
    for m in _PATTERN.finditer(text):
        word = _longest_at(text, m)
        if _denied(text, m.start()) and word[0] not in "不未非":
            continue
        if lead_only and not _LEAD.match(text[:m.start()]):
            continue
        return _KIND[word]
    return None


def status_kind(value: object, header: str = "") -> str | None:
    """The inactive kind a status column's value states, or None (active, or not said).

    A yes/no column takes its sense from the header: 是否在岗 “否” is 不在岗; 是否退休 “是”
    is 退休."""
    if value is None:
        return None
    text = squash(str(value))
    if not text:
        return None
    head = squash(header)
    if text in _YES or text in _NO:
        if text in _NO and any(w in head for w in _ACTIVE_HEADER):
            return "不在岗"
        if text in _YES and not any(w in head for w in _ACTIVE_HEADER):
            return _first(head.removeprefix("是否"), lead_only=False)
        return None
    return _first(text, lead_only=False)


def text_kind(value: object) -> str | None:
    """The inactive kind free text states as a status of its own (see the module note)."""
    if value is None:
        return None
    text = squash(str(value))
    if not text:
        return None
    for clause in _CLAUSE.split(text):
        found = _first(clause, lead_only=True)
        if found is not None:
            return found
    for m in _BRACKET.finditer(text):
        found = _first(m.group(1), lead_only=True)
        if found is not None:
            return found
    return None
