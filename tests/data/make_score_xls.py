"""Make the small .xls score sheet committed beside this script.

Nothing in our dependencies writes .xls, so an .xlsx built with openpyxl (title,
two-row merged header with 考评组评分 over 评委1…5 and 民主测评票数 over the grades,
one 缺考, footer) is converted with LibreOffice and committed:

    python -m tests.data.make_score_xls     # needs `soffice` (libreoffice-calc)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.score_sheets import row, sheet

HERE = Path(__file__).parent

ROWS = [
    row("张三", "2025001", 86, marks=(80, 85, 90, 75, 88), votes=(10, 5, 2, 1), voters=18),
    row("李四", "2025002", "缺考"),
    row("王五", "2025003", 72, marks=(85, 85, 85, 85, 85), votes=(0, 18, 0, 0), voters=18),
]


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = sheet(Path(tmp) / "score_sheet.xlsx", ROWS)
        subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", str(HERE), str(src)],
                       check=True, capture_output=True)
    print("wrote", HERE / "score_sheet.xls")


if __name__ == "__main__":
    main()
