"""`readiness compare`: the portfolio of the sample sites, from the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from tests.helpers import SAMPLES, catalogue_size, run_cli

# One date for four sites with different go-lives: the sites record work up to three days
# before each go-live, so work dated after this date is not counted against them here.
AS_OF = ("--as-of", "2026-11-25", "--ignore", "GV-DATED-EVIDENCE")
SITES = tuple(
    f"sample_sites/{name}"
    for name in (
        "northgate-general",
        "riverside-community",
        "eastmoor-pacs",
        "westbrook-eprescribing",
    )
)
HOSTILE = "<script>alert(1)</script>"


def _copy(site: str, folder: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of a sample site with one text replacement per file (each must match once)."""
    copy = folder / site
    shutil.copytree(SAMPLES / site, copy)
    for name, (old, new) in edits.items():
        path = copy / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, (name, old)
        path.write_text(text.replace(old, new), encoding="utf-8")
    return copy


class Run(NamedTuple):
    """What one `compare` of the four sample sites printed and wrote."""

    stdout: str
    json: bytes
    html: bytes


def _compare_samples(folder: Path, *extra: str) -> Run:
    json_file, html_file = folder / "portfolio.json", folder / "portfolio.html"
    done = run_cli(
        "compare", *SITES, *AS_OF, "--json", str(json_file), "--html", str(html_file), *extra
    )
    assert done.returncode == 0, done.stderr
    return Run(done.stdout, json_file.read_bytes(), html_file.read_bytes())


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Run:
    return _compare_samples(tmp_path_factory.mktemp("portfolio"))


@pytest.fixture(scope="module")
def portfolio(samples: Run) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(samples.json)
    return data


def test_sites_are_ranked_no_go_first_then_by_blockers(portfolio: dict[str, Any]) -> None:
    ranking = [(s["rank"], s["site"], s["verdict"]) for s in portfolio["sites"]]
    assert ranking == [
        (1, "westbrook-eprescribing", "NO-GO"),
        (2, "eastmoor-pacs", "NO-GO"),
        (3, "northgate-general", "CONDITIONAL"),
        (4, "riverside-community", "GO"),
    ]
    assert portfolio["summary"] == {
        "sites": 4,
        "verdicts": {"NO-GO": 2, "CONDITIONAL": 1, "GO": 1},
    }


def test_heatmap_has_every_category_and_only_the_known_weak_spots(
    portfolio: dict[str, Any],
) -> None:
    assert len(portfolio["categories"]) == 12
    weak = {
        (s["site"], c["category"], c["percent"], c["rag"])
        for s in portfolio["sites"]
        for c in s["categories"]
        if c["rag"] != "green"
    }
    assert weak == {
        ("westbrook-eprescribing", "integration", 91, "red"),
        ("westbrook-eprescribing", "workflows", 77, "red"),
        ("eastmoor-pacs", "data-migration", 60, "red"),
        ("northgate-general", "training", 98, "amber"),
    }
    for site in portfolio["sites"]:
        assert [c["category"] for c in site["categories"]] == portfolio["categories"]


def test_no_rule_fails_at_more_than_one_sample_site(portfolio: dict[str, Any]) -> None:
    assert portfolio["systemic_rules"] == []


def test_a_shared_system_not_ready_at_one_site_puts_the_others_at_risk(
    portfolio: dict[str, Any],
) -> None:
    shared = {s["name"]: s for s in portfolio["shared_systems"]}
    pharmacy = shared["DispenseRight pharmacy stock control"]
    assert pharmacy["category"] == "pharmacy"
    assert pharmacy["not_ready_at"] == ["westbrook-eprescribing"]
    assert pharmacy["at_risk"] == ["northgate-general"]
    assert [(u["site"], u["ready"]) for u in pharmacy["sites"]] == [
        ("northgate-general", True),
        ("westbrook-eprescribing", False),
    ]
    assert "G-SEQ-ORDER" in pharmacy["sites"][1]["reasons"]
    pds = shared["NHS Spine - Personal Demographics Service (PDS)"]
    assert [u["site"] for u in pds["sites"]] == [
        "northgate-general",
        "riverside-community",
        "westbrook-eprescribing",
    ]
    assert pds["not_ready_at"] == [] and pds["at_risk"] == []
    # Matched by name and category, not id: `tie` is a different engine at each trust.
    assert not any(s["category"] == "integration-engine" for s in shared.values())
    assert next(iter(shared)) == "DispenseRight pharmacy stock control", "not-ready items first"


def test_terminal_shows_a_compact_ranking_table(samples: Run) -> None:
    lines = samples.stdout.splitlines()
    assert lines[0] == "Portfolio of 4 sites as of 2026-11-25: 2 NO-GO, 1 CONDITIONAL, 1 GO"
    assert lines[2] == "Upcoming go-lives (4):"
    assert lines[3].split() == [
        "#",
        "Verdict",
        "Site",
        "Confidence",
        "Go-live",
        "Days",
        "Blockers",
        "Conditions",
        "Not",
        "green",
    ]
    # AS_OF ignores one rule: each verdict says it covers all the other rules.
    assert lines[4].split() == [
        "1",
        "NO-GO",
        "(partial:",
        str(catalogue_size() - 1),
        "of",
        str(catalogue_size()),
        "rules)",
        "westbrook-eprescribing",
        "A/R",
        "2027-02-15",
        "82",
        "13",
        "0",
        "workflows",
        "77%",
        "red,",
        "integration",
        "91%",
        "red",
    ]
    assert (
        "  DispenseRight pharmacy stock control (pharmacy): not ready at westbrook-eprescribing; "
        "puts northgate-general at risk"
    ) in lines


