"""民主推荐 and 民主测评 tallies by voter class (issue 16), exact, on the sheets offices fill.

    read (book.py: header.py, figures.py, summary.py, ballots.py) -> PollData (model.py)
    check (checks.py) -> compute (compute.py) -> PollResult (result.py), Diagnostics (finding.py)
    policy: the `[tally]` section (cadre_cli/policy/tally.py)

`tally_file(path, settings)` / `tally_book(book, settings)` in engine.py run all of it.
"""

from cadre_cli.policy.tally import Tally, VoterClass
from cadre_cli.poll.engine import TallyRun, tally_book, tally_file

__all__ = ["Tally", "TallyRun", "VoterClass", "tally_book", "tally_file"]
