"""The sample reports as read on a laptop, on a phone and on paper, measured in Chromium."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import run_cli

pytestmark = pytest.mark.slow

# Each sample as of its go/no-go meeting, three days before go-live (sample_sites/README.md).
SAMPLES = {
    "northgate-general": "2027-03-04",
    "riverside-community": "2027-04-16",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}

# Every pair of visible cells of a table whose boxes intersect, and every cell whose content
# is wider than the cell; plus how far the page itself is wider than the window.
OVERLAPS = """() => {
  const found = [];
  for (const table of document.querySelectorAll("main table")) {
    const cells = [...table.querySelectorAll("td, th")].filter(c => c.getClientRects().length);
    const boxes = cells.map(c => c.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i];
      const cell = cells[i];
      if (cell.scrollWidth > cell.clientWidth + 1) found.push("wide: " + cell.innerText);
      for (let j = i + 1; j < boxes.length; j++) {
        const b = boxes[j];
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 1 && h > 1) found.push(cell.innerText + " / " + cells[j].innerText);
      }
    }
  }
  return {found, wider: document.documentElement.scrollWidth - window.innerWidth};
}"""

# The smallest on-screen size of any text in the graph: font size times the picture's scale.
SMALLEST_TEXT = """() => {
  const svg = document.querySelector("#g-main");
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(
    t => parseFloat(getComputedStyle(t).fontSize) * scale);
  return {count: sizes.length, smallest: Math.min(...sizes), scale};
}"""


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each sample site's report and the portfolio, written by the command line."""
    folder = tmp_path_factory.mktemp("samples")
    out = {}
    for site, as_of in SAMPLES.items():
        out[site] = folder / f"{site}.html"
        done = run_cli("check", f"sample_sites/{site}", "--as-of", as_of, "--html", str(out[site]))
        assert done.returncode in (0, 1), done.stderr
    out["portfolio"] = folder / "portfolio.html"
    done = run_cli(
        "compare", "sample_sites", "--as-of", "2027-05-12", "--html", str(out["portfolio"])
    )
    assert done.returncode == 0, done.stderr
    return out


def _page(browser: Any, path: Path, width: int, height: int, media: str = "screen") -> Any:
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.emulate_media(media=media)
    page.goto(path.resolve().as_uri(), wait_until="load")
    return page


def test_first_blockers_owner_is_above_the_fold_on_a_laptop(
    browser: Any, reports: dict[str, Path]
) -> None:
    page = _page(browser, reports["westbrook-eprescribing"], 1366, 900)
    owner = page.locator("#summary table").first.locator("tbody tr").first.locator("td.owner")
    assert "Deborah Lowry" in owner.inner_text()
    box = owner.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 900, box
    page.context.close()


@pytest.mark.parametrize("site", list(SAMPLES))
def test_no_text_in_the_graph_is_smaller_than_11px(
    browser: Any, reports: dict[str, Path], site: str
) -> None:
    for width in (1366, 390):
        page = _page(browser, reports[site], width, 900)
        measured = page.evaluate(SMALLEST_TEXT)
        assert measured["count"] > 0
        assert measured["smallest"] >= 11, (width, measured)
        page.context.close()


@pytest.mark.parametrize("site", list(SAMPLES))
def test_printed_graph_is_not_shrunk(browser: Any, reports: dict[str, Path], site: str) -> None:
    page = _page(browser, reports[site], 1000, 700, media="print")
    # Printed at 1:1, 11 px text is 8.25 pt; a picture too big for a page is cut into parts.
    scales = page.evaluate(
        """() => [...document.querySelectorAll("#graph svg[viewBox]")]
            .filter(s => s.getClientRects().length)
            .map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width)"""
    )
    assert scales and min(scales) >= 0.999, scales
    assert not page.get_by_text("Hover over a box").is_visible()
    page.context.close()


@pytest.mark.parametrize("report", [*SAMPLES, "portfolio"])
def test_no_table_cell_overlaps_another_on_a_phone(
    browser: Any, reports: dict[str, Path], report: str
) -> None:
    page = _page(browser, reports[report], 390, 844)
    measured = page.evaluate(OVERLAPS)
    assert measured["found"] == []
    assert measured["wider"] <= 0, "the page scrolls sideways on a phone"
    page.context.close()


def test_westbrook_graph_draws_the_late_integration_platform_as_failing(
    browser: Any, reports: dict[str, Path]
) -> None:
    page = _page(browser, reports["westbrook-eprescribing"], 1366, 900)
    platform = page.locator('#g-main g[data-system="tie-new"]')
    assert platform.count() == 1
    assert "bad" in (platform.get_attribute("class") or "")
    text = platform.locator("text").all_text_contents()
    assert "go-live 2027-03-22" in text
    assert "G-SEQ-ORDER" in " ".join(text)
    fill = platform.locator("rect").evaluate("rect => getComputedStyle(rect).fill")
    assert fill == "rgb(253, 236, 234)", "drawn in the not-ready red tint"
    # The sequencing constraint it breaks is drawn failing too.
    assert page.locator("#g-main path.g-edge.bad.seq").count() >= 1
    page.context.close()
