"""Argument types shared by commands, and where each output goes.

`--format NAME` prints one format on standard output; `--NAME FILE` writes a report to a file,
and `--NAME -` prints that report on standard output instead. Only one output can go to
standard output: two `-`, or `-` beside an explicit `--format`, is a usage error, and a `-`
report replaces the terminal summary rather than mixing with it. Notes stay on standard error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.commands.terminal import note, use_colour
from readiness.pipeline.request import CheckRequest
from readiness.reporters import Format, file_formats, stdout_formats

# The dates a site may state (the schema's bounds); `fromisoformat` alone takes `2027-W16-5`.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
FIRST_DATE = dt.date(1900, 1, 1)
# `--NAME -`: the report goes to standard output.
STDOUT = Path("-")
LAST_DATE = dt.date(2200, 12, 31)


def iso_date(text: str) -> dt.date:
    """An `--as-of` value: a YYYY-MM-DD date from 1900 to 2200."""
    try:
        if not _ISO_DATE.match(text):
            raise ValueError
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"`{text}` is not a date; expected YYYY-MM-DD") from None
    if not FIRST_DATE <= day <= LAST_DATE:
        raise argparse.ArgumentTypeError(
            f"`{text}` is outside the dates a plan can hold; expected a date from "
            f"{FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
        )
    return day


def rule_ids(text: str) -> list[str]:
    """A comma-separated list of rule ids or prefixes such as `TR-`."""
    ids = [part.strip() for part in text.split(",") if part.strip()]
    if not ids:
        raise argparse.ArgumentTypeError("expected one or more rule ids, e.g. TR-COMPLETE,IF-")
    return ids


def add_evaluation_options(parser: argparse.ArgumentParser, config_default: str) -> None:
    """The options every command that evaluates sites shares: rules, config, date, selection."""
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="an extra rule folder (repeatable)",
    )
    parser.add_argument(
        "--config",
        type=Path,
        metavar="FILE",
        help=f"programme configuration (default: {config_default})",
    )
    parser.add_argument(
        "--as-of",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="the date to judge deadlines and waivers by (default: today)",
    )
    parser.add_argument(
        "--select",
        type=rule_ids,
        action="append",
        default=[],
        metavar="IDS",
        help="only these rule ids or prefixes, comma-separated",
    )
    parser.add_argument(
        "--ignore",
        type=rule_ids,
        action="append",
        default=[],
        metavar="IDS",
        help="skip these rule ids or prefixes, comma-separated",
    )


def add_cache_options(parser: argparse.ArgumentParser) -> None:
    """`--cache-dir DIR` and `--no-cache`: where evaluated results are kept between runs."""
    parser.add_argument(
        "--cache-dir",
        type=Path,
        metavar="DIR",
        help="keep each site's result here and reuse it while its inputs are unchanged "
        "(default: readiness in $XDG_CACHE_HOME or the user's cache folder; safe to delete)",
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="evaluate every site afresh and keep nothing (even with --cache-dir)",
    )


def cache_folder(args: argparse.Namespace) -> Path | None:
    """The cache folder asked for, the user's by default, or None with `--no-cache`."""
    if args.no_cache:
        return None
    folder: Path | None = args.cache_dir or user_cache_folder()
    return folder


def user_cache_folder() -> Path | None:
    """`readiness` in $XDG_CACHE_HOME, else in the platform's cache folder for the user."""
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    # The XDG specification says a relative path is invalid and is to be ignored.
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "readiness"
    try:
        home = Path.home()
    except RuntimeError:  # no home folder: nowhere to keep results, so none are kept
        return None
    if sys.platform == "win32":
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "readiness" / "Cache" if local else None
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "readiness"
    return home / ".cache" / "readiness"


def add_format_option(
    parser: argparse.ArgumentParser, formats: dict[str, Format], help: str | None = None
) -> None:
    """`--format NAME`: what to print, one of the registry's formats (the first by default)."""
    names = stdout_formats(formats)
    parser.add_argument(
        "--format",
        choices=names,
        default=names[0],
        action=_Chosen,
        help=help or f"what to print on standard output (default: {names[0]})",
    )


