"""Reading one .lrmx (XML, root <Person>) into a `RawCard`, from bytes: no file access here.

XXE-safe: defusedxml with DTDs forbidden (no entity expansion, no external resources), and
the bytes are refused above `MAX_LRMX_BYTES` before parsing. Element texts are kept as they
are (an empty element written `<X>\\n  </X>` keeps its whitespace); the XML parser already
turns `\\r\\n` in text into `\\n`. Comments are dropped; elements the format does not define
are kept verbatim with the element they follow.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from cadre_cli.errors import InputError
from cadre_cli.lrmx.fields import (
    BY_ELEMENT,
    FAMILY,
    FAMILY_BY_ELEMENT,
    FAMILY_ITEM,
    PHOTO,
    ROOT,
    VERSION_ELEMENT,
)
from cadre_cli.lrmx.photo import check_base64_photo
from cadre_cli.lrmx.record import RawCard, Unknown

MAX_LRMX_BYTES = 8 * 1024 * 1024  # a 5 MB photo is 6.7 MB of base64


class LrmxFileError(InputError):
    """A file that is not a readable 任免审批表; the message names the file."""


def _text(element: ET.Element) -> str:
    return element.text or ""


def parse_lrmx(data: bytes, name: str, group: str = "") -> RawCard:
    """Parse the bytes of a .lrmx named `name` (as shown to the user)."""
    if len(data) > MAX_LRMX_BYTES:
        raise LrmxFileError(f"“{name}”有 {len(data) // (1024 * 1024)} MB，超过任免审批表文件的合理大小"
                            f"（{MAX_LRMX_BYTES // (1024 * 1024)} MB），已拒绝读取。")
    if not data.strip():
        raise LrmxFileError(f"“{name}”是空文件，不是任免审批表。")
    data, encoding = _as_utf8(data)
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise LrmxFileError(f"“{name}”含有 DTD 或实体声明，任免审批表不应有这些内容，出于安全考虑已拒绝读取。") from None
    except ET.ParseError as exc:
        line, col = exc.position
        raise LrmxFileError(f"“{name}”不是完整的 XML 文件（第{line}行第{col + 1}列附近出错），可能已损坏或被截断。") from None
    except (UnicodeDecodeError, LookupError, ValueError):
        raise LrmxFileError(f"“{name}”的文字编码无法识别（应为 UTF-8）。") from None
    if root.tag != ROOT:
        raise LrmxFileError(f"“{name}”的根元素是 <{root.tag}>，不是任免审批表的 <{ROOT}>；每个文件应只有一个人。")
    card = _card(root, name, group)
    card.encoding = encoding
    return card


_DECLARED = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_\-]+)[\"']")
_GB = ("gb2312", "gbk", "gb18030", "cp936")


def _as_utf8(data: bytes) -> tuple[bytes, str]:
    """The bytes to parse, and the encoding the file was really in. The XML parser cannot
    read GBK, which some tools declare (or write while declaring UTF-8): such files are
    decoded here and handed on as UTF-8."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data, "utf-16"
    m = _DECLARED.match(data[:200])
    declared = m.group(2).decode("ascii").lower() if m else "utf-8"
    if declared in _GB:
        text = data.decode("gb18030", errors="strict") if _decodes(data, "gb18030") else None
        if text is not None:
            return _redeclare(text), "gb18030"
        return data, declared
    if declared in ("utf-8", "utf8") and not _decodes(data, "utf-8") and _decodes(data, "gb18030"):
        return _redeclare(data.decode("gb18030")), "gb18030"
    return data, declared


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _redeclare(text: str) -> bytes:
    return re.sub(r"^\s*<\?xml[^>]*\?>", '<?xml version="1.0" encoding="utf-8"?>', text, count=1).encode("utf-8")


def _card(root: ET.Element, name: str, group: str) -> RawCard:
    card = RawCard(file=name, format="lrmx", group=group)
    duplicates: list[str] = []
    previous: str | None = None
    for child in root:
        tag = child.tag
        if not isinstance(tag, str):  # comments and processing instructions
            continue
        if tag in BY_ELEMENT or tag == VERSION_ELEMENT:
            if tag in card.elements or (tag == VERSION_ELEMENT and card.version is not None):
                duplicates.append(tag)
            elif tag == VERSION_ELEMENT:
                card.version = _text(child).strip()
            else:
                card.elements[tag] = _text(child)
        elif tag == FAMILY:
            card.family_present = True
            card.family.extend(_family(child))
        else:
            card.unknown.append(Unknown(tag, ET.tostring(child, encoding="unicode").strip(), previous))
        previous = tag
    card.duplicates = tuple(dict.fromkeys(duplicates))
    if PHOTO in card.elements:
        card.photo = check_base64_photo(card.elements[PHOTO])
    return card


def _family(container: ET.Element) -> list[dict[str, str]]:
    """Every <Item>, empty ones included (tools pad the list to ten), so that the n-th dict
    is the n-th <Item> of the file."""
    return [{c.tag: _text(c) for c in item if isinstance(c.tag, str) and c.tag in FAMILY_BY_ELEMENT}
            for item in container if item.tag == FAMILY_ITEM]
