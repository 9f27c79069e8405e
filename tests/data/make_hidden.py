"""Make hidden_roster.xls and hidden_roster.ods, committed beside this script: the
workbook of tests/test_hidden.py (a row hidden by hand, one in a collapsed outline group,
one filtered out, a hidden column, a hidden and a very hidden sheet), converted with
LibreOffice, which keeps every kind of hidden in both formats.

    python -m tests.data.make_hidden     # needs `soffice` (libreoffice-calc)
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.test_hidden import hidden_book

HERE = Path(__file__).parent


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source = hidden_book(Path(tmp) / "hidden_roster.xlsx")
        for fmt in ("xls", "ods"):
            subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", tmp, str(source)],
                           check=True, capture_output=True, timeout=300)
            shutil.copy(Path(tmp) / f"hidden_roster.{fmt}", HERE / f"hidden_roster.{fmt}")


if __name__ == "__main__":
    main()
