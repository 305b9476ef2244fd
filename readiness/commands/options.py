"""Argument types shared by commands."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from readiness.pipeline.request import CheckRequest
from readiness.reporters import Format, file_formats, stdout_formats
from readiness.reporters.wording import plural

# The dates a site may state (the schema's bounds); `fromisoformat` alone takes `2027-W16-5`.
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
FIRST_DATE = dt.date(1900, 1, 1)
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


def add_format_option(
    parser: argparse.ArgumentParser, formats: dict[str, Format], help: str | None = None
) -> None:
    """`--format NAME`: what to print, one of the registry's formats (the first by default)."""
    names = stdout_formats(formats)
    parser.add_argument("--format", choices=names, default=names[0], help=help)


def add_file_options(parser: argparse.ArgumentParser, formats: dict[str, Format]) -> None:
    """One `--NAME FILE` option for each format of the registry that can be written to a file."""
    for name in file_formats(formats):
        parser.add_argument(f"--{name}", type=Path, metavar="FILE", help=formats[name].help)


def file_outputs(
    args: argparse.Namespace, formats: dict[str, Format], subject: object, history: object = None
) -> dict[Path, str | bytes]:
    """Each file asked for with `--NAME FILE`, and its content."""
    return {
        getattr(args, name): formats[name].render_file(subject, history=history)
        for name in file_formats(formats)
        if getattr(args, name) is not None
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


def run_date(args: argparse.Namespace) -> dt.date:
    """The `--as-of` date, or today, said on standard error so that the run can be repeated."""
    if args.as_of is not None:
        as_of: dt.date = args.as_of
        return as_of
    today = dt.date.today()
    print(f"readiness: as of {today.isoformat()} (today; set --as-of to fix it)", file=sys.stderr)
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
    """An error when two report options name one file (one would silently replace the other)."""
    seen: dict[Path, str] = {}
    for name in names:
        path = getattr(args, name)
        if path is None:
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

    The trends by site id, and the line to print once the run's output is out (what was
    recorded, where); None after printing the problems when the history cannot be used.
    """
    from readiness.pipeline.history import default_history, trends

    if not (args.record or wanted):
        return {}, ""
    history = args.history or default_history(sites)
    found, problems = trends(history, results, args.record, origin)
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    if problems:
        return None
    note = f"readiness: recorded {plural(len(results), 'result')} in {history}\n"
    return dict(found), note if args.record else ""
