"""Look at a file before any parser touches it: what it really is (by its bytes, never
by its name), whether it is encrypted, and whether its zip members unpack to an absurd
size (zip bombs)."""

from __future__ import annotations

import enum
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


def sniff(path: Path) -> Kind:
    """The file's real type from its bytes; raises InputError with one Chinese sentence."""
    name = path.name
    if not path.exists():
        raise InputError(f"找不到文件“{path}”。")
    if path.is_dir():
        raise InputError(f"“{path}”是文件夹，不是表格文件。")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError(f"无法打开“{name}”：{_os_reason(exc)}。") from None
    if not head:
        raise InputError(f"“{name}”是空文件（0 字节），不是表格。")
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(path)
    if head == OLE_MAGIC:
        return _ole_kind(path)
    from cadre_cli.readers.textkind import text_kind

    return text_kind(path)


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "没有读取权限，或文件正被其他程序占用"
    return exc.strerror or "读取失败"


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
            if "mimetype" in names:
                mime = zf.read("mimetype")[:100]
                if b"opendocument.spreadsheet" in mime:
                    return Kind.ODS
                raise InputError(f"“{name}”是 OpenDocument 文档，但不是电子表格。")
    except zipfile.BadZipFile:
        raise InputError(f"“{name}”已损坏或不完整（压缩结构无法读取），请从原处重新复制或用 Excel/WPS 打开后另存。") from None
    except (OSError, EOFError):
        raise InputError(f"“{name}”已损坏或不完整，无法读取。") from None
    if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
        if "word/document.xml" in names:
            raise InputError(f"“{name}”是 Word 文档，不是表格。")
        raise InputError(f"“{name}”是压缩包，但不是 Excel 工作簿。")
    if "xl/workbook.bin" in names:
        raise InputError(f"“{name}”是二进制工作簿（.xlsb），请在 Excel 中另存为 .xlsx 后再试。")
    return Kind.XLSM if "xl/vbaProject.bin" in names else Kind.XLSX


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
