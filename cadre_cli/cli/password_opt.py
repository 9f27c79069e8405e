"""`--password` and `--no-password-on-output` for every command that reads a workbook.

The password is asked for without echo (getpass) once, before any progress bar, and
only when one of the command's input files is locked; scripts give it in the
environment variable CADRE_PASSWORD. It is never an option value (it would stay in
the shell history), and never printed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from cadre_cli.readers.locked import ENV_VAR

PasswordOption = Annotated[bool, typer.Option(
    "--password",
    help=f"文件有打开密码时加上：运行后提示输入密码（不显示）。脚本中可改用环境变量 {ENV_VAR}。",
)]
PlainOutputOption = Annotated[bool, typer.Option(
    "--no-password-on-output",
    help="输出的工作簿不加密码（默认与有密码的输入相同）。",
)]


def unlocks(*file_params: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Run the command with the open password for the files named by `file_params`
    (the command's own parameters), from `--password` or CADRE_PASSWORD."""

    def decorate(command: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(command)
        def run(*args: Any, **kwargs: Any) -> Any:
            from cadre_cli.readers.locked import password_given

            files = [Path(str(kwargs[p])).expanduser() for p in file_params if kwargs.get(p)]
            with password_given(_password(bool(kwargs.get("password")), files)):
                return command(*args, **kwargs)

        return run

    return decorate


def _password(ask: bool, files: list[Path]) -> str | None:
    if not ask:
        return os.environ.get(ENV_VAR) or None
    state = {f: _is_locked(f) for f in files}
    locked = [f for f, is_locked in state.items() if is_locked]
    if not locked:
        readable = [f for f, is_locked in state.items() if is_locked is False]
        if readable:
            from cadre_cli.cli.common import err_console

            names = "、".join(f"“{f.name}”" for f in readable)
            err_console.print(f"提示：{names}没有设置打开密码，不需要 --password。", markup=False)
        return None
    return _ask("、".join(f"“{f.name}”" for f in locked))


def _is_locked(path: Path) -> bool | None:
    """None when the file cannot be looked at (the command itself then says why)."""
    from cadre_cli.errors import CadreError
    from cadre_cli.readers.guard import Kind, sniff

    try:
        return sniff(path) is Kind.LOCKED
    except CadreError:
        return None


def _ask(names: str) -> str:
    import getpass
    import warnings

    from cadre_cli.errors import CadreError

    with warnings.catch_warnings():
        warnings.simplefilter("error", getpass.GetPassWarning)
        try:
            value = getpass.getpass(f"请输入{names}的打开密码（输入时不显示）：")
        except getpass.GetPassWarning:
            raise CadreError(f"这里无法在终端中输入密码（没有可用的终端）；在脚本中请改为设置环境变量 {ENV_VAR}。") from None
        except EOFError:
            raise CadreError("没有输入密码，已取消。") from None
    if not value:
        raise CadreError("没有输入密码，已取消；文件设有打开密码时需要输入正确的密码。")
    return value
