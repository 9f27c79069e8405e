"""Make the small .xls and .ods test files committed beside this script.

python-calamine reads .xls and .ods but nothing in our dependencies writes them, so
the files are converted from an .xlsx with LibreOffice and committed:

    python -m tests.data.make_legacy     # needs `soffice` (libreoffice-calc)

The .xlsx source has a title, a two-row merged header, a `1985.10` number cell in
format `0.00` (October) next to a `1988.1` one in General format (January), text
dates and a footer, so the tests check that the formats survive the conversion.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import Workbook

from tests.builders import make_id, write_table

HERE = Path(__file__).parent

ROWS = [
    {"序号": 1, "姓名": "张三", "性别": "男", "出生年月": 1985.10, "身份证号码": make_id(dt.date(1985, 10, 7), "男"),
     "后备类别": "正科级", "2023年": "称职", "2024年": "优秀", "优秀": 12, "称职": 5, "基本称职": 1, "不称职": 0, "测评人数": 18},
    {"序号": 2, "姓名": "李四", "性别": "女", "出生年月": 1988.1, "身份证号码": make_id(dt.date(1988, 1, 20), "女", seq=2),
     "后备类别": "副科级", "2023年": "合格", "2024年": "基本合格", "优秀": 3, "称职": 10, "基本称职": 4, "不称职": 2, "测评人数": 20},
    {"序号": 3, "姓名": "王五", "性别": "男", "出生年月": "1990.03", "身份证号码": make_id(dt.date(1990, 3, 2), "男", seq=3),
     "后备类别": "副科级", "2023年": "优秀", "2024年": "未确定等次", "优秀": 15, "称职": 3, "基本称职": 0, "不称职": 0, "测评人数": 18},
]


def build(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "名册"
    first = write_table(ws, ROWS)
    ws.cell(first, 4).number_format = "0.00"  # 1985.10 shown with two decimals: October
    wb.save(path)


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        sys.exit("soffice not found: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "legacy_roster.xlsx"
        build(src)
        shutil.copy(src, HERE / "legacy_roster.xlsx")
        for fmt, filt in (("xls", "xls:MS Excel 97"), ("ods", "ods")):
            subprocess.run([soffice, "--headless", "--convert-to", filt, "--outdir", str(HERE), str(src)],
                           check=True, capture_output=True)
            print("wrote", HERE / f"legacy_roster.{fmt}")


if __name__ == "__main__":
    main()
