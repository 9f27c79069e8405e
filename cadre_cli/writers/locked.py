"""An annotated copy of a locked workbook is locked with the same password: it never
leaves the personal data less protected than it came. The workbook is saved to memory
and encrypted from there (msoffcrypto-tool, ECMA-376 agile encryption, as Excel 2010+
and WPS write it); no unencrypted copy touches the disk."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any


def locked_writer(save: Callable[[Any], None], password: str) -> Callable[[Path], None]:
    """`save(file)` writes the plain workbook; the returned writer puts it, encrypted, at a path."""

    def write(target: Path) -> None:
        from msoffcrypto.format.ooxml import OOXMLFile

        plain = io.BytesIO()
        save(plain)
        plain.seek(0)
        with target.open("wb") as out:
            OOXMLFile(plain).encrypt(password, out)

    return write


def output_password(book: Any, target: Path, keep: bool) -> tuple[str | None, list[str]]:
    """The password for the copy written from `book`, and the line telling the user.
    `keep=False` is `--no-password-on-output`."""
    if book.password is None:
        return None, []
    if keep:
        return book.password, [f"输出文件“{target.name}”已设置与“{book.path.name}”相同的打开密码。"]
    return None, [f"警告：按 --no-password-on-output，输出文件“{target.name}”没有设置打开密码，"
                  "其中含有原文件中的个人信息，请妥善保管，用完及时删除。"]
