"""Chinese for everything Typer, Click and pydantic print: `--help` and usage errors.

Typer vendors Click (`typer._click`) with English strings and an ASCII-only layout.
`install()` sets a help formatter that writes Chinese headings and usage words and
measures text in terminal columns (a Chinese character takes two), translates the
words Typer adds to option help, and `usage_error` turns a usage error into one
Chinese sentence. Every patch is guarded: a Typer release that moves things only
brings English back, never a crash.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from cadre_cli.cli import linebreak

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
USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."), ("[ARGS]...", "[参数]..."))


def translate(message: str) -> str:
    return TEXT.get(message, message)


def number_range(low: float | None, high: float | None) -> str | None:
    """`[取值0—120]` instead of Typer's `[0<=x<=120]`."""
    if low is None and high is None:
        return None
    if low is None:
        return f"不大于{high}"
    if high is None:
        return f"不小于{low}"
    return f"取值{low}—{high}"


def usage_text(args: str) -> str:
    for english, chinese in USAGE_WORDS:
        args = args.replace(english, chinese)
    return args


def _formatter_class() -> type:
    from typer._click import formatting

    class ChineseHelpFormatter(formatting.HelpFormatter):
        """Click's help layout with Chinese words and display widths: a heading ends in
        a full-width colon like `用法：`, and columns line up however many Chinese
        characters a metavar holds."""

        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            prefix = "用法：" if prefix is None else prefix
            head = f"{' ' * self.current_indent}{prefix}{prog} "
            rest = linebreak.wrap(usage_text(args), max(self.width - linebreak.width(head), 20))
            pad = " " * linebreak.width(head)
            self.write(head + f"\n{pad}".join(rest) + "\n")

        def write_heading(self, heading: str) -> None:
            self.write(f"{' ' * self.current_indent}{heading}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            line_width = self.width - self.current_indent
            self.write("\n\n".join("\n".join(indent + line for line in (
                _example_lines(par, line_width) if par.startswith(EXAMPLES) else self._wrap(par, line_width)))
                for par in _paragraphs(text)))
            self.write("\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            rows = list(rows)
            first_col = min(max((linebreak.width(r[0]) for r in rows), default=0), col_max) + col_spacing
            indent = " " * self.current_indent
            for first, second in rows:
                self.write(indent + first)
                if not second:
                    self.write("\n")
                    continue
                used = linebreak.width(first)
                if used <= first_col - col_spacing:
                    self.write(" " * (first_col - used))
                else:
                    self.write("\n" + " " * (first_col + self.current_indent))
                lines = self._wrap(second, max(self.width - first_col - self.current_indent, 10))
                pad = " " * (first_col + self.current_indent)
                self.write(lines[0] + "\n" + "".join(f"{pad}{line}\n" for line in lines[1:]))

        @staticmethod
        def _wrap(text: str, line_width: int) -> list[str]:
            return linebreak.wrap(" ".join(text.split("\n")), line_width) or [""]

    return ChineseHelpFormatter


EXAMPLES = "示例："
# a shell word: quoted parts kept whole (`--contact "联系电话：0873-1234567"`)
_SHELL_WORD = re.compile(r'(?:"[^"]*"|\'[^\']*\'|\S)+')


def _paragraphs(text: str) -> list[str]:
    """A docstring's paragraphs, each on one line. Chinese text has no space where a
    source line broke (between two Chinese characters, or beside a full-width mark);
    beside a Latin word or option the space stays (`加 --strict 时`)."""
    def full_width_mark(ch: str) -> bool:
        return linebreak.char_width(ch) == 2 and unicodedata.category(ch).startswith("P")

    def join(lines: list[str]) -> str:
        out = ""
        for line in lines:
            if out and line:
                a, b = out[-1], line[0]
                both_wide = linebreak.char_width(a) == 2 and linebreak.char_width(b) == 2
                if not (both_wide or full_width_mark(a) or full_width_mark(b)):
                    out += " "
            out += line
        return out
    return [join([line.strip() for line in par.splitlines()]) for par in re.split(r"\n\s*\n", text.strip())]


def _example_lines(par: str, line_width: int) -> list[str]:
    """`示例：A；B` as one command a line, broken only between shell words, so a file
    name or a quoted value is never cut and each example can be copied."""
    lines = [EXAMPLES]
    for example in (e.strip() for e in par[len(EXAMPLES):].split("；")):
        line = "  "
        for word in _SHELL_WORD.findall(example):
            if line.strip() and linebreak.width(line) + 1 + linebreak.width(word) > line_width:
                lines.append(line)
                line = "    "
            line += ("" if not line.strip() else " ") + word
        if line.strip():
            lines.append(line)
    return lines


def install() -> None:
    """Chinese for Typer's plain (non-rich) help. The rich help renderer is not used:
    it imports rich and markdown-it and makes `cadre --help` three times slower."""
    try:
        from typer import core as typer_core
        from typer._click import core

        typer_core._ = translate
        typer_core.describe_number_range = number_range
        # our arguments carry Chinese metavars; the English type (`<path>`) adds nothing
        typer_core.TyperArgument.display_type_rich = lambda self, ctx=None: ""
        # `名册文件`, `[规则编号]`: no `{…}` around a required argument
        typer_core.TyperArgument._usage_display_name = lambda self: (
            (self.display_name_raw if self.required else f"[{self.display_name_raw}]")
            + ("..." if self.nargs != 1 else ""))
        core.Context.formatter_class = _formatter_class()
        original_help = core.Command.get_help_option

        def get_help_option(self, ctx):
            option = original_help(self, ctx)
            if option is not None:
                option.help = HELP_TEXT
            return option

        core.Command.get_help_option = get_help_option
    except Exception:  # pragma: no cover - depends on Typer internals
        pass


# --- usage errors --------------------------------------------------------------------

_MESSAGES = (
    (re.compile(r"No such command '(.*?)'\.(?: Did you mean (.*)\?)?"), "_no_such_command"),
    (re.compile(r"Got unexpected extra arguments?(?:\(s\))? \((.*)\)"), "多出了无法识别的参数：{0}"),
    (re.compile(r"Missing command"), "缺少子命令（如 cadre policy list）"),
    (re.compile(r"Option '(.*)' requires an argument"), "选项 {0} 后面需要写一个值"),
    (re.compile(r"Option '(.*)' does not take a value"), "选项 {0} 后面不能带值"),
)
_VALUE_PATTERNS = (
    (re.compile(r"'(.*)' is not one of (.*)\."), "“{0}”不是可选的值（可选：{1}）"),
    (re.compile(r"'(.*)' is not a valid integer"), "“{0}”不是整数"),
    (re.compile(r"'(.*)' is not a valid float"), "“{0}”不是数字"),
    (re.compile(r"'(.*)' is not a valid boolean"), "“{0}”不是是/否值"),
    (re.compile(r"Value (.*) is not a valid (.*)\."), "{0}不是有效的值"),
)


def pydantic_reason(error: dict[str, Any]) -> str:
    """One validation error of pydantic (used by Typer to convert option values) in
    Chinese: what the value should be."""
    kind, ctx, got = error.get("type", ""), error.get("ctx") or {}, error.get("input")
    shown = f"“{got}”" if isinstance(got, (str, int, float)) else "该值"
    bounds = {
        "less_than_equal": f"不能大于{ctx.get('le')}", "less_than": f"应小于{ctx.get('lt')}",
        "greater_than_equal": f"不能小于{ctx.get('ge')}", "greater_than": f"应大于{ctx.get('gt')}",
    }
    if kind in bounds:
        return f"{shown}{bounds[kind]}"
    if kind.startswith("int"):
        return f"{shown}不是整数"
    if kind.startswith(("float", "decimal")):
        return f"{shown}不是数字"
    if kind.startswith("bool"):
        return f"{shown}不是是/否值"
    if kind in ("enum", "literal_error"):
        return f"{shown}不是可选的值（可选：{ctx.get('expected', '')}）"
    if kind in ("value_error", "assertion_error"):
        reason = str(ctx.get("error", "")).rstrip("。.")
        return _value_text(reason + ".") or f"{shown}不正确" + (f"：{reason}" if reason and not reason.isascii() else "")
    return f"{shown}不是有效的值"


def usage_sentence(exc: Exception) -> str:
    """The whole message of a usage error, with where to read more."""
    text = usage_error(exc).rstrip("。")
    return f"{text}{'' if text.endswith('？') else '。'}用 cadre --help 或 cadre 命令 --help 查看用法。"


def usage_error(exc: Exception) -> str:
    """One Chinese sentence for a Click usage error."""
    from typer._click import exceptions as ce

    if isinstance(exc, ce.NoSuchOption):
        hint = f"（是不是 {'、'.join(sorted(exc.possibilities))}？）" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{hint}"
    if isinstance(exc, ce.MissingParameter):
        return f"缺少{_param_name(exc.param) or '参数'}"
    if isinstance(exc, ce.BadParameter):
        return f"{_param_name(exc.param) or '参数'}的值不正确：{_bad_value(exc)}"
    message = getattr(exc, "message", str(exc))
    for pattern, text in _MESSAGES:
        m = pattern.search(message)
        if m:
            if text == "_no_such_command":
                return _no_such_command(m.group(1), m.group(2))
            return text.format(*m.groups())
    if not message.isascii():  # already Chinese (our own BadParameter texts)
        return message.rstrip("。")
    return f"命令用法有误（{message}）"


def _no_such_command(name: str, suggestions: str | None) -> str:
    text = f"没有“{name}”这个命令"
    if suggestions:
        names = "、".join(s.strip().strip("'\"") for s in suggestions.split(","))
        text += f"，是不是 {names}？"
    return text


def _bad_value(exc: Any) -> str:
    cause = exc.__cause__
    if cause is not None and hasattr(cause, "errors"):
        try:
            errors = cause.errors()
        except Exception:  # pragma: no cover - not a pydantic error after all
            errors = []
        if errors:
            return pydantic_reason(errors[0])
    message = str(exc.message)
    return _value_text(message) or message.rstrip("。.")


def _value_text(message: str) -> str | None:
    """Click's and Typer's English about a value, in Chinese."""
    for pattern, text in _VALUE_PATTERNS:
        m = pattern.search(message)
        if m:
            return text.format(*m.groups())
    return None


def _param_name(param: object) -> str | None:
    if param is None:
        return None
    opts = getattr(param, "opts", None) or []
    if opts and opts[0].startswith("-"):
        return f"选项 {opts[0]} "
    name = getattr(param, "metavar", None) or getattr(param, "name", None)
    return f"参数“{str(name).strip('[]')}”" if name else None
