"""`readiness trend SITE`: a site's recorded assessments over time, and where they lead."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import (
    add_file_options,
    add_format_option,
    file_outputs,
    same_output_twice,
    stdout_output,
    write_stdout,
)
from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files
from readiness.reporters import TREND_FORMATS, file_formats

EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "trend",
        help="show a site's recorded assessments over time",
        description="Show the blockers and conditions of every recorded assessment of a site "
        "against the days to go-live, what opened and closed between assessments, and a "
        "straight-line projection to go-live.",
        epilog=epilog(
            [
                "readiness trend northgate-general",
                "readiness trend sites/northgate --format markdown",
                "readiness trend northgate-general --history programme.sqlite --json -",
            ],
            {
                0: "the trend was shown",
                2: "no usable history, no assessment of the site, or usage",
            },
        ),
    )
    parser.add_argument(
        "site",
        metavar="SITE",
        help="a site id as recorded, or the site's folder or file (its id is read from it)",
    )
    parser.add_argument(
        "--history",
        type=Path,
        metavar="PATH",
        help="the history database (default: .readiness/history.sqlite in the site's parent "
        "folder, or in the working folder when SITE is an id)",
    )
    add_format_option(parser, TREND_FORMATS)
    add_file_options(parser, TREND_FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Read the site's history, print and write its trend; 2 when it cannot be read."""
    from readiness.output_files import write_outputs
    from readiness.pipeline.history import history_for, site_trend

    clash = same_output_twice(args, file_formats(TREND_FORMATS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    history = args.history or history_for(args.site)
    trend, problems = site_trend(history, args.site)
    if trend is None:
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    name_files(args, "read", [history])
    outputs = file_outputs(args, TREND_FORMATS, trend)
    refused = write_outputs(outputs, [history])
    if refused:
        for problem in refused:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    name_files(args, "wrote", outputs)
    write_stdout(stdout_output(args, TREND_FORMATS, trend))
    return 0
