"""`readiness rules list | show ID | test DIR | kinds`: the rule catalogue and its examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_DISAGREES = 1
EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "rules",
        help="list, explain and test readiness rules",
        description="The rule catalogue: list it, show one rule's rationale and remediation, "
        "run a rule folder's own pass and fail examples, or list the fields rules can use.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    listing = actions.add_parser("list", help="one line per rule")
    listing.add_argument("--rules", type=Path, action="append", default=[], metavar="DIR")
    show = actions.add_parser("show", help="everything about one rule")
    show.add_argument("rule_id", metavar="ID")
    show.add_argument("--rules", type=Path, action="append", default=[], metavar="DIR")
    test = actions.add_parser("test", help="run the pass and fail examples of a rule folder")
    test.add_argument("folders", type=Path, nargs="+", metavar="DIR")
    kinds = actions.add_parser("kinds", help="the kinds of item rules apply to, and their fields")
    kinds.add_argument("kind", nargs="?", metavar="KIND")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action."""
    # Imported here so that other commands, and --help, do not load the rule engine.
    from readiness.pipeline.catalogue import build_catalogue, describe_kinds
    from readiness.pipeline.examples import run_examples
    from readiness.reporters import catalogue_text

    if args.action is None:
        args.action, args.rules = "list", []
    if args.action == "kinds":
        kinds = describe_kinds()
        if args.kind is None:
            sys.stdout.write(catalogue_text.render_kinds(kinds))
            return 0
        if args.kind not in kinds.kinds:
            print(f"readiness: no kind `{args.kind}`{kinds.hint(args.kind)}", file=sys.stderr)
            return EXIT_INPUT
        sys.stdout.write(catalogue_text.render_fields(kinds, args.kind))
        return 0
    testing = args.action == "test"
    catalogue = build_catalogue(args.folders if testing else args.rules, shipped=not testing)
    if catalogue.problems:
        for problem in catalogue.problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    if args.action == "list":
        sys.stdout.write(catalogue_text.render_list(catalogue))
        print(f"{len(catalogue.rules)} rules", file=sys.stderr)
        return 0
    if args.action == "show":
        rule = catalogue.find(args.rule_id)
        if rule is None:
            hint = catalogue.hint(args.rule_id)
            print(f"readiness: no rule `{args.rule_id}`{hint}", file=sys.stderr)
            return EXIT_INPUT
        sys.stdout.write(catalogue_text.render_rule(rule))
        return 0
    examples = [example for rule in catalogue.rules for example in run_examples(rule)]
    sys.stdout.write(catalogue_text.render_examples(examples))
    return EXIT_DISAGREES if any(not e.ok for e in examples) else 0
