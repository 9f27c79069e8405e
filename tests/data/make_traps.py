"""Make the .xls files of the 1905 trap committed beside this script.

`1981.02` typed into a cell formatted as a date is stored as the serial number 1981.02
and shown as 1905-06-03 00:28 (1909-06-04 in a workbook using the 1904 date system, as
Mac Excel made them). The .xlsx is built with openpyxl, then saved as Excel 97 (.xls) by
LibreOffice, the way offices still keep rosters:

    python -m tests.data.make_traps     # needs `soffice` (libreoffice-calc)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tests.test_real_values import trap_book

HERE = Path(__file__).parent


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        for stem, epoch in (("trap_1905", None), ("trap_1909", CALENDAR_MAC_1904)):
            src = trap_book(Path(tmp) / f"{stem}.xlsx", epoch)
            subprocess.run([soffice, "--headless", "--convert-to", "xls:MS Excel 97", "--outdir", str(HERE), str(src)],
                           check=True, capture_output=True)
            print("wrote", HERE / f"{stem}.xls")


if __name__ == "__main__":
    main()
