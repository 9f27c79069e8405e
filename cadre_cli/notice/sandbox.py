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
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from jinja2 import ChainableUndefined, TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.utils import missing
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from cadre_cli.errors import CadreError

MAX_REPEAT = 10_000
MAX_POWER = 100
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

    intercepted_binops = frozenset({"*", "**"})

    def __init__(self, autoescape: bool, finalize: Callable[[Any], Any] | None = None, text: bool = False) -> None:
        super().__init__(autoescape=autoescape, finalize=finalize, trim_blocks=text, lstrip_blocks=text,
                         keep_trailing_newline=text)
        self.missing: set[str] = set()
        self.undefined = type("Recording", (_Recording,), {"__slots__": (), "_sink": self.missing})
        self._compiled: dict[str, Any] = {}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, (int, float)) and abs(right) > MAX_POWER:
            raise SecurityError("power too large")
        if operator == "*":
            sequence, count = (left, right) if isinstance(left, (str, list, tuple)) else (right, left)
            if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) and count > MAX_REPEAT:
                raise SecurityError("repetition too large")
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
    except TemplateSyntaxError as exc:
        where = f"第{exc.lineno}行" if show_line and exc.lineno else ""
        raise CadreError(f"模板“{label}”{where}有语法错误（{exc.message}），请检查 {{{{ }}}} 和 {{% %}} 是否成对、拼写是否正确。") from None
    except SecurityError:
        raise CadreError(f"模板“{label}”试图使用不允许的功能，已停止生成；模板只能排版公示数据，不能调用程序内部的对象。") from None
    except (TemplateError, ArithmeticError, TypeError, ValueError, LookupError, RecursionError) as exc:
        raise CadreError(f"模板“{label}”无法渲染（{type(exc).__name__}: {exc}），请检查模板中使用的字段和运算。") from None
