"""干部任免审批表 jobs: check a batch of files (`check_lrmx`), write one file per roster person
(`export_lrmx`), and cross-check a roster against the files (`cross_check_lrmx`). Plain report
objects, no printing; every problem is a `Diagnostic`."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cadre_cli.api.progress import Progress
from cadre_cli.diagnostic import Diagnostic, Severity

__all__ = ["LrmxCheckReport", "LrmxCrossReport", "LrmxExportReport", "LrmxFileResult", "LrmxWritten", "check_lrmx",
           "cross_check_lrmx", "export_lrmx"]

_ORDER = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _counts(findings: list[Diagnostic]) -> dict[str, int]:
    c = Counter(f.severity for f in findings)
    return {"errors": c[Severity.ERROR], "warnings": c[Severity.WARNING], "infos": c[Severity.INFO]}


@dataclass
class LrmxFileResult:
    """One file: who it is and what was found (an unreadable file has no name)."""

    file: str
    name: str | None
    format: str | None  # "lrmx" | "lrm"; None when the file could not be read
    findings: list[Diagnostic] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        return _counts(self.findings)

    def as_json(self) -> dict[str, Any]:
        from cadre_cli.lrmx.finding import finding_json

        return {"file": self.file, "name": self.name, "format": self.format, **self.counts,
                "findings": [finding_json(f) for f in self.findings]}


@dataclass
class LrmxCheckReport:
    source: str
    as_of: dt.date
    files: list[LrmxFileResult]
    ignored: list[str] = field(default_factory=list)  # files in the folder or zip that are no 任免表
    output: Path | None = None  # the workbook of findings written, if any

    @property
    def findings(self) -> list[Diagnostic]:
        return [f for r in self.files for f in r.findings]

    def summary(self) -> dict[str, Any]:
        found = self.findings
        by_rule = Counter(f.rule for f in found)
        clean = sum(1 for r in self.files if not any(f.severity is not Severity.INFO for f in r.findings))
        return {"files": len(self.files), "unreadable": sum(1 for r in self.files if r.format is None),
                "clean": clean, **_counts(found), "by_rule": dict(by_rule.most_common())}

    def as_json(self) -> dict[str, Any]:
        return {"source": self.source, "as_of": self.as_of.isoformat(), "summary": self.summary(),
                "files": [r.as_json() for r in self.files], "ignored": self.ignored}


def check_lrmx(path: str | Path, as_of: dt.date | str | None = None, *, resume_tolerance: int = 1,
               extra_limits: Mapping[int, Any] | None = None, output: str | Path | bool | None = None,
               force: bool = False, progress: Progress | None = None) -> LrmxCheckReport:
    """Every file of a .lrmx/.lrm file, folder or zip against the editor's input rules, its
    code tables, the 简历 continuity, the dates, the ID number and the 2025 retirement rule.
    `output`: a workbook of the findings at that path, or beside the input for True."""
    from cadre_cli.api.common import as_day, as_path, check_suffix, progress_of, target_of
    from cadre_cli.lrmx.check import check_record, duplicates
    from cadre_cli.rules.registry import SEVERITY_ORDER
    from cadre_cli.lrmx.sources import read_path
    from cadre_cli.writers.atomic import check_target

    path, as_of, bar = as_path(path), as_day(as_of), progress_of(progress)
    target = target_of(output, path, "检查结果", ".xlsx")
    if target is not None:
        check_suffix(target, ".xlsx", "检查结果工作簿")
        check_target(target, (path,), force)
    bar.stage("检查任免表", total=None)
    batch = read_path(path)
    results: dict[str, LrmxFileResult] = {}
    for record in batch.records:
        found = check_record(record, as_of, extra_limits=extra_limits, resume_tolerance=resume_tolerance)
        results[record.file] = LrmxFileResult(record.file, record.name, record.card.format, found)
        bar.advance(1)
    for finding in duplicates(batch.records):
        results[finding.where.file or ""].findings.append(finding)
    for failure in batch.failures:
        results[failure.where.file or ""] = LrmxFileResult(failure.where.file or "", None, None, [failure])
    files = sorted(results.values(), key=lambda r: r.file)
    for r in files:
        r.findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
    report = LrmxCheckReport(batch.source, as_of, files, list(batch.ignored))
    if target is not None:
        from cadre_cli.writers.lrmx_book import write_check_book

        bar.stage("写出检查结果", total=None)
        write_check_book(report, target)
        report.output = target
    return report


@dataclass
class LrmxWritten:
    path: Path
    name: str | None
    row: str  # where the person is in the roster: `名册!5`
    notes: list[str] = field(default_factory=list)  # what was left out or changed

    def as_json(self) -> dict[str, Any]:
        return {"file": str(self.path), "name": self.name, "row": self.row, "notes": self.notes}


@dataclass
class LrmxExportReport:
    roster: str
    folder: Path
    written: list[LrmxWritten]
    skipped: list[str] = field(default_factory=list)  # rows not written (no name, listed apart), why
    photos: int = 0

    def as_json(self) -> dict[str, Any]:
        return {"roster": self.roster, "folder": str(self.folder), "files": [w.as_json() for w in self.written],
                "skipped": self.skipped, "photos": self.photos}


PHOTO_SUFFIXES = (".jpg", ".jpeg", ".JPG", ".JPEG", ".Jpg")


AGE_LIMITS = (50, 55, 60, 63, 65, 66)  # the 改革前任职年龄界限 the 2025 rule knows


def export_lrmx(roster: str | Path, out_dir: str | Path, *, photos: str | Path | None = None,
                age_date: dt.date | str | None = None, age_limit: int | None = None, force: bool = False,
                include_inactive: bool = False) -> LrmxExportReport:
    """One `姓名.lrmx` per person of a roster, in the editor's v3.2.1.6 form. Only what the
    roster says is written; 到龄年月 is computed under the 2025 rule (`age_limit`: everyone's
    改革前任职年龄界限 when the roster has no such column, one of `AGE_LIMITS`); `age_date`
    (计算年龄时间, the date the form's ages are counted at) is written when given; `photos`
    is a folder of `姓名.jpg`. All targets are checked before the first file is written;
    each is written atomically and read back by our reader first."""
    from cadre_cli.api.common import as_day
    from cadre_cli.errors import InputError, OutputError
    from cadre_cli.lrmx.from_roster import card_values
    from cadre_cli.lrmx.write import file_names, new_card, save_cards
    from cadre_cli.model.person import build_roster
    from cadre_cli.parse.dates import PDate
    from cadre_cli.readers.roster_input import read_roster
    from cadre_cli.writers.atomic import check_target

    if age_limit is not None and age_limit not in AGE_LIMITS:
        raise InputError(f"--age-limit 为“{age_limit}”：改革前任职年龄界限只能是 50、55、60、63、65 或 66。")
    age_date = as_day(age_date, "--age-date") if age_date else None
    roster, out_dir, photos = Path(roster), Path(out_dir), Path(photos) if photos is not None else None
    if photos is not None and not photos.is_dir():
        raise InputError(f"照片文件夹“{photos}”不存在或不是文件夹。")
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"“{out_dir}”不是文件夹，无法在其中写入任免表。")
    reading = read_roster(roster)
    people = build_roster(roster.name, reading.tables, reading.report)
    chosen, skipped = [], []
    for person in people.people:
        where = f"{person.sheet}!{person.row}"
        if not person.name:
            skipped.append(f"{where}：没有姓名")
        elif person.apart and not include_inactive:
            skipped.append(f"{where}（{person.name}）：{person.apart}，未导出（要导出请加 --include-inactive）")
        else:
            chosen.append(person)
    if not chosen:
        raise InputError(f"“{roster.name}”中没有可导出的人员。")
    names = file_names(p.name for p in chosen)
    cards, written, found_photos = [], [], 0
    for person, name in zip(chosen, names):
        values, notes = card_values(person)
        if age_date is not None:
            values["age_date"] = PDate(age_date.year, age_date.month)
        photo = _photo(photos, name) if photos is not None else None
        if photos is not None and photo is None:
            notes.append(f"照片文件夹中没有“{name[:-5]}.jpg”，照片留空")
        found_photos += photo is not None
        card, warnings = new_card(values, photo=photo, age_limit=age_limit, file=name)
        cards.append(card)
        written.append(LrmxWritten(out_dir / name, person.name, f"{person.sheet}!{person.row}", notes + warnings))
    out_dir.mkdir(parents=True, exist_ok=True)
    for w in written:
        check_target(w.path, (reading.book.source,), force)
    save_cards(cards, out_dir, force=force)
    return LrmxExportReport(roster.name, out_dir, written, skipped, found_photos)


def _photo(folder: Path, file_name: str) -> bytes | None:
    from cadre_cli.lrmx.photo import MAX_PHOTO_BYTES

    stem = file_name[: -len(".lrmx")]
    for suffix in PHOTO_SUFFIXES:
        path = folder / f"{stem}{suffix}"
        if path.is_file():
            with path.open("rb") as fh:
                return fh.read(MAX_PHOTO_BYTES + 1)
    return None


@dataclass
class LrmxCrossReport:
    """A roster against 任免表 files, person by person."""

    source: str
    matched: int
    findings: list[Diagnostic]

    def summary(self) -> dict[str, Any]:
        return {"matched": self.matched, **_counts(self.findings),
                "by_rule": dict(Counter(f.rule for f in self.findings).most_common())}

    def as_json(self) -> dict[str, Any]:
        from cadre_cli.lrmx.finding import finding_json

        return {"source": self.source, "summary": self.summary(), "findings": [finding_json(f) for f in self.findings]}


def cross_check_lrmx(roster: Any, path: Path) -> LrmxCrossReport:
    """三龄两历一身份: each roster person against their 任免表 (by ID number, else name and
    birth month): 出生年月, 参加工作时间, 入党时间, 学历学位, 现任职务, 性别, 民族."""
    from cadre_cli.lrmx.cross import cross_check
    from cadre_cli.lrmx.sources import read_path

    batch = read_path(path)
    matched, findings = cross_check(roster, batch.records)
    return LrmxCrossReport(batch.source, matched, list(batch.failures) + findings)
