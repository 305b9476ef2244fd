"""Interfaces judged at both ends and feeds followed per message type, through the CLI.

Each test changes one thing in a copy of Riverside (a GO site whose systems state what they
send, accept and need) and checks the finding a go/no-go board would expect.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import SAMPLES, run_cli

AS_OF = "2027-04-16"


def _riverside(tmp_path: Path) -> Path:
    site = tmp_path / "riverside"
    shutil.copytree(SAMPLES / "riverside-community", site)
    return site


def _edit(site: Path, file: str, item: str, old: str, new: str) -> None:
    """Replace `old` by `new` inside the list item `- id: ITEM` of one of the site's files."""
    path = site / file
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {item}\n")
    end = text.find("\n  - id: ", start + 1)
    end = len(text) if end < 0 else end
    block = text[start:end]
    assert block.count(old) == 1, (item, old)
    path.write_text(text[:start] + block.replace(old, new) + text[end:], encoding="utf-8")


def _failing(site: Path) -> dict[tuple[str, str], tuple[str, str]]:
    done = run_cli("check", str(site), "--as-of", AS_OF, "--format", "json")
    result = json.loads(done.stdout)
    return {
        (f["rule"], f["target"]): (f["severity"], f["message"])
        for f in result["findings"]
        if f["status"] == "fail"
    }


def test_results_at_a_version_the_receiver_does_not_take_fail_if_compat(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "interfaces.yaml", "if-results", 'version: "2.5.1"', 'version: "2.4"')
    _edit(site, "systems.yaml", "ordercomms", 'versions: ["2.5.1"]', 'versions: ["2.4"]')
    failing = _failing(site)
    assert failing[("IF-COMPAT", "if-results")] == (
        "blocker",
        "Pathology results to TerraCare (ordercomms -> cepr): "
        "cepr does not accept HL7 v2 2.4 (2.5.1)",
    )
    assert {rule for rule, _target in failing} == {"IF-COMPAT"}


def test_the_engines_declared_transform_makes_the_receiver_accept_it(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(
        site,
        "interfaces.yaml",
        "if-results",
        'version: "2.5.1"',
        'version: "2.4"\n    transform: {from: "2.4", to: "2.5.1"}',
    )
    # The order comms system speaks 2.4 only: the engine also takes the EPR's orders down.
    _edit(
        site,
        "interfaces.yaml",
        "if-orders",
        'version: "2.5.1"',
        'version: "2.5.1"\n    transform: {from: "2.5.1", to: "2.4"}',
    )
    _edit(site, "systems.yaml", "ordercomms", 'versions: ["2.5.1"]', 'versions: ["2.4"]')
    assert _failing(site) == {}


def test_unstated_capabilities_fail_as_not_stated(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "systems.yaml", "ordercomms", "        sends: [ORU^R01]\n", "")
    severity, message = _failing(site)[("IF-COMPAT", "if-results")]
    assert (severity, message) == (
        "blocker",
        "Pathology results to TerraCare (ordercomms -> cepr): "
        "`systems[ordercomms].interop.hl7v2.sends` is not stated "
        "(what ordercomms sends over HL7 v2)",
    )


def test_losing_the_results_feed_orphans_that_type_while_other_feeds_stay(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "interfaces.yaml", "if-results", "lifecycle: new", "lifecycle: retired")
    failing = _failing(site)
    # Results for the critical bloods workflow: a blocker, though ADT and orders stay live.
    assert failing[("G-ORPHAN", "cepr")] == (
        "blocker",
        "TerraCare Community EPR will receive nothing of 1 message type(s) it needs on day one: "
        "ORU^R01: ordercomms -> tie -> cepr (if-results is retired)",
    )
    assert failing[("WF-STEP-LIVE", "wf-bloods")][0] == "blocker"


def test_a_system_live_before_the_real_source_behind_the_engine_fails(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(
        site,
        "systems.yaml",
        "ordercomms",
        "lifecycle: retained",
        'lifecycle: changed\n    go_live: "2027-05-10"',
    )
    failing = _failing(site)
    severity, message = failing[("G-SEQ-ORDER", "cepr")]
    assert severity == "blocker"
    assert message.endswith("before what it needs: ordercomms (2027-05-10)")


def test_an_engine_need_not_wait_for_the_sources_it_carries(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    # The engine upgrade goes live before the new EPR whose feeds it carries: a correct plan.
    _edit(
        site,
        "systems.yaml",
        "tie",
        "lifecycle: retained",
        'lifecycle: changed\n    go_live: "2027-04-12"',
    )
    assert not any(rule == "G-SEQ-ORDER" for rule, _target in _failing(site))


def test_a_circular_go_live_order_is_reported_as_a_path(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(
        site, "systems.yaml", "cepr", "lifecycle: new", "lifecycle: new\n    go_live_after: [sched]"
    )
    _edit(
        site,
        "systems.yaml",
        "sched",
        "lifecycle: new",
        "lifecycle: new\n    go_live_after: [mobile]",
    )
    _edit(
        site,
        "systems.yaml",
        "mobile",
        "lifecycle: new",
        "lifecycle: new\n    go_live_after: [cepr]",
    )
    assert _failing(site)[("G-SEQ-CYCLE", "cepr")] == (
        "blocker",
        "go-live order is circular: cepr -> mobile -> sched -> cepr",
    )


def test_a_workflow_step_on_a_system_of_a_later_wave_fails(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "systems.yaml", "sched", 'go_live: "2027-04-19"', 'go_live: "2027-05-03"')
    severity, message = _failing(site)[("WF-STEP-LIVE", "wf-home-visit")]
    assert severity == "blocker"
    assert "1 'Receive the day's visit list': sched goes live on 2027-05-03" in message


def test_an_unknown_hl7_trigger_event_is_a_validation_error_at_its_line(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "interfaces.yaml", "if-orders", "messages: [OML^O21]", "messages: [OML^O99]")
    done = run_cli("validate", str(site))
    assert done.returncode == 1
    text = (site / "interfaces.yaml").read_text(encoding="utf-8").splitlines()
    line = next(n for n, row in enumerate(text, 1) if "OML^O99" in row)
    column = text[line - 1].index("OML^O99") + 1
    assert (
        f"{site / 'interfaces.yaml'}:{line}:{column}: "
        "`O99` (in `OML^O99`) is not a trigger event of HL7 v2.5.1 [unknown-hl7-name]"
    ) in done.stdout


def test_an_unstated_merge_capability_fails_pi_merge_as_not_stated(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "systems.yaml", "sched", "    receives_merges: true\n", "")
    severity, message = _failing(site)[("PI-MERGE", "sched")]
    assert severity == "major"
    assert message.startswith("`systems[sched].receives_merges` is not stated")


def test_a_volume_stated_not_applicable_needs_no_daily_figure(tmp_path: Path) -> None:
    site = _riverside(tmp_path)
    _edit(site, "interfaces.yaml", "if-sched-out", "    messages_per_day: 5200\n", "")
    _edit(site, "interfaces.yaml", "if-sched-out", "volume: not-required", "volume: not-applicable")
    assert _failing(site) == {}
