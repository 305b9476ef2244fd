"""`readiness history import FILE.json...`: backfill the history from earlier JSON results."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.parser import epilog

EXIT_INPUT = 2
_EPILOG = epilog(
    [
        "readiness history import results/*.json",
        "readiness history import old.json --history sites/.readiness/history.sqlite",
    ],
    {
        0: "every file was recorded",
        2: "a file is not a `check --json` result, the history cannot be used, or usage "
        "(nothing is recorded)",
    },
)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command and its sub-command."""
    parser = commands.add_parser(
        "history",
        help="manage the history database of assessments",
        description="The history database holds every recorded assessment of every site "
        "(`check --record`, `compare --record`); `readiness trend SITE` reads it.",
        epilog=_EPILOG,
    )
    actions = parser.add_subparsers(
        dest="action", metavar="ACTION", required=True, help="what to do with the history"
    )
    importing = actions.add_parser(
        "import",
        help="record earlier `check --json` results",
        description="Record each `check --json` file as an assessment of its site on its "
        "as-of date (replacing any entry of that site and date). Every file is checked first: "
        "one that is not a readiness result records nothing and exits 2.",
        epilog=_EPILOG,
    )
    importing.add_argument(
        "files", type=Path, nargs="+", metavar="FILE.json", help="results of `check --json`"
    )
    importing.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        default=Path(".readiness") / "history.sqlite",
        help="the history database (default: .readiness/history.sqlite in the working folder)",
    )
    importing.set_defaults(run=run_import)


def run_import(args: argparse.Namespace) -> int:
    """Record every file, or none when any is unusable (exit 2)."""
    from readiness.pipeline.history import import_results
    from readiness.reporters.wording import plural

    recorded, problems = import_results(args.history, args.files)
    if problems:
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        print(f"{plural(len(problems), 'problem')}: nothing was recorded", file=sys.stderr)
        return EXIT_INPUT
    for file, a in zip(args.files, recorded, strict=True):
        print(f"{file}: {a.site} as of {a.as_of.isoformat()}, {a.verdict}")
    sites = plural(len({a.site for a in recorded}), "site")
    print(f"recorded {plural(len(recorded), 'assessment')} of {sites} in {args.history}")
    return 0
