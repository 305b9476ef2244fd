"""A verdict reached under changed thresholds or severities says so where it is read."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from tests.helpers import SAMPLES, run_cli

NORTHGATE = str(SAMPLES / "northgate-general")
AS_OF = ("--as-of", "2027-03-04")
# Lowering the training threshold turns Northgate's CONDITIONAL (theatres nurses 84%) into a GO.
CONFIG = "thresholds:\n  TR-COMPLETE: {min_percent: 80}\nseverity:\n  CS-CSO: minor\n"


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "readiness.yaml"
    path.write_text(CONFIG, encoding="utf-8")
    return path


def test_under_the_catalogue_settings_no_settings_section_is_printed() -> None:
    done = run_cli("check", NORTHGATE, *AS_OF)
    assert done.stdout.startswith("CONDITIONAL  Northgate")
    assert "Settings that differ" not in done.stdout


def test_the_terminal_summary_lists_each_changed_setting_beside_the_verdict(
    tmp_path: Path,
) -> None:
    config = _config(tmp_path)
    done = run_cli("check", NORTHGATE, *AS_OF, "--config", str(config))
    assert done.returncode == 0
    assert done.stdout.startswith("GO (modified: 2 settings)  Northgate General Hospital")
    lines = done.stdout.splitlines()
    start = lines.index("Settings that differ from the catalogue (2):")
    assert sorted(lines[start + 1 : start + 3]) == sorted(
        [
            f"{config}:2:30: TR-COMPLETE min_percent is 80.0 (default 90.0)",
            f"{config}:4:11: CS-CSO severity is minor (default blocker)",
        ]
    )


def test_the_html_report_says_so_in_its_title_and_banner(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run_cli("check", NORTHGATE, *AS_OF, "--config", str(_config(tmp_path)), "--html", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<title>GO (modified: 2 settings): Northgate" in html
    assert '<p class="verdict-label">modified: 2 settings</p>' in html


def test_the_markdown_report_lists_them_too(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    run_cli("check", NORTHGATE, *AS_OF, "--config", str(_config(tmp_path)), "--markdown", str(out))
    text = out.read_text(encoding="utf-8")
    assert text.startswith("## 🟢 GO (modified: 2 settings): Northgate General Hospital")
    assert "### Settings that differ from the catalogue (2)" in text
    assert "| `TR-COMPLETE` | min\\_percent | 90.0 | **80.0** |" in text
    assert "| `CS-CSO` | severity | blocker | **minor** |" in text


def test_compare_says_each_site_was_judged_under_changed_settings(tmp_path: Path) -> None:
    config = str(_config(tmp_path))
    done = run_cli("compare", str(SAMPLES), *AS_OF, "--config", config)
    rows = [line for line in done.stdout.splitlines() if "northgate-general" in line]
    assert rows and "(modified: 2 settings)" in rows[0]
    out = tmp_path / "portfolio.json"
    run_cli("compare", str(SAMPLES), *AS_OF, "--config", config, "--json", str(out))
    sites = json.loads(out.read_text(encoding="utf-8"))["sites"]
    assert {s["settings_changed"] for s in sites} == {2}
    assert {s["partial"] for s in sites} == {False}


def test_sarif_and_junit_carry_the_changed_settings(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    config = str(_config(tmp_path))
    run_cli(
        "check", NORTHGATE, *AS_OF, "--config", config, "--sarif", str(sarif), "--junit", str(junit)
    )
    (run,) = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    assert run["properties"]["settingsChanged"] == 2
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert [n["level"] for n in notes] == ["warning"]
    suites = ET.parse(junit).getroot()
    values = {p.get("value") for p in suites.iter("property") if p.get("name") == "modified"}
    assert values == {"2 settings differ from the catalogue"}


def test_sarif_and_junit_say_nothing_under_the_catalogue_settings(tmp_path: Path) -> None:
    sarif, junit = tmp_path / "out.sarif", tmp_path / "out.xml"
    run_cli("check", NORTHGATE, *AS_OF, "--sarif", str(sarif), "--junit", str(junit))
    (run,) = json.loads(sarif.read_text(encoding="utf-8"))["runs"]
    assert run["properties"]["settingsChanged"] == 0 and "invocations" not in run
    assert not any(p.get("name") == "modified" for p in ET.parse(junit).getroot().iter("property"))
