"""The HTML report: one self-contained page (inline CSS and SVG) for the board and the CSO."""

from __future__ import annotations

from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined

from readiness import __version__
from readiness.reporters import html_view as view
from readiness.reporters.graph_svg import layout
from readiness.reporters.wording import category_title, plural, relative_days, where
from readiness.result import Result


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
    )
    env.filters["where"] = where
    env.filters["category_title"] = category_title
    env.filters["rag_word"] = view.rag_word
    env.globals["plural"] = plural
    return env


def render(result: Result) -> str:
    """The site report as one HTML document."""
    template = environment().get_template("report.html.j2")
    return template.render(
        result=result,
        version=__version__,
        headline=view.VERDICT_HEADLINES.get(result.verdict, result.verdict),
        verdict_reason=view.verdict_reason(result),
        go_live_phrase=view.go_live_phrase(result),
        go_live_relative=relative_days(result.days_to_go_live),
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
            for state in ("active", "lapsed", "unused")
        },
    )
