"""The HTML report: self-contained, valid structure, first page content, graph, escaping."""

from __future__ import annotations

import dataclasses
import itertools
import re
from html.parser import HTMLParser

import pytest

from readiness.reporters import html
from readiness.result import Result

VOID = {"meta", "link", "br", "col", "img", "input", "hr", "wbr", "source", "area", "base"}
SVG_LEAVES = {"path", "rect", "circle", "line", "use"}


class _Balance(HTMLParser):
    """Checks that every element is closed in order (a cheap stand-in for a validator)."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID | SVG_LEAVES | {"col"}:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()


def _parse(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    parser.close()
    return parser


def test_elements_are_balanced(result: Result) -> None:
    parser = _parse(html.render(result))
    assert parser.errors == []
    assert parser.stack == []


def test_self_contained(result: Result) -> None:
    page = html.render(result)
    assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "http://" not in page and "https://" not in page
    assert not re.search(r"<(script|link|img|iframe|object)\b", page)
    assert "@import" not in page and "url(" not in page.replace("url(#g-arrow", "")
    assert re.search(r"@page \{\s*size: A4;", page)


def test_first_page(result: Result) -> None:
    page = html.render(result)
    assert '<header class="banner nogo">' in page
    assert '<p class="verdict">NO-GO</p>' in page
    assert "<h1>Northgate General Hospital</h1>" in page
    assert "<dd>2027-03-14</dd>" in page and "<dd>2026-11-25</dd>" in page
    assert "<dt>Days to go-live</dt><dd>109</dd>" in page
    assert "<h3>Blockers (5)</h3>" in page
    for finding in result.blockers:
        assert f"<code>{finding.rule}</code>" in page
    assert "overdue by 3 days" in page
    assert "Amira Hassan (training lead)" in page
    summary = page.split('<section id="graph"')[0]
    assert "<h3>Conditions (7)</h3>" in summary
    assert '<span class="badge rag-red">Red</span>' in summary


@pytest.mark.parametrize(
    ("verdict", "css", "word"),
    [("GO", "go", "GO"), ("CONDITIONAL", "conditional", "CONDITIONAL GO")],
)
def test_other_verdicts(result: Result, verdict: str, css: str, word: str) -> None:
    page = html.render(dataclasses.replace(result, verdict=verdict))
    assert f'<header class="banner {css}">' in page
    assert f'<p class="verdict">{word}</p>' in page


def test_after_go_live(result: Result) -> None:
    import datetime as dt

    late = dataclasses.replace(result, as_of=dt.date(2027, 3, 17))
    assert "<dd>-3 (go-live was 3 days ago)</dd>" in html.render(late)


def test_landmarks_headings_and_tables(result: Result) -> None:
    parser = _parse(html.render(result))
    tags = [t for t, _ in parser.tags]
    assert tags.count("main") == 1 and tags.count("header") == 1 and "footer" in tags
    assert tags.count("h1") == 1
    levels = [int(t[1]) for t in tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), levels
    for tag, attrs in parser.tags:
        if tag == "th":
            assert attrs.get("scope") in ("col", "row")
    ids = [attrs["id"] for _, attrs in parser.tags if attrs.get("id")]
    assert len(ids) == len(set(ids))


def test_graph(result: Result) -> None:
    page = html.render(result)
    start = page.index('<svg id="g-main"')
    svg = page[start : page.index("</svg>", start)]
    assert 'role="img"' in svg and 'aria-label="Integration graph of 34 systems' in svg
    assert svg.count('<rect class="g-box') == len(result.nodes)
    assert svg.count('class="g-box bad') == sum(1 for n in result.nodes if not n.ready)
    assert svg.count('class="g-edge bad"') == sum(1 for e in result.edges if not e.ready)
    # Hovering over a not-ready box or curve says so in words.
    assert re.search(r"<title>[^<]*· not ready[^<]*</title>", svg)
    assert re.search(r"<title>[^<]*NOT READY: [^<]*</title>", svg)


def test_sections(result: Result) -> None:
    page = html.render(result)
    for heading in (
        "Integration graph",
        "Not ready, and what it puts at risk",
        "Findings by category",
        "Waivers (5)",
        "Thresholds that differ from the defaults (2)",
        "Passed checks (15)",
    ):
        assert heading in page
    assert "Trust Integration Engine → WinPath LIMS → Order and result pathology tests" in page
    assert "The deploying organisation must accept the residual clinical risk" in page
    assert "<code>safety.yaml:12:3</code>" in page
    assert "Source locations are in <code>sites/northgate/</code>" in page
    assert '<span class="badge st-lapsed">lapsed</span>' in page


def test_a_waiver_without_authority_shows_where_its_blocker_stands(result: Result) -> None:
    page = html.render(result)
    note = (
        '<p class="refused">Waiver by Sam Reid (project-manager) not valid: approver lacks '
        "authority (project-manager may not waive a blocker in testing; needs one of: cso, "
        "sro)</p>"
    )
    # In the blockers of the summary and again in the findings by category.
    assert page.count(note) == 2
    assert '<span class="badge st-not-authorised">not-authorised</span>' in page
    assert "2 active, 1 lapsed, 1 unused, 1 not authorised." in page
    assert '<span class="badge st-unused">unused</span>' in page
    assert '<details class="items"><summary>3 passed</summary>' in page


def test_hostile_text_is_shown_as_text(hostile: Result) -> None:
    page = html.render(hostile)
    assert "<script" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &#34;Q&#34; &amp; | ]]&gt; %0A" in page
    assert "\x1b" not in page and "\ufffd[31m" in page
    parser = _parse(page)
    assert parser.errors == []
    # The running footer quotes the site's name in CSS: escaped, it cannot end the style.
    style = page[page.index("<style>") + len("<style>") : page.index("</style>")]
    assert "<" not in style and '"Q"' not in style
    assert "@bottom-left { content: " in style


def test_printed_pages_carry_site_verdict_date_and_page_number(result: Result) -> None:
    page = html.render(result)
    footer = (
        r"Northgate General Hospital \0000b7 NO-GO (modified: 2 settings) \0000b7 as of 2026-11-25"
    )
    assert f'@bottom-left {{ content: "{footer}";' in page
    assert '@bottom-right { content: "Page " counter(page) " of " counter(pages);' in page
    assert '<span class="screen-only">Hover over a box' in page
    assert re.search(r"@media print \{[^@]*\.screen-only \{ display: none; \}", page)


def test_scorecard_counts_failing_checks_by_severity_after_the_reasons(result: Result) -> None:
    page = html.render(result)
    summary = page[page.index('<section id="summary"') : page.index('<section id="graph"')]
    assert summary.index("<h3>Blockers (5)</h3>") < summary.index("<h3>Conditions (7)</h3>")
    assert summary.index("<h3>Conditions (7)</h3>") < summary.index("<h3>Scorecard</h3>")
    assert '<th scope="col" class="num">Blockers failing</th>' in summary
    assert "How the RAG is set." in summary
    assert "% of checks passed" not in summary


def test_templates_come_from_the_package() -> None:
    env = html.environment()
    assert {"report.html.j2", "report.css.j2", "graph.svg.j2"} <= set(env.list_templates())
    assert env.autoescape is True
