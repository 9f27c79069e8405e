"""The application layer: functions that run one job and return plain report objects
(dataclasses), printing nothing. The CLI commands are options -> one call -> emitters."""

from cadre_cli.api.poll import PollReport, poll_file

__all__ = ["PollReport", "poll_file"]
