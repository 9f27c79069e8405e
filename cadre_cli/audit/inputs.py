"""What the checks need from outside the roster's rows, read before they run: leadership
post counts (from --posts/--units, else a 领导职数 sheet of the roster workbook) and the
results of a score workbook (--scores) matched to the roster's people. The checks get them
as data (`AuditContext.posts`, `AuditContext.scores`); no check opens a file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cadre_cli.audit.context import PostCounts, Scores
from cadre_cli.model.person import Roster
from cadre_cli.policy.schema import Policy
from cadre_cli.readers.raw import RawBook


@dataclass(frozen=True)
class AuditInputs:
    posts: PostCounts | None = None
    scores: Scores | None = None  # None: no score workbook given
    scores_file: str = ""

    def notes(self) -> list[str]:
        """What was read besides the roster, for the summary."""
        if self.scores is None:
            return []
        return [f"成绩表“{self.scores_file}”中与名册对应上的有{len(self.scores)}人（按身份证号、准考证号或唯一的姓名对应）。"]


def read_inputs(book: RawBook, roster: Roster, policy: Policy, *, posts: PostCounts | None = None,
                scores: Path | None = None) -> AuditInputs:
    """`posts`: counts given as options (parsed by `parse_posts_option`), else the workbook's sheet."""
    from cadre_cli.audit.posts import posts_from_book
    from cadre_cli.audit.scores import scores_for_roster

    return AuditInputs(posts or posts_from_book(book),
                       scores_for_roster(scores, policy, roster) if scores is not None else None,
                       scores.name if scores is not None else "")
