"""Every finding names who answers for it: the item's owner, else its area's lead, else GV-OWNER.

Owners are written as `{name, role, email}` or, as sites always could, as free text.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.people import person, same_person
from tests.helpers import (
    RIVERSIDE,
    SAMPLES,
    check_json,
    failing_findings,
    run_cli,
    run_cli_once,
    sample_with,
)

EASTMOOR = SAMPLES / "eastmoor-pacs"
EASTMOOR_AS_OF = "2027-05-12"
SAMPLE_DATES = {
    "northgate-general": "2027-03-04",
    "riverside-community": "2027-04-16",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}
KEVIN = {
    "name": "Kevin Doran",
    "role": "Imaging Migration Lead",
    "email": "kevin.doran@eastmoor.example.nhs.uk",
}


def _sample(site: str) -> dict[str, Any]:
    """A sample site's JSON result on its assessment date (run once per test session)."""
    done = run_cli_once(
        "check", f"sample_sites/{site}", "--as-of", SAMPLE_DATES[site], "--format", "json"
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def _by_rule(result: dict[str, Any], rule: str) -> dict[str, Any]:
    (found,) = [f for f in result["findings"] if f["rule"] == rule]
    return found


def _images(data: dict[str, Any]) -> dict[str, Any]:
    (domain,) = [d for d in data["data_migration"]["domains"] if d["domain"] == "images"]
    return domain


@pytest.mark.parametrize("site", sorted(SAMPLE_DATES))
def test_no_failing_finding_on_a_sample_site_is_unassigned(site: str) -> None:
    result = _sample(site)
    failing = [f for f in result["findings"] if f["status"] in ("fail", "waived")]
    assert [(f["rule"], f["target"]) for f in failing if f["owner"] is None] == []
    assert _by_rule(result, "GV-OWNER")["status"] == "pass"


def test_free_text_owners_of_existing_sites_still_load() -> None:
    westbrook = failing_findings(_sample("westbrook-eprescribing"))
    # `Name (Role)`, today's convention, is read as a name and a role.
    assert westbrook[("G-SEQ-ORDER", "eds")]["owner"] == {
        "name": "Dr Ian Lockhart",
        "role": "Clinical Director, Medicine",
        "email": None,
        "lead_of": None,
    }
    # Free text in any other form is kept whole as the name.
    northgate = failing_findings(_sample("northgate-general"))
    owner = northgate[("TR-COMPLETE", "coh-nurses-theatres")]["owner"]
    assert (owner["name"], owner["role"]) == ("Fiona Mackay, Theatres Matron", None)


def test_a_structured_owner_keeps_its_role_and_email_and_a_lead_covers_the_rest() -> None:
    failing = failing_findings(_sample("eastmoor-pacs"))
    # The images domain names its owner; the trial loads are the data migration lead's.
    assert failing[("DM-RECON", "images")]["owner"] == {**KEVIN, "lead_of": None}
    trials = failing[("DM-TRIALS", "eastmoor-pacs")]["owner"]
    assert trials == {**KEVIN, "lead_of": "owners.data_migration"}


def test_an_item_that_names_nobody_gets_its_areas_lead(tmp_path: Path) -> None:
    site = sample_with(tmp_path, EASTMOOR, "migration.yaml", lambda d: _images(d).pop("owner"))
    owner = failing_findings(check_json(site, EASTMOOR_AS_OF))[("DM-RECON", "images")]["owner"]
    assert owner == {**KEVIN, "lead_of": "owners.data_migration"}


def test_a_failing_finding_nobody_owns_fails_gv_owner(tmp_path: Path) -> None:
    site = sample_with(tmp_path, EASTMOOR, "migration.yaml", lambda d: _images(d).pop("owner"))
    _edit(site / "site.yaml", lambda d: d["owners"].pop("data_migration"))
    result = check_json(site, EASTMOOR_AS_OF)
    assert result["verdict"] == "NO-GO"
    unowned = failing_findings(result)
    assert unowned[("DM-RECON", "images")]["owner"] is None
    gv_owner = unowned[("GV-OWNER", "eastmoor-pacs")]
    assert gv_owner["severity"] == "major"
    assert gv_owner["message"] == (
        "Eastmoor Royal Infirmary - PACS and VNA replacement: failing findings whose item "
        "names no owner and whose area has no lead in `owners`: DM-RECON on images "
        "(data_migration), DM-TRIALS on eastmoor-pacs (data_migration) (2 failing in all)"
    )
    # It points at the first finding nobody owns, and its own owner is the governance lead.
    assert gv_owner["location"] == unowned[("DM-RECON", "images")]["location"]
    assert gv_owner["owner"]["lead_of"] == "owners.governance"


def test_a_site_without_an_owners_table_still_checks(tmp_path: Path) -> None:
    # Sites written before the table existed load; what nobody owns fails GV-OWNER.
    site = sample_with(tmp_path, EASTMOOR, "site.yaml", lambda d: d.pop("owners"))
    failing = failing_findings(check_json(site, EASTMOOR_AS_OF))
    assert failing[("DM-RECON", "images")]["owner"] == {**KEVIN, "lead_of": None}
    assert "DM-TRIALS on eastmoor-pacs" in failing[("GV-OWNER", "eastmoor-pacs")]["message"]
    assert "DM-RECON" not in failing[("GV-OWNER", "eastmoor-pacs")]["message"]


def test_owners_show_in_every_output(tmp_path: Path) -> None:
    out = {name: tmp_path / f"report.{name}" for name in ("html", "markdown", "junit", "sarif")}
    options = [f"--{name}={path}" for name, path in out.items()]
    done = run_cli("check", str(EASTMOOR), "--as-of", EASTMOOR_AS_OF, *options)
    assert "37 open critical discrepancies (Kevin Doran (Imaging Migration Lead), due" in (
        done.stdout
    )
    html = out["html"].read_text()
    assert 'class="owner">Kevin Doran (Imaging Migration Lead)</td>' in html
    assert "| Kevin Doran (Imaging Migration Lead) |" in out["markdown"].read_text()
    assert "owner Kevin Doran (Imaging Migration Lead)" in out["junit"].read_text()
    sarif = json.loads(out["sarif"].read_text())
    properties = [r["properties"] for r in sarif["runs"][0]["results"]]
    assert {(p["owner"], p["ownerEmail"]) for p in properties} == {
        ("Kevin Doran (Imaging Migration Lead)", KEVIN["email"])
    }


def test_a_written_owner_is_checked_against_the_schema(tmp_path: Path) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["owners"]["training"] = {"name": "Fiona Drake"}
        data["owners"]["support"] = "Lee Summers (Command Centre Lead)"
        data["owners"]["testing"] = {"name": "Joanna Price", "role": "Test Lead", "email": "jp"}

    site = sample_with(tmp_path, EASTMOOR, "site.yaml", edit)
    done = run_cli("validate", str(site))
    assert done.returncode == 1
    messages = [line.split(": ", 1)[1] for line in done.stdout.splitlines() if ": " in line]
    assert messages == [
        "owners.training: missing required key `role` [schema-required]",
        "owners.testing.email: `jp` is not valid: an email address, e.g. "
        "kevin.doran@example.nhs.uk [schema-pattern]",
        "unknown key `support` in owners; expected one of: clinical_safety, cutover, "
        "data_migration, governance, infrastructure, integration, interfaces, "
        "patient_identification, resourcing, testing, training, workflows [schema-unknown-key]",
    ]


def test_people_are_compared_by_name_whichever_way_they_are_written() -> None:
    structured = {"name": "Dr Kevin Doran", "role": "Imaging Migration Lead"}
    assert person(structured) == person("Kevin Doran (Imaging Migration Lead)") == "kevin doran"
    assert same_person(structured, "Kevin Doran") is True
    assert same_person({"role": "Imaging Migration Lead"}, "Kevin Doran") is None


def _edit(path: Path, edit: Callable[[dict[str, Any]], object]) -> None:
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_an_item_of_a_section_that_had_no_owner_names_one(tmp_path: Path) -> None:
    # Reopening a fixed severity-1 defect fails TS-DEFECTS: its own owner answers for it, and
    # without one the testing lead of Riverside's `owners` table (written as free text).
    def reopen(owner: object) -> Callable[[dict[str, Any]], None]:
        def edit(data: dict[str, Any]) -> None:
            (defect,) = [d for d in data["defects"] if d["id"] == "DEF-R-101"]
            defect.update(status="open", owner=owner)
            del defect["fixed_on"]
            if owner is None:
                del defect["owner"]

        return edit

    named = {"name": "Marek Nowak", "role": "Test Lead", "email": "marek.nowak@example.org"}
    for owner, expected in (
        (named, {**named, "lead_of": None}),
        (
            None,
            {
                "name": "Marek Nowak",
                "role": "Test Lead",
                "email": None,
                "lead_of": "owners.testing",
            },
        ),
    ):
        site = sample_with(tmp_path / str(owner is None), RIVERSIDE, "testing.yaml", reopen(owner))
        finding = failing_findings(check_json(site))[("TS-DEFECTS", "DEF-R-101")]
        assert (finding["severity"], finding["owner"]) == ("blocker", expected)


def test_history_reads_owners_as_check_json_writes_them_now_and_did_before(tmp_path: Path) -> None:
    # Earlier `check --json` files wrote an owner as text; now it is {name, role, email,
    # lead_of}. `history import` reads both, and the trend names the same owners.
    new, old = tmp_path / "new", tmp_path / "old"
    for folder in (new, old):
        folder.mkdir()
    for as_of in ("2027-04-01", EASTMOOR_AS_OF):
        out = new / f"{as_of}.json"
        run_cli("check", str(EASTMOOR), "--as-of", as_of, "--json", str(out), "-q")
        document = json.loads(out.read_text())
        for finding in document["findings"]:
            owner = finding["owner"]
            if owner is not None:
                role = f" ({owner['role']})" if owner["role"] else ""
                finding["owner"] = owner["name"] + role
        (old / out.name).write_text(json.dumps(document))

    def owners(folder: Path) -> dict[tuple[str, str], str | None]:
        history = str(folder / "history.sqlite")
        files = sorted(str(p) for p in folder.glob("*.json"))
        assert run_cli("history", "import", *files, "--history", history).returncode == 0
        done = run_cli("trend", "eastmoor-pacs", "--history", history, "--format", "json")
        (change,) = json.loads(done.stdout)["changes"]
        moved = change["opened"] + change["closed"]
        return {(f["rule"], f["target"]): f["owner"] for f in moved}

    named = owners(new)
    assert named == owners(old)
    assert named and all(named.values())
