"""`cadre score`: written exam and defense results computed on the score sheets as they
are, ranked; the annotated workbook is written by `cadre_cli.emit.workbook`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cadre_cli.api.common import (
    as_path, as_policy, check_suffix, check_workbook_output, progress_of, target_of, unlocked,
)
from cadre_cli.api.progress import Progress

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy
    from cadre_cli.readers.load import Reading
    from cadre_cli.score.engine import ScoreRun


@dataclass
class ScoreReport:
    """A scoring done: every candidate's result (`run.results`), the problems found on
    them (`diagnostics`), where the workbook went and the notes to tell the user."""

    source: Path
    policy: Policy
    run: ScoreRun
    reading: Reading
    output: Path | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def results(self) -> list[Any]:
        return self.run.results

    @property
    def errors(self) -> list[Any]:
        return self.run.errors

    @property
    def warnings(self) -> list[Any]:
        return self.run.warnings

    @property
    def diagnostics(self) -> list[Any]:
        return [*self.run.errors, *self.run.warnings]

    @property
    def summary(self) -> dict[str, int]:
        from cadre_cli.score.model import Status

        run = self.run
        return {"candidates": len(run.results), "scored": run.count(Status.SCORED),
                "passed": sum(1 for r in run.results if r.passed), "failed_written": run.count(Status.FAILED_WRITTEN),
                "absent": run.count(Status.ABSENT), "rejected": run.count(Status.REJECTED)}


def score_file(
    path: str | Path,
    policy: str | Path | Policy | None = None,
    *,
    output: str | Path | bool | None = None,
    force: bool = False,
    keep_password: bool = True,
    password: str | None = None,
    progress: Progress | None = None,
) -> ScoreReport:
    """Score the sheets at `path` under `policy` (default county). `output`: an annotated
    workbook at that path, or beside the input for True; none by default."""
    from cadre_cli.readers.load import read_workbook
    from cadre_cli.score.engine import READ_KEYS, require_scheme, run_scoring
    from cadre_cli.writers.atomic import check_target
    from cadre_cli.writers.score_book import result_columns
    from cadre_cli.writers.workbook import check_room, output_suffix

    pol = as_policy(policy)
    require_scheme(pol)
    source = as_path(path)
    check_workbook_output(output, source, "（输入含宏，输出保留宏）")
    bar = progress_of(progress)
    with unlocked(password):
        bar.stage("读取成绩表", total=None)
        reading = read_workbook(source, READ_KEYS)  # by its bytes: the output's extension follows from them
        book, tables = reading.book, reading.tables
        suffix = output_suffix(book.kind)
        target = target_of(output, source, "成绩", suffix)
        if target is not None:
            check_suffix(target, suffix, "带标注的工作簿" + ("（输入含宏，输出保留宏）" if suffix == ".xlsm" else ""))
            check_room(tables, len(result_columns(pol)))
            check_target(target, (book.source,), force)
        bar.stage("计算成绩")
        run = run_scoring(source.name, tables, pol)
    report = ScoreReport(source, pol, run, reading, notes=[*book.notes, *run.notes])
    if target is not None:
        from cadre_cli.emit.workbook import write_score

        write_score(report, target, bar, keep_password=keep_password)
    return report
