"""`readiness validate PATH...`: syntax, schema and references of site descriptions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readiness.loading import load_site
from readiness.problems import Problem
from readiness.references import check_waiver_rules
from readiness.resources import rules_dir
from readiness.rule_loader import load_rule_folders
from readiness.site_files import display_path, expand_site_paths


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "validate",
        help="check site descriptions: YAML, schema and references",
        description="Check site descriptions (a site folder, a site file, or a folder of "
        "site folders): YAML syntax, the schema, and that every referenced id exists.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--format", choices=("text", "json"), default="text")
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
    specs, problems = load_rule_folders([rules_dir(), *args.rules])
    known = {spec.id for spec in specs}
    roots, site_problems, skipped = expand_site_paths(args.paths)
    problems.extend(site_problems)
    for name in skipped:
        print(f"readiness: skipped {name}", file=sys.stderr)
    sites: list[dict[str, object]] = []
    for root in roots:
        source = load_site(root)
        if source.data:
            source.problems.extend(check_waiver_rules(source, known))
        problems.extend(source.problems)
        sites.append(
            {"site": display_path(root), "files": source.files, "valid": not source.problems}
        )
    problems = sorted(set(problems))
    if args.format == "json":
        document = {
            "valid": not problems,
            "sites": sites,
            "problems": [p.as_dict() for p in problems],
        }
        sys.stdout.write(json.dumps(document, indent=2) + "\n")
    else:
        _print_text(problems, len(roots))
    return 1 if problems else 0


def _print_text(problems: list[Problem], site_count: int) -> None:
    for problem in problems:
        print(problem.render())
    noun = "site" if site_count == 1 else "sites"
    if problems:
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} in {site_count} {noun}", file=sys.stderr)
    else:
        print(f"{site_count} {noun} valid", file=sys.stderr)
