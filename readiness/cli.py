"""Command-line entry point: parses arguments and dispatches to one command module."""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from types import FrameType
from typing import Any, NoReturn

from readiness.collector import tune_collector
from readiness.commands import actions, check, compare, diff, graph, history, rules, trend, validate
from readiness.commands.parser import Parser, epilog

EXIT_USAGE = 2
EXIT_INTERNAL = 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command."""
    parser: argparse.ArgumentParser = Parser(
        prog="readiness",
        description="Evidence-based go / no-go readiness for clinical-system go-lives. "
        "`readiness COMMAND --help` describes each command.",
        epilog=epilog(
            [
                "readiness validate sites",
                "readiness check sites/northgate --as-of 2027-03-04 --html report.html",
                "readiness compare sites --json -",
            ],
            {
                0: "success, or the gate passed",
                1: "the gate failed (check), a site is invalid (validate), or a rule example "
                "disagrees (rules test)",
                2: "invalid input or usage",
            },
        ),
    )
    parser.add_argument(
        "--version", action=_PrintVersion, help="print the version of readiness and exit"
    )
    parser.add_argument(
        "--debug",
        action="store_true",
        help="on an internal error, show the Python traceback (also READINESS_DEBUG=1)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help="the command to run")
    validate.add_parser(commands)
    check.add_parser(commands)
    rules.add_parser(commands)
    graph.add_parser(commands)
    compare.add_parser(commands)
    diff.add_parser(commands)
    actions.add_parser(commands)
    history.add_parser(commands)
    trend.add_parser(commands)
    return parser


class _PrintVersion(argparse.Action):
    """`--version`, the version looked up only when asked for (importlib.metadata, which
    finds it, takes longer to import than the rest of `--help`)."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(
            option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help
        )

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        from readiness import __version__

        print(f"readiness {__version__}")
        parser.exit()


def console_main() -> NoReturn:
    """`readiness` and `python -m readiness`: one command in a process of its own."""
    tune_collector()
    try:
        code = main()
    except SystemExit as done:  # --help, --version and usage errors end inside argparse
        code = _exit_code(done)
    leave(code)


def _exit_code(done: SystemExit) -> int:
    """The status a SystemExit asks for, as Python itself would give it."""
    if done.code is None or isinstance(done.code, int):
        return done.code or 0
    with contextlib.suppress(OSError, ValueError):
        print(done.code, file=sys.stderr)
    return 1


def leave(code: int) -> NoReturn:
    """End the process with `code` once the command is done, without freeing its data object
    by object: a large check holds a few hundred thousand objects, and taking them apart one
    at a time at exit cost a tenth of its run. Exit handlers still run (a pool's, a temporary
    file's), both standard streams are flushed first, and every file a command writes is
    closed before it returns; the operating system takes back the memory at once."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        pass  # the reader has gone (`| head`): it read what it wanted
    except (OSError, ValueError) as error:
        # A full disk or a closed stream: the output is not all there, so the run must not
        # look as if it were.
        failed = _output_failed(error)  # said whatever the command's own code
        code = code or failed
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    atexit._run_exitfuncs()
    os._exit(code)


def _output_failed(error: Exception) -> int:
    """Say that standard output could not be written; the exit code that goes with it."""
    with contextlib.suppress(OSError, ValueError):
        print(f"readiness: error: standard output not written: {error}", file=sys.stderr)
    return EXIT_INTERNAL


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except BrokenPipeError:
        return 0
    except OSError as error:  # `--help` or `--version` written to a full disk
        return _output_failed(error)
    if not getattr(args, "run", None):
        parser.print_usage(sys.stderr)
        print("readiness: error: a command is required", file=sys.stderr)
        return EXIT_USAGE
    try:
        with _terminate_as_interrupt():
            code: int = args.run(args)
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
    except Terminated:
        return 143
    except Exception as error:  # the last line of defence: no input may reach it
        if _debugging(args):
            raise
        print(
            f"readiness: internal error in `{args.command}` ({type(error).__name__}); "
            "please report it with the command and its input files; "
            "--debug or READINESS_DEBUG=1 shows the traceback",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
    return code


class Terminated(BaseException):
    """SIGTERM arrived: unwind like Ctrl-C, so that temporary files are removed."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    raise Terminated


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _debugging(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "debug", False)) or os.environ.get("READINESS_DEBUG") == "1"
