"""What a command prints besides its output: colour, notes, and how much of them.

Every command has the same three options (added to each parser by `commands.parser`):

- `-q/--quiet`: standard error carries errors only: no notes (the date assumed when `--as-of`
  is not given, entries skipped, counts, settings that differ from the catalogue, progress).
  The output asked for (standard output, report files) and the exit code are unchanged.
- `-v/--verbose`: standard error also names every file the run read and every report it wrote.
- `--color auto|always|never`: colour on standard output. `auto` (the default) colours only a
  terminal, never when `NO_COLOR` is set to anything but the empty string, nor when
  `TERM=dumb`; `FORCE_COLOR` (non-empty) colours even a pipe. The option wins over both.

Their defaults are `SUPPRESS`, so that an option given before the command
(`readiness -q check ...`) is not undone by the command's parser; read them through the
functions here.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")


def add_terminal_options(parser: argparse.ArgumentParser) -> None:
    """`-q`, `-v` and `--color`, on every parser (see the module docstring)."""
    loudness = parser.add_mutually_exclusive_group()
    loudness.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=argparse.SUPPRESS,
        help="print only errors on standard error, no notes, counts or progress",
    )
    loudness.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=argparse.SUPPRESS,
        help="also name on standard error every file read and every report written",
    )
    parser.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default=argparse.SUPPRESS,
        help="colour the terminal output: auto (default: on a terminal, unless NO_COLOR is "
        "set or TERM=dumb; FORCE_COLOR forces it), always or never",
    )


def is_quiet(args: argparse.Namespace) -> bool:
    """True when `-q` was given."""
    return bool(getattr(args, "quiet", False))


def is_verbose(args: argparse.Namespace) -> bool:
    """True when `-v` was given."""
    return bool(getattr(args, "verbose", False))


def use_colour(
    args: argparse.Namespace,
    stream: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
) -> bool:
    """Whether to colour what goes to `stream` (standard output by default)."""
    choice = getattr(args, "color", "auto")
    if choice != "auto":
        return bool(choice == "always")
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", ""):
        return False
    if env.get("FORCE_COLOR", ""):
        return True
    if env.get("TERM") == "dumb":
        return False
    out = sys.stdout if stream is None else stream
    return out.isatty()


def note(args: argparse.Namespace, text: str) -> None:
    """A line on standard error that `-q` silences: `readiness: TEXT`."""
    if not is_quiet(args):
        print(f"readiness: {text}", file=sys.stderr)


def notes(args: argparse.Namespace, text: str) -> None:
    """Text on standard error, as it is, that `-q` silences (a block already formatted)."""
    if text and not is_quiet(args):
        sys.stderr.write(text)


def name_files(args: argparse.Namespace, verb: str, paths: Iterable[Path | str]) -> None:
    """With `-v`, one line per file: `readiness: read PATH`, `readiness: wrote PATH`."""
    if is_verbose(args):
        for path in paths:
            # A run's inputs list the folders it read too; only the files are named.
            if not Path(path).is_dir():
                print(f"readiness: {verb} {path}", file=sys.stderr)
