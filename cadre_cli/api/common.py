"""What every job takes the same way: a path, a policy, a day, an open password."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from cadre_cli.api.progress import Progress, Silent

if TYPE_CHECKING:
    from cadre_cli.policy.schema import Policy


def as_path(path: str | Path) -> Path:
    return Path(path).expanduser()


def as_policy(policy: str | Path | Policy | None) -> Policy:
    """A preset name, a .toml file, or a Policy already loaded; None is the default (county)."""
    from cadre_cli.policy.load import load_policy
    from cadre_cli.policy.schema import Policy

    return policy if isinstance(policy, Policy) else load_policy(policy)


def as_day(day: dt.date | str | None, option: str = "--as-of") -> dt.date:
    """A date, a date as the rosters write it (`2026-12-01`, `2026.12.1`), or None for today."""
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    return parse_as_of(day, option)


def parse_as_of(text: str | None, option: str = "--as-of") -> dt.date:
    """`--as-of` (or another date option): YYYY-MM-DD or any date form the rosters use;
    default today."""
    if not text:
        return dt.date.today()
    from cadre_cli.errors import CadreError
    from cadre_cli.parse.dates import parse_date_text
    from cadre_cli.parse.problem import ValueProblem

    try:
        value = parse_date_text(text)
    except ValueProblem as exc:
        raise CadreError(f"{option} 的日期{exc.reason}，请写成 2026-12-01 这样的形式。") from None
    if value.day is None:
        raise CadreError(f"{option} 需要具体到日，例如 {value.year}-{value.month:02d}-01。")
    return value.first_day()


def progress_of(progress: Progress | None) -> Progress:
    return progress if progress is not None else Silent()


@contextmanager
def unlocked(password: str | None) -> Iterator[None]:
    """The open password for the files read inside the block; None keeps the one already
    given (the command line's --password / CADRE_PASSWORD)."""
    from cadre_cli.readers.locked import password_given

    with password_given(password) if password is not None else nullcontext():
        yield


def default_output(source: Path, suffix_label: str, ext: str | None = None) -> Path:
    """`名册.xlsx` -> `名册_审核结果.xlsx` beside the input."""
    return source.with_name(f"{source.stem}_{suffix_label}{ext or source.suffix}")


def target_of(output: Path | str | bool | None, source: Path, label: str, ext: str) -> Path | None:
    """Where a job writes its workbook: a path; True for the default beside the input; None or
    False for nowhere."""
    if output is None or output is False:
        return None
    return default_output(source, label, ext) if output is True else as_path(output)  # type: ignore[arg-type]


def check_suffix(target: Path, expected: str | tuple[str, ...], what: str, label: str = "--output 给出的") -> None:
    """Refuse an output whose suffix says another kind of file than the one written
    (`结果.docx` for a workbook): the user would open it in the wrong program."""
    from cadre_cli.errors import OutputError

    allowed = (expected,) if isinstance(expected, str) else expected
    if target.suffix.lower() not in allowed:
        raise OutputError(
            f"{label}“{target.name}”的扩展名不对：写出的是{what}，文件名应以 {' 或 '.join(allowed)} 结尾"
            f"（例如 {target.stem or '结果'}{allowed[0]}）。"
        )


def check_workbook_output(output: str | Path | bool | None, source: Path, macro_note: str) -> None:
    """Before any reading: a named output that cannot be a workbook at all (`结果.docx`) is
    refused at once, naming the suffix the input's name calls for (.xlsm for a workbook
    with macros, with `macro_note`); the suffix is checked again once the input is known."""
    if isinstance(output, (str, Path)) and Path(output).suffix.lower() not in (".xlsx", ".xlsm"):
        macro = source.suffix.lower() == ".xlsm"
        check_suffix(Path(output), ".xlsm" if macro else ".xlsx", "带标注的工作簿" + (macro_note if macro else ""))


FILE_SUFFIXES = (".docx", ".doc", ".html", ".htm", ".md", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".pdf", ".txt", ".wps", ".et")


def check_folder(target: Path, what: str, option: str = "--output") -> None:
    """Refuse a file name where a folder is written (`公示.docx` for a batch of notices)."""
    from cadre_cli.errors import OutputError

    if target.suffix.lower() in FILE_SUFFIXES and not target.is_dir():
        raise OutputError(f"{option} 给出的“{target.name}”像是文件名；{option} 是输出文件夹，每份{what}写在其中，"
                          f"请给一个文件夹名，如 {target.parent / target.stem}。")
