"""`readiness check SITE`: evaluate one site and report the verdict."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from readiness.commands.options import (
    add_evaluation_options,
    add_file_options,
    add_format_option,
    add_history_options,
    check_request,
    file_outputs,
    history_trends,
    run_date,
    same_output_twice,
)
from readiness.reporters import SITE_FORMATS, file_formats

EXIT_GATE_FAILED = 1
EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "check",
        help="evaluate a site and give the GO / CONDITIONAL / NO-GO verdict",
        description="Evaluate a site's readiness rules and report the verdict, blockers and "
        "conditions. Exit 0 when the gate passes, 1 when it fails, 2 on invalid input.",
    )
    parser.add_argument("site", type=Path, metavar="SITE", help="a site folder or file")
    add_evaluation_options(parser, "readiness.yaml beside the site")
    parser.add_argument(
        "--fail-on",
        choices=("no-go", "conditional"),
        default="no-go",
        help="the verdict that fails the gate (default: no-go)",
    )
    add_format_option(parser, SITE_FORMATS, "what to print on standard output")
    add_file_options(parser, SITE_FORMATS)
    add_history_options(parser, ".readiness/history.sqlite in the site's parent folder")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the site, write the reports, and return the gate's exit code."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.output_files import write_outputs
    from readiness.pipeline.check import run_check
    from readiness.reporters import settings_text

    clash = same_output_twice(args, file_formats(SITE_FORMATS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    request = check_request(args.site, run_date(args), args)
    if not args.site.exists():
        print(f"{args.site}: no such file or folder [path-missing]", file=sys.stderr)
        return EXIT_INPUT
    checked = run_check(request)
    for note in checked.skipped:
        print(f"readiness: skipped {note}", file=sys.stderr)
    result = checked.result
    if result is None:
        for problem in checked.problems:
            print(problem.render(), file=sys.stderr)
        print(f"{len(checked.problems)} problem(s): nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    recorded = history_trends(args, [args.site], [result], "check", wanted=args.html is not None)
    if recorded is None:
        return EXIT_INPUT
    trends, note = recorded
    outputs = file_outputs(args, SITE_FORMATS, result, history=trends.get(result.site_id))
    refused = write_outputs(outputs, list(checked.inputs))
    if refused:
        for problem in refused:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    sys.stderr.write(settings_text.render(checked.config, result))
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(SITE_FORMATS[args.format].render(result, colour=colour))
    sys.stdout.flush()  # the note follows the verdict on a terminal too
    sys.stderr.write(note)
    failed = result.verdict == "NO-GO" or (
        args.fail_on == "conditional" and result.verdict == "CONDITIONAL"
    )
    return EXIT_GATE_FAILED if failed else 0
