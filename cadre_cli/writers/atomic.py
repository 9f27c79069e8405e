"""Atomic output: write to a temporary file in the target folder, then move it into place.

- A failed write leaves no partial file, whatever the failure: a full disk, a signal
  (SIGINT, SIGTERM, SIGHUP), an error in the writer.
- No output ever replaces an input. Files are compared by identity (device and inode),
  not by spelling: a bind mount, a hard link, a symlink, `..`, another case on a
  case-insensitive file system or /proc/self/fd/N all name the same file. Every file a
  command read is registered by `readers.guard.read_regular`; the target's folder
  entry is checked against them right before the final rename.
- Without --force the final rename never replaces a file that appeared meanwhile (a
  second run at the same time): `renameat2(RENAME_NOREPLACE)` where the system has it,
  else a hard link then unlink, else a last check.
- The target keeps the input's permission bits (`tempfile.mkstemp` makes 0600 files
  that a user's group could not read).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import gc
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cadre_cli.errors import OutputError
from cadre_cli.readers.guard import INPUTS, os_reason

TEMP_PREFIX = ".~cadre-"
_live: set[str] = set()  # temporary files and folders to remove if the process is stopped
_forced: set[str] = set()  # targets the user allowed to replace (--force)


class Terminated(BaseException):
    """SIGTERM or SIGHUP: unwinds like KeyboardInterrupt, so temporary files are removed."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def install_signal_cleanup() -> None:
    """SIGTERM and SIGHUP stop the command the way Ctrl+C does: through the cleanup."""

    def stop(signum: int, frame: object) -> None:
        raise Terminated(signum)

    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is not None:
            with contextlib.suppress(ValueError, OSError):  # not the main thread
                signal.signal(sig, stop)


def reset() -> None:
    """A new command: nothing forced, nothing pending."""
    _forced.clear()
    remove_leftovers()


def remove_leftovers() -> None:
    for name in list(_live):
        with contextlib.suppress(OSError):
            if os.path.isdir(name):
                shutil.rmtree(name, ignore_errors=True)
            else:
                os.unlink(name)
        _live.discard(name)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(os.fsencode(path))
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def _same_as_input(target: Path, sources: tuple[Any, ...] = ()) -> Path | None:
    """The input that `target` is (by device and inode), if any."""
    ident = _identity(target)
    if ident is None:
        return None
    for source in sources:
        if source is None:
            continue
        known = getattr(source, "identity", None)  # a readers.source.Source: the file as it was read
        other = known if known is not None else _identity(getattr(source, "path", source))
        if other == ident:
            return getattr(source, "path", source)
    return INPUTS.get(ident)


def _refuse_input(target: Path, source: Path) -> OutputError:
    return OutputError(f"输出文件“{target}”与输入文件“{source}”是同一个文件（只是路径写法不同）；"
                       "为保护原始数据，不能写到输入文件上，请用 --output 指定另一个文件。")


def name_limit(folder: Path) -> int:
    try:
        return os.pathconf(os.fsencode(folder), "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def check_name(target: Path) -> None:
    limit = name_limit(target.parent if target.parent.exists() else Path("."))
    if len(os.fsencode(target.name)) > limit:
        raise OutputError(f"输出文件名“{target.name[:40]}…”太长（{len(os.fsencode(target.name))} 字节，"
                          f"文件系统最多 {limit} 字节），请用 --output 换一个短一些的名字。")


def check_target(target: Path, sources: tuple[Any, ...] = (), force: bool = False) -> None:
    """Refuse an input under any name, a missing or read-only folder, a name too long
    for the file system, and (without --force) an existing file."""
    same = _same_as_input(target, sources)
    if same is not None:
        raise _refuse_input(target, same)
    folder = target.parent
    if not folder.exists():
        raise OutputError(f"输出文件夹“{folder}”不存在，请先建立该文件夹或换一个位置。")
    if not folder.is_dir():
        raise OutputError(f"“{folder}”不是文件夹，无法在其中写入输出。")
    check_name(target)
    if not _writable(folder):
        raise OutputError(f"没有权限在文件夹“{folder}”中写入文件（只读），请换一个位置，用 --output 指定。")
    if target.is_dir():
        raise OutputError(f"“{target}”是一个文件夹，不能作为输出文件。")
    if target.exists() or target.is_symlink():
        if not force:
            raise OutputError(f"输出文件“{target.name}”已存在；如要覆盖，请加 --force，或用 --output 换一个文件名。")
        _forced.add(os.path.abspath(target))


def _writable(folder: Path) -> bool:
    """Try it: mode bits do not tell for root, read-only mounts or network shares."""
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX + "probe-", dir=folder)
    except OSError:
        return False
    os.close(fd)
    os.unlink(name)
    return True


@contextlib.contextmanager
def _quiet_finalizers() -> Iterator[list[bool]]:
    """A writer that failed (a full disk) leaves a half-closed ZipFile whose finalizer
    fails again and prints `Exception ignored in: ZipFile.__del__`: collected here, silently.
    The caller sets `failed[0]` when it caught the failure itself; a writer that
    succeeded closed its archive, and no collection is run (a full one over a large
    workbook's objects takes a fifth of a second)."""
    hook = sys.unraisablehook
    sys.unraisablehook = lambda unraisable: None
    failed = [False]
    try:
        yield failed
    except BaseException:
        gc.collect()
        raise
    else:
        if failed[0]:
            gc.collect()
    finally:
        sys.unraisablehook = hook


