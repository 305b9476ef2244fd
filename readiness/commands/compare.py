"""`readiness compare SITE...`: check every site and show the portfolio side by side."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from readiness.commands.options import (
    add_evaluation_options,
    check_request,
    run_date,
    same_output_twice,
)
from readiness.config import find_config
from readiness.output_files import write_outputs
from readiness.pipeline import CheckRequest, run_check
from readiness.portfolio import VERDICTS_WORST_FIRST, Portfolio, SiteRow, build_portfolio
from readiness.problems import Location, Problem
from readiness.reporters import portfolio_html, portfolio_json
from readiness.reporters.text import RESET, VERDICT_COLOURS
from readiness.reporters.wording import one_line, plural
from readiness.result import Result
from readiness.rule_loader import rule_files
from readiness.site_files import expand_site_paths, site_files

EXIT_INPUT = 2
LIST_LIMIT = 3  # site ids named on one terminal line before "and N more"
FILE_OUTPUTS = {"html": portfolio_html.render, "json": portfolio_json.render}


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
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="what to print on standard output",
    )
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="sites checked in parallel (default: one per CPU)",
    )
    for name in FILE_OUTPUTS:
        parser.add_argument(f"--{name}", type=Path, metavar="FILE", help=f"write the {name} report")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Check each site, write the portfolio reports, and return 0 (2 on invalid input)."""
    clash = same_output_twice(args, tuple(FILE_OUTPUTS))
    if clash is not None:
        print(clash, file=sys.stderr)
        return EXIT_INPUT
    as_of = run_date(args)
    roots, missing, skipped = expand_site_paths(args.sites)
    for name in skipped:
        print(f"readiness: skipped {name}", file=sys.stderr)
    requests = [check_request(site, as_of, args) for site in roots]
    results, problems = check_sites(requests, args.jobs)
    if missing or problems:
        return _refuse([*missing, *problems], "nothing was compared")
    portfolio = build_portfolio(results)
    outputs = {
        getattr(args, name): render(portfolio)
        for name, render in FILE_OUTPUTS.items()
        if getattr(args, name) is not None
    }
    refused = write_outputs(outputs, _inputs(args))
    if refused:
        return _refuse(refused, "nothing was written")
    if args.format == "json":
        sys.stdout.write(portfolio_json.render(portfolio))
    else:
        colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(render_text(portfolio, colour=colour))
    return 0


def check_sites(
    requests: Sequence[CheckRequest], jobs: int | None = None
) -> tuple[list[Result], list[Problem]]:
    """Check every site, in parallel when there are several; every problem of every site."""
    workers = min(len(requests), jobs or os.cpu_count() or 1)
    if workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes = list(pool.map(run_check, requests))
    else:
        outcomes = [run_check(request) for request in requests]
    results = [result for result, _ in outcomes if result is not None]
    problems = [problem for _, found in outcomes for problem in found]
    problems.extend(_duplicate_sites(requests, outcomes))
    return results, problems


def _duplicate_sites(
    requests: Sequence[CheckRequest], outcomes: list[tuple[Result | None, list[Problem]]]
) -> list[Problem]:
    # Sites are told apart by id in the portfolio, so two sites with one id cannot be compared.
    first: dict[str, Path] = {}
    problems = []
    for request, (result, _) in zip(requests, outcomes, strict=True):
        if result is None:
            continue
        if result.site_id in first:
            message = f"site id `{result.site_id}` is also the id of {first[result.site_id]}"
            problems.append(Problem(Location(str(request.site)), message, "duplicate-site"))
        first.setdefault(result.site_id, request.site)
    return problems


def render_text(portfolio: Portfolio, colour: bool = False) -> str:
    """The compact terminal table: ranking, weak categories, systemic rules, shared risks."""
    lines = [
        f"Portfolio of {plural(len(portfolio.sites), 'site')} as of "
        f"{portfolio.as_of.isoformat()}: {_verdict_counts(portfolio)}",
        "",
        *_table(portfolio.sites, colour),
        "",
        *_systemic_lines(portfolio),
        *_risk_lines(portfolio),
        f"{plural(len(portfolio.shared_systems), 'shared system')}, "
        f"{plural(len(portfolio.shared_interfaces), 'shared interface')}",
    ]
    return "\n".join(lines) + "\n"


def _systemic_lines(portfolio: Portfolio) -> list[str]:
    total = len(portfolio.sites)
    rules = [
        f"  {one_line(r.rule)} ({r.severity}) at {len(r.sites)} of {total} sites: "
        f"{_ids([a.site_id for a in r.sites])}"
        for r in portfolio.systemic
    ]
    return [f"Systemic rules, failing at several sites ({len(rules)}):", *(rules or ["  none"])]


def _risk_lines(portfolio: Portfolio) -> list[str]:
    items = [
        (f"{s.name} ({s.category})", s.not_ready_at, s.at_risk)
        for s in portfolio.shared_systems
        if s.at_risk
    ] + [
        (f"{i.source} -> {i.target} ({i.standard})", i.not_ready_at, i.at_risk)
        for i in portfolio.shared_interfaces
        if i.at_risk
    ]
    risks = [
        f"  {one_line(name)}: not ready at {_ids(not_ready)}; puts {_ids(at_risk)} at risk"
        for name, not_ready, at_risk in items
    ]
    heading = f"Shared systems and interfaces putting other sites at risk ({len(risks)}):"
    return [heading, *(risks or ["  none"])]


def _verdict_counts(portfolio: Portfolio) -> str:
    return ", ".join(f"{portfolio.count(v)} {v}" for v in VERDICTS_WORST_FIRST)


def _ids(ids: Sequence[str]) -> str:
    # Keeps each line readable when a national service is shared by hundreds of sites.
    shown = ", ".join(one_line(i) for i in ids[:LIST_LIMIT])
    return shown if len(ids) <= LIST_LIMIT else f"{shown} and {len(ids) - LIST_LIMIT} more"


def _table(sites: Sequence[SiteRow], colour: bool) -> list[str]:
    header = ("#", "Verdict", "Site", "Go-live", "Days", "Blockers", "Conditions", "Not green")
    rows = [
        (
            str(s.rank),
            s.verdict,
            one_line(s.site_id),
            s.go_live.isoformat(),
            str(s.days_to_go_live),
            str(s.blockers),
            str(s.conditions),
            ", ".join(f"{c.category} {c.percent}% {c.rag}" for c in s.not_green) or "none",
        )
        for s in sites
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    numeric = {0, 4, 5, 6}
    out = []
    for row in [header, *rows]:
        cells = [
            cell.rjust(width) if i in numeric else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        if colour and row is not header:
            cells[1] = f"{VERDICT_COLOURS.get(row[1], '')}{cells[1]}{RESET}"
        out.append("  ".join([*cells, row[-1]]))
    return out


def _refuse(problems: Sequence[Problem], outcome: str) -> int:
    for problem in problems:
        print(problem.render(), file=sys.stderr)
    print(f"{plural(len(problems), 'problem')}: {outcome}", file=sys.stderr)
    return EXIT_INPUT


def _inputs(args: argparse.Namespace) -> list[Path]:
    # Folders are passed too, so that no report is written as a YAML file inside them.
    inputs: list[Path] = []
    for site in args.sites:
        config = find_config(site)
        inputs += [site, *site_files(site), *([config] if config else [])]
    for folder in args.rules:
        inputs.extend([folder, *rule_files(folder)] if folder.exists() else [])
    if args.config is not None:
        inputs.append(args.config)
    return inputs


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"`{text}` is not a positive whole number")
    return value
