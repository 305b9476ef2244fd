"""Long lists in outputs show their first few, in a fixed order, and count the rest.

Nothing is hidden silently (the total is in the JSON and `and N more` in every other format),
and the cut never changes what the rules decide.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from readiness.listing import SHOWN
from tests.fan_site import AS_OF, fan_site
from tests.helpers import RIVERSIDE, run_cli

N = SHOWN + 10


@pytest.fixture(scope="module")
def fan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fan_site(tmp_path_factory.mktemp("fan"), N)


@pytest.fixture(scope="module")
def report(fan: Path) -> dict[str, Any]:
    done = run_cli("check", str(fan), "--as-of", AS_OF, "--format", "json")
    data: dict[str, Any] = json.loads(done.stdout)
    return data


def _finding(report: dict[str, Any], rule: str, target: str) -> dict[str, Any]:
    (found,) = [f for f in report["findings"] if f["rule"] == rule and f["target"] == target]
    return found


def test_untested_feeds_of_a_life_critical_system_are_listed_first_few_then_counted(
    report: dict[str, Any],
) -> None:
    found = _finding(report, "G-CRIT-UNTESTED", "unit-07")
    assert found["status"] == "fail"
    assert found["evidence"] == [
        f"if-src-{k:02d}: src-{k:02d} -> epr -> unit-07" for k in range(1, SHOWN + 1)
    ]
    assert found["evidence_total"] == N
    assert f"depends on {N} interface(s)" in found["message"]
    assert found["message"].endswith(f"if-src-{SHOWN:02d} and {N - SHOWN} more")


def test_blast_radius_lists_the_first_workflows_and_counts_them_all(
    report: dict[str, Any],
) -> None:
    found = _finding(report, "G-BLAST", "if-src-03")
    assert found["status"] == "fail"
    assert found["evidence"] == [f"affects wf-{k:02d}" for k in range(1, SHOWN + 1)]
    assert found["evidence_total"] == N
    assert f"affects {N} critical workflows (wf-01, wf-02," in found["message"]


def test_short_lists_are_whole_and_carry_no_total(report: dict[str, Any]) -> None:
    found = _finding(report, "G-SPOF", "epr")  # the hub cuts off every unit: N of them
    assert len(found["evidence"]) == SHOWN and found["evidence_total"] == N
    short = [f for f in report["findings"] if 0 < len(f["evidence"]) < SHOWN]
    assert short and all("evidence_total" not in f for f in short)


def test_impact_lists_are_cut_with_their_totals(report: dict[str, Any]) -> None:
    (impact,) = [i for i in report["impacts"] if i["id"] == "if-src-05"]
    # Through the hub a sender's failure reaches the hub and every unit, and every workflow.
    assert [p["id"] for p in impact["systems"]] == [
        "epr",
        *(f"unit-{k:02d}" for k in range(1, SHOWN)),
    ]
    assert impact["systems_total"] == N + 1
    assert [p["path"] for p in impact["systems"][:2]] == [
        ["src-05", "epr"],
        ["src-05", "epr", "unit-01"],
    ]
    assert len(impact["workflows"]) == SHOWN and impact["workflows_total"] == N


def test_html_and_junit_say_how_many_more(fan: Path, tmp_path: Path) -> None:
    html, junit = tmp_path / "r.html", tmp_path / "r.xml"
    run_cli("check", str(fan), "--as-of", AS_OF, "--html", str(html), "--junit", str(junit))
    page = html.read_text()
    assert f"<li>affects wf-{SHOWN:02d}</li><li>and {N - SHOWN} more</li></ul>" in page
    # The not-ready table: a sender reaches the hub and every unit.
    assert f"System unit-{SHOWN - 1:02d} and {N + 1 - SHOWN} more</td>" in page
    # Workflows at risk: every not-ready item reaches every workflow; the first few are named.
    at_risk = page[page.index("<h3>Workflows at risk") : page.index('id="findings"')]
    assert at_risk.count('<span class="path">') == N * SHOWN
    assert at_risk.count('<li class="muted">and ') == N
    assert f"evidence: and {N - SHOWN} more" in junit.read_text()


def test_the_cut_never_changes_what_a_rule_decides(fan: Path, tmp_path: Path) -> None:
    # A local rule's severity reads an interface past the cut: it sees the whole list.
    rules = tmp_path / "rules"
    rules.mkdir()
    last = f"if-src-{N:02d}"
    (rules / "local.yaml").write_text(
        (Path(__file__).parent / "fixtures" / "long_list_rule.yaml")
        .read_text()
        .replace("FEED_ID", last)
    )
    done = run_cli("check", str(fan), "--as-of", AS_OF, "--rules", str(rules), "--format", "json")
    found = _finding(json.loads(done.stdout), "LOCAL-LAST-FEED", "unit-01")
    assert found["severity"] == "blocker", found
    assert last not in found["message"]  # past the cut in what is shown


def test_work_dated_in_the_future_is_named_at_its_own_place_and_cut() -> None:
    done = run_cli("check", str(RIVERSIDE), "--as-of", "2026-01-01")
    lines = done.stdout.splitlines()
    (start,) = [i for i, line in enumerate(lines) if " GV-DATED-EVIDENCE " in line]
    listed = lines[start + 1 : start + 1 + SHOWN]
    for line in listed:
        found = re.fullmatch(r"    (\S+):(\d+):(\d+): (\S+) \((\d{4}-\d{2}-\d{2})\)", line)
        assert found, line
        written = Path(found[1]).read_text().splitlines()[int(found[2]) - 1]
        # Each item points at the line that writes its date.
        assert found[5] in written[int(found[3]) - 1 :], (line, written)
    assert len({line.split(": ")[0] for line in listed}) == SHOWN
    more = re.fullmatch(r"    and (\d+) more", lines[start + 1 + SHOWN])
    assert more and int(more[1]) > 0
    data = json.loads(
        run_cli("check", str(RIVERSIDE), "--as-of", "2026-01-01", "--format", "json").stdout
    )
    found = _finding(data, "GV-DATED-EVIDENCE", "riverside-community")
    assert found["evidence_total"] == SHOWN + int(more[1])
    assert len(found["evidence_locations"]) == len(found["evidence"]) == SHOWN