def _write_reason(exc_errno: int | None, strerror: str | None, permission: bool) -> str:
    if permission:
        return "文件可能正被 Excel/WPS 等程序打开，或没有写入权限"
    if exc_errno == errno.ENOSPC or exc_errno == errno.EDQUOT:
        return "磁盘空间不足"
    return os_reason(OSError(exc_errno, strerror or "")) if exc_errno else (strerror or "写入失败")


def write_atomic(target: Path, write: Callable[[Path], None], mode_from: Path | None = None,
                 plain: bool = False) -> Path:
    """Call `write(tmp_path)` and move the result onto `target` in one step. `plain`: the
    writer leaves no half-closed archive behind (a text file), so no garbage collection is
    run to silence one (two full collections a file would dominate writing thousands)."""
    tmp = _temp_file(target)
    try:
        failure = None
        with contextlib.nullcontext([False]) if plain else _quiet_finalizers() as failed:
            try:
                write(tmp)
            except OSError as exc:
                failure = (exc.errno, exc.strerror, isinstance(exc, PermissionError))
                exc.__traceback__ = None
                failed[0] = True
        if failure is not None:
            raise OutputError(f"写入“{target.name}”失败：{_write_reason(*failure)}。没有留下不完整的文件。")
        _set_mode(tmp, mode_from)
        place(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        _live.discard(str(tmp))
    return target


def _temp_file(target: Path) -> Path:
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        reason = "没有写入权限（只读文件夹）" if isinstance(exc, PermissionError) else _write_reason(exc.errno, exc.strerror, False)
        raise OutputError(f"无法在文件夹“{target.parent}”中写入“{target.name}”：{reason}；请用 --output 换一个位置。") from None
    _live.add(name)
    os.close(fd)
    return Path(name)


def _set_mode(tmp: Path, mode_from: Path | None) -> None:
    if mode_from is not None and mode_from.is_file():
        shutil.copymode(mode_from, tmp)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)


def place(tmp: Path, target: Path) -> None:
    """The final step: `tmp` becomes `target`, never over an input, and over an existing
    file only when the user said --force."""
    same = _same_as_input(target)
    if same is not None:
        raise _refuse_input(target, same)
    try:
        if os.path.abspath(target) in _forced:
            os.replace(tmp, target)
        else:
            _rename_noreplace(tmp, target)
    except FileExistsError:
        raise OutputError(f"输出文件“{target.name}”在本命令运行期间被别的程序（或同时运行的另一个命令）写出了，"
                          "为免覆盖，本次结果没有写入；请确认后加 --force 重新运行，或用 --output 换一个文件名。") from None
    except OSError as exc:
        raise OutputError(f"写入“{target.name}”失败：{_write_reason(exc.errno, exc.strerror, isinstance(exc, PermissionError))}。"
                          "没有留下不完整的文件。") from None


_RENAME_NOREPLACE = 1
_AT_FDCWD = -100


def _renameat2() -> Callable[..., int] | None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        func = libc.renameat2
    except (OSError, AttributeError):
        return None
    func.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    func.restype = ctypes.c_int
    return func


def _rename_noreplace(tmp: Path, target: Path) -> None:
    func = _renameat2() if sys.platform.startswith("linux") else None
    if func is not None:
        if func(_AT_FDCWD, os.fsencode(tmp), _AT_FDCWD, os.fsencode(target), _RENAME_NOREPLACE) == 0:
            return
        err = ctypes.get_errno()
        if err == errno.EEXIST:
            raise FileExistsError(err, os.strerror(err), str(target))
        if err not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP, errno.EPERM):
            raise OSError(err, os.strerror(err), str(target))
    try:
        os.link(tmp, target)  # fails if target exists
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK, errno.ENOSYS):
            raise
        if os.path.lexists(target):  # no links here (FAT, some network shares): the last check
            raise FileExistsError(errno.EEXIST, "exists", str(target)) from None
        os.rename(tmp, target)
        return
    os.unlink(tmp)


def write_batch(outputs: list[tuple[Path, bytes]], folder: Path) -> list[Path]:
    """Write a batch into a hidden temporary folder beside the targets, then move each
    file into place. A failure while writing leaves nothing; a failure while moving
    (rare: the moves need no space) says exactly which files are in place."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=folder))
    except OSError as exc:
        raise OutputError(f"无法在文件夹“{folder}”中写入：{_write_reason(exc.errno, exc.strerror, isinstance(exc, PermissionError))}。") from None
    _live.add(str(staging))
    placed: list[Path] = []
    try:
        staged = []
        for i, (target, data) in enumerate(outputs):
            tmp = staging / f"{i}{target.suffix}"
            try:
                tmp.write_bytes(data)
            except OSError as exc:
                raise OutputError(f"写入“{target.name}”失败：{_write_reason(exc.errno, exc.strerror, isinstance(exc, PermissionError))}。"
                                  "本批文件一个也没有写入，没有留下不完整的文件。") from None
            _set_mode(tmp, None)
            staged.append((tmp, target))
        for tmp, target in staged:
            try:
                place(tmp, target)
            except OutputError as exc:
                done = "、".join(f"“{p.name}”" for p in placed) or "没有"
                raise OutputError(f"{exc.message.rstrip('。')}。已写入的文件：{done}；其余{len(staged) - len(placed)}个未写入。") from None
            placed.append(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _live.discard(str(staging))
    return placed
