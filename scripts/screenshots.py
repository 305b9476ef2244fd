"""Regenerate docs/screenshots/: each sample site's report and the portfolio, as readers see them.

For each sample site (checked as of its go/no-go meeting, sample_sites/README.md) and for the
portfolio: the first screen at 1366x900 (a laptop) and at 390x844 (a phone), the A4 PDF
that printing gives, and each site's integration graph whole. Run from the repository root:

    python scripts/screenshots.py [--out docs/screenshots]

Needs playwright (a test dependency) and Chromium at /usr/bin/chromium (apt-get install
chromium); the browser runs offline, as the reports must open without a network.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
# Each sample is described as it stands three days before its go-live (sample_sites/README.md).
SAMPLES = {
    "northgate-general": "2027-03-04",
    "riverside-community": "2027-04-16",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}
PORTFOLIO_AS_OF = "2027-05-12"
VIEWPORTS = {"1366x900": (1366, 900), "390x844": (390, 844)}
OFFLINE_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--host-resolver-rules=MAP * ~NOTFOUND",
]


def write_reports(folder: Path) -> dict[str, Path]:
    """Each sample site's HTML report and the portfolio's, written by the command line."""
    reports = {}
    for site, as_of in SAMPLES.items():
        reports[site] = folder / f"{site}.html"
        _readiness("check", f"sample_sites/{site}", "--as-of", as_of, "--html", reports[site])
    reports["portfolio"] = folder / "portfolio.html"
    _readiness(
        "compare", "sample_sites", "--as-of", PORTFOLIO_AS_OF, "--html", reports["portfolio"]
    )
    return reports


def _readiness(*args: str | Path) -> None:
    # check exits 1 on a NO-GO; only 2 and 3 (bad input, a bug) mean no report.
    done = subprocess.run(
        [sys.executable, "-m", "readiness", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        sys.exit(f"readiness {' '.join(map(str, args))} failed:\n{done.stderr}")


def shoot(reports: dict[str, Path], out: Path) -> list[Path]:
    """Screenshots at each viewport and the A4 PDF of every report; the files written."""
    from playwright.sync_api import sync_playwright

    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=OFFLINE_ARGS)
        for name, report in reports.items():
            for label, (width, height) in VIEWPORTS.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(report.resolve().as_uri(), wait_until="load")
                path = out / f"{name}-{label}.png"
                page.screenshot(path=str(path))
                written.append(path)
                page.close()
            if name != "portfolio":
                written.append(_graph(browser, report, out / f"{name}-graph.png"))
            page = browser.new_page()
            page.goto(report.resolve().as_uri(), wait_until="load")
            page.emulate_media(media="print")
            path = out / f"{name}.pdf"
            page.pdf(path=str(path), prefer_css_page_size=True, print_background=True)
            written.append(path)
            page.close()
        browser.close()
    return written


def _graph(browser: Any, report: Path, path: Path) -> Path:
    """The whole integration graph at its natural size, in a window wide and tall enough."""
    page = browser.new_page(viewport={"width": 1366, "height": 900})
    page.goto(report.resolve().as_uri(), wait_until="load")
    size = page.evaluate(
        "() => [document.querySelector('#g-main').width.baseVal.value,"
        " document.querySelector('#g-main').height.baseVal.value]"
    )
    page.set_viewport_size({"width": int(size[0]) + 120, "height": int(size[1]) + 120})
    page.add_style_tag(content=".wrap { max-width: none; }")
    page.locator("#graph").evaluate("section => section.scrollIntoView()")
    box = page.locator("#g-main").bounding_box()
    page.screenshot(path=str(path), clip=box)
    page.close()
    return path


def main(argv: list[str] | None = None) -> int:
    """Write the reports to a temporary folder and their pictures to --out."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        sys.exit(f"{CHROMIUM} is missing: apt-get install chromium")
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for path in shoot(write_reports(Path(tmp)), args.out):
            print(path.relative_to(REPO) if path.is_relative_to(REPO) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
