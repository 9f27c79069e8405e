"""The application layer: each call runs one job and returns a plain report (a dataclass),
printing nothing. The command line is these calls plus emitters.

    from cadre_cli.api import check_lrmx
    report = check_lrmx(Path("任免表"), dt.date(2026, 12, 1))
    for finding in report.findings: print(finding.message)

Names are imported on first use, so `import cadre_cli` stays light.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_NAMES = {
    "poll_file": "poll", "PollReport": "poll",
    "check_lrmx": "lrmx", "LrmxCheckReport": "lrmx",
    "export_lrmx": "lrmx", "LrmxExportReport": "lrmx",
    "cross_check_lrmx": "lrmx", "LrmxCrossReport": "lrmx",
}

__all__ = sorted(_NAMES)


def __getattr__(name: str) -> Any:
    module = _NAMES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_NAMES})
