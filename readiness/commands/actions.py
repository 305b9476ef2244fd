"""`readiness actions SITE...`: every open action of the sites: owner, what to do, by when."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from readiness.commands.options import (
    STDOUT,
    add_evaluation_options,
    add_file_options,
    add_format_option,
    check_request,
    file_outputs,
    iso_date,
    run_date,
    same_output_twice,
    stdout_output,
    write_stdout,
)
from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files, note
from readiness.problems import Problem
from readiness.reporters import ACTION_FORMATS, file_formats
from readiness.reporters.wording import plural

EXIT_INPUT = 2
# The formats that are text, so that `-` may print them on a terminal too.
ACTION_FORMATS_TEXT = tuple(name for name, f in ACTION_FORMATS.items() if f.stdout)


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "actions",
        help="list every open action: owner, what to do, due date, days overdue",
        description="Check every site and list each failing finding, and each waiver a "
        "verdict is conditional on, as an action: who owns it, what to do (the rule's "
        "remediation), when it is due and how late it is, where the evidence is written. "
        "An action is due on its waiver's expiry, else its rule's due date, else go-live.",
        epilog=epilog(
            [
                "readiness actions sites --owner Lowry --due-before 2027-03-01",
                "readiness actions sites --as-of 2027-02-12 --xlsx actions.xlsx --ics due.ics",
                "readiness actions sites/northgate --csv - > actions.csv",
            ],
            {
                0: "the actions were listed (however many, however late)",
                2: "invalid input or usage (nothing is listed, no file is written)",
            },
        ),
    )
    parser.add_argument(
        "sites",
        type=Path,
        nargs="+",
        metavar="SITE",
        help="site folders or files, or a folder that holds site folders",
    )
    add_evaluation_options(parser, "readiness.yaml beside each site")
    parser.add_argument(
        "--owner",
        metavar="TEXT",
        help="only actions whose owner's name, role or email contains TEXT (any case)",
    )
    parser.add_argument(
        "--due-before",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="only actions due before this date",
    )
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="NAME",
        help="only sites whose id or name contains NAME (any case; repeatable)",
    )
    add_format_option(parser, ACTION_FORMATS)
    add_file_options(parser, ACTION_FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check each site, write the files asked for, print the list; 0, or 2 on invalid input."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.output_files import write_outputs
    from readiness.pipeline.actions import Filters, run_actions

    names = file_formats(ACTION_FORMATS)
    refusal = same_output_twice(args, names) or _terminal_refusal(args, names)
    if refusal is not None:
        print(refusal, file=sys.stderr)
        return EXIT_INPUT
    as_of = run_date(args)
    filters = Filters(args.owner, args.due_before, tuple(args.site))
    listed = run_actions(args.sites, lambda site: check_request(site, as_of, args), as_of, filters)
    for name in listed.skipped:
        note(args, f"skipped {name}")
    actions = listed.actions
    if actions is None:
        return _refuse(listed.problems, "nothing was listed")
    name_files(args, "read", listed.inputs)
    files = file_outputs(args, ACTION_FORMATS, actions)
    refused = write_outputs(files, list(listed.inputs))
    if refused:
        return _refuse(refused, "nothing was written")
    name_files(args, "wrote", files)
    if listed.unmatched_owner:
        note(args, f"no open action's owner matches `{args.owner}`")
    to_stdout = [n for n in names if getattr(args, n) == STDOUT]
    if files or to_stdout or args.format != "text":
        # The text list says so itself; a spreadsheet or calendar cannot, so this line does.
        for qualification in actions.qualifications:
            note(args, f"not the full list for {qualification}")
    write_stdout(stdout_output(args, ACTION_FORMATS, actions))
    return 0


def _terminal_refusal(args: argparse.Namespace, names: Sequence[str]) -> str | None:
    """A binary file (the workbook) asked for on standard output while that is a terminal."""
    binary = [n for n in names if getattr(args, n) == STDOUT and n not in ACTION_FORMATS_TEXT]
    if binary and sys.stdout.isatty():
        return (
            f"--{binary[0]} -: a workbook is binary and standard output is a terminal; "
            "redirect it to a file, or name a file [output-binary]"
        )
    return None


def _refuse(problems: Sequence[Problem], outcome: str) -> int:
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    print(f"{plural(len(problems), 'problem')}: {outcome}", file=sys.stderr)
    return EXIT_INPUT
