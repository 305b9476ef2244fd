"""`readiness rules list | show ID | test DIR | kinds`: the rule catalogue and its examples."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files, notes

EXIT_DISAGREES = 1
EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "rules",
        help="list, explain and test readiness rules",
        description="The rule catalogue: list it, show one rule's rationale and remediation, "
        "run a rule folder's own pass and fail examples, or list the fields rules can use. "
        "Without an action, lists the catalogue.",
        epilog=epilog(
            ["readiness rules list", "readiness rules show TR-COMPLETE"],
            {0: "done", 1: "a rule example disagrees (test)", 2: "invalid input or usage"},
        ),
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION", help="what to do")
    listing = actions.add_parser(
        "list",
        help="one line per rule",
        description="One line per rule of the catalogue (and of --rules folders).",
        epilog=epilog(
            ["readiness rules list", "readiness rules list --rules my-rules/"],
            {0: "listed", 2: "a rule folder is invalid, or usage"},
        ),
    )
    _add_rule_folders(listing)
    show = actions.add_parser(
        "show",
        help="everything about one rule",
        description="One rule: its condition, evidence, parameters, due date, rationale, "
        "remediation and reference.",
        epilog=epilog(
            ["readiness rules show TR-COMPLETE"],
            {0: "shown", 2: "no such rule, a rule folder is invalid, or usage"},
        ),
    )
    show.add_argument("rule_id", metavar="ID", help="the rule's id, e.g. TR-COMPLETE")
    _add_rule_folders(show)
    test = actions.add_parser(
        "test",
        help="run the pass and fail examples of a rule folder",
        description="Run each rule's own pass, fail and not-stated examples.",
        epilog=epilog(
            ["readiness rules test rules/", "readiness rules test my-rules/"],
            {0: "every example agrees", 1: "an example disagrees", 2: "invalid rules, or usage"},
        ),
    )
    test.add_argument(
        "folders", type=Path, nargs="+", metavar="DIR", help="a rule folder or rule file"
    )
    kinds = actions.add_parser(
        "kinds",
        help="the kinds of item rules apply to, and their fields",
        description="The kinds of item a rule can apply to, or the fields of one kind with "
        "their types and where a site states them.",
        epilog=epilog(
            ["readiness rules kinds", "readiness rules kinds staff_cohorts"],
            {0: "listed", 2: "no such kind, or usage"},
        ),
    )
    kinds.add_argument(
        "kind", nargs="?", metavar="KIND", help="one kind, e.g. interfaces (default: list kinds)"
    )
    parser.set_defaults(run=run)


def _add_rule_folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rules",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="an extra rule folder (repeatable)",
    )


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
    name_files(args, "read", catalogue.inputs)
    if catalogue.problems:
        for problem in catalogue.problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    if args.action == "list":
        sys.stdout.write(catalogue_text.render_list(catalogue))
        notes(args, f"{len(catalogue.rules)} rules\n")
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
