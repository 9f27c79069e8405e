"""Workbooks with an open password (打开密码): decrypted in memory, never on disk.

The password for a run is set once by the command line (`--password` asks for it, or
the environment variable `CADRE_PASSWORD`) and held here for the readers; it is never
printed, logged, or put in a message. msoffcrypto-tool decrypts .xlsx/.xlsm locked by
Excel 2010+ or WPS (agile and standard encryption) and .xls locked with RC4.
"""

from __future__ import annotations

import inspect
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path

from cadre_cli.errors import InputError

ENV_VAR = "CADRE_PASSWORD"
_PASSWORD: ContextVar[str | None] = ContextVar("cadre_open_password", default=None)


@contextmanager
def password_given(password: str | None) -> Iterator[None]:
    """The open password for the files read inside the block."""
    token = _PASSWORD.set(password or None)
    try:
        yield
    finally:
        _PASSWORD.reset(token)


def need_password_message(name: str) -> str:
    return (f"“{name}”设置了打开密码。请在命令后加 --password，运行时按提示输入密码（输入时不显示）；"
            f"在脚本中可改为设置环境变量 {ENV_VAR}。")


def decrypt(path: Path) -> tuple[bytes, str]:
    """The decrypted workbook's bytes and the password that opened it."""
    import msoffcrypto
    from msoffcrypto import exceptions as mx

    name = path.name
    password = _PASSWORD.get()
    if password is None:
        raise InputError(need_password_message(name))
    out = io.BytesIO()
    try:
        from cadre_cli.readers.guard import MAX_BYTES, Kind, read_regular

        with io.BytesIO(read_regular(path, MAX_BYTES[Kind.LOCKED])[0]) as fh:
            office = msoffcrypto.OfficeFile(fh)
            if "verify_password" in inspect.signature(office.load_key).parameters:  # OOXML: check first
                office.load_key(password=password, verify_password=True)
            else:  # .xls: the key is verified as it is loaded
                office.load_key(password=password)
            office.decrypt(out)
    except mx.InvalidKeyError:
        raise InputError(f"“{name}”的打开密码不正确，请重新运行并输入正确的密码。") from None
    except (mx.FileFormatError, mx.DecryptionError, mx.ParseError, NotImplementedError, ValueError, OSError, AssertionError):
        raise InputError(
            f"“{name}”设置了打开密码，但其加密方式本工具无法解开；请在 Excel/WPS 中用密码打开后另存一份再试。"
        ) from None
    return out.getvalue(), password