def test_a_rule_failing_at_two_sites_is_systemic(tmp_path: Path) -> None:
    # Fewer trained staff (and so fewer passing proficiency) in each of two different sites
    # breaks TR-COMPLETE at both.
    def fewer(was: int, now: int) -> tuple[str, str]:
        cohort = "    trained: {0}\n    high_risk: false\n    prescribers: false\n"
        cohort += "    proficiency_passed: {0}\n"
        return cohort.format(was), cohort.format(now)

    river = _copy("riverside-community", tmp_path, {"staff.yaml": fewer(401, 300)})
    east = _copy("eastmoor-pacs", tmp_path, {"staff.yaml": fewer(181, 100)})
    done = run_cli(
        "compare",
        str(river),
        str(east),
        "sample_sites/northgate-general",
        *AS_OF,
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    systemic = json.loads(done.stdout)["systemic_rules"]
    # Fewer trained staff with the same live accounts also breaks TR-ACCESS at both sites.
    assert [(r["rule"], r["site_count"]) for r in systemic] == [
        ("TR-COMPLETE", 3),
        ("TR-ACCESS", 2),
    ]
    rule = systemic[0]
    assert rule["site_count"] == 3
    assert rule["sites"] == [
        {"site": "eastmoor-pacs", "items": ["coh-radiographers"]},
        {"site": "northgate-general", "items": ["coh-nurses-theatres"]},
        {"site": "riverside-community", "items": ["coh-district-nurses"]},
    ]
    assert rule["severity"] == "blocker"


def test_shared_interfaces_are_matched_by_their_systems_and_standard(tmp_path: Path) -> None:
    first = _copy(
        "riverside-community",
        tmp_path / "a",
        {"site.yaml": ("id: riverside-community", "id: riverside-wave-1")},
    )
    second = _copy(
        "riverside-community",
        tmp_path / "b",
        {"site.yaml": ("id: riverside-community", "id: riverside-wave-2")},
    )
    done = run_cli("compare", str(first), str(second), *AS_OF, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["shared_systems"]) == 13
    assert data["shared_interfaces"]
    for interface in data["shared_interfaces"]:
        assert {u["site"] for u in interface["sites"]} == {"riverside-wave-1", "riverside-wave-2"}


def test_json_and_html_are_byte_identical_between_runs(samples: Run, tmp_path: Path) -> None:
    again = _compare_samples(tmp_path, "--format", "json")
    assert (again.json, again.html) == (samples.json, samples.html)
    assert again.stdout.encode("utf-8") == samples.json
    assert samples.json.endswith(b"}\n")
    assert json.dumps(json.loads(samples.json), indent=2, ensure_ascii=False) + "\n" == again.stdout


def test_html_escapes_a_hostile_site_name(tmp_path: Path) -> None:
    site = _copy(
        "riverside-community",
        tmp_path,
        {"site.yaml": ("name: Riverside Community Services - wave 1", f"name: '{HOSTILE}'")},
    )
    out = tmp_path / "portfolio.html"
    done = run_cli(
        "compare", str(site), "sample_sites/northgate-general", *AS_OF, "--html", str(out)
    )
    assert done.returncode == 0, done.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_every_problem_of_every_site_is_printed_and_nothing_compared(tmp_path: Path) -> None:
    out = tmp_path / "portfolio.json"
    done = run_cli(
        "compare",
        "tests/bad_inputs/wrong_enum.yaml",
        "sample_sites/eastmoor-pacs",
        "tests/bad_inputs/unknown_system_ref.yaml",
        "no/such/site",
        *AS_OF,
        "--json",
        str(out),
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "no/such/site: no such file or folder [path-missing]",
        "tests/bad_inputs/wrong_enum.yaml:5:13: site.approach: `big-band` is not allowed "
        "(did you mean `big-bang`?); expected one of: big-bang, phased, pilot-then-waves "
        "[schema-enum]",
        "tests/bad_inputs/wrong_enum.yaml:11:18: systems[0].criticality: `life critical` is not "
        "allowed (did you mean `life-critical`?); expected one of: life-critical, "
        "business-critical, supporting [schema-enum]",
        "tests/bad_inputs/unknown_system_ref.yaml:19:13: unknown system `lmis` (did you mean "
        "`lims`?) [unknown-reference]",
        "4 problems: nothing was compared",
    ]
    assert not out.exists()


def test_the_same_site_twice_is_refused() -> None:
    site = "sample_sites/riverside-community"
    done = run_cli("compare", site, f"{site}/", *AS_OF)
    assert done.returncode == 2
    assert done.stderr.splitlines()[0] == (
        f"{site}: site id `riverside-community` is also the id of {site} [duplicate-site]"
    )


def test_a_report_over_a_site_file_is_refused(tmp_path: Path) -> None:
    site = _copy("riverside-community", tmp_path, {})
    target = site / "site.yaml"
    before = target.read_bytes()
    done = run_cli("compare", str(site), *AS_OF, "--html", str(target))
    assert done.returncode == 2
    assert "[output-is-input]" in done.stderr
    assert target.read_bytes() == before


def test_usage_errors_exit_2() -> None:
    assert run_cli("compare").returncode == 2
    assert run_cli("compare", SITES[0], "--as-of", "25/11/2026").returncode == 2
    assert run_cli("compare", SITES[0], "--jobs", "0").returncode == 2
