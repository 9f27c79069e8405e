"""Enterprise scheme (seed 002 (4)): 笔试 + 演讲答辩 + 组织考察 (公司领导班子, 中层干部,
职工代表), ranked by the total; no pass mark."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cadre_cli.parse.numbers import ABSENT
from cadre_cli.policy.schema import Policy
from cadre_cli.score.cells import CellReader, plain
from cadre_cli.score.compute import agrees, exact_sum, shown, weighted
from cadre_cli.score.evaluate import Context, absent, compare_given, judged, judges, rejected, where
from cadre_cli.score.model import Candidate, Result, Status
from cadre_cli.score.schemes.base import Scheme, Shown

ORG_PARTS = ("leadership", "middle", "staff")
ORG_LABELS = {"leadership": "公司领导班子", "middle": "中层干部", "staff": "职工代表"}


class Enterprise(Scheme):
    name = "enterprise"
    label = "企业公开选拔"
    title = "公开选拔"
    rule = "score-enterprise"
    final = "总成绩"
    rounded = "演讲答辩"
    needs = ((frozenset({"written"}), "笔试"), (frozenset({"speech", "panel"}), "演讲答辩（或评委评分）"),
             (frozenset({"org"}), "组织考察（公司领导班子、中层干部、职工代表）"))
    written_label = "笔试"
    written_always = True

    def evaluate(self, c: Candidate, ctx: Context) -> Result:
        return _enterprise(c, ctx)

    def formula(self, policy: Policy) -> list[str]:
        e = policy.score.enterprise
        trim = "，去掉一个最高分和一个最低分后" if policy.score.trim_panel else ""
        return [
            f"总成绩 = 笔试（满分{plain(e.written_max)}分）+ 演讲答辩（满分{plain(e.speech_max)}分）+ 组织考察（满分{plain(e.org_max)}分，"
            f"其中公司领导班子{plain(e.leadership_max)}分、中层干部{plain(e.middle_max)}分、职工代表{plain(e.staff_max)}分）。",
            f"演讲答辩有评委评分的取各评委评分{trim}的平均分；组织考察填了三项评分的取三项之和。",
            "缺考或成绩空白不计零分，不计算总成绩。",
        ]

    def sheet_columns(self, policy: Policy) -> list[Shown]:
        return [Shown("演讲答辩得分", "speech", 10), Shown("组织考察得分", "org", 10), Shown("总成绩", "total")]

    def summary_columns(self, policy: Policy) -> list[Shown]:
        return [Shown("演讲答辩", "speech"), Shown("组织考察", "org"), Shown("总成绩", "total")]

    def counts_passed(self, policy: Policy) -> bool:
        return False

    def blank_columns(self, policy: Policy) -> list:
        from cadre_cli.writers.template import Column

        e = policy.score.enterprise
        org = [(f"公司领导班子（{e.leadership_max}分）", e.leadership_max), (f"中层干部（{e.middle_max}分）", e.middle_max),
               (f"职工代表（{e.staff_max}分）", e.staff_max)]
        return [
            Column(f"笔试（{e.written_max}分）", kind="score", maximum=int(e.written_max), width=10),
            Column(f"演讲答辩（{e.speech_max}分）", kind="score", maximum=int(e.speech_max), width=12),
            *[Column(header, group="组织考察", kind="score", maximum=int(top), width=12) for header, top in org],
        ]


def _enterprise(c: Candidate, ctx: Context) -> Result:
    s = ctx.policy.score
    e = s.enterprise
    read = CellReader(c)
    res = Result(c, Status.SCORED)
    written = read.score("written", e.written_max)
    speech_given = read.score("speech", e.speech_max)
    marks = {f: read.score(f, e.speech_max) for f in judges(c)}
    maxima = {"leadership": e.leadership_max, "middle": e.middle_max, "staff": e.staff_max}
    parts = {k: read.score(f"org:{k}", maxima[k]) for k in ORG_PARTS if f"org:{k}" in ctx.fields}
    org_given = read.score("org_total", e.org_max)
    total_given = read.result("total")
    if c.errors:
        return rejected(res)
    if any(v is ABSENT for v in (written, speech_given, *marks.values(), *parts.values(), org_given, total_given)):
        return absent(res, "缺考（不计零分），无总成绩")
    speech = _speech(c, ctx, [m for m in marks.values() if m is not None], speech_given)
    org = _org(c, e.org_max, parts, org_given)
    if c.errors:
        return rejected(res)
    blank = [label for label, v in (("笔试", written), ("演讲答辩", speech), ("组织考察", org)) if v is None]
    if blank:
        return absent(res, f"{'、'.join(blank)}成绩空白，按缺考处理（不计零分），无总成绩")
    stages = weighted([written, speech, org], [Fraction(1)] * 3, s.round_stages)
    res.written, res.speech, res.org, res.total = shown(written), shown(speech), shown(org), shown(stages.final)
    if isinstance(total_given, Decimal) and not agrees(total_given, stages.final):
        c.notes.append(f"表中原填总成绩{plain(total_given)}与计算结果{res.total}不一致，以计算结果为准")
    return res


def _speech(c: Candidate, ctx: Context, marks: list[Decimal], given: Decimal | None) -> Fraction | None:
    if not marks:
        return None if given is None else Fraction(given)
    value = judged(c, ctx, marks)
    if value is not None:
        compare_given(c, given, value, "演讲答辩成绩", "评委评分")
    return value


def _org(c: Candidate, org_max: Decimal, parts: dict[str, Decimal | None], given: Decimal | None) -> Fraction | None:
    filled = {k: v for k, v in parts.items() if v is not None}
    if not filled:
        return None if given is None else Fraction(given)
    if len(filled) < len(parts):
        missing = "、".join(ORG_LABELS[k] for k in parts if k not in filled)
        c.error("score-invalid", None, f"{where(c)}组织考察缺少{missing}的评分，无法计算组织考察得分，该行不计算结果。")
        return None
    value = exact_sum(list(filled.values()))
    if value > Fraction(org_max):
        c.error("score-invalid", None,
                f"{where(c)}组织考察各项之和{shown(value)}分超过满分{plain(org_max)}分，该行不计算结果。")
        return None
    if given is not None and value != Fraction(given):
        c.notes.append(f"表中所填组织考察得分与各项之和{shown(value)}不一致，以各项之和为准")
    return value
