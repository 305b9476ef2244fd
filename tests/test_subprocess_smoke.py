"""`python -m readiness` as a real process: one smoke run per command, and what only a process
shows (exit status, a closed pipe, a terminal). Everything else runs in-process via run_cli."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO, catalogue_size, run_cli, run_cli_subprocess

MINI = "tests/fixtures/mini_site"


def test_validate_exits_1_with_the_problem_on_stdout() -> None:
    done = run_cli_subprocess("validate", "tests/bad_inputs/unknown_system_ref.yaml")
    assert done.returncode == 1
    assert done.stdout == (
        "tests/bad_inputs/unknown_system_ref.yaml:19:13: unknown system `lmis` "
        "(did you mean `lims`?) [unknown-reference]\n"
    )
    assert done.stderr == "1 problem in 1 site\n"


def test_check_on_a_terminal_prints_the_verdict_in_colour_and_writes_every_report(
    tmp_path: Path,
) -> None:
    outputs = {name: tmp_path / f"report.{name}" for name in ("html", "json", "sarif", "junit")}
    options = [word for name, path in outputs.items() for word in (f"--{name}", str(path))]
    args = ("check", MINI, "--as-of", "2027-03-20", "--select", "TR-COMPLETE", *options)
    code, shown = _on_a_terminal(*args, no_color=False)
    assert code == 1, shown
    assert shown.startswith(f"\x1b[1;31mNO-GO\x1b[0m (partial: 1 of {catalogue_size()} rules)  ")
    assert json.loads(outputs["json"].read_text(encoding="utf-8"))["verdict"] == "NO-GO"
    assert outputs["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads(outputs["sarif"].read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert outputs["junit"].read_text(encoding="utf-8").startswith("<?xml")


def test_compare_on_a_terminal_with_no_color_ranks_the_sites_in_plain_text() -> None:
    sites = ("sample_sites/riverside-community", "sample_sites/eastmoor-pacs")
    args = ("compare", *sites, "--as-of", "2027-05-12", "--jobs", "2")
    code, shown = _on_a_terminal(*args, no_color=True)
    assert code == 0, shown
    assert shown.startswith(
        "Portfolio of 2 sites as of 2027-05-12: 1 NO-GO, 1 CONDITIONAL, 0 GO\r\n"
    )
    assert "\x1b[" not in shown
    # The ranking's rows, under their headings (Eastmoor upcoming, Riverside already live).
    rows = [line.split()[:3] for line in shown.splitlines() if line[:3] in ("1  ", "2  ")]
    assert rows == [
        ["1", "NO-GO", "eastmoor-pacs"],
        ["2", "CONDITIONAL", "riverside-community"],
    ]


def test_a_process_of_its_own_writes_the_same_reports_as_an_in_process_run(
    tmp_path: Path,
) -> None:
    # `python -m readiness` tunes the garbage collector for its short life and ends without
    # taking its data apart (cli.console_main); the in-process run does neither: no report may
    # differ by a byte.
    # --no-cache: each run evaluates, rather than reading the other's result.
    northgate = str(REPO / "sample_sites" / "northgate-general")
    site = ("check", northgate, "--as-of", "2027-03-04", "--no-cache")
    for where in ("process", "in-process"):
        (tmp_path / where).mkdir()
    outputs = ("--json", "report.json", "--html", "report.html", "--sarif", "report.sarif")
    process = run_cli_subprocess(*site, *outputs, cwd=tmp_path / "process")
    assert process.returncode == 0, process.stderr
    assert run_cli(*site, *outputs, cwd=tmp_path / "in-process").returncode == 0
    for name in ("report.json", "report.html", "report.sarif"):
        made = [(tmp_path / where / name).read_bytes() for where in ("process", "in-process")]
        assert made[0] == made[1], name


def test_graph_prints_dot() -> None:
    done = run_cli_subprocess("graph", MINI, "--format", "dot")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("digraph")
    assert '"pas" -> "epma" [label="adt-pas-epma"];' in done.stdout


def test_rules_show_prints_the_rule() -> None:
    done = run_cli_subprocess("rules", "show", "TR-COMPLETE")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("TR-COMPLETE: Each role cohort is trained before go-live\n")


def test_diff_of_a_result_with_itself_exits_0(tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    made = run_cli(
        "check", MINI, "--as-of", "2026-12-01", "--select", "TR-COMPLETE", "--json", str(result)
    )
    assert made.returncode == 0, made.stderr
    done = run_cli_subprocess("diff", str(result), str(result), "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert (data["old"]["verdict"], data["new"]["verdict"]) == ("CONDITIONAL", "CONDITIONAL")
    assert data["verdict_changed"] is False


def test_no_command_exits_2_with_usage() -> None:
    done = run_cli_subprocess()
    assert done.returncode == 2
    assert done.stderr.startswith("usage: readiness")
    assert done.stderr.endswith("readiness: error: a command is required\n")


def test_a_reader_that_goes_away_is_not_an_error() -> None:
    # `readiness rules list | head -1`: the pipe closes before the output is written.
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [sys.executable, "-m", "readiness", "rules", "list"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0
    assert "Traceback" not in stderr and "BrokenPipeError" not in stderr


def _on_a_terminal(*args: str, no_color: bool) -> tuple[int, str]:
    """The exit code of `readiness ARGS` and what it prints when its stdout is a terminal."""
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    env["PYTHONPATH"] = str(REPO)
    if no_color:
        env["NO_COLOR"] = "1"
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "readiness", *args],
            cwd=REPO,
            env=env,
            stdout=follower,
            stderr=subprocess.DEVNULL,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the process closed the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        code = process.wait(timeout=120)
    finally:
        os.close(leader)
    return code, b"".join(chunks).decode()


def test_a_command_ends_quickly_and_cleanly_with_all_its_output(tmp_path: Path) -> None:
    # `readiness` ends its process without taking its data apart (cli.leave): what it printed
    # and wrote must still all be there, with the exit code, and a reader that stops early
    # must not get a traceback.
    report = tmp_path / "report.json"
    args = ["check", "sample_sites/northgate-general", "--as-of", "2027-03-01", "--no-cache"]
    whole = subprocess.run(
        [sys.executable, "-m", "readiness", *args, "--json", str(report)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    in_process = run_cli(*args)
    assert whole.returncode == in_process.returncode == 1
    assert whole.stdout == in_process.stdout
    assert json.loads(report.read_text(encoding="utf-8"))["verdict"] == "NO-GO"
    reader = subprocess.Popen(
        [sys.executable, "-m", "readiness", *args, "-v"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline().startswith("NO-GO")
    reader.stdout.close()  # the reader goes away, as `| head -1` does
    errors = reader.stderr.read()
    assert reader.wait(timeout=60) in (0, 1)
    assert "Traceback" not in errors and "Exception ignored" not in errors


def test_output_that_cannot_be_written_is_an_error_not_a_success_or_a_traceback() -> None:
    # /dev/full refuses every write, as a full disk does: a run whose report did not reach
    # its reader must not exit as if it had.
    for args in (["--version"], ["validate", "sample_sites/northgate-general", "--format", "json"]):
        with Path("/dev/full").open("w", encoding="utf-8") as full:
            done = subprocess.run(
                [sys.executable, "-m", "readiness", *args],
                cwd=REPO,
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert done.returncode == 3, (args, done.stderr)
        assert "Traceback" not in done.stderr
        assert done.stderr.startswith("readiness:"), done.stderr
    usage = run_cli_subprocess("--bogus")
    assert usage.returncode == 2
    assert "unrecognized arguments: --bogus" in usage.stderr
