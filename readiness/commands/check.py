"""`readiness check SITE`: evaluate one site and report the verdict."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import (
    add_cache_options,
    add_evaluation_options,
    add_file_options,
    add_format_option,
    add_history_options,
    cache_folder,
    check_request,
    file_outputs,
    history_trends,
    run_date,
    same_output_twice,
    stdout_output,
    write_stdout,
)
from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files, note, notes
from readiness.reporters import SITE_FORMATS, file_formats

EXIT_GATE_FAILED = 1
EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "check",
        help="evaluate a site and give the GO / CONDITIONAL / NO-GO verdict",
        description="Evaluate a site's readiness rules and report the verdict, blockers and "
        "conditions, on the terminal and in the report files asked for.",
        epilog=epilog(
            [
                "readiness check sites/northgate --as-of 2027-03-04",
                "readiness check sites/northgate --html report.html --sarif report.sarif",
                "readiness check sites/northgate --json - | jq .verdict",
            ],
            {
                0: "the gate passed (not NO-GO; with --fail-on conditional, GO only)",
                1: "the gate failed",
                2: "invalid input or usage (nothing is judged, no report is written)",
            },
        ),
    )
    parser.add_argument(
        "site", type=Path, metavar="SITE", help="a site: a folder of YAML files, or one file"
    )
    add_evaluation_options(parser, "readiness.yaml beside the site")
    parser.add_argument(
        "--fail-on",
        choices=("no-go", "conditional"),
        default="no-go",
        help="the verdict that fails the gate (default: no-go)",
    )
    add_format_option(parser, SITE_FORMATS)
    add_file_options(parser, SITE_FORMATS)
    add_history_options(parser, ".readiness/history.sqlite in the site's parent folder")
    add_cache_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the site, write the reports, and return the gate's exit code."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.output_files import write_outputs
    from readiness.pipeline.cached import check_cached
    from readiness.pipeline.site import not_one_site
    from readiness.reporters import settings_text

    clash = same_output_twice(args, file_formats(SITE_FORMATS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    if not args.site.exists():
        print(f"{args.site}: no such file or folder [path-missing]", file=sys.stderr)
        return EXIT_INPUT
    portfolio = not_one_site(args.site, "check")
    if portfolio is not None:
        print(portfolio.render(), file=sys.stderr)
        return EXIT_INPUT
    request = check_request(args.site, run_date(args), args)
    checked = check_cached(request, cache_folder(args))
    for skipped in checked.skipped:
        note(args, f"skipped {skipped}")
    result = checked.result
    if result is None:
        for problem in checked.problems:
            print(problem.render(), file=sys.stderr)
        print(f"{len(checked.problems)} problem(s): nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    recorded = history_trends(args, [args.site], [result], "check", wanted=_wants_html(args))
    if recorded is None:
        return EXIT_INPUT
    trends, recorded_note = recorded
    trend = trends.get(result.site_id)
    name_files(args, "read", checked.inputs)
    outputs = file_outputs(args, SITE_FORMATS, result, history=trend)
    refused = write_outputs(outputs, list(checked.inputs))
    if refused:
        for problem in refused:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    name_files(args, "wrote", outputs)
    notes(args, settings_text.render(checked.config, result))
    write_stdout(stdout_output(args, SITE_FORMATS, result, history=trend))
    if recorded_note:
        sys.stdout.flush()  # the note follows the verdict on a terminal too
        note(args, recorded_note)
    failed = result.verdict == "NO-GO" or (
        args.fail_on == "conditional" and result.verdict == "CONDITIONAL"
    )
    return EXIT_GATE_FAILED if failed else 0


def _wants_html(args: argparse.Namespace) -> bool:
    # The trend is read only for the one report that shows it, to a file or to stdout.
    return args.html is not None
