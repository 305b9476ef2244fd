"""The terminal summary: verdict first, `file:line` lines, colour only when asked."""

from __future__ import annotations

from readiness.reporters import text
from readiness.result import Result

MODIFIED = "(modified: 2 settings)"


def test_verdict_line_first(result: Result) -> None:
    first = text.render(result).splitlines()[0]
    assert first == (
        # The fixture changes two settings (tests/reporters/conftest.py): the verdict says so.
        f"NO-GO {MODIFIED}  Northgate General Hospital — go-live 2027-03-14 (in 109 days), "
        "as of 2026-11-25"
    )


def test_blockers_and_conditions(result: Result) -> None:
    out = text.render(result)
    assert (
        "sites/northgate/safety.yaml:12:3: CS-CSCR Safety case report v0.9 is not signed by "
        "the CSO; the release is 2027.1 (Dr Priya Raman (CSO), due 2026-11-22, overdue by 3 days)"
    ) in out
    assert "Blockers (5):" in out
    assert "Conditions (7):" in out
    assert "waived by Mark Ellis (SRO)" in out
    # The blocker whose waiver does not count says so on its own line.
    assert (
        "TS-DEFECTS 2 open severity-1 defects: DEF-1042, DEF-1077 (Test manager, due "
        "2027-03-07, 102 days left, waiver by Sam Reid (project-manager) not valid: approver "
        "lacks authority (project-manager may not waive a blocker in testing; needs one of: "
        "cso, sro))"
    ) in out


def test_stale_waivers_and_counts(result: Result) -> None:
    lines = text.render(result).splitlines()
    assert "Waivers not in force or not used (3):" in lines
    assert (
        "sites/northgate/governance.yaml:69:3: waiver of TS-DEFECTS for Defect log not valid: "
        "approver lacks authority (project-manager may not waive a blocker in testing; needs "
        "one of: cso, sro) (approved by Sam Reid (project-manager))"
    ) in lines
    assert any("lapsed on 2026-10-31" in line for line in lines)
    assert any("matches no failing finding" in line for line in lines)
    assert lines[-1] == (
        "5 blockers, 7 conditions; 14 failed (5 blocker, 5 major, 4 minor), 2 waived, "
        "15 passed, 2 not applicable"
    )


def test_colour_only_when_asked(result: Result) -> None:
    assert "\x1b[" not in text.render(result)
    coloured = text.render(result, colour=True)
    assert coloured.startswith(f"\x1b[1;31mNO-GO\x1b[0m {MODIFIED}  ")
    assert "\x1b[1;31mdue 2026-11-22, overdue by 3 days\x1b[0m" in coloured


def test_hostile_text_stays_on_one_line(hostile: Result) -> None:
    out = text.render(hostile)
    assert "\x1b" not in out
    first = out.splitlines()[0]
    assert first.startswith(f"NO-GO {MODIFIED}  Northgate General Hospital<script>")
    assert "\\nsecond line\\x1b[31m" in first
