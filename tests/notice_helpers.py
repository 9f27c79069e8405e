"""Shared pieces of the `cadre notice` tests: a roster with data that must never be
published, and readers for every output format."""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from pathlib import Path

from docx import Document

from tests.builders import make_id, person, roster_xlsx

# unit -> people (name, birth, gender)
UNITS = {
    "县财政局": [("张三", dt.date(1985, 3, 15), "男"), ("李四", dt.date(1990, 7, 2), "女")],
    "县教育体育局": [("王五", dt.date(1988, 11, 9), "男")],
    "白水镇": [("赵六", dt.date(1992, 1, 20), "女"), ("钱七", dt.date(1987, 5, 5), "男"), ("孙八", dt.date(1995, 9, 30), "男")],
}


def phone(seq: int) -> str:
    return f"1398765{seq:04d}"


def address(seq: int) -> str:
    return f"泸西县秘密路{seq}号家庭住址"


def roster_rows(units: dict = UNITS, results: bool = False) -> list[dict]:
    rows, seq = [], 0
    for unit, people in units.items():
        for name, born, gender in people:
            seq += 1
            extra = {
                "民族": "汉族" if seq % 2 else "彝族", "政治面貌": "中共党员", "参加工作时间": f"{born.year + 22}.08",
                "学历": "大学 学士", "工作单位": unit, "现任职务": "副局长" if seq % 2 else "股长",
                "后备类别": "正科级后备" if seq % 2 else "副科级后备", "联系电话": phone(seq), "家庭住址": address(seq),
                "备注": f"内部备注{seq}",
            }
            if results:
                extra.update({"优秀": 15, "称职": 3, "基本称职": 1, "不称职": 0, "测评人数": 19, "笔试成绩": 86.5})
            rows.append(person(name, born, gender, seq=seq, **extra))
    return rows


def secrets(units: dict = UNITS) -> list[str]:
    """Strings that must appear in no output: ID numbers (and their first 17 digits),
    phone numbers, addresses, remarks."""
    out, seq = [], 0
    for people in units.values():
        for _, born, gender in people:
            seq += 1
            number = make_id(born, gender, seq=seq)
            out += [number, number[:17], number[6:14], phone(seq), address(seq), f"内部备注{seq}"]
    return out


def make_roster(folder: Path, units: dict = UNITS, results: bool = False, name: str = "名册.xlsx") -> Path:
    return roster_xlsx(folder / name, roster_rows(units, results))


def docx_text(path: Path) -> str:
    """Every paragraph, table cell, header and footer of a .docx, as text."""
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    for section in doc.sections:
        for part in (section.footer, section.even_page_footer, section.header):
            parts += [p.text for p in part.paragraphs]
    return "\n".join(parts)


def raw_text(path: Path) -> str:
    """The whole file as text: every member of a .docx zip, or the file itself."""
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            return "\n".join(z.read(n).decode("utf-8", "replace") for n in z.namelist())
    return path.read_text(encoding="utf-8")


def html_text(path: Path) -> str:
    body = re.sub(r"<style.*?</style>", "", path.read_text(encoding="utf-8"), flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def readable(path: Path) -> str:
    if path.suffix == ".docx":
        return docx_text(path)
    if path.suffix == ".html":
        return html_text(path)
    return path.read_text(encoding="utf-8").replace("\\", "")


def all_names(units: dict = UNITS) -> set[str]:
    return {name for people in units.values() for name, _, _ in people}


def assert_no_secrets(paths, private: list[str] | None = None) -> None:
    """No ID number or phone number of the roster anywhere in the files' raw bytes."""
    private = secrets() if private is None else private
    for path in paths:
        raw = raw_text(path)
        leaked = [v for v in private if v in raw]
        assert not leaked, (path.name, leaked)
