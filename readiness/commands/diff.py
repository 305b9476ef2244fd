"""`readiness diff OLD.json NEW.json`: what changed between two `check --json` results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import add_format_option
from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files
from readiness.reporters import DIFF_FORMATS

EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "diff",
        help="show what changed between two `check --json` results",
        description="Compare two JSON results of `readiness check` by rule and target: the "
        "verdict, newly failing and newly passing findings, changed status or severity, and "
        "findings that appeared or disappeared.",
        epilog=epilog(
            [
                "readiness diff last-week.json this-week.json",
                "readiness diff a.json b.json --format json",
            ],
            {
                0: "the results were compared",
                2: "a file cannot be read or is not a result, or usage",
            },
        ),
    )
    parser.add_argument(
        "old", type=Path, metavar="OLD.json", help="the earlier result (`check --json`)"
    )
    parser.add_argument("new", type=Path, metavar="NEW.json", help="the later result")
    add_format_option(parser, DIFF_FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read both reports, print what changed, and return 0 (2 when a file is unusable)."""
    from readiness.pipeline.diff import run_diff
    from readiness.reporters.wording import plural

    compared = run_diff(args.old, args.new)
    name_files(args, "read", (args.old, args.new))
    if compared.diff is None:
        for problem in compared.problems:
            print(problem.render(), file=sys.stderr)
        print(f"{plural(len(compared.problems), 'problem')}: nothing was compared", file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.write(DIFF_FORMATS[args.format].render(compared.diff))
    return 0
