"""Findings about a 任免表 file, and the rules findings are made under.

A finding is the project's one `Diagnostic` (cadre_cli/diagnostic.py): its `where` holds the
file and the element, `raw` the element's text as the file holds it (surrounding whitespace
removed), `data` the numbers and dates the message states, for `--json`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cadre_cli.diagnostic import Diagnostic, Location, PersonKey
from cadre_cli.lrmx.fields import label, lrm_index
from cadre_cli.lrmx.record import Location as CardLocation
from cadre_cli.lrmx.record import LrmxRecord, RawCard
from cadre_cli.rules.registry import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO


@dataclass(frozen=True, slots=True)
class LrmxRule:
    id: str
    severity: Severity  # the usual one; a finding may be milder (a readable but odd value)
    title: str


RULES: dict[str, LrmxRule] = {r.id: r for r in (
    LrmxRule("lrmx-unreadable", E, "文件无法读取"),
    LrmxRule("lrmx-skipped", W, "压缩包或文件夹中有未读取的文件"),
    LrmxRule("lrmx-encoding", W, "文件不是 UTF-8 编码"),
    LrmxRule("lrmx-version", I, "文件版本"),
    LrmxRule("lrmx-structure", W, "栏目缺失、重复或无法识别"),
    LrmxRule("lrmx-required", E, "必填栏目为空"),
    LrmxRule("lrmx-length", E, "超过录入规范的最大长度"),
    LrmxRule("lrmx-line-break", W, "不允许换行的栏目中有换行"),
    LrmxRule("lrmx-code-table", E, "不是代码表中的值"),
    LrmxRule("lrmx-name", W, "姓名的写法不规范"),
    LrmxRule("lrmx-date-invalid", E, "日期无法识别"),
    LrmxRule("lrmx-date-format", W, "日期不是录入规范的格式"),
    LrmxRule("lrmx-party", E, "入党时间栏的写法不规范"),
    LrmxRule("lrmx-date-order", E, "出生、参加工作、入党、填表的时间先后不合理"),
    LrmxRule("lrmx-party-age", E, "入党时未满18周岁"),
    LrmxRule("lrmx-id-invalid", E, "身份证号无效"),
    LrmxRule("lrmx-id-format", W, "身份证号的写法不规范"),
    LrmxRule("lrmx-id-mismatch", E, "出生年月或性别与身份证号不符"),
    LrmxRule("lrmx-party-school", W, "党校学历填在了全日制教育栏"),
    LrmxRule("lrmx-resume-unread", E, "简历中有无法识别的行"),
    LrmxRule("lrmx-resume-format", W, "简历行不是录入规范的格式"),
    LrmxRule("lrmx-resume-gap", E, "简历前后不衔接（空断）"),
    LrmxRule("lrmx-resume-overlap", W, "简历前后重叠"),
    LrmxRule("lrmx-resume-order", E, "简历时间顺序颠倒"),
    LrmxRule("lrmx-resume-open", W, "简历中间一段没有结束时间"),
    LrmxRule("lrmx-resume-start", W, "简历的起点晚于参加工作时间"),
    LrmxRule("lrmx-assessment", W, "年度考核结果无法完整识别"),
    LrmxRule("lrmx-2025-fields", W, "缺少2025年新增栏目"),
    LrmxRule("lrmx-retirement", E, "到龄年月与渐进式延迟退休规定不符"),
    LrmxRule("lrmx-photo", W, "照片缺失或有问题"),
    LrmxRule("lrmx-family", W, "家庭成员信息不完整"),
    LrmxRule("lrmx-duplicate-person", W, "同一人有两份任免表"),
    LrmxRule("lrmx-cross-mismatch", E, "名册与任免表不一致"),
    LrmxRule("lrmx-cross-blank", W, "名册与任免表一方有、一方空"),
    LrmxRule("lrmx-cross-post", W, "名册与任免表的现任职务写法不同"),
    LrmxRule("lrmx-cross-no-file", W, "名册中的人没有任免表"),
    LrmxRule("lrmx-cross-no-row", W, "任免表中的人不在名册中"),
    LrmxRule("lrmx-cross-ambiguous", W, "任免表对应名册中的不止一人"),
)}


def lrmx_diagnostic(rule: str, file: str, element: str, message: str, basis: str, *,
                    severity: Severity | None = None, value: str | None = None, name: str | None = None,
                    unit: str | None = None, **data: Any) -> Diagnostic:
    """A finding about a 任免表 file as the project's one `Diagnostic`: the place is the file and
    the element (`where.file`, `where.element`, `where.field` the element's Chinese name), the
    person is keyed by the file."""
    where = Location(field=label(element) if element else None, file=file, element=element or None)
    return Diagnostic(rule, severity or RULES[rule].severity, message, basis, where, value, dict(data),
                      PersonKey("", 0, file), name, unit)


def place(diagnostic: Diagnostic) -> str:
    """Where a 任免表 finding points, as the terminal says it: `张三.lrmx 的 <MinZu>（民族）`, or
    `李四.lrm 第4项（民族）` for a legacy file; the file alone for the whole file."""
    w = diagnostic.where
    if not w.file:
        return ""
    if not w.element:
        return w.file
    index = lrm_index(w.element) if w.file.lower().endswith(".lrm") else None
    return str(CardLocation(w.file, w.element, index))


def finding_json(diagnostic: Diagnostic) -> dict[str, Any]:
    """`Diagnostic.as_json()` plus the place as the terminal says it."""
    return {**diagnostic.as_json(), "place": place(diagnostic) or None}


class Sink:
    """Collects the findings about one record; `add` fills in the place and the raw value."""

    def __init__(self, record: LrmxRecord) -> None:
        self.record = record
        self.found: list[Diagnostic] = []

    def add(self, rule: str, element: str, message: str, basis: str, *, severity: Severity | None = None,
            value: str | None = None, **data: Any) -> None:
        card = self.record.card
        if value is None and element:
            value = _element_text(card, element)
        self.found.append(lrmx_diagnostic(rule, card.file, element, message, basis, severity=severity, value=value,
                                          name=self.record.name, unit=card.group or None, **data))


def _element_text(card: RawCard, element: str) -> str | None:
    m = re.fullmatch(r"JiaTingChengYuan/Item\[(\d+)\]/(\w+)", element)
    if m:
        item = card.family[int(m.group(1)) - 1]
        text = item.get(m.group(2))
    else:
        text = card.elements.get(element)
    return text.strip() if text is not None else None
