"""Reporters: pure functions from a run's result to the text of one output format.

One registry per kind of result, a plain dict from format name to `Format`. A format names
its renderer as "module:function" and is imported only when used, so that building the
command line (whose `--format` choices and `--NAME FILE` options come from these tables)
does not import jinja2 or networkx.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Renderer = Callable[..., str | bytes]  # bytes only for binary file formats (xlsx)


@dataclass(frozen=True)
class Format:
    """One output format: its renderer, where its output may go, and a line of help."""

    renderer: str  # "module:function"
    help: str
    stdout: bool = False  # may be printed with `--format NAME`
    file: bool = False  # may be written with `--NAME FILE`
    colour: bool = False  # the renderer takes `colour=` (for a terminal)
    history: bool = False  # the renderer takes `history=` (trends from the history database)

    def load(self) -> Renderer:
        """The render function, imported now."""
        module, _, name = self.renderer.partition(":")
        function: Renderer = getattr(importlib.import_module(module), name)
        return function

    def render(self, subject: Any, colour: bool = False, history: Any = None) -> str:
        """The rendered text; `colour` and `history` go only to renderers that take them."""
        text = self.render_file(subject, colour, history)
        if not isinstance(text, str):
            raise TypeError(f"{self.renderer} renders bytes: it can only be written to a file")
        return text

    def render_file(self, subject: Any, colour: bool = False, history: Any = None) -> str | bytes:
        """The rendered file: text, or bytes for a binary format."""
        options: dict[str, Any] = {}
        if self.colour:
            options["colour"] = colour
        if self.history:
            options["history"] = history
        return self.load()(subject, **options)


SITE_FORMATS: dict[str, Format] = {
    "text": Format(
        "readiness.reporters.text:render", "the terminal summary", stdout=True, colour=True
    ),
    "html": Format(
        "readiness.reporters.html:render", "write the html report", file=True, history=True
    ),
    "json": Format(
        "readiness.reporters.json_report:render", "write the json report", stdout=True, file=True
    ),
    "junit": Format("readiness.reporters.junit:render", "write the junit report", file=True),
    "sarif": Format("readiness.reporters.sarif:render", "write the sarif report", file=True),
    "gitlab": Format(
        "readiness.reporters.gitlab:render",
        "write the GitLab Code Quality report",
        stdout=True,
        file=True,
    ),
    "github": Format(
        "readiness.reporters.github:render", "GitHub Actions annotations", stdout=True
    ),
    "markdown": Format(
        "readiness.reporters.markdown:render", "write the markdown report", file=True
    ),
}

PORTFOLIO_FORMATS: dict[str, Format] = {
    "text": Format(
        "readiness.reporters.portfolio_text:render", "the terminal table", stdout=True, colour=True
    ),
    "html": Format(
        "readiness.reporters.portfolio_html:render",
        "write the html report",
        file=True,
        history=True,
    ),
    "json": Format(
        "readiness.reporters.portfolio_json:render",
        "write the json report",
        stdout=True,
        file=True,
    ),
    "csv": Format(
        "readiness.reporters.portfolio_csv:render",
        "write the ranking and heatmap as csv, one row per site",
        file=True,
    ),
    "xlsx": Format(
        "readiness.reporters.portfolio_xlsx:render",
        "write the ranking and heatmap as an Excel workbook",
        file=True,
    ),
}

GRAPH_FORMATS: dict[str, Format] = {
    "dot": Format("readiness.reporters.graph_dot:render", "Graphviz dot", stdout=True),
    "mermaid": Format(
        "readiness.reporters.graph_mermaid:render", "a Mermaid flowchart", stdout=True
    ),
    "json": Format("readiness.reporters.graph_json:render", "nodes and edges", stdout=True),
}

DIFF_FORMATS: dict[str, Format] = {
    "text": Format("readiness.reporters.diff_text:render", "the terminal form", stdout=True),
    "json": Format("readiness.reporters.diff_json:render", "every section", stdout=True),
}

ACTION_FORMATS: dict[str, Format] = {
    "text": Format("readiness.reporters.actions_text:render", "the terminal list", stdout=True),
    "csv": Format(
        "readiness.reporters.actions_csv:render",
        "write the actions as CSV",
        stdout=True,
        file=True,
    ),
    "xlsx": Format(
        "readiness.reporters.actions_xlsx:render",
        "write the actions and the sites as an Excel workbook",
        file=True,
    ),
    "ics": Format(
        "readiness.reporters.actions_ics:render",
        "write the actions as calendar events on their due dates (iCalendar)",
        stdout=True,
        file=True,
    ),
}

TREND_FORMATS: dict[str, Format] = {
    "text": Format("readiness.reporters.trend_text:render", "the terminal form", stdout=True),
    "json": Format(
        "readiness.reporters.trend_json:render", "write the json trend", stdout=True, file=True
    ),
    "markdown": Format(
        "readiness.reporters.trend_markdown:render",
        "write the markdown trend",
        stdout=True,
        file=True,
    ),
}

VALIDATION_FORMATS: dict[str, Format] = {
    "text": Format(
        "readiness.reporters.validation_text:render", "one line per problem", stdout=True
    ),
    "json": Format("readiness.reporters.validation_json:render", "sites and problems", stdout=True),
}


def reporter(name: str, formats: Mapping[str, Format] = SITE_FORMATS) -> Renderer:
    """The renderer called `name`; an unknown name is a programming error that names it."""
    if name not in formats:
        known = ", ".join(sorted(formats))
        raise ValueError(f"unknown reporter {name!r} (known: {known})")
    return formats[name].load()


def stdout_formats(formats: Mapping[str, Format]) -> tuple[str, ...]:
    """The names `--format` accepts, in registry order."""
    return tuple(name for name, f in formats.items() if f.stdout)


def file_formats(formats: Mapping[str, Format]) -> tuple[str, ...]:
    """The names that have a `--NAME FILE` option, in registry order."""
    return tuple(name for name, f in formats.items() if f.file)
