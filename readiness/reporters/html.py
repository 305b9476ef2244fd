"""The HTML report: one self-contained page (inline CSS and SVG) for the board and the CSO."""

from __future__ import annotations

import re
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from readiness import __version__
from readiness.reporters import html_view as view
from readiness.reporters.graph_svg import layout
from readiness.reporters.trend_svg import trend_chart
from readiness.reporters.wording import category_title, plural, verdict_note
from readiness.result import Result
from readiness.trend import Trend

# Code points HTML forbids even as text: controls (but tab, LF, FF, CR), lone surrogates and
# noncharacters. Escaping does not help with these; they are replaced.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")


def css_string(text: str) -> Markup:
    """`text` as a quoted CSS string: anything but plain letters, digits and spaces is written
    as a hex escape, so user text cannot end the string or the style element."""
    safe = (
        ch if (ch.isascii() and ch.isalnum()) or ch in " .,:-()" else f"\\{ord(ch):06x}"
        for ch in _FORBIDDEN.sub("\ufffd", text)
    )
    return Markup(f'"{"".join(safe)}"')


def _printable(value: object) -> object:
    if isinstance(value, Markup):
        return Markup(_FORBIDDEN.sub("\ufffd", value))
    if isinstance(value, str):
        return _FORBIDDEN.sub("\ufffd", value)
    return value


@cache
def environment() -> Environment:
    """The Jinja environment over the package's templates; autoescaping everything."""
    env = Environment(
        loader=PackageLoader("readiness", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_printable,
    )
    env.filters["source"] = view.source
    env.filters["category_title"] = category_title
    env.filters["rag_word"] = view.rag_word
    env.filters["css_string"] = css_string
    env.globals["plural"] = plural
    return env


def render(result: Result, history: Trend | None = None) -> str:
    """The site report as one HTML document; with the site's trend when history is given."""
    template = environment().get_template("report.html.j2")
    return template.render(
        result=result,
        chart=None if history is None else trend_chart(history),
        version=__version__,
        root=view.source_root(result),
        headline=view.VERDICT_HEADLINES.get(result.verdict, result.verdict),
        partial=verdict_note(result),
        footer=view.running_footer(result),
        verdict_reason=view.verdict_reason(result),
        go_live_phrase=view.go_live_phrase(result),
        blockers=[view.row(f, result) for f in result.blockers],
        conditions=[view.row(f, result) for f in result.conditions],
        categories=view.category_groups(result),
        passed=view.passed_rules(result),
        not_ready=view.not_ready(result),
        at_risk=view.workflows_at_risk(result),
        picture=layout(result),
        counts={
            status: len(result.by_status(status))
            for status in ("fail", "waived", "pass", "not_applicable")
        },
        waiver_states={
            state: sum(1 for w in result.waivers if w.state == state)
            for state in (
                "active",
                "lapsed",
                "unused",
                "not-yet-approved",
                "not-authorised",
                "expires-before-go-live",
            )
        },
    )
