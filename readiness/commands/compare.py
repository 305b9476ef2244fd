"""`readiness compare SITE...`: check every site and show the portfolio side by side."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.commands.options import (
    add_evaluation_options,
    add_file_options,
    add_format_option,
    check_request,
    file_outputs,
    run_date,
    same_output_twice,
)
from readiness.reporters import PORTFOLIO_FORMATS, file_formats

if TYPE_CHECKING:
    from readiness.problems import Problem

EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "compare",
        help="check several sites and compare them side by side",
        description="Check every site, then show their verdicts, a category heatmap, rules "
        "failing at several sites, shared systems that put other sites at risk, and a ranking. "
        "Exit 0, or 2 on invalid input.",
    )
    parser.add_argument("sites", type=Path, nargs="+", metavar="SITE", help="site folders or files")
    add_evaluation_options(parser, "readiness.yaml beside each site")
    add_format_option(parser, PORTFOLIO_FORMATS, "what to print on standard output")
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="sites checked in parallel (default: one per CPU)",
    )
    add_file_options(parser, PORTFOLIO_FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check each site, write the portfolio reports, and return 0 (2 on invalid input)."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.output_files import write_outputs
    from readiness.pipeline.portfolio import run_portfolio

    clash = same_output_twice(args, file_formats(PORTFOLIO_FORMATS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    as_of = run_date(args)
    compared = run_portfolio(args.sites, lambda site: check_request(site, as_of, args), args.jobs)
    for name in compared.skipped:
        print(f"readiness: skipped {name}", file=sys.stderr)
    portfolio = compared.portfolio
    if portfolio is None:
        return _refuse(compared.problems, "nothing was compared")
    outputs = file_outputs(args, PORTFOLIO_FORMATS, portfolio)
    refused = write_outputs(outputs, list(compared.inputs))
    if refused:
        return _refuse(refused, "nothing was written")
    colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    sys.stdout.write(PORTFOLIO_FORMATS[args.format].render(portfolio, colour=colour))
    return 0


def _refuse(problems: Sequence[Problem], outcome: str) -> int:
    from readiness.reporters.wording import plural  # imports the result types: not for --help

    for problem in problems:
        print(problem.render(), file=sys.stderr)
    print(f"{plural(len(problems), 'problem')}: {outcome}", file=sys.stderr)
    return EXIT_INPUT


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a positive whole number")
    return value
