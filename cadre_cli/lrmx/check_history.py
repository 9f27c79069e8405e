"""Checks of what the record tells over time: the 简历 lines, the 年度考核结果, and the
到龄年月 under the 2025 retirement rule."""

from __future__ import annotations

from collections.abc import Mapping

from cadre_cli.lrmx.codes import ruler_text
from cadre_cli.lrmx.finding import Sink
from cadre_cli.lrmx.retirement import (
    BASIS,
    DelayRule,
    Retirement,
    default_limit,
    retirement,
    rule_for_limit,
)
from cadre_cli.lrmx.values import ALREADY_OF_AGE
from cadre_cli.parse.dates import PDate
from cadre_cli.rules.registry import Severity

E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO
_JOIN = ("衔接",)


def _ym(d: PDate) -> str:
    return f"{d.year}.{d.month:02d}"


def check_resume(sink: Sink, tolerance: int = 1) -> None:
    resume = sink.record.get("resume")
    if resume is None:
        return
    for line in resume.unread:
        sink.add("lrmx-resume-unread", "JianLi", f"简历第{line.line}行“{line.text}”无法识别：{line.reason}",
                 ruler_text("JL", "时间段格式"), value=line.text, line=line.line)
    odd = [e for e in resume.entries if not e.standard]
    if odd:
        shown = "、".join(str(e.line) for e in odd[:10]) + ("等" if len(odd) > 10 else "")
        sink.add("lrmx-resume-format", "JianLi",
                 f"简历第{shown}行的时间段不是“1991.01--2000.01”加两个空格的格式（已按实际写法读取）",
                 ruler_text("JL", "时间段格式"), value=odd[0].raw, lines=[e.line for e in odd])
    for entry in resume.reversed_ranges:
        sink.add("lrmx-resume-order", "JianLi", f"简历第{entry.line}行的结束时间{_ym(entry.end)}早于开始时间{_ym(entry.start)}",
                 ruler_text("JL", "起止时间"), value=entry.raw, line=entry.line)
    for brk in resume.breaks(tolerance):
        a, b = brk.before, brk.after
        lines = {"value": f"{a.raw}\n{b.raw}", "line_before": a.line, "line_after": b.line}
        if brk.kind == "gap":
            sink.add("lrmx-resume-gap", "JianLi",
                     f"简历第{a.line}行止于{_ym(a.end)}，第{b.line}行始于{_ym(b.start)}，中间空了{brk.months}个月",
                     ruler_text("JL", *_JOIN), months=brk.months, **lines)
        elif brk.kind == "overlap":
            sink.add("lrmx-resume-overlap", "JianLi",
                     f"简历第{a.line}行止于{_ym(a.end)}，第{b.line}行却始于{_ym(b.start)}，前后重叠{brk.months}个月",
                     ruler_text("JL", *_JOIN), months=brk.months, **lines)
        elif brk.kind == "backwards":
            sink.add("lrmx-resume-order", "JianLi", f"简历第{b.line}行始于{_ym(b.start)}，早于上一段（第{a.line}行）的开始时间{_ym(a.start)}",
                     ruler_text("JL", *_JOIN), **lines)
        else:
            sink.add("lrmx-resume-open", "JianLi", f"简历第{a.line}行没有结束时间，但其后还有第{b.line}行",
                     ruler_text("JL", "最近一段简历"), **lines)
    work = sink.record.get("work_start")
    if resume.entries and work is not None and resume.entries[0].start.first_day() > work.first_day():
        first = resume.entries[0]
        sink.add("lrmx-resume-start", "JianLi", f"简历从{_ym(first.start)}开始，晚于参加工作时间{_ym(work)}",
                 ruler_text("JL", "从参加工作时填起"), value=first.raw, start=first.start, work_start=work)


def check_assessment(sink: Sink) -> None:
    found = sink.record.get("assessment")
    text = sink.record.card.text("NianDuKaoHeJieGuo")
    if found is None or not text:
        return
    basis = ruler_text("NDKHJG")
    for year in found.conflicts:
        sink.add("lrmx-assessment", "NianDuKaoHeJieGuo", f"{year}年度写了两个不同的考核等次", basis, severity=E, year=year)
    for part in found.unread:
        sink.add("lrmx-assessment", "NianDuKaoHeJieGuo", f"年度考核结果中{part}", basis, severity=W)
    if found.inferred_from is not None and found.grades:
        years = sorted(found.grades)
        sink.add("lrmx-assessment", "NianDuKaoHeJieGuo",
                 f"“{found.relative}”没有写明年份，按填表时间（{found.inferred_from}年）推定为{years[0]}—{years[-1]}年度",
                 basis, severity=I, years=years)
    if len(found.grades) == 1 and not found.unread and not found.conflicts:
        (year,) = found.grades
        sink.add("lrmx-assessment", "NianDuKaoHeJieGuo", f"只写了{year}年度的考核结果；录入规范要求填写近两年的情况",
                 basis, severity=I, years=[year])


def _expected(birth: PDate | None, gender: str | None, limit: int | None,
              extra: Mapping[int, DelayRule | None] | None) -> tuple[list[tuple[DelayRule, Retirement]], str | None]:
    """The retirement months the file may state, and why none can be computed (or None)."""
    if birth is None or limit == ALREADY_OF_AGE:
        return [], None
    if limit is None:  # not stated: the usual original age for the gender (women cadres 55 or 60)
        usual = default_limit(gender)
        ages = () if usual is None else (usual,) if usual == 60 else (55, 60)
        rules = [rule_for_limit(a) for a in ages]
        return [(r, retirement(birth, r)) for r in rules if r is not None], None
    rule = rule_for_limit(limit, extra)
    if rule is None:
        return [], f"改革前任职年龄界限为{limit}岁；该界限适用的延迟办法未在政策中设定，到龄年月未核对"
    return [(rule, retirement(birth, rule))], None


def check_retirement(sink: Sink, extra: Mapping[int, DelayRule | None] | None = None) -> None:
    """到龄年月 against the 2025 rule, for the limit the file states (else the usual one for
    the gender: men 60, women 55 or 60). 63/65/66 need `extra`: never guessed."""
    record = sink.record
    if record.card.format != "lrmx":
        return
    birth, limit, stated = record.get("birth"), record.get("pre_reform_limit"), record.get("retire_month")
    expected, unknown = _expected(birth, record.get("gender"), limit, extra)
    shown = "或".join(f"{_ym(r.month)}（{rule.label}）" for rule, r in expected)
    data = {"expected": [r.yyyymm for _, r in expected], "limit": limit}
    if unknown:
        sink.add("lrmx-retirement", "DaoLingNianYue", unknown, BASIS, severity=I, **data)
    if stated is None:
        if record.card.has("DaoLingNianYue"):
            hint = f"，按出生年月{_ym(birth)}应为{shown}" if expected and birth else ""
            sink.add("lrmx-2025-fields", "DaoLingNianYue", f"2025年新增的“到龄年月”为空{hint}", BASIS, **data)
        return
    if expected and all((stated.year, stated.month) != (r.month.year, r.month.month) for _, r in expected):
        note = "" if limit is not None else "（未写改革前任职年龄界限，按性别的通常年龄推算）"
        sink.add("lrmx-retirement", "DaoLingNianYue", f"到龄年月{_ym(stated)}与规定不符：出生年月{_ym(birth)}，应为{shown}{note}",
                 BASIS, severity=E if limit is not None else W, stated=stated, **data)
