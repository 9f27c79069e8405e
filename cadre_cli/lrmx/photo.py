"""The photo (照片): checked to be a JPEG of sane size, never decoded as an image on reading.

In a .lrmx the photo is base64 text in <ZhaoPian>; only its first and last few characters
are decoded (to see the JPEG start and end markers), and its size is computed from the
length of the text. A legacy .lrm has the raw JPEG in a `.pic` file beside it.
"""

from __future__ import annotations

import base64
import binascii
import io
import re

from cadre_cli.lrmx.record import Photo
from cadre_cli.parse.problem import ValueProblem

MAX_PHOTO_BYTES = 5 * 1024 * 1024  # the editor refuses larger photos
MIN_PHOTO_BYTES = 1024  # a real ID photo is tens of kilobytes
MAX_PHOTO_BASE64 = (MAX_PHOTO_BYTES + 2) // 3 * 4
ASPECT = (4, 5)  # width : height, EditInfo【照片】
_ASPECT_TOLERANCE = 0.03
_BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")
_JPEG_START = b"\xff\xd8\xff"
_JPEG_END = b"\xff\xd9"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _size_problem(size: int) -> str | None:
    if size > MAX_PHOTO_BYTES:
        return f"照片有 {_mb(size)}，超过任免表编辑器 5 MB 的上限"
    if size < MIN_PHOTO_BYTES:
        return f"照片只有 {size} 字节，不像真实的证件照片"
    return None


def check_base64_photo(text: str) -> Photo | None:
    """The <ZhaoPian> text checked; None when the element is empty."""
    s = "".join(text.split())
    if not s:
        return None
    if len(s) > MAX_PHOTO_BASE64 + 4:
        return Photo(len(s) // 4 * 3, f"照片数据约 {_mb(len(s) // 4 * 3)}，超过任免表编辑器 5 MB 的上限")
    if len(s) % 4 or not _BASE64.fullmatch(s):
        return Photo(0, "照片不是有效的 base64 编码数据", s)
    size = len(s) // 4 * 3 - (len(s) - len(s.rstrip("=")))
    try:
        head = base64.b64decode(s[:8], validate=True)
        tail = base64.b64decode(s[-8:], validate=True) if len(s) >= 8 else head
    except (binascii.Error, ValueError):
        return Photo(size, "照片不是有效的 base64 编码数据", s)
    problem = _jpeg_problem(head, tail) or _size_problem(size)
    return Photo(size, problem, s)


def _jpeg_problem(head: bytes, tail: bytes) -> str | None:
    if not head.startswith(_JPEG_START):
        return "照片不是 JPEG 格式"
    if _JPEG_END not in tail:
        return "照片数据不完整（JPEG 文件尾缺失）"
    return None


def check_jpeg_bytes(data: bytes) -> Photo:
    """A raw JPEG (a legacy `.pic` file, or a photo to embed) checked by its markers and size."""
    if not data:
        return Photo(0, "照片文件是空的")
    if len(data) > MAX_PHOTO_BYTES:
        return Photo(len(data), _size_problem(len(data)))
    return Photo(len(data), _jpeg_problem(data[:3], data[-16:]) or _size_problem(len(data)))


def photo_base64(data: bytes) -> tuple[str, list[str]]:
    """A JPEG file's bytes as <ZhaoPian> text, with warnings (not 4:5); ValueProblem when
    the file is no JPEG or of an insane size. Only the JPEG header is read for its size."""
    photo = check_jpeg_bytes(data)
    if photo.problem:
        raise ValueProblem(photo.problem)
    warnings: list[str] = []
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only, no pixels
            if image.format != "JPEG":
                raise ValueProblem("照片不是 JPEG 格式")
            width, height = image.size
    except (UnidentifiedImageError, OSError):
        raise ValueProblem("照片无法识别（文件可能已损坏）") from None
    if height and abs(width / height - ASPECT[0] / ASPECT[1]) > _ASPECT_TOLERANCE:
        warnings.append(f"照片为 {width}×{height} 像素，宽高比不是录入规范要求的 4：5")
    return base64.b64encode(data).decode("ascii"), warnings