class _Chosen(argparse.Action):
    """Stores the value and notes that it was given, so `--format` and `--NAME -` can clash."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        setattr(namespace, self.dest, values)
        setattr(namespace, f"{self.dest}_given", True)


def add_file_options(parser: argparse.ArgumentParser, formats: dict[str, Format]) -> None:
    """One `--NAME FILE` option for each format of the registry that can be written to a file."""
    for name in file_formats(formats):
        parser.add_argument(
            f"--{name}",
            type=Path,
            metavar="FILE",
            help=f"{formats[name].help} to FILE (- for standard output)",
        )


def file_outputs(
    args: argparse.Namespace, formats: dict[str, Format], subject: object, history: object = None
) -> dict[Path, str | bytes]:
    """Each file asked for with `--NAME FILE`, and its content (`--NAME -` is not a file)."""
    return {
        getattr(args, name): formats[name].render_file(subject, history=history)
        for name in file_formats(formats)
        if getattr(args, name) not in (None, STDOUT)
    }


def add_history_options(parser: argparse.ArgumentParser, default: str) -> None:
    """`--record` and `--history PATH`: the history database of assessments."""
    parser.add_argument(
        "--record",
        action="store_true",
        help="add this run's result to the history database (one entry per site and date: "
        "a second run on the same date replaces the first)",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help=f"the history database (default: {default}); its trends appear in the html report",
    )


def stdout_output(
    args: argparse.Namespace, formats: dict[str, Format], subject: object, history: object = None
) -> str | bytes:
    """What goes to standard output: the report asked for with `--NAME -`, else `--format`'s."""
    for name in file_formats(formats):
        if getattr(args, name) == STDOUT:
            return formats[name].render_file(subject, history=history)
    return formats[args.format].render(subject, colour=use_colour(args))


def write_stdout(output: str | bytes) -> None:
    """Print the output: text as it is, a binary report (a workbook) as its bytes."""
    if isinstance(output, str):
        sys.stdout.write(output)
        return
    sys.stdout.flush()
    sys.stdout.buffer.write(output)
    sys.stdout.buffer.flush()


def run_date(args: argparse.Namespace) -> dt.date:
    """The `--as-of` date, or today, said on standard error so that the run can be repeated."""
    if args.as_of is not None:
        as_of: dt.date = args.as_of
        return as_of
    today = dt.date.today()
    note(args, f"as of {today.isoformat()} (today; set --as-of to fix it)")
    return today


def check_request(site: Path, as_of: dt.date, args: argparse.Namespace) -> CheckRequest:
    """The request to check one site with the evaluation options given."""
    return CheckRequest(
        site=site,
        as_of=as_of,
        rule_dirs=tuple(args.rules),
        config_path=args.config,
        select=tuple(i for group in args.select for i in group),
        ignore=tuple(i for group in args.ignore for i in group),
    )


def same_output_twice(args: argparse.Namespace, names: tuple[str, ...]) -> str | None:
    """An error when two outputs would land in one place (one would replace or garble the other).

    Two report options naming one file, two reports sent to standard output with `-`, or a
    `-` report beside an explicit `--format` (which prints on standard output too).
    """
    seen: dict[Path, str] = {}
    for name in names:
        path = getattr(args, name)
        if path is None:
            continue
        if path == STDOUT:
            if STDOUT in seen:
                return (
                    f"--{seen[STDOUT]} - and --{name} - both ask for standard output; "
                    "send one of them to a file [output-duplicate]"
                )
            if getattr(args, "format_given", False):
                return (
                    f"--format {args.format} and --{name} - both print on standard output; "
                    "drop --format, or send the report to a file [output-duplicate]"
                )
            seen[STDOUT] = name
            continue
        key = path.resolve()
        if key in seen:
            return f"{path}: --{seen[key]} and --{name} name the same file [output-duplicate]"
        seen[key] = name
    return None


def history_trends(
    args: argparse.Namespace,
    sites: list[Path],
    results: Sequence[Any],
    origin: str,
    wanted: bool,
) -> tuple[dict[str, Any], str] | None:
    """Record the results if asked, and each site's trend when `wanted` (for a report).

    The trends by site id, and the note to give once the run's output is out (what was
    recorded, where; empty when nothing was); None after printing the problems when the
    history cannot be used.
    """
    from readiness.pipeline.history import default_history, trends
    from readiness.reporters.wording import plural

    if not (args.record or wanted):
        return {}, ""
    history = args.history or default_history(sites)
    found, problems = trends(history, results, args.record, origin)
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    if problems:
        return None
    recorded = f"recorded {plural(len(results), 'result')} in {history}"
    return dict(found), recorded if args.record else ""
