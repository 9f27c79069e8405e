"""Atomic output: write to a temporary file in the target folder, then rename.

A failed write leaves no partial file; the target keeps the input's permission bits
(`tempfile.mkstemp` makes 0600 files that a user's group could not read).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from cadre_cli.errors import OutputError


def check_target(target: Path, sources: tuple[Path, ...] = (), force: bool = False) -> None:
    """Refuse the input's own path, a missing or read-only folder, and (without
    --force) an existing file."""
    resolved = target.resolve()
    for source in sources:
        if source.exists() and resolved == source.resolve():
            raise OutputError(f"输出文件“{target.name}”就是输入文件本身；为保护原始数据，请用 --output 指定另一个文件名。")
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"输出文件夹“{folder}”不存在，请先建立该文件夹或换一个位置。")
    if not folder.is_dir():
        raise OutputError(f"“{folder}”不是文件夹，无法在其中写入输出。")
    if not _writable(folder):
        raise OutputError(f"没有权限在文件夹“{folder}”中写入文件（只读），请换一个位置，用 --output 指定。")
    if target.is_dir():
        raise OutputError(f"“{target}”是一个文件夹，不能作为输出文件。")
    if target.exists() and not force:
        raise OutputError(f"输出文件“{target.name}”已存在；如要覆盖，请加 --force，或用 --output 换一个文件名。")


def _writable(folder: Path) -> bool:
    """Try it: mode bits do not tell for root, read-only mounts or network shares."""
    try:
        fd, name = tempfile.mkstemp(prefix=".~cadre-probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


def write_atomic(target: Path, write: Callable[[Path], None], mode_from: Path | None = None) -> Path:
    """Call `write(tmp_path)` and move the result onto `target` in one step."""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=".~cadre-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        reason = "没有写入权限（只读文件夹）" if isinstance(exc, PermissionError) else (exc.strerror or "无法建立文件")
        raise OutputError(f"无法在文件夹“{target.parent}”中写入“{target.name}”：{reason}；请用 --output 换一个位置。") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        if mode_from is not None and mode_from.exists():
            shutil.copymode(mode_from, tmp)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except PermissionError:
        tmp.unlink(missing_ok=True)
        raise OutputError(f"无法写入“{target.name}”：文件可能正被 Excel/WPS 等程序打开，或没有写入权限；关闭后重试。") from None
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        reason = "磁盘空间不足" if exc.errno == 28 else (exc.strerror or "写入失败")
        raise OutputError(f"写入“{target.name}”失败：{reason}。没有留下不完整的文件。") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
