"""`readiness validate PATH...`: syntax, schema and references of site descriptions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import add_format_option
from readiness.commands.parser import epilog
from readiness.commands.terminal import is_quiet, name_files, note
from readiness.reporters import VALIDATION_FORMATS


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "validate",
        help="check site descriptions: YAML, schema and references",
        description="Check site descriptions (a site folder, a site file, or a folder of "
        "site folders): YAML syntax, the schema, and that every referenced id exists.",
        epilog=epilog(
            [
                "readiness validate sites",
                "readiness validate sites/northgate sites/riverside --format json",
                "readiness validate --changed sites/northgate/staff.yaml ci.yml",
            ],
            {0: "every site is valid", 1: "a site is invalid", 2: "usage"},
        ),
    )
    parser.add_argument(
        "paths",
        nargs="+",
        type=Path,
        metavar="PATH",
        help="a site folder or file, a folder that holds site folders, or a file inside a "
        "site (which stands for its whole site)",
    )
    parser.add_argument(
        "--changed",
        action="store_true",
        help="the paths are changed files, as pre-commit passes them: skip YAML files that are "
        "part of no site and hold no site section, and succeed when no site is touched",
    )
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

    validated = run_validate(args.paths, args.rules, changed=args.changed)
    for name in validated.skipped:
        note(args, f"skipped {name}")
    name_files(args, "read", validated.inputs)
    sys.stdout.write(VALIDATION_FORMATS[args.format].render(validated))
    if args.format == "text":
        _say_count(args, len(validated.problems), len(validated.sites))
    return 0 if validated.valid else 1


def _say_count(args: argparse.Namespace, problems: int, sites: int) -> None:
    if is_quiet(args):
        return
    noun = "site" if sites == 1 else "sites"
    if not sites and not problems:
        print("no site among the changed files: nothing to validate", file=sys.stderr)
    elif problems:
        print(
            f"{problems} problem{'s' if problems != 1 else ''} in {sites} {noun}", file=sys.stderr
        )
    else:
        print(f"{sites} {noun} valid", file=sys.stderr)
