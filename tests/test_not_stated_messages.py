"""The not-stated message names what the site leaves out, through the CLI on a copy of the GO
site (Riverside): only the missing source of a field computed from several, acronyms as
written, and the item a root path is about."""

from __future__ import annotations

from pathlib import Path

from tests.test_catalogue_v2_safety import _check, _only

NORTH = (
    "  - area: North locality (14 teams)\n"
    "    inpatient: false\n"
    "    paper_forms_hours: 24\n"
    "    read_only_copy: true\n"
    "    communication_route: Team base landlines and work mobile phones (voice)\n"
)


def _message(tmp_path: Path, rule: str, edit: tuple[str, str, str]) -> str:
    return str(_only(_check(tmp_path, edit), rule)["message"])


def test_only_the_missing_source_of_a_several_source_field_is_named(tmp_path: Path) -> None:
    edit = ("safety.yaml", '    registration_valid_until: "2028-06-30"\n', "")
    message = _message(tmp_path, "CS-CSO", edit)
    assert message.startswith("`clinical_safety.cso.registration_valid_until` is not stated (")
    assert "registration_body`" not in message
    assert "registration_number`" not in message


def test_a_description_starting_with_an_acronym_keeps_its_capitals(tmp_path: Path) -> None:
    message = _message(tmp_path, "CS-CSO", ("safety.yaml", "    registration_body: NMC\n", ""))
    assert "(GMC, NMC," in message
    assert "`clinical_safety.cso.registration_body` is not stated" in message


def test_a_description_starting_with_a_word_is_lower_cased(tmp_path: Path) -> None:
    edit = ("cutover.yaml", NORTH + '    last_drill: "2027-03-17"\n', NORTH)
    message = _message(tmp_path, "CT-DRILL", edit)
    assert "(the area's last downtime drill" in message


def test_an_area_s_missing_drill_names_the_area(tmp_path: Path) -> None:
    edit = ("cutover.yaml", NORTH + '    last_drill: "2027-03-17"\n', NORTH)
    message = _message(tmp_path, "CT-DRILL", edit)
    assert "`downtime[].last_drill` is not stated for North locality (14 teams) (" in message
