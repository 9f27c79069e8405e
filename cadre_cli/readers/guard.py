"""Look at a file before any parser touches it: what it really is (by its bytes, never
by its name), whether it is encrypted, and whether its zip members unpack to an absurd
size (zip bombs)."""

from __future__ import annotations

import enum
import errno
import io
import os
import stat
import zipfile
from pathlib import Path
from typing import IO

from cadre_cli.errors import InputError

MAX_UNPACKED_BYTES = 600 * 1024 * 1024
MAX_RATIO = 150  # members over 1 MB; real workbooks compress 5–30 times
_RATIO_FLOOR = 1024 * 1024
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Kind(enum.Enum):
    XLSX = "xlsx"
    XLSM = "xlsm"
    XLS = "xls"
    ODS = "ods"
    CSV = "csv"
    XML2003 = "xml2003"  # XML Spreadsheet 2003 (`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`)
    HTML = "html"  # a web page holding <table>s, as web systems save "名册.xls"
    LOCKED = "locked"  # an OLE container encrypted with an open password: .xlsx/.xlsm or .xls inside


MB = 1024 * 1024
# the largest file of each kind that is read (a 100,000-row roster is 14 MB as .xlsx)
MAX_BYTES = {Kind.XLSX: 100 * MB, Kind.XLSM: 100 * MB, Kind.XLS: 100 * MB, Kind.ODS: 100 * MB, Kind.CSV: 64 * MB,
             Kind.XML2003: 200 * MB, Kind.HTML: 200 * MB, Kind.LOCKED: 100 * MB}
MAX_ANY = max(MAX_BYTES.values())
HEAD_BYTES = 4096
# (device, inode) -> path of every file this command has read: no output may replace one
INPUTS: dict[tuple[int, int], Path] = {}
# what each path gave when it was read: a file read twice (the sniffer, then the reader)
# is one opened file, read once
_READ: dict[str, tuple[bytes, os.stat_result]] = {}


def forget_inputs() -> None:
    """A new command."""
    INPUTS.clear()
    _READ.clear()


def read_regular(path: Path, limit: int, what: str = "文件") -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most `limit` bytes, from one opened file:
    a folder, a named pipe (FIFO), a device such as /dev/zero or a socket is refused
    before anything is read, so nothing can block or stream forever."""
    cached = _READ.get(os.fsdecode(os.path.abspath(os.fsencode(path))))
    if cached is not None and not _unchanged(path, cached[1]):
        cached = None
    if cached is not None:
        if len(cached[0]) > limit:
            raise InputError(f"“{path.name}”有 {len(cached[0]) // MB} MB，超过{what}的安全上限 {limit // MB} MB，已拒绝读取。")
        return cached
    name = path.name or str(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.fsencode(path), flags)
    except FileNotFoundError:
        raise InputError(f"找不到{what.removeprefix('表格')}“{path}”。") from None
    except IsADirectoryError:
        raise InputError(f"“{name}”是文件夹，不是{what}。") from None
    except OSError as exc:
        raise InputError(f"无法打开{what}“{name}”：{os_reason(exc)}。") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(f"“{name}”是文件夹，不是{what}。")
        if not stat.S_ISREG(st.st_mode):
            raise InputError(f"“{name}”不是普通文件（{_special_kind(st.st_mode)}），不能作为{what}读取。")
        if st.st_size > limit:
            raise InputError(f"“{name}”有 {st.st_size // MB} MB，超过{what}的安全上限 {limit // MB} MB，已拒绝读取。")
        if getattr(os, "O_NONBLOCK", 0):
            os.set_blocking(fd, True)
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # the file grew while it was read
                raise InputError(f"“{name}”超过{what}的安全上限 {limit // MB} MB，已拒绝读取。")
    except OSError as exc:
        raise InputError(f"无法读取{what}“{name}”：{os_reason(exc)}。") from None
    finally:
        os.close(fd)
    INPUTS.setdefault((st.st_dev, st.st_ino), path)
    data = b"".join(chunks)
    _READ[os.fsdecode(os.path.abspath(os.fsencode(path)))] = (data, st)
    return data, st


def _unchanged(path: Path, before: os.stat_result) -> bool:
    """The same file, as it was when it was read (else it is read again)."""
    try:
        st = os.stat(os.fsencode(path))
    except OSError:
        return False
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (before.st_dev, before.st_ino, before.st_size,
                                                                  before.st_mtime_ns)


def _special_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "是命名管道"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "是设备"
    if stat.S_ISSOCK(mode):
        return "是套接字"
    return "是特殊文件"


def read_input(path: Path) -> tuple[bytes, Kind, tuple[int, int]]:
    """The input read once from a regular file, what it is, and its identity on disk."""
    data, st = read_regular(path, MAX_ANY, "表格文件")
    kind = sniff_bytes(path, data)
    if len(data) > MAX_BYTES[kind]:
        raise InputError(f"“{path.name}”有 {len(data) // MB} MB，超过 {kind.value} 文件的安全上限 "
                         f"{MAX_BYTES[kind] // MB} MB，已拒绝读取。")
    return data, kind, (st.st_dev, st.st_ino)


def sniff(path: Path) -> Kind:
    """The file's real type from its bytes; raises InputError with one Chinese sentence."""
    return read_input(path)[1]


