"""`readiness graph SITE --format dot|mermaid|json`: the integration dependency graph."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from readiness.commands.options import add_format_option
from readiness.commands.parser import epilog
from readiness.commands.terminal import name_files, note
from readiness.reporters import GRAPH_FORMATS

EXIT_INPUT = 2


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Declare the command's arguments."""
    parser = commands.add_parser(
        "graph",
        help="print the integration dependency graph",
        description="Print the site's systems (nodes) and interfaces and go-live sequencing "
        "(edges) as Graphviz dot, Mermaid or JSON.",
        epilog=epilog(
            [
                "readiness graph sites/northgate --format mermaid",
                "readiness graph sites/northgate | dot -Tsvg > graph.svg",
            ],
            {0: "the graph was printed", 2: "invalid input or usage"},
        ),
    )
    parser.add_argument(
        "site", type=Path, metavar="SITE", help="a site: a folder of YAML files, or one file"
    )
    add_format_option(parser, GRAPH_FORMATS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Load the site and print its graph."""
    # Imported here so that other commands, and --help, do not load networkx.
    from readiness.pipeline.graph import load_graph
    from readiness.pipeline.site import not_one_site

    portfolio = not_one_site(args.site, "graph")
    if portfolio is not None:
        print(portfolio.render(), file=sys.stderr)
        return EXIT_INPUT
    loaded = load_graph(args.site)
    for skipped in loaded.skipped:
        note(args, f"skipped {skipped}")
    name_files(args, "read", loaded.inputs)
    if loaded.graph is None:
        for problem in loaded.problems:
            print(problem.render(), file=sys.stderr)
        return EXIT_INPUT
    sys.stdout.write(GRAPH_FORMATS[args.format].render(loaded.graph))
    return 0
