"""Score a workbook's tables under a policy: candidates, results, ranks, problems."""

from __future__ import annotations

from dataclasses import dataclass, field

from cadre_cli.errors import CadreError, InputError
from cadre_cli.policy.schema import Policy
from cadre_cli.readers.table import Table
from cadre_cli.score.evaluate import Context, evaluate
from cadre_cli.score.model import Issue, Result, Status
from cadre_cli.score.rank import assign_ranks
from cadre_cli.score.schemes import SCHEMES, Scheme, scheme_of
from cadre_cli.score.sheets import collect, score_sheets, stages

READ_KEYS = ("name", "exam_number", "id_number")



def require_scheme(policy: Policy) -> Scheme:
    name = policy.score.scheme
    if name is None:
        raise CadreError(
            f"政策“{policy.name}”（{policy.title}）没有规定成绩计算方法，无法计分。"
            "请改用 --policy county（答辩测评）或 --policy enterprise（企业公开选拔），"
            "或在自己的政策文件 [score] 中设置 scheme（defense、enterprise 或 interview）。"
        )
    return SCHEMES[name]


@dataclass
class ScoreRun:
    path_name: str
    policy: Policy
    tables: list[Table]
    results: list[Result]
    notes: list[str] = field(default_factory=list)  # about the whole workbook, in Chinese

    @property
    def scheme(self) -> Scheme:
        return scheme_of(self.policy)

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
    run.notes.extend(scheme.run_notes(ctx))
    if any(len(r.candidate.records) > 1 for r in results):
        run.notes.append(f"已把{'、'.join(f'“{t.name}”' for t in used)}各表中同一人的成绩对应合并。")
    return run


def _require_columns(path_name: str, tables: list[Table], scheme: Scheme) -> None:
    present = set().union(*(stages(t) for t in tables))
    missing = [what for wanted, what in scheme.needs if not (wanted & present)]
    if missing:
        seen = "、".join(f"“{h}”" for t in tables for h in t.headers.values()) or "（没有找到表头）"
        raise InputError(f"“{path_name}”缺少{scheme.label}计分所需的列：{'；'.join(missing)}。看到的表头：{seen}。")