def sniff_bytes(path: Path, data: bytes) -> Kind:
    name = path.name
    head = data[:8]
    if not head:
        raise InputError(f"“{name}”是空文件（0 字节），不是表格。")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(io.BytesIO(data), name)
    if head == OLE_MAGIC:
        return _ole_kind(data, name)
    from cadre_cli.readers.textkind import HEAD_BYTES, text_kind

    return text_kind(path, data[:HEAD_BYTES])


def os_reason(exc: OSError) -> str:
    """An OS error in Chinese."""
    if isinstance(exc, PermissionError):
        return "没有读取权限，或文件正被其他程序占用"
    return _ERRNO.get(exc.errno, "读取失败")


_ERRNO = {
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接循环",
    errno.ENOTDIR: "路径中有一段不是文件夹",
    errno.EIO: "磁盘读写错误",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统是只读的",
    errno.ENXIO: "设备不存在",
    errno.EACCES: "没有权限",
}




def sniff_content(data: bytes, name: str) -> Kind:
    """The real type of a decrypted workbook held in memory (what a locked file holds)."""
    import io

    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(io.BytesIO(data), name)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, name)
    raise InputError(f"“{name}”解密后不是 Excel 工作簿，无法读取。")


def _zip_kind(path: Path | IO[bytes], name: str | None = None) -> Kind:
    name = name or path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            _check_sizes(name, infos)
            _check_members(name, zf, infos)
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    return Kind.ODS
                raise InputError(f"“{name}”是 OpenDocument 文档，但不是电子表格。")
    except zipfile.BadZipFile:
        raise InputError(f"“{name}”已损坏或不完整（压缩结构无法读取），请从原处重新复制或用 Excel/WPS 打开后另存。") from None
    except (OSError, EOFError, zipfile.LargeZipFile, NotImplementedError):
        raise InputError(f"“{name}”已损坏或不完整，无法读取。") from None
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if "word/document.xml" in names:
            raise InputError(f"“{name}”是 Word 文档，不是表格。")
        raise InputError(f"“{name}”是压缩包，但不是 Excel 工作簿。")
    if "xl/workbook.bin" in names:
        raise InputError(f"“{name}”是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试。")
    return Kind.XLSM if "xl/vbaProject.bin" in names else Kind.XLSX


def _member_key(filename: str) -> str:
    return filename.replace("\\", "/").lstrip("/").casefold()


def _check_members(name: str, zf: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """One reading of the file: two members of one name (or of names differing only in
    case) would let the reader and the writer each take a different one; a content
    type naming a part that is not there means the package is not what it says."""
    seen: dict[str, str] = {}
    for info in infos:
        key = _member_key(info.filename)
        if key in seen:
            raise InputError(f"“{name}”的压缩包里有两个同名部件（“{seen[key]}”和“{info.filename}”），"
                             "无法确定该读哪一个，已拒绝读取；请用 Excel/WPS 打开后另存一份再试。")
        seen[key] = info.filename
    if "[content_types].xml" not in seen:
        return
    import re
    from urllib.parse import unquote

    types = zf.read(seen["[content_types].xml"])[:1_000_000]
    for part in re.findall(rb'PartName="([^"]+)"', types):
        member = unquote(part.decode("utf-8", "replace"))
        if _member_key(member).startswith("xl/") and _member_key(member) not in seen:
            raise InputError(f"“{name}”的内容类型清单列出了不存在的部件“{member.lstrip('/')}”，文件不完整或被改动过，"
                             "已拒绝读取；请用 Excel/WPS 打开后另存一份再试。")


def _check_sizes(name: str, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError(
            f"“{name}”解压后达 {total // (1024 * 1024)} MB，超过 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB 的安全上限，"
            "疑似“压缩炸弹”或损坏文件，已拒绝读取。"
        )
    for info in infos:
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise InputError(
                f"“{name}”中的“{info.filename}”压缩比超过 {MAX_RATIO} 倍，疑似“压缩炸弹”，已拒绝读取。"
            )


def _ole_kind(path: Path | bytes, name: str | None = None) -> Kind:
    import olefile

    name = name or path.name
    try:
        with olefile.OleFileIO(path if isinstance(path, bytes) else str(path)) as ole:
            if ole.exists("EncryptionInfo") or ole.exists("EncryptedPackage"):
                return Kind.LOCKED
            stream = "Workbook" if ole.exists("Workbook") else "Book" if ole.exists("Book") else None
            if stream is None:
                if ole.exists("WordDocument"):
                    raise InputError(f"“{name}”是 Word 文档，不是表格。")
                raise InputError(f"“{name}”不是 Excel 工作簿。")
            if _biff_has_filepass(ole.openstream(stream).read(64 * 1024)):
                return Kind.LOCKED
    except InputError:
        raise
    except Exception:
        raise InputError(f"“{name}”已损坏或不完整，无法作为 .xls 读取。") from None
    return Kind.XLS


def _biff_has_filepass(data: bytes) -> bool:
    """A FILEPASS record (0x002F) in the workbook globals means the .xls is encrypted."""
    pos = 0
    while pos + 4 <= len(data):
        rtype = int.from_bytes(data[pos : pos + 2], "little")
        size = int.from_bytes(data[pos + 2 : pos + 4], "little")
        if rtype == 0x002F:
            return True
        if rtype == 0x000A:  # EOF of the globals substream
            return False
        pos += 4 + size
    return False
