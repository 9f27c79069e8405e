"""The `cadre` command line: a thin Typer layer over the library.

Heavy libraries (openpyxl, calamine, docx) are imported inside the commands
that need them, so `cadre --help` stays fast.
"""

from __future__ import annotations

import os
import sys

import typer

from cadre_cli.cli import zh

zh.install()

app = typer.Typer(
    name="cadre",
    help=(
        "后备干部工作命令行工具：答辩测评计分（score）、名册审核（audit）、民主推荐和测评计票（poll）、公示与名单（notice）、干部任免审批表（lrmx）。\n\n"
        "读取组织人事部门现有的 Excel/WPS 表格，按政策文件计算与核对，写回带标注的工作簿。"
        "每个命令都可加 --help 查看用法和示例。"
    ),
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)



def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("cadre-cli")
        except PackageNotFoundError:  # pragma: no cover - run from a source tree
            from cadre_cli import __version__ as number
        print(f"cadre {number}")
        raise typer.Exit(0)


@app.callback()
def _root(
    show_version: bool = typer.Option(False, "--version", "-V", is_eager=True, callback=_version,
                                      help="显示版本号并退出。"),
) -> None:
    pass


from cadre_cli.cli import policy_cmd, rules_cmd, template_cmd  # noqa: E402

app.add_typer(policy_cmd.policy_app, name="policy")
app.command("rules")(rules_cmd.rules)
app.command("template")(template_cmd.template)

for _module in ("score_cmd", "audit_cmd", "poll_cmd", "notice_cmd", "inspect_cmd", "lrmx_cmd"):
    try:
        _mod = __import__(f"cadre_cli.cli.{_module}", fromlist=["register"])
    except ModuleNotFoundError:
        continue
    _mod.register(app)


def _setup_streams() -> None:
    """Chinese on any locale: under LANG=C, LC_ALL=C or PYTHONIOENCODING=ascii the streams
    are switched to UTF-8 (what today's terminals take) or, when the locale names an
    encoding that holds Chinese (GBK/GB18030), to that; characters a stream still cannot
    take are replaced, never an error and never `\\u9519` escapes."""
    import codecs
    import locale

    wanted = None
    try:
        preferred = codecs.lookup(locale.getpreferredencoding(False)).name
    except (LookupError, ValueError):
        preferred = "ascii"
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            can = "错误".encode(encoding) and True
        except (UnicodeEncodeError, LookupError):
            can = False
        if can and getattr(stream, "errors", "strict") == "replace":
            continue
        if not can:
            try:
                wanted = preferred if "错误".encode(preferred) else "utf-8"
            except (UnicodeEncodeError, LookupError):
                wanted = "utf-8"
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(encoding=encoding if can else wanted, errors="replace")
            except (ValueError, OSError):
                pass


def main(argv: list[str] | None = None) -> None:
    """Entry point: Chinese messages and exit code 2 for usage and input errors."""
    from typer._click import exceptions as ce

    from cadre_cli.cli.common import err_console, shown
    from cadre_cli.errors import CadreError
    from cadre_cli.readers.guard import forget_inputs
    from cadre_cli.writers import atomic

    _setup_streams()
    forget_inputs()
    atomic.reset()
    atomic.install_signal_cleanup()
    args = sys.argv[1:] if argv is None else argv
    try:
        code = app(args=args, prog_name="cadre", standalone_mode=False)
    except ce.NoArgsIsHelpError as exc:
        help_text = exc.ctx.get_help()
        if help_text:
            print(help_text)
        sys.exit(0)
    except ce.UsageError as exc:
        err_console.print(f"[bold red]错误：[/]{shown(zh.usage_sentence(exc))}")
        sys.exit(2)
    except CadreError as exc:
        err_console.print(f"[bold red]错误：[/]{shown(exc.message)}")
        sys.exit(exc.exit_code)
    except (typer.Abort, KeyboardInterrupt):
        atomic.remove_leftovers()
        err_console.print("已取消。")
        sys.exit(130)
    except atomic.Terminated as exc:
        atomic.remove_leftovers()
        err_console.print("已中止，没有留下不完整的文件。")
        sys.exit(128 + exc.signum)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (SystemExit, BrokenPipeError):
        raise
    except RecursionError as exc:
        if os.environ.get("CADRE_DEBUG"):
            internal_error(exc)
        err_console.print("[bold red]错误：[/]输入的嵌套层次太深（如政策文件的 extends 链、表格结构），无法处理。")
        sys.exit(2)
    except MemoryError:
        err_console.print("[bold red]错误：[/]输入文件太大，内存不足，无法处理；请拆分成几个较小的文件再试。")
        sys.exit(2)
    except Exception as exc:
        internal_error(exc)
    finally:
        atomic.remove_leftovers()
    sys.exit(code if isinstance(code, int) else 0)


def internal_error(exc: BaseException) -> None:
    """Exit 3: a fault of the program, not of the user's file. `CADRE_DEBUG=1` prints
    the traceback, straight to the process's own stderr (a progress bar may still hold
    sys.stderr)."""
    from cadre_cli.cli.common import err_console, shown

    if os.environ.get("CADRE_DEBUG"):
        import traceback

        stream = sys.__stderr__ or sys.stderr
        traceback.print_exception(exc, file=stream)
        stream.flush()
    else:
        err_console.print(
            f"[bold red]程序内部错误：[/]{shown(type(exc).__name__)}: {shown(exc)}。这不是您的操作问题，"
            "请把这条信息和所用的文件报告给维护者（设置环境变量 CADRE_DEBUG=1 可看到详细信息）。"
        )
    sys.exit(3)
