"""The HTML report as a reader sees it in a real browser: offline, no errors, no script."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.slow


@dataclass
class Visit:
    """A page opened from a file, with everything it asked for or complained about."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def _open(browser: Any, path: Path, media: str = "screen") -> Visit:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    visit = Visit(page, path.resolve().as_uri())
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            visit.console_errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.on("pageerror", lambda error: visit.page_errors.append(str(error)))

    def on_dialog(dialog: Any) -> None:
        visit.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.emulate_media(media=media)
    page.goto(visit.url, wait_until="load")
    return visit


def _quiet(visit: Visit) -> None:
    assert visit.requests == [visit.url], "the report must not load anything else"
    assert visit.console_errors == []
    assert visit.page_errors == []
    assert visit.dialogs == []


def test_reader_sees_verdict_graph_and_blockers(
    browser: Any, report_files: dict[str, Path]
) -> None:
    visit = _open(browser, report_files["plain"])
    page = visit.page
    verdict = page.locator("header .verdict")
    assert verdict.is_visible()
    assert verdict.inner_text() == "NO-GO"
    assert page.get_by_role("heading", name="Northgate General Hospital").is_visible()
    assert page.get_by_role("heading", name="Blockers (5)").is_visible()
    blockers = page.locator("#summary table").first.locator("tbody tr")
    assert blockers.count() == 5
    assert blockers.first.is_visible()
    assert "CS-CSCR" in blockers.first.inner_text()
    assert "overdue by 3 days" in blockers.first.inner_text()
    graph = page.get_by_role("img", name="Integration graph of 34 systems", exact=False)
    graph.scroll_into_view_if_needed()
    assert graph.is_visible()
    box = graph.bounding_box()
    assert box is not None and box["width"] > 600 and box["height"] > 300
    _quiet(visit)
    page.context.close()


def test_hostile_names_render_as_text(browser: Any, report_files: dict[str, Path]) -> None:
    visit = _open(browser, report_files["hostile"])
    page = visit.page
    assert page.locator("script").count() == 0
    title = page.locator("header h1")
    assert title.is_visible()
    assert "<script>alert(1)</script>" in title.inner_text()
    node = page.locator("figure.graph svg text", has_text="<script>")
    assert node.count() >= 1
    _quiet(visit)
    page.context.close()


def test_print_layout(browser: Any, report_files: dict[str, Path]) -> None:
    visit = _open(browser, report_files["plain"], media="print")
    page = visit.page
    assert not page.locator("nav.toc").is_visible()
    assert page.locator("header .verdict").is_visible()
    background = page.locator("header.banner").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert background == "rgb(253, 236, 234)", "print uses a light tint, not a dark fill"
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    _quiet(visit)
    page.context.close()


def test_sample_site_report_from_the_command_line(browser: Any, tmp_path: Path) -> None:
    from tests.helpers import run_cli

    report = tmp_path / "westbrook.html"
    done = run_cli(
        "check",
        "sample_sites/westbrook-eprescribing",
        "--as-of",
        "2027-02-12",
        "--html",
        str(report),
    )
    assert done.returncode == 1, done.stderr
    visit = _open(browser, report)
    page = visit.page
    assert page.locator("header .verdict").inner_text() == "NO-GO"
    # The late platform: four systems live before it, nine workflows with a step over it.
    assert page.get_by_role("heading", name="Blockers (13)").is_visible()
    blockers = page.locator("#summary table").first.locator("tbody tr")
    rules = [blockers.nth(i).inner_text() for i in range(blockers.count())]
    assert sum("G-SEQ-ORDER" in r for r in rules) == 4
    assert sum("WF-STEP-LIVE" in r for r in rules) == 9
    assert len(rules) == 13
    graph = page.get_by_role("img", name="Integration graph of 12 systems", exact=False)
    assert graph.count() == 1
    _quiet(visit)
    page.context.close()
