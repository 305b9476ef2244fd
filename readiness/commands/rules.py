"""`readiness rules list | show ID | test DIR | kinds`: the rule catalogue and its examples."""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from readiness.config import Config
from readiness.facts.registry import KINDS
from readiness.graph_checks import GRAPH_CHECKS
from readiness.params import render_param
from readiness.problems import Problem
from readiness.resources import rules_dir
from readiness.rule_examples import EXAMPLE_AS_OF, run_examples
from readiness.rulebook import Rulebook, build_rulebook
from readiness.schema_check import suggest

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


def _book(folders: list[Path]) -> tuple[Rulebook, list[Problem]]:
    dates = {"as_of": EXAMPLE_AS_OF, "go_live": EXAMPLE_AS_OF}
    return build_rulebook(folders, Config(), dates)


def run(args: argparse.Namespace) -> int:
    """Dispatch to the chosen action."""
    if args.action is None:
        args.action, args.rules = "list", []
    if args.action == "kinds":
        return _kinds(args.kind)
    folders = args.folders if args.action == "test" else [rules_dir(), *args.rules]
    book, problems = _book(folders)
    if problems:
        for problem in problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    if args.action == "list":
        return _list(book)
    if args.action == "show":
        return _show(book, args.rule_id)
    return _test(book)


def _list(book: Rulebook) -> int:
    for rule in book.rules:
        info = rule.info
        print(f"{info.id:<20} {info.severity:<8} {info.category:<24} {info.title}")
    print(f"{len(book.rules)} rules", file=sys.stderr)
    return 0


def _show(book: Rulebook, rule_id: str) -> int:
    rules = {r.info.id: r for r in book.rules}
    rule = rules.get(rule_id.upper())
    if rule is None:
        print(f"readiness: no rule `{rule_id}`{suggest(rule_id.upper(), rules)}", file=sys.stderr)
        return EXIT_INPUT
    spec, info = rule.spec, rule.info
    lines = [
        f"{info.id}: {info.title}",
        f"  category:   {info.category}",
        f"  severity:   {info.severity}"
        + "".join(f"; {sev} when {when}" for when, sev in spec.severity_when),
        f"  applies to: {info.applies_to}" + (f" where {spec.where}" if spec.where else ""),
    ]
    if spec.condition:
        lines.append(f"  passes when: {spec.condition}")
    if spec.check:
        lines.append(f"  graph check: {spec.check}")
    for name, value in sorted(rule.params.items()):
        lines.append(f"  parameter:  {name} = {render_param(value)}")
    if info.due_days_before is not None:
        lines.append(f"  due:        T-{info.due_days_before} days before go-live")
    lines.append(f"  defined at: {info.source}")
    for title, text in (
        ("Rationale", info.rationale),
        ("Remediation", info.remediation),
        ("Reference", info.reference),
    ):
        lines.append(f"\n{title}:")
        lines.extend(textwrap.wrap(text, width=88, initial_indent="  ", subsequent_indent="  "))
    print("\n".join(lines))
    return 0


def _test(book: Rulebook) -> int:
    bad = 0
    total = 0
    for rule in book.rules:
        for example in run_examples(rule):
            total += 1
            if not example.ok:
                bad += 1
                detail = f" ({example.detail})" if example.detail else ""
                print(
                    f"{example.location}: {example.rule}: a {example.expected} example gave "
                    f"{example.got}{detail} [rule-example]"
                )
    print(f"{total - bad} passed, {bad} failed")
    return EXIT_DISAGREES if bad else 0


def _kinds(kind: str | None) -> int:
    if kind is None:
        for name, spec in sorted(KINDS.items()):
            print(f"{name:<22} {spec.description}")
        for name in sorted(GRAPH_CHECKS):
            print(f"{'check: ' + name:<22} graph check")
        return 0
    found = KINDS.get(kind)
    if found is None:
        print(f"readiness: no kind `{kind}`{suggest(kind, KINDS)}", file=sys.stderr)
        return EXIT_INPUT
    for name, field in sorted(found.fields.items()):
        print(f"{name:<32} {field.type:<8} {field.description}")
    return 0
