"""`readiness check SITE`: evaluate one site and report the verdict."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from readiness.commands.options import (
    add_evaluation_options,
    check_request,
    run_date,
    same_output_twice,
)
from readiness.config import find_config
from readiness.output_files import write_outputs
from readiness.pipeline import run_check
from readiness.reporters import REPORTERS, text
from readiness.result import Result
from readiness.rule_loader import rule_files
from readiness.site_files import site_files

EXIT_GATE_FAILED = 1
EXIT_INPUT = 2
FILE_OUTPUTS = ("html", "json", "junit", "sarif", "markdown")


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
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="what to print on standard output",
    )
    for name in FILE_OUTPUTS:
        parser.add_argument(f"--{name}", type=Path, metavar="FILE", help=f"write the {name} report")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check the site, write the reports, and return the gate's exit code."""
    clash = same_output_twice(args, FILE_OUTPUTS)
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    request = check_request(args.site, run_date(args), args)
    if not args.site.exists():
        print(f"{args.site}: no such file or folder [path-missing]", file=sys.stderr)
        return EXIT_INPUT
    result, problems = run_check(request)
    if result is None:
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        print(f"{len(problems)} problem(s): nothing was checked", file=sys.stderr)
        return EXIT_INPUT
    outputs = {
        getattr(args, name): REPORTERS[name](result)
        for name in FILE_OUTPUTS
        if getattr(args, name) is not None
    }
    refused = write_outputs(outputs, _inputs(args))
    if refused:
        for problem in refused:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    _say_settings(args, result)
    if args.format == "text":
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(text.render(result, colour=colour))
    else:
        sys.stdout.write(REPORTERS[args.format](result))
    return _gate(result, args.fail_on)


def _say_settings(args: argparse.Namespace, result: Result) -> None:
    # A verdict reached under changed settings must not pass for one under the defaults.
    config = args.config or find_config(args.site)
    if config is not None:
        print(f"readiness: configuration {config}", file=sys.stderr)
    skipped = [c.rule for c in result.thresholds if c.name == "evaluated"]
    if skipped:
        names = ", ".join(skipped[:10]) + (
            f" and {len(skipped) - 10} more" if len(skipped) > 10 else ""
        )
        print(f"readiness: {len(skipped)} rules not evaluated: {names}", file=sys.stderr)
    for change in result.thresholds:
        if change.name != "evaluated":
            print(
                f"readiness: {change.rule} {change.name} is {change.value_text} "
                f"(default {change.default_text}), set at {change.source}",
                file=sys.stderr,
            )


def _gate(result: Result, fail_on: str) -> int:
    if result.verdict == "NO-GO" or (fail_on == "conditional" and result.verdict == "CONDITIONAL"):
        return EXIT_GATE_FAILED
    return 0


def _inputs(args: argparse.Namespace) -> list[Path]:
    # Folders are passed too, so that no report is written as a YAML file inside them.
    inputs = [args.site, *site_files(args.site)] if args.site.exists() else []
    for folder in args.rules:
        inputs.extend([folder, *rule_files(folder)] if folder.exists() else [])
    if args.config is not None:
        inputs.append(args.config)
    return inputs
