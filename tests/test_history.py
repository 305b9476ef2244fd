"""The history database: recording, trends, importing, and files it must refuse."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import REPO, RIVERSIDE_AS_OF, SAMPLES, riverside_with, run_cli

NORTHGATE = "sample_sites/northgate-general"
# Three weekly assessments before Northgate's go-live on 2027-03-07: the dated evidence
# blocker closes by the last one.
WEEKS = ("2027-02-12", "2027-02-26", "2027-03-04")


def _record(history: Path, site: str, as_of: str, *extra: str) -> None:
    done = run_cli("check", site, "--as-of", as_of, "--record", "--history", str(history), *extra)
    assert done.returncode in (0, 1), done.stderr
    assert f"readiness: recorded 1 result in {history}" in done.stderr


def _trend(history: Path, site: str = "northgate-general", *extra: str) -> Any:
    done = run_cli("trend", site, "--history", str(history), "--format", "json", *extra)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def three_weeks(tmp_path_factory: pytest.TempPathFactory) -> Path:
    history = tmp_path_factory.mktemp("history") / "h.sqlite"
    for as_of in WEEKS:
        # The same runs' JSON results, for the import tests.
        _record(history, NORTHGATE, as_of, "--json", str(history.parent / f"{as_of}.json"))
    return history


def test_three_recorded_checks_make_three_points_and_say_what_changed(three_weeks: Path) -> None:
    done = run_cli("trend", "northgate-general", "--history", str(three_weeks))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == (
        "Trend of Northgate General Hospital (northgate-general): 3 assessments, go-live 2027-03-07"
    )
    assert lines[2:6] == [
        "As of       Days  Verdict      Blockers  Conditions  Failing",
        "2027-02-12    23  NO-GO               1           1        2",
        "2027-02-26     9  NO-GO               1           1        2",
        "2027-03-04     3  CONDITIONAL         0           1        1",
    ]
    assert lines[7:11] == [
        "Changes between assessments (2):",
        "2027-02-12 -> 2027-02-26: NO-GO; nothing opened or closed",
        "2027-02-26 -> 2027-03-04: NO-GO -> CONDITIONAL; 0 opened, 1 closed",
        "  closed  GV-DATED-EVIDENCE (blocker) northgate-general, owner Karen Ellison (PMO Lead)",
    ]
    assert lines[-1].startswith("Projection, not a forecast: a straight line through 3 full ")


def test_a_site_folder_names_its_trend_and_the_formats_agree(three_weeks: Path) -> None:
    by_path = _trend(three_weeks, NORTHGATE)
    assert by_path == _trend(three_weeks)
    assert [
        (a["as_of"], a["verdict"], a["blockers"], a["conditions"]) for a in by_path["assessments"]
    ] == [
        ("2027-02-12", "NO-GO", 1, 1),
        ("2027-02-26", "NO-GO", 1, 1),
        ("2027-03-04", "CONDITIONAL", 0, 1),
    ]
    assert by_path["assessments"][0]["by_severity"] == {
        "blocker": {"failed": 1, "waived": 0},
        "major": {"failed": 1, "waived": 0},
    }
    assert by_path["changes"][1]["closed"][0]["rule"] == "GV-DATED-EVIDENCE"
    assert by_path["projection"]["assessments_used"] == 3
    markdown = run_cli("trend", NORTHGATE, "--history", str(three_weeks), "--format", "markdown")
    assert "| 2027-03-04 | 3 | CONDITIONAL | 0 | 1 | 1 |" in markdown.stdout


def test_an_opened_finding_is_named_with_its_owner(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"

    def fewer_trained(data: dict[str, Any]) -> None:
        cohort = data["staff_cohorts"][0]
        for key in ("trained", "proficiency_passed", "accounts_live", "downtime_trained"):
            cohort[key] = 370

    _record(history, str(SAMPLES / "riverside-community"), RIVERSIDE_AS_OF)
    _record(history, str(riverside_with(tmp_path, "staff.yaml", fewer_trained)), "2027-04-17")
    trend = _trend(history, "riverside-community")
    change = trend["changes"][0]
    assert (change["verdict_before"], change["verdict_after"]) == ("GO", "CONDITIONAL")
    opened = {(f["rule"], f["target"]) for f in change["opened"]}
    assert ("TR-COMPLETE", "coh-district-nurses") in opened
    assert change["closed"] == []
    assert trend["direction"] == "worse"


def test_recording_a_date_again_replaces_that_days_entry(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    _record(history, NORTHGATE, "2027-03-04", "--ignore", "TR-COMPLETE")
    _record(history, NORTHGATE, "2027-03-04")
    (only,) = _trend(history)["assessments"]
    assert (only["verdict"], only["conditions"], only["partial"]) == ("CONDITIONAL", 1, False)


def test_two_processes_recording_at_once_lose_nothing(tmp_path: Path) -> None:
    history = tmp_path / "h.sqlite"
    days = ("2027-04-09", RIVERSIDE_AS_OF)
    runs = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "readiness",
                "check",
                "sample_sites/riverside-community",
                "--as-of",
                as_of,
                "--record",
                "--history",
                str(history),
            ],
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for as_of in days
    ]
    for run in runs:
        _, stderr = run.communicate(timeout=120)
        assert "readiness: recorded 1 result in" in stderr
    recorded = _trend(history, "riverside-community")["assessments"]
    assert [(a["as_of"], a["verdict"]) for a in recorded] == [(days[0], "NO-GO"), (days[1], "GO")]


# Many small transactions from each process, so that they are sure to meet.
WRITER = """
import datetime as dt, sys
from pathlib import Path
from readiness.assessment import Assessment
from readiness.history_store import open_history
start = dt.date(2027, 1, 1) + dt.timedelta(days=int(sys.argv[2]))
for day in range(40):
    a = Assessment(sys.argv[3], "S", start + dt.timedelta(days=2 * day), dt.date(2027, 6, 1),
                   "GO", 0, 0, 1, 1, (), (), "test", "check")
    with open_history(Path(sys.argv[1]), create=True) as history:
        history.record([a])
