"""Score a workbook's tables under a policy: candidates, results, ranks, problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre_cli.errors import CadreError, InputError
from cadre_cli.policy.schema import Policy
from cadre_cli.readers.table import Table
from cadre_cli.score.evaluate import Context, evaluate
from cadre_cli.score.model import Issue, Result, Status
from cadre_cli.score.rank import assign_ranks
from cadre_cli.score.sheets import collect, score_sheets, stages

READ_KEYS = ("name", "exam_number", "id_number")

# What each scheme needs somewhere in the workbook: (stages, one of which must be present, what to say)
NEEDS = {
    "defense": [({"panel", "defense"}, "评委1…评委N（考评组评分）或考评分"),
                ({"poll", "defense"}, "优秀、称职、基本称职、不称职票数与测评人数，或测评分")],
    "enterprise": [({"written"}, "笔试"), ({"speech", "panel"}, "演讲答辩（或评委评分）"),
                   ({"org"}, "组织考察（公司领导班子、中层干部、职工代表）")],
}


def require_scheme(policy: Policy) -> str:
    scheme = policy.score.scheme
    if scheme is None:
        raise CadreError(
            f"政策“{policy.name}”（{policy.title}）没有规定成绩计算方法，无法计分。"
            "请改用 --policy county（答辩测评）或 --policy enterprise（企业公开选拔），"
            "或在自己的政策文件 [score] 中设置 scheme。"
        )
    return scheme


@dataclass
class ScoreRun:
    path_name: str
    policy: Policy
    tables: list[Table]
    results: list[Result]
    notes: list[str] = field(default_factory=list)  # about the whole workbook, in Chinese

    @property
    def errors(self) -> list[Issue]:
        return [i for r in self.results for i in r.candidate.errors]

    @property
    def warnings(self) -> list[Issue]:
        return [i for r in self.results for i in r.candidate.warnings]

    @property
    def rejected(self) -> list[Result]:
        return [r for r in self.results if r.status is Status.REJECTED]

    def count(self, status: Status) -> int:
        return sum(1 for r in self.results if r.status is status)


def run_scoring(path_name: str, tables: list[Table], policy: Policy) -> ScoreRun:
    scheme = require_scheme(policy)
    used = score_sheets(path_name, tables)
    _require_columns(path_name, used, scheme)
    fields = frozenset(f for t in used for f in t.columns)
    ctx = Context(policy, fields)
    results = [evaluate(c, ctx) for c in collect(path_name, used)]
    if not results:
        raise InputError(f"“{path_name}”的成绩表{'、'.join(f'“{t.name}”' for t in used)}中没有任何考生的数据行。")
    assign_ranks(results, policy.score.tie_break)
    run = ScoreRun(path_name, policy, used, results)
    if scheme == "defense" and not ctx.has_written:
        run.notes.append("表中没有笔试成绩列，未检查笔试是否合格，所有人按已通过笔试计算答辩测评分。")
    if any(len(r.candidate.records) > 1 for r in results):
        run.notes.append(f"已把{'、'.join(f'“{t.name}”' for t in used)}各表中同一人的成绩对应合并。")
    return run


def _require_columns(path_name: str, tables: list[Table], scheme: str) -> None:
    present = set().union(*(stages(t) for t in tables))
    missing = [what for wanted, what in NEEDS[scheme] if not (wanted & present)]
    if missing:
        seen = "、".join(f"“{h}”" for t in tables for h in t.headers.values()) or "（没有找到表头）"
        label = "答辩测评" if scheme == "defense" else "企业公开选拔"
        raise InputError(f"“{path_name}”缺少{label}计分所需的列：{'；'.join(missing)}。看到的表头：{seen}。")
