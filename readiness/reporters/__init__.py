"""Reporters: pure functions from a site's result to the text of one output format."""

from __future__ import annotations

from collections.abc import Callable

from readiness.reporters import github, html, json_report, junit, markdown, sarif, text
from readiness.result import Result

Reporter = Callable[[Result], str]

REPORTERS: dict[str, Reporter] = {
    "text": text.render,
    "json": json_report.render,
    "html": html.render,
    "junit": junit.render,
    "sarif": sarif.render,
    "github": github.render,
    "markdown": markdown.render,
}


def reporter(name: str) -> Reporter:
    """The reporter called `name`; an unknown name is a programming error that names it."""
    try:
        return REPORTERS[name]
    except KeyError:
        known = ", ".join(sorted(REPORTERS))
        raise ValueError(f"unknown reporter {name!r} (known: {known})") from None