"""


def test_two_writers_meeting_on_a_new_file_both_land_every_entry(tmp_path: Path) -> None:
    from readiness.history_store import open_history

    history = tmp_path / "new" / "h.sqlite"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(history), offset, site],
            cwd=REPO,
            stderr=subprocess.PIPE,
            text=True,
        )
        for offset, site in (("0", "a"), ("1", "a"))
    ]
    for writer in writers:
        _, stderr = writer.communicate(timeout=120)
        assert writer.returncode == 0, stderr
    with open_history(history) as opened:
        assert len(opened.assessments("a")) == 80


def test_a_history_from_a_newer_readiness_is_refused(three_weeks: Path, tmp_path: Path) -> None:
    newer = tmp_path / "newer.sqlite"
    newer.write_bytes(three_weeks.read_bytes())
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 7")
    message = (
        f"{newer}: written by a newer readiness (history schema version 7; this readiness reads "
        "versions up to 1); upgrade readiness to use it [history-newer]"
    )
    done = run_cli("trend", "northgate-general", "--history", str(newer))
    assert (done.returncode, done.stderr.splitlines()) == (2, [message])
    done = run_cli("check", NORTHGATE, "--as-of", WEEKS[0], "--record", "--history", str(newer))
    assert (done.returncode, done.stderr.splitlines()[-1]) == (2, message)
    with sqlite3.connect(newer) as db:
        assert db.execute("SELECT count(*) FROM assessment").fetchone() == (3,)


def test_a_file_that_is_not_a_history_is_refused_and_left_alone(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("minutes of the go/no-go meeting\n" * 100)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE invoices (id INTEGER)")
    before = other.read_bytes()
    for path, reason in (
        (text, "the file is not an SQLite database [history-foreign]"),
        (
            other,
            "an SQLite database written by another program; name a new file with "
            "--history [history-foreign]",
        ),
    ):
        done = run_cli("check", NORTHGATE, "--as-of", WEEKS[0], "--record", "--history", str(path))
        assert done.returncode == 2
        assert done.stderr.splitlines()[-1] == f"{path}: not a readiness history: {reason}"
    assert other.read_bytes() == before


def test_trend_of_a_site_never_recorded_names_those_that_were(three_weeks: Path) -> None:
    done = run_cli("trend", "eastmoor-pacs", "--history", str(three_weeks))
    assert done.returncode == 2
    assert done.stderr == (
        f"{three_weeks}: no assessment of site `eastmoor-pacs` is recorded here "
        "(sites recorded: northgate-general) [history-no-site]\n"
    )
    missing = three_weeks.parent / "none.sqlite"
    done = run_cli("trend", "northgate-general", "--history", str(missing))
    assert done.returncode == 2
    assert "no history file here; record assessments with `check --record`" in done.stderr
    assert not missing.exists()


def test_recording_defaults_to_the_sites_folder(tmp_path: Path) -> None:
    site = riverside_with(tmp_path, "site.yaml", lambda data: None)
    done = run_cli("check", "riverside", "--as-of", RIVERSIDE_AS_OF, "--record", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / ".readiness" / "history.sqlite").is_file()
    done = run_cli("trend", "riverside", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Trend of Riverside Community Services - wave 1 (riverside-community): 1 assessment" in (
        done.stdout
    )
    assert site.exists()


def test_import_backfills_from_check_json_files(three_weeks: Path, tmp_path: Path) -> None:
    files = [str(three_weeks.parent / f"{as_of}.json") for as_of in WEEKS]
    history = tmp_path / "h.sqlite"
    done = run_cli("history", "import", *files, "--history", str(history))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == f"recorded 3 assessments of 1 site in {history}"
    imported, checked = _trend(history), _trend(three_weeks)
    for entry in imported["assessments"]:
        assert entry.pop("origin") == "import"
    for entry in checked["assessments"]:
        assert entry.pop("origin") == "check"
    assert imported == checked


def test_import_records_nothing_when_any_file_is_unusable(
    three_weeks: Path, tmp_path: Path
) -> None:
    good = three_weeks.parent / f"{WEEKS[0]}.json"
    undated = tmp_path / "undated.json"
    data = json.loads(good.read_text())
    del data["as_of"]
    undated.write_text(json.dumps(data))
    portfolio = tmp_path / "portfolio.json"
    portfolio.write_text(json.dumps({"as_of": WEEKS[0], "sites": [], "format_version": 1}))
    history = tmp_path / "h.sqlite"
    done = run_cli(
        "history", "import", str(good), str(undated), str(portfolio), "--history", str(history)
    )
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{undated}: `as_of` is missing: the history needs each assessment's dates "
        "[invalid-report]",
        f"{portfolio}: this is a portfolio from `readiness compare`, not one site's result; "
        "expected the output of `readiness check SITE --json FILE` [not-readiness-json]",
        "2 problems: nothing was recorded",
    ]
    assert not history.exists()


def test_an_older_schema_is_migrated_step_by_step_keeping_every_entry(
    three_weeks: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from readiness import history_store

    older = tmp_path / "older.sqlite"
    older.write_bytes(three_weeks.read_bytes())
    step = "ALTER TABLE assessment ADD COLUMN note TEXT; CREATE INDEX by_site ON assessment (site)"
    monkeypatch.setattr(history_store, "MIGRATIONS", (*history_store.MIGRATIONS, step))
    monkeypatch.setattr(history_store, "SCHEMA_VERSION", 2)
    with history_store.open_history(older) as history:
        assert [a.as_of.isoformat() for a in history.assessments("northgate-general")] == list(
            WEEKS
        )
    with sqlite3.connect(older) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        columns = [row[1] for row in db.execute("PRAGMA table_info(assessment)")]
        assert columns[-1] == "note"


@pytest.mark.parametrize("kind", ["folder", "file as parent"])
def test_a_history_path_that_cannot_be_a_file_is_an_input_error(tmp_path: Path, kind: str) -> None:
    blocker = tmp_path / "taken"
    if kind == "folder":
        blocker.mkdir()
        path, reason = blocker, "is a folder; name the history file with --history"
    else:
        blocker.write_text("a file")
        path, reason = blocker / "h.sqlite", "cannot make the history's folder: "
    done = run_cli("check", NORTHGATE, "--as-of", WEEKS[0], "--record", "--history", str(path))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1].startswith(f"{path}: {reason}")
