"""`readiness actions`: every open action as text, CSV, a workbook and a calendar, the same rows
in each, the same bytes in every run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import pty
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import yaml

from tests.helpers import FIXTURES, REPO, run_cli

LOWRY = ("sample_sites", "--owner", "Lowry", "--due-before", "2027-03-01", "--as-of", "2027-02-12")
# One action of the text listing: due date, lateness, owner; site, rule, item, where.
HEAD = re.compile(r"^(\d{4}-\d\d-\d\d)  (overdue by \d+ days?|due today|\d+ days? left)  (.+)$")
PLACE = re.compile(r"^  (\S+)  (\S+) \((\w+)(?:, waived)?\)  (.+)  (\S+:\d+(?::\d+)?)$")

Row = tuple[str, str, str, str, str, str]  # due, owner, site, rule, item, where


def _text_rows(text: str) -> list[Row]:
    blocks = text.split("\n\n")[1:]
    rows = []
    for block in blocks:
        lines = block.splitlines()
        head, place = HEAD.match(lines[0]), PLACE.match(lines[1])
        assert head is not None and place is not None, block
        owner = re.sub(r" <[^>]*>$", "", head.group(3))
        due, site, rule, item, where = (head[1], place[1], place[2], place[4], place[5])
        rows.append((due, owner, site, rule, item, where))
    return rows


def _csv_rows(text: str) -> list[Row]:
    records = list(csv.DictReader(io.StringIO(text, newline="")))
    return [_row(r, r["Due"]) for r in records]


def _xlsx_rows(path: Path) -> tuple[list[Row], Any]:
    book = openpyxl.load_workbook(path)
    sheet = book["Actions"]
    header = [cell.value for cell in sheet[1]]
    records = [
        dict(zip(header, values, strict=True)) for values in sheet.iter_rows(2, values_only=True)
    ]
    return [_row(r, r["Due"].date().isoformat()) for r in records], book


def _row(record: dict[str, Any], due: str) -> Row:
    owner = record["Owner"] + (f" ({record['Role']})" if record["Role"] else "")
    return (due, owner, record["Site"], record["Rule"], record["Item"], record["Where"])


def _ics_rows(data: bytes) -> list[Row]:
    calendar = icalendar.Calendar.from_ical(data)
    rows = []
    for event in calendar.walk("VEVENT"):
        rule, item, site = re.fullmatch(r"(\S+) (.+) \((\S+)\)", str(event["SUMMARY"])).groups()
        description = str(event["DESCRIPTION"]).splitlines()
        owner = re.sub(r" <[^>]*>$", "", description[0].removeprefix("Owner: "))
        where = description[-1].removeprefix("Where: ")
        due = event.decoded("DTSTART").isoformat()
        rows.append((due, owner, site, rule, item, where))
    return rows


def _lowry(tmp_path: Path) -> tuple[Any, dict[str, Path]]:
    files = {name: tmp_path / f"a.{name}" for name in ("xlsx", "ics", "csv")}
    options = [arg for name, path in files.items() for arg in (f"--{name}", str(path))]
    done = run_cli("actions", *LOWRY, *options)
    assert done.returncode == 0, done.stderr
    return done, files


def test_every_format_reads_back_with_the_rows_of_the_text_listing(tmp_path: Path) -> None:
    done, files = _lowry(tmp_path)
    rows = _text_rows(done.stdout)
    assert done.stdout.splitlines()[0] == (
        'Actions as of 2027-02-12 (owner contains "Lowry", due before 2027-03-01): '
        "3 actions, 3 overdue"
    )
    assert rows == [
        (
            "2027-01-18",
            "Deborah Lowry (Chief Pharmacist)",
            "westbrook-eprescribing",
            "G-SEQ-ORDER",
            "cabinets",
            "sample_sites/westbrook-eprescribing/systems.yaml:118:5",
        ),
        (
            "2027-01-18",
            "Deborah Lowry (Chief Pharmacist)",
            "westbrook-eprescribing",
            "G-SEQ-ORDER",
            "pharmacy",
            "sample_sites/westbrook-eprescribing/systems.yaml:92:5",
        ),
        (
            "2027-01-18",
            "Deborah Lowry (Chief Pharmacist)",
            "westbrook-eprescribing",
            "WF-STEP-LIVE",
            "wf-pharmacy-verify",
            "sample_sites/westbrook-eprescribing/workflows.yaml:84:9",
        ),
    ]
    assert _csv_rows(files["csv"].read_text(encoding="utf-8")) == rows
    xlsx_rows, book = _xlsx_rows(files["xlsx"])
    assert xlsx_rows == rows
    assert _ics_rows(files["ics"].read_bytes()) == rows
    # The workbook: filters over the actions, frozen headers, and a sheet of the sites.
    actions, sites = book["Actions"], book["Sites"]
    assert actions.auto_filter.ref == "A1:N4"
    assert (actions.freeze_panes, sites.freeze_panes) == ("A2", "A2")
    site_rows = list(sites.iter_rows(values_only=True))
    assert site_rows[0] == ("Site", "Name", "Go-live", "Verdict", "Actions", "Overdue")
    assert [(r[0], r[3], r[4], r[5]) for r in site_rows[1:]] == [
        ("eastmoor-pacs", "NO-GO", 0, 0),
        ("northgate-general", "NO-GO", 0, 0),
        ("riverside-community", "NO-GO", 0, 0),
        ("westbrook-eprescribing", "NO-GO", 3, 3),
    ]


def test_rerunning_gives_the_same_bytes(tmp_path: Path) -> None:
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
    first_run, first = _lowry(tmp_path / "one")
    second_run, second = _lowry(tmp_path / "two")
    assert first_run.stdout == second_run.stdout
    for name, path in first.items():
        assert path.read_bytes() == second[name].read_bytes(), name
    # The workbook's own dates are the as-of date, not the time it was written.
    with zipfile.ZipFile(first["xlsx"]) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2027, 2, 12, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:\w+ [^>]*>([^<]*)<", core) == ["2027-02-12T00:00:00Z"] * 2
    calendar = icalendar.Calendar.from_ical(first["ics"].read_bytes())
    stamps = {event.decoded("DTSTAMP") for event in calendar.walk("VEVENT")}
    assert stamps == {dt.datetime(2027, 2, 12, tzinfo=dt.UTC)}


def test_an_event_keeps_its_uid_when_the_action_moves(tmp_path: Path) -> None:
    # A later run (another as-of date) updates the same events on re-import.
    early, late = tmp_path / "early.ics", tmp_path / "late.ics"
    for as_of, path in (("2027-01-05", early), ("2027-02-12", late)):
        args = ("sample_sites/westbrook-eprescribing", "--as-of", as_of, "--ics", str(path))
        assert run_cli("actions", *args).returncode == 0
    events = [icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT") for p in (early, late)]
    by_summary = [{str(e["SUMMARY"]): str(e["UID"]) for e in found} for found in events]
    shared = set(by_summary[0]) & set(by_summary[1])
    assert "G-SEQ-ORDER cabinets (westbrook-eprescribing)" in shared
    assert all(by_summary[0][s] == by_summary[1][s] for s in shared)
    uids = list(by_summary[1].values())
    assert len(set(uids)) == len(uids)


def test_due_dates_come_from_the_waiver_the_rule_or_go_live() -> None:
    done = run_cli("actions", str(FIXTURES / "mini_site"), "--as-of", "2027-02-01", "--csv", "-")
    rows = {(r["Rule"], r["Item"]): r for r in csv.DictReader(io.StringIO(done.stdout))}
    # Waived on a condition: due when the waiver ends.
    waived = rows[("TR-COMPLETE", "ward7-nurses")]
    assert (waived["Status"], waived["Due"], waived["Due from"]) == (
        "waived",
        "2027-03-15",
        "waiver",
    )
    # Failing: due the rule's offset before go-live (2027-03-01), else on go-live.
    assert (
        rows[("WF-OWNER", "prescribe")]["Due"],
        rows[("WF-OWNER", "prescribe")]["Due from"],
    ) == (
        "2027-01-18",
        "rule",
    )
    go_live = [r for r in rows.values() if r["Due from"] == "go-live"]
    assert go_live and {r["Due"] for r in go_live} == {"2027-03-01"}
    assert rows[("WF-OWNER", "prescribe")]["Days overdue"] == "14"
    # Nobody owns the mini site's findings: each reads so, and GV-OWNER is among them.
    assert {r["Owner"] for r in rows.values()} == {""}
    assert ("GV-OWNER", "mini") in rows


def test_filters_narrow_by_owner_site_and_due_date() -> None:
    args = ("sample_sites", "--as-of", "2027-02-12", "--csv", "-")
    every = list(csv.DictReader(io.StringIO(run_cli("actions", *args).stdout)))
    # Checked on Westbrook's date, every sample has open actions.
    assert len({r["Site"] for r in every}) == 4
    # Owner text is matched in the name, role or email, in any case.
    pharmacists = run_cli("actions", *args, "--owner", "CHIEF PHARMACIST").stdout
    assert {r["Owner"] for r in csv.DictReader(io.StringIO(pharmacists))} == {"Deborah Lowry"}
    # A site is named by part of its id or name, in any case.
    by_site = list(
        csv.DictReader(io.StringIO(run_cli("actions", *args, "--site", "NORTHGATE").stdout))
    )
    assert by_site == [r for r in every if r["Site"] == "northgate-general"]
    assert by_site
    # Due before a date: strictly before it.
    before = run_cli("actions", *args, "--due-before", "2027-01-19").stdout
    kept = list(csv.DictReader(io.StringIO(before)))
    assert kept == [r for r in every if r["Due"] < "2027-01-19"]
    assert 0 < len(kept) < len(every)


def test_a_site_filter_that_keeps_no_site_is_an_error() -> None:
    done = run_cli("actions", "sample_sites", "--as-of", "2027-02-12", "--site", "Northgaet")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "--site: no site matches `Northgaet`; the sites are: eastmoor-pacs, northgate-general, "
        "riverside-community, westbrook-eprescribing [site]",
        "1 problem: nothing was listed",
    ]


def test_an_owner_nobody_matches_is_said_so() -> None:
    done = run_cli("actions", "sample_sites", "--as-of", "2027-02-12", "--owner", "Lowyr")
    assert done.returncode == 0
    assert done.stdout.endswith("0 actions, 0 overdue\n\nNo open action.\n")
    assert "readiness: no open action's owner matches `Lowyr`" in done.stderr


def test_any_file_can_go_to_standard_output_but_a_workbook_not_to_a_terminal(
    tmp_path: Path,
) -> None:
    done = run_cli("actions", *LOWRY, "--ics", "-")
    assert done.stdout.startswith("BEGIN:VCALENDAR\r\n")
    # A workbook goes to standard output as bytes, the same as written to a file...
    command = [sys.executable, "-m", "readiness", "actions", *LOWRY]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    piped = subprocess.run([*command, "--xlsx", "-"], cwd=REPO, env=env, capture_output=True)
    assert piped.returncode == 0, piped.stderr
    written = tmp_path / "a.xlsx"
    assert run_cli("actions", *LOWRY, "--xlsx", str(written)).returncode == 0
    assert piped.stdout == written.read_bytes()
    # ...but never onto a terminal.
    main, terminal = pty.openpty()
    try:
        refused = subprocess.run(
            [*command, "--xlsx", "-"], cwd=REPO, env=env, stdout=terminal, stderr=subprocess.PIPE
        )
    finally:
        os.close(main)
        os.close(terminal)
    assert refused.returncode == 2
    assert refused.stderr.decode() == (
        "--xlsx -: a workbook is binary and standard output is a terminal; redirect it to a "
        "file, or name a file [output-binary]\n"
    )
    twice = run_cli("actions", *LOWRY, "--csv", "-", "--ics", "-")
    assert twice.returncode == 2
    assert "both ask for standard output" in twice.stderr


def test_files_are_written_all_or_nothing(tmp_path: Path) -> None:
    written = tmp_path / "a.csv"
    done = run_cli(
        "actions", *LOWRY, "--csv", str(written), "--ics", str(tmp_path / "none" / "a.ics")
    )
    assert done.returncode == 2
    assert not written.exists()
    assert list(tmp_path.iterdir()) == []


def test_cells_from_site_files_never_run_as_formulas(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "mini_site", site)
    staff = yaml.safe_load((site / "staff.yaml").read_text())
    staff["staff_cohorts"][0]["owner"] = "=1+2"
    (site / "staff.yaml").write_text(yaml.safe_dump(staff, sort_keys=False))
    out = tmp_path / "out"
    out.mkdir()
    args = (str(site), "--as-of", "2027-02-01", "--csv", str(out / "a.csv"))
    assert run_cli("actions", *args, "--xlsx", str(out / "a.xlsx")).returncode == 0
    owners = {r["Owner"] for r in csv.DictReader(io.StringIO((out / "a.csv").read_text()))}
    assert "'=1+2" in owners
    sheet = openpyxl.load_workbook(out / "a.xlsx")["Actions"]
    cells = [c for line in sheet.iter_rows(2) for c in line if c.value == "=1+2"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_hostile_text_is_escaped_alike_in_every_format(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "mini_site", site)
    staff = yaml.safe_load((site / "staff.yaml").read_text())
    staff["staff_cohorts"][0]["owner"] = {"name": "Eve \x1b[31mRed\u202e", "role": "Lead"}
    (site / "staff.yaml").write_text(yaml.safe_dump(staff, sort_keys=False))
    files = {name: tmp_path / f"a.{name}" for name in ("csv", "xlsx", "ics")}
    options = [arg for name, path in files.items() for arg in (f"--{name}", str(path))]
    done = run_cli("actions", str(site), "--as-of", "2027-02-01", *options)
    shown = "Eve \\x1b[31mRed\\u202e"
    assert f"{shown} (Lead)" in done.stdout and "\x1b" not in done.stdout
    rows = csv.DictReader(io.StringIO(files["csv"].read_text()))
    assert shown in {r["Owner"] for r in rows}
    sheet = openpyxl.load_workbook(files["xlsx"])["Actions"]
    assert shown in {c.value for line in sheet.iter_rows(2) for c in line}
    raw = files["ics"].read_bytes()
    assert b"\x1b" not in raw and "\u202e".encode() not in raw
    events = icalendar.Calendar.from_ical(raw).walk("VEVENT")
    assert f"Owner: {shown} (Lead)" in {str(e["DESCRIPTION"]).splitlines()[0] for e in events}


def test_a_list_from_some_rules_or_other_settings_says_it_is_not_the_full_list(
    tmp_path: Path,
) -> None:
    # A programme lead handed a list made with `--select` must not take it for every action.
    site = "sample_sites/westbrook-eprescribing"
    full = run_cli("actions", site, "--as-of", "2027-01-20")
    assert full.returncode == 0
    assert "Not the full list" not in full.stdout and "not the full list" not in full.stderr
    some = run_cli("actions", site, "--as-of", "2027-01-20", "--select", "G-")
    assert some.returncode == 0
    header = some.stdout.splitlines()[1]
    assert re.fullmatch(
        r"Not the full list for westbrook-eprescribing: (\d+) of (\d+) rules evaluated, "
        r"so the other rules' actions are not listed",
        header,
    ), header
    assert len(re.findall(r"^\d{4}-\d\d-\d\d  ", some.stdout, re.M)) < len(
        re.findall(r"^\d{4}-\d\d-\d\d  ", full.stdout, re.M)
    )
    # A spreadsheet cannot say so itself: standard error does.
    as_csv = run_cli("actions", site, "--as-of", "2027-01-20", "--select", "G-", "--csv", "-")
    assert as_csv.stdout.startswith(next(iter(csv.reader(io.StringIO(as_csv.stdout))))[0])
    assert "readiness: not the full list for westbrook-eprescribing: " in as_csv.stderr
    config = tmp_path / "readiness.yaml"
    config.write_text("severity:\n  G-SEQ-ORDER: major\n", encoding="utf-8")
    changed = run_cli(
        "actions",
        site,
        "--as-of",
        "2027-01-20",
        "--config",
        str(config),
        "--xlsx",
        str(tmp_path / "actions.xlsx"),
    )
    assert changed.returncode == 0, changed.stderr
    assert "1 setting differs from the catalogue" in changed.stderr
