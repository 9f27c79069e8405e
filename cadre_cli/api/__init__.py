"""The application layer: functions that run a job and return plain report objects
(dataclasses), no printing. The CLI commands are options -> one call here -> emitters."""

from cadre_cli.api.lrmx import (
    LrmxCheckReport,
    LrmxCrossReport,
    LrmxExportReport,
    check_lrmx,
    cross_check_lrmx,
    export_lrmx,
)

__all__ = ["LrmxCheckReport", "LrmxCrossReport", "LrmxExportReport", "check_lrmx", "cross_check_lrmx", "export_lrmx"]
