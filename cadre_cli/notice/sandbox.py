"""The Jinja2 environment every notice template renders in, built-in or the user's own.

- Sandboxed and immutable (`ImmutableSandboxedEnvironment`): a template can format the
  data it is given but cannot reach Python (`__class__`, `__globals__`, `mro`) or change
  the data; `range` is capped by Jinja, repetition and powers here.
- Any name the data does not hold renders empty and is recorded (`missing`), so a
  template that asks for `person.id_number` or `person.__class__.__mro__` prints nothing
  and the command warns. Only an operation that cannot go on (calling something the
  sandbox forbids, arithmetic on a missing value, a syntax error) stops the command with
  one Chinese sentence, before any file of the batch is written.
- Autoescaping is on for HTML and docx (XML); Markdown escapes its own markup characters.
- Bounded: what one render may produce (`MAX_OUTPUT` characters), how many loop steps
  `range` may give (`MAX_STEPS`), how large a number may grow (`MAX_INT_BITS`), how large
  a width or count any call or filter may take (`MAX_ARG`), and how long it may run
  (`MAX_SECONDS`). Past any of them the command stops with one Chinese sentence naming
  the template, before anything is written.
"""

from __future__ import annotations

import functools
import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.utils import missing
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from cadre_cli.errors import CadreError, debug_detail

MAX_REPEAT = 10_000
MAX_POWER = 100
MAX_OUTPUT = 20_000_000  # characters of one rendered document (a docx part, an HTML page)
MAX_STEPS = 1_000_000  # items all `range` loops of one render may give together
MAX_INT_BITS = 4096  # about 1,200 decimal digits
MAX_ARG = 100_000  # the largest number any call or filter may be given (a width, a count)
MAX_SECONDS = 20.0
_WIDE_FORMAT = re.compile(r"[0-9]{6,}")


class TemplateLimit(SecurityError):
    """A render went past one of the bounds; `what` says which, in Chinese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _check_args(args: Iterable[Any]) -> None:
    for arg in args:
        if isinstance(arg, int) and not isinstance(arg, bool) and abs(arg) > MAX_ARG:
            raise TemplateLimit(f"参数 {arg} 过大，最多 {MAX_ARG}")
        if isinstance(arg, float) and abs(arg) > MAX_ARG and arg == arg:
            raise TemplateLimit(f"参数 {arg:g} 过大，最多 {MAX_ARG}")


def _check_format(text: Any) -> None:
    if isinstance(text, str) and _WIDE_FORMAT.search(text) and ("%" in text or "{" in text):
        raise TemplateLimit("格式宽度过大")


def _guard_filter(func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        _check_args(args[1:])
        _check_args(kwargs.values())
        if func.__name__ in ("do_format", "format"):
            _check_format(args[0] if args and isinstance(args[0], str) else args[1] if len(args) > 1 else None)
        result = func(*args, **kwargs)
        if isinstance(result, str) and len(result) > MAX_OUTPUT:
            raise TemplateLimit("生成的文字过长")
        return result

    return guarded
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")


def markdown_escape(value: Any) -> Any:
    """Text printed as itself in Markdown: `*`, `<`, `|`… get a backslash."""
    return _MD_SPECIAL.sub(r"\\\1", value) if isinstance(value, str) else value


class _Recording(ChainableUndefined):
    """A missing name: prints as nothing, absorbs attribute, item and call chains, and
    leaves its name in the environment's `missing` set."""

    __slots__ = ()
    _sink: set[str] = set()

    def __init__(self, hint: str | None = None, obj: Any = missing, name: str | None = None,
                 exc: type[TemplateError] = UndefinedError) -> None:
        super().__init__(hint, obj, name, exc)  # type: ignore[arg-type]
        self._sink.add(name or "?")

    def __call__(self, *args: Any, **kwargs: Any) -> _Recording:
        return self


class NoticeEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox with a record of missing names and a cache of compiled sources."""

    intercepted_binops = frozenset({"*", "**", "+", "<<"})

    def __init__(self, autoescape: bool, finalize: Callable[[Any], Any] | None = None, text: bool = False) -> None:
        super().__init__(autoescape=autoescape, finalize=finalize, trim_blocks=text, lstrip_blocks=text,
                         keep_trailing_newline=text)
        self.missing: set[str] = set()
        self.undefined = type("Recording", (_Recording,), {"__slots__": (), "_sink": self.missing})
        self._compiled: dict[str, Any] = {}
        self.filters = {name: _guard_filter(f) for name, f in self.filters.items()}
        self.globals["range"] = self._range
        self.concat = self._concat
        self._steps = 0
        self._deadline = float("inf")

    @contextmanager
    def budget(self) -> Iterator[None]:
        """One render's bounds; in the main thread a timer stops a render that runs too long."""
        self._steps = 0
        self._deadline = time.monotonic() + MAX_SECONDS
        timer = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
        if timer:
            def expired(signum: int, frame: Any) -> None:
                raise TemplateLimit(f"运行超过 {MAX_SECONDS:g} 秒")

            previous = signal.signal(signal.SIGALRM, expired)
            signal.setitimer(signal.ITIMER_REAL, MAX_SECONDS)
        try:
            yield
        finally:
            if timer:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, previous)
            self._deadline = float("inf")

    def _tick(self) -> None:
        if time.monotonic() > self._deadline:
            raise TemplateLimit(f"运行超过 {MAX_SECONDS:g} 秒")

    def _range(self, *args: Any) -> Iterator[int]:
        from jinja2.sandbox import safe_range

        _check_args(args)
        for value in safe_range(*args):
            self._steps += 1
            if self._steps > MAX_STEPS:
                raise TemplateLimit(f"循环超过 {MAX_STEPS} 次")
            if self._steps % 4096 == 0:
                self._tick()
            yield value

    def _concat(self, parts: Iterable[str]) -> str:
        out, size = [], 0
        for part in parts:
            size += len(part)
            if size > MAX_OUTPUT:
                raise TemplateLimit(f"生成的内容超过 {MAX_OUTPUT // 1_000_000} 百万字")
            out.append(part)
        return "".join(out)

    def call(self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        self._tick()
        _check_args(args)
        _check_args(kwargs.values())
        if getattr(__obj, "__name__", None) in ("format", "format_map"):
            _check_format(getattr(getattr(__obj, "__wrapped__", __obj), "__self__", None))
        result = super().call(__context, __obj, *args, **kwargs)
        if isinstance(result, (str, list, tuple)) and len(result) > MAX_OUTPUT:
            raise TemplateLimit("生成的内容过长")
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        ints = isinstance(left, int) and isinstance(right, int)
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError("power too large")
        if operator == "**" and ints and right > 0 and abs(left).bit_length() * right > MAX_INT_BITS:
            raise TemplateLimit(f"数字超过 {MAX_INT_BITS} 位二进制")
        if operator == "<<" and ints and (right > MAX_INT_BITS or abs(left).bit_length() + right > MAX_INT_BITS):
            raise TemplateLimit(f"数字超过 {MAX_INT_BITS} 位二进制")
        if operator == "*":
            if ints and abs(left).bit_length() + abs(right).bit_length() > MAX_INT_BITS:
                raise TemplateLimit(f"数字超过 {MAX_INT_BITS} 位二进制")
            sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                if count > MAX_REPEAT:
                    raise SecurityError("repetition too large")
                if len(sequence) * count > MAX_OUTPUT:
                    raise TemplateLimit("生成的内容过长")
        if operator == "+" and isinstance(left, (str, list, tuple)) and isinstance(right, (str, list, tuple)) \
                and len(left) + len(right) > MAX_OUTPUT:
            raise TemplateLimit("生成的内容过长")
        return super().call_binop(context, operator, left, right)

    def from_string(self, source: Any, globals: Any = None, template_class: Any = None) -> Any:  # noqa: A002
        """Compile once per distinct source: docxtpl hands over the same document XML for
        every notice of a batch."""
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        compiled = self._compiled.get(source)
        if compiled is None:
            compiled = self._compiled[source] = super().from_string(source)
        return compiled


@contextmanager
def template_errors(label: str, show_line: bool = True) -> Iterator[None]:
    """Turn whatever a template raises into one Chinese sentence."""
    try:
        yield
    except TemplateLimit as exc:
        raise CadreError(f"模板“{label}”超出了安全上限（{exc.what}），已停止生成，没有写出任何文件；"
                         "模板只用于排版公示数据，请去掉其中的大循环、超长文字或超大数字。") from None
    except MemoryError:
        raise CadreError(f"模板“{label}”需要的内存过多，已停止生成，没有写出任何文件。") from None
    except TemplateSyntaxError as exc:
        where = f"第{exc.lineno}行" if show_line and exc.lineno else ""
        raise CadreError(f"模板“{label}”{where}有语法错误{debug_detail(exc)}，请检查 {{{{ }}}} 和 {{% %}} 是否成对、拼写是否正确。") from None
    except SecurityError:
        raise CadreError(f"模板“{label}”试图使用不允许的功能，已停止生成；模板只能排版公示数据，不能调用程序内部的对象。") from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
        raise CadreError(f"模板“{label}”无法渲染（字段或运算有误）{debug_detail(exc)}，请检查模板中使用的字段和运算。") from None
