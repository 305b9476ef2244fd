"""`readiness validate PATH...`: syntax, schema and references of site descriptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import add_format_option
from readiness.reporters import VALIDATION_FORMATS


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "validate",
        help="check site descriptions: YAML, schema and references",
        description="Check site descriptions (a site folder, a site file, or a folder of "
        "site folders): YAML syntax, the schema, and that every referenced id exists.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    add_format_option(parser, VALIDATION_FORMATS)
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="an extra rule folder whose rule ids waivers may name (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Validate every site named and print every problem; 0 valid, 1 invalid."""
    from readiness.pipeline.validate import run_validate

    validated = run_validate(args.paths, args.rules)
    for name in validated.skipped:
        print(f"readiness: skipped {name}", file=sys.stderr)
    sys.stdout.write(VALIDATION_FORMATS[args.format].render(validated))
    if args.format == "text":
        _say_count(len(validated.problems), len(validated.sites))
    return 0 if validated.valid else 1


def _say_count(problems: int, sites: int) -> None:
    noun = "site" if sites == 1 else "sites"
    if problems:
        print(
            f"{problems} problem{'s' if problems != 1 else ''} in {sites} {noun}", file=sys.stderr
        )
    else:
        print(f"{sites} {noun} valid", file=sys.stderr)
