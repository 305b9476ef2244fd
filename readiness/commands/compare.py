"""`readiness compare SITE...`: check every site and show the portfolio side by side."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO

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
from readiness.commands.terminal import is_quiet, name_files, note
from readiness.problems import Location, Problem
from readiness.reporters import PORTFOLIO_FORMATS, file_formats

EXIT_GATE_FAILED = 1
EXIT_INPUT = 2
# The verdicts that fail `--fail-on LEVEL`: that level and any worse.
FAILING = {"no-go": ("NO-GO",), "conditional": ("NO-GO", "CONDITIONAL")}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "compare",
        help="check several sites and compare them side by side",
        description="Check every site, then show their verdicts, a category heatmap, rules "
        "failing at several sites, shared systems that put other sites at risk, and a ranking.",
        epilog=epilog(
            [
                "readiness compare sites --as-of 2027-05-12",
                "readiness compare sites/northgate sites/riverside --html portfolio.html",
                "readiness compare sites --json - > portfolio.json",
                "readiness compare sites --record --html-dir board --fail-on no-go",
            ],
            {
                0: "the sites were compared (whatever their verdicts, unless --fail-on)",
                1: "--fail-on was given and a site is at or below that level",
                2: "invalid input or usage (nothing is compared, no report is written)",
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
    add_format_option(parser, PORTFOLIO_FORMATS)
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="sites checked at once, each in its own process (default: one per core; 1: none)",
    )
    add_file_options(parser, PORTFOLIO_FORMATS)
    parser.add_argument(
        "--html-dir",
        type=Path,
        metavar="DIR",
        help="write DIR/index.html and each site's own report (DIR/sites/ID.html), linked "
        "from the index; DIR is made if missing",
    )
    parser.add_argument(
        "--fail-on",
        choices=("no-go", "conditional"),
        help="exit 1 when any site is NO-GO (no-go), or NO-GO or CONDITIONAL (conditional); "
        "by default compare only reports, and exits 0",
    )
    add_history_options(parser, ".readiness/history.sqlite in the sites' folder")
    add_cache_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check each site, write the portfolio reports, and return 0 (1 when --fail-on is met,
    2 on invalid input)."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.output_files import write_outputs
    from readiness.pipeline.portfolio import run_portfolio

    clash = same_output_twice(args, file_formats(PORTFOLIO_FORMATS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    as_of = run_date(args)
    compared = run_portfolio(
        args.sites,
        lambda site: check_request(site, as_of, args),
        args.jobs,
        progress=None if is_quiet(args) else _progress(sys.stderr),
        cache=cache_folder(args),
        # Only the site pages need each site's whole result; the rest reads summaries.
        full=args.html_dir is not None,
    )
    for name in compared.skipped:
        note(args, f"skipped {name}")
    portfolio = compared.portfolio
    if portfolio is None:
        return _refuse(compared.problems, "nothing was compared")
    wanted = args.html is not None or args.html_dir is not None
    recorded = history_trends(args, args.sites, compared.summaries, "compare", wanted)
    if recorded is None:
        return EXIT_INPUT
    trends, recorded_note = recorded
    name_files(args, "read", compared.inputs)
    outputs = file_outputs(args, PORTFOLIO_FORMATS, portfolio, history=trends)
    if args.html_dir is not None:
        outputs.update(_site_pages(args.html_dir, portfolio, compared.results, trends))
    made, problem = _folders(args.html_dir)
    refused = [problem] if problem else write_outputs(outputs, list(compared.inputs))
    if refused:
        _remove_empty(made)
        return _refuse(refused, "nothing was written")
    name_files(args, "wrote", outputs)
    write_stdout(stdout_output(args, PORTFOLIO_FORMATS, portfolio, history=trends))
    if recorded_note:
        sys.stdout.flush()  # the note follows the table on a terminal too
        note(args, recorded_note)
    failing = FAILING[args.fail_on] if args.fail_on else ()
    return EXIT_GATE_FAILED if any(s.verdict in failing for s in portfolio.sites) else 0


def _site_pages(
    folder: Path, portfolio: Any, results: Sequence[Any], trends: dict[str, Any]
) -> dict[Path, str | bytes]:
    from readiness.reporters import portfolio_pages

    pages = portfolio_pages.render(portfolio, results, trends)
    return {folder / name: text for name, text in pages.items()}


def _folders(html_dir: Path | None) -> tuple[list[Path], Problem | None]:
    """Make the --html-dir folder and its `sites` folder; the folders made, or why not."""
    from readiness.reporters.portfolio_pages import SITES_FOLDER

    made: list[Path] = []
    if html_dir is None:
        return made, None
    for folder in (html_dir, html_dir / SITES_FOLDER):
        if folder.is_dir():
            continue
        try:
            folder.mkdir(parents=True)
        except OSError as error:
            reason = "a file has that name" if folder.exists() else error.strerror or str(error)
            return made, Problem(
                Location(str(folder)), f"cannot make the folder: {reason}", "output-write-failed"
            )
        made.append(folder)
    return made, None


def _remove_empty(folders: list[Path]) -> None:
    # Nothing was written: the folders this run made go too, innermost first.
    for folder in reversed(folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def _refuse(problems: Sequence[Problem], outcome: str) -> int:
    from readiness.reporters.wording import plural  # imports the result types: not for --help

    for problem in problems:
        print(problem.render(), file=sys.stderr)
    print(f"{plural(len(problems), 'problem')}: {outcome}", file=sys.stderr)
    return EXIT_INPUT


def _progress(stream: TextIO) -> Callable[[int, int], None] | None:
    """A line on the terminal saying how many sites are checked, rewritten as they finish and
    wiped at the end; nothing when the stream is a file or a pipe, whose reader wants none."""
    if not stream.isatty():
        return None
    shown = [""]

    def show(done: int, total: int) -> None:
        line = f"readiness: checked {done} of {total} sites"
        # Spaces rather than an escape sequence, which not every terminal understands.
        stream.write("\r" + line.ljust(len(shown[0])))
        shown[0] = line
        if done == total:
            stream.write("\r" + " " * len(line) + "\r")
        stream.flush()

    return show


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a positive whole number")
    return value
