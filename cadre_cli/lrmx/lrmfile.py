"""Reading one legacy .lrm (任免表 v2.0) into a `RawCard`, from bytes.

The file is GBK text: one record of `"f0","f1",…` fields split on `","` (a field such as 简历
holds line breaks, so the record spans several lines). The fields are mapped onto the
.lrmx element names (`fields.FIELDS[*].lrm`); index 9 packs the four 学历/学位 values as
`全日制学历#全日制学位@在职学历#在职学位`, index 10 the schools the same way, and 20–24 the
family columns as `@`-joined lists. The photo is a raw JPEG in a `.pic` file of the same name.
"""

from __future__ import annotations

from cadre_cli.lrmx.fields import (
    FAMILY_FIELDS,
    FIELDS,
    LRM_EDUCATION,
    LRM_FIELD_COUNT,
    LRM_SCHOOLS,
)
from cadre_cli.lrmx.photo import check_jpeg_bytes
from cadre_cli.lrmx.record import RawCard
from cadre_cli.lrmx.xmlfile import LrmxFileError

MAX_LRM_BYTES = 1024 * 1024  # text only: the photo is in the .pic


def decode_lrm(data: bytes, name: str) -> str:
    if len(data) > MAX_LRM_BYTES:
        raise LrmxFileError(f"“{name}”有 {len(data) // 1024} KB，超过旧版任免表（.lrm）文件的合理大小，已拒绝读取。")
    for encoding in ("gb18030", "utf-8-sig"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise LrmxFileError(f"“{name}”的文字编码无法识别（旧版任免表应为 GBK 编码）。")


def split_fields(text: str) -> list[str]:
    """`"a","b",…` -> [a, b, …]; the quotes around the whole record are removed."""
    s = text.strip().lstrip("\ufeff")
    if s.startswith('"'):
        s = s[1:]
    if s.endswith('"'):
        s = s[:-1]
    return s.split('","')


def parse_lrm(data: bytes, name: str, pic: bytes | None = None, group: str = "") -> RawCard:
    text = decode_lrm(data, name)
    if not text.strip():
        raise LrmxFileError(f"“{name}”是空文件，不是任免审批表。")
    if not text.lstrip("\ufeff \r\n").startswith('"') or '","' not in text:
        raise LrmxFileError(f"“{name}”不是旧版任免表（.lrm）格式：应为用逗号分隔、带引号的各栏内容。")
    values = split_fields(text)
    if len(values) < LRM_FIELD_COUNT - 8:
        raise LrmxFileError(f"“{name}”只有 {len(values)} 栏，旧版任免表（.lrm）应有 {LRM_FIELD_COUNT} 栏，文件可能已损坏。")
    card = RawCard(file=name, format="lrm", group=group, version="2.0", encoding="gb18030")
    card.field_count = len(values)

    def get(i: int) -> str:
        return values[i] if i < len(values) else ""

    for f in FIELDS:
        if f.lrm is not None and f.lrm < len(values):
            card.elements[f.element] = get(f.lrm)
    for index, elements in (LRM_EDUCATION, LRM_SCHOOLS):
        if index < len(values):
            card.elements.update(_packed(get(index), elements))
    columns = [get(f.lrm).split("@") for f in FAMILY_FIELDS if f.lrm is not None]
    for row in range(max(len(c) for c in columns)):
        card.family.append({f.element: (col[row] if row < len(col) else "") for f, col in zip(FAMILY_FIELDS, columns)})
    card.family_present = True
    if pic is not None:
        card.photo = check_jpeg_bytes(pic)
    return card


def _packed(value: str, elements: tuple[str, ...]) -> dict[str, str]:
    """`大学#理学学士@研究生#经济学硕士` -> the four elements (missing parts empty)."""
    fulltime, _, parttime = value.partition("@")
    parts = [*_pair(fulltime), *_pair(parttime)]
    return dict(zip(elements, parts))


def _pair(text: str) -> tuple[str, str]:
    first, _, second = text.partition("#")
    return first, second
