"""The I/O edge of reading: a .lrmx or .lrm file, a folder of them, or a .zip of them.

One person per file. A folder is walked (sub-folders too, symlinks not followed; the
sub-folder is kept as the record's `group`, often a unit); a .lrm takes the `.pic` of the same
name beside it. A zip is read in memory, never unpacked to disk: at most `MAX_MEMBERS`
members and `MAX_UNPACKED_BYTES` in all, each member read only up to its own limit whatever
its header claims, members compressed suspiciously well, encrypted, or with absolute or `..`
paths are not read. Member names without the UTF-8 flag are decoded as GBK (zips made on
Chinese Windows). In a folder or zip, a file that cannot be read is a finding
(`lrmx-unreadable`) and the others are still read; a single file that cannot be read raises.
"""

from __future__ import annotations

import os
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from cadre_cli.errors import InputError
from cadre_cli.diagnostic import Diagnostic
from cadre_cli.lrmx.finding import lrmx_diagnostic
from cadre_cli.lrmx.interpret import build_record
from cadre_cli.lrmx.lrmfile import MAX_LRM_BYTES, parse_lrm
from cadre_cli.lrmx.photo import MAX_PHOTO_BYTES
from cadre_cli.lrmx.record import LrmxRecord
from cadre_cli.lrmx.xmlfile import MAX_LRMX_BYTES, LrmxFileError, parse_lrmx
from cadre_cli.readers.guard import MAX_RATIO, MAX_UNPACKED_BYTES

SUFFIXES = (".lrmx", ".lrm")
MAX_FILES = 5000
MAX_MEMBERS = 5000
_RATIO_FLOOR = 1024 * 1024


@dataclass
class Batch:
    source: str
    records: list[LrmxRecord] = field(default_factory=list)
    failures: list[Diagnostic] = field(default_factory=list)  # files not read, each with its reason
    ignored: list[str] = field(default_factory=list)  # other files in the folder or zip (not 任免表)


def read_bytes(data: bytes, name: str, pic: bytes | None = None, group: str = "") -> LrmxRecord:
    """One file's bytes as a record: XML is .lrmx, a `"…","…"` line is .lrm, whatever the suffix."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        card = parse_lrmx(data, name, group)
    elif head.startswith(b'"'):
        card = parse_lrm(data, name, pic, group)
    elif data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise LrmxFileError(f"“{name}”其实是 Office 文档或压缩包，不是任免审批表（.lrmx/.lrm）。")
    else:
        card = parse_lrmx(data, name, group) if name.lower().endswith(".lrmx") else parse_lrm(data, name, pic, group)
    return build_record(card)


def _limit(name: str) -> int:
    return MAX_LRM_BYTES if name.lower().endswith(".lrm") else MAX_LRMX_BYTES


def _failure(name: str, message: str, rule: str = "lrmx-unreadable") -> Diagnostic:
    return lrmx_diagnostic(rule, name, "", message, "任免表编辑器写出的 .lrmx/.lrm 文件")


def read_path(path: Path) -> Batch:
    if not path.exists():
        raise InputError(f"找不到“{path}”。")
    if path.is_dir():
        return read_folder(path)
    suffix = path.suffix.lower()
    if suffix == ".zip":
        return read_zip(path)
    if suffix not in SUFFIXES:
        raise InputError(f"“{path.name}”不是任免审批表文件（.lrmx 或 .lrm）、文件夹或 .zip 压缩包。")
    data = _read_file(path, _limit(path.name))
    pic = _read_pic(path) if suffix == ".lrm" else None
    return Batch(path.name, [read_bytes(data, path.name, pic)])


def _read_file(path: Path, limit: int) -> bytes:
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise LrmxFileError(f"无法打开“{path.name}”：{exc.strerror or '读取失败'}。") from None
    if len(data) > limit:
        raise LrmxFileError(f"“{path.name}”超过任免审批表文件的合理大小（{limit // (1024 * 1024) or 1} MB），已拒绝读取。")
    return data


def _read_pic(path: Path) -> bytes | None:
    for candidate in (path.with_suffix(".pic"), path.with_suffix(".PIC")):
        if candidate.is_file():
            with candidate.open("rb") as fh:
                return fh.read(MAX_PHOTO_BYTES + 1)
    return None


def read_folder(folder: Path) -> Batch:
    batch = Batch(folder.name or str(folder))
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__MACOSX")))
        for name in sorted(names):
            if name.startswith((".", "~$")):
                continue
            p = Path(root, name)
            if p.suffix.lower() in SUFFIXES:
                files.append(p)
            elif p.suffix.lower() != ".pic":
                batch.ignored.append(p.relative_to(folder).as_posix())
    if len(files) > MAX_FILES:
        raise InputError(f"文件夹“{folder.name}”中有{len(files)}个任免表文件，超过一次处理{MAX_FILES}个的上限，请分批处理。")
    if not files:
        raise InputError(f"文件夹“{folder.name}”中没有任免审批表文件（.lrmx 或 .lrm）。")
    for p in files:
        shown = p.relative_to(folder).as_posix()
        group = p.parent.relative_to(folder).as_posix()
        try:
            data = _read_file(p, _limit(p.name))
            pic = _read_pic(p) if p.suffix.lower() == ".lrm" else None
            batch.records.append(read_bytes(data, shown, pic, "" if group == "." else group))
        except InputError as exc:
            batch.failures.append(_failure(shown, exc.message))
    return batch


def member_name(info: zipfile.ZipInfo) -> str:
    """The member's name as its maker meant it: without the UTF-8 flag, GBK (else cp437)."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _unsafe(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or (len(name) > 1 and name[1] == ":")


