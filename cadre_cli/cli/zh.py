"""Chinese for the parts of `--help` and usage errors that Typer and Click print.

Typer vendors Click (`typer._click`) with English strings; we set the panel titles,
the usage prefix and the help option's text, and translate usage errors ourselves.
Every patch is guarded: a Typer release that moves things only brings English back.
"""

from __future__ import annotations

import re

TEXT = {
    "Arguments": "参数",
    "Options": "选项",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(deprecated) ": "（已弃用）",
    "(dynamic)": "（动态）",
    "Aborted!": "已取消。",
    "Missing command.": "缺少子命令。",
}
HELP_TEXT = "显示本帮助并退出。"


def translate(message: str) -> str:
    return TEXT.get(message, message)


def install() -> None:
    """Chinese for Typer's plain (non-rich) help. The rich help renderer is not used:
    it imports rich and markdown-it and makes `cadre --help` three times slower."""
    try:
        from typer import core as typer_core
        from typer._click import core, formatting

        typer_core._ = translate
        # our arguments carry Chinese metavars; the English type (`<path>`) adds nothing
        typer_core.TyperArgument.display_type_rich = lambda self, ctx=None: ""
        original_usage = formatting.HelpFormatter.write_usage

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            original_usage(self, prog, args, "用法：" if prefix is None else prefix)

        formatting.HelpFormatter.write_usage = write_usage
        original_help = core.Command.get_help_option

        def get_help_option(self, ctx):
            option = original_help(self, ctx)
            if option is not None:
                option.help = HELP_TEXT
            return option

        core.Command.get_help_option = get_help_option
    except Exception:  # pragma: no cover - depends on Typer internals
        pass


_VALUE_PATTERNS = (
    (re.compile(r"'(.*)' is not a valid integer"), "“{0}”不是整数"),
    (re.compile(r"'(.*)' is not a valid float"), "“{0}”不是数字"),
    (re.compile(r"'(.*)' is not one of (.*)\."), "“{0}”不在可选值 {1} 之中"),
    (re.compile(r"'(.*)' is not a valid boolean"), "“{0}”不是是/否值"),
)


def usage_error(exc: Exception) -> str:
    """One Chinese sentence for a Click usage error."""
    from typer._click import exceptions as ce

    if isinstance(exc, ce.NoSuchOption):
        hint = f"（是不是 {', '.join(sorted(exc.possibilities))}？）" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{hint}"
    if isinstance(exc, ce.MissingParameter):
        name = _param_name(exc.param) or "参数"
        return f"缺少{name}"
    if isinstance(exc, ce.BadParameter):
        message = exc.message
        for pattern, text in _VALUE_PATTERNS:
            m = pattern.search(message)
            if m:
                message = text.format(*m.groups())
                break
        return f"{_param_name(exc.param) or '参数'}的值不正确：{message}"
    message = getattr(exc, "message", str(exc))
    m = re.match(r"Got unexpected extra arguments? \((.*)\)", message)
    if m:
        return f"多出了无法识别的参数：{m.group(1)}"
    m = re.match(r"No such command '(.*)'", message)
    if m:
        return f"没有“{m.group(1)}”这个命令"
    if message.startswith("Missing command"):
        return "缺少子命令"
    return f"命令用法有误：{message}"


def _param_name(param: object) -> str | None:
    if param is None:
        return None
    opts = getattr(param, "opts", None) or []
    if opts and opts[0].startswith("-"):
        return f"选项 {opts[0]}"
    name = getattr(param, "name", None)
    return f"参数 {str(name).upper()}" if name else None