def read_zip(path: Path) -> Batch:
    batch = Batch(path.name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise InputError(f"压缩包“{path.name}”中有{len(infos)}个文件，超过{MAX_MEMBERS}个的上限，已拒绝读取。")
            total = sum(i.file_size for i in infos)
            if total > MAX_UNPACKED_BYTES:
                raise InputError(f"压缩包“{path.name}”解压后达 {total // (1024 * 1024)} MB，疑似“压缩炸弹”，已拒绝读取。")
            _read_members(zf, infos, path.name, batch)
    except zipfile.BadZipFile:
        raise InputError(f"“{path.name}”不是完整的 .zip 压缩包（可能已损坏），无法读取。") from None
    except OSError as exc:
        raise InputError(f"无法读取压缩包“{path.name}”：{exc.strerror or '读取失败'}。") from None
    if not batch.records and not batch.failures:
        raise InputError(f"压缩包“{path.name}”中没有任免审批表文件（.lrmx 或 .lrm）。")
    return batch


def _read_members(zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo], zip_name: str, batch: Batch) -> None:
    named = [(member_name(i), i) for i in infos if not i.is_dir()]
    pics = {n.lower()[: -len(".pic")]: i for n, i in named if n.lower().endswith(".pic")}
    for name, info in sorted(named, key=lambda pair: pair[0]):
        shown = f"{zip_name}/{name}"
        suffix = PurePosixPath(name).suffix.lower()
        if suffix == ".pic" or name.startswith("__MACOSX/") or PurePosixPath(name).name.startswith("."):
            continue
        if suffix not in SUFFIXES:
            batch.ignored.append(shown)
            continue
        problem = _member_problem(name, info)
        if problem:
            batch.failures.append(_failure(shown, problem, "lrmx-skipped" if _unsafe(name) else "lrmx-unreadable"))
            continue
        try:
            data = _read_member(zf, info, _limit(name))
            pic_info = pics.get(name.lower()[: -len(suffix)]) if suffix == ".lrm" else None
            pic = None
            if pic_info is not None and not _member_problem(member_name(pic_info), pic_info):
                pic = _read_member(zf, pic_info, MAX_PHOTO_BYTES, strict=False)
            group = str(PurePosixPath(name).parent)
            batch.records.append(read_bytes(data, shown, pic, "" if group == "." else group))
        except InputError as exc:
            batch.failures.append(_failure(shown, exc.message))


def _member_problem(name: str, info: zipfile.ZipInfo) -> str | None:
    if _unsafe(name):
        return f"压缩包中的“{name}”路径不安全（绝对路径或含“..”），未读取"
    if info.flag_bits & 0x1:
        return f"压缩包中的“{name}”设置了密码，无法读取"
    if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        return f"压缩包中的“{name}”压缩比超过 {MAX_RATIO} 倍，疑似“压缩炸弹”，未读取"
    return None


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int, strict: bool = True) -> bytes:
    """At most `limit` bytes of a member, whatever its header claims; more is an error when
    `strict`, else the first `limit + 1` bytes (a photo too large is reported as such)."""
    name = member_name(info)
    try:
        with zf.open(info) as fh:
            data = fh.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError):
        raise LrmxFileError(f"压缩包中的“{name}”已损坏或压缩方式不受支持，未读取。") from None
    if len(data) > limit and strict:
        raise LrmxFileError(f"压缩包中的“{name}”超过任免审批表文件的合理大小，未读取。")
    return data
