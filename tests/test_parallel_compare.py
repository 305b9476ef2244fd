"""`compare` across processes: the same output as one process, rules compiled once per run,
and progress on standard error only when it is a terminal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import REPO, RIVERSIDE, SAMPLES, riverside_with, run_cli

AS_OF = ("--as-of", "2027-03-04")
TWO_SITES = (str(SAMPLES / "riverside-community"), str(SAMPLES / "eastmoor-pacs"))


def test_workers_give_the_output_of_one_process(tmp_path: Path) -> None:
    outputs = {}
    for jobs in ("1", "2"):
        html, data = tmp_path / f"{jobs}.html", tmp_path / f"{jobs}.json"
        done = run_cli(
            "compare",
            "sample_sites",
            *AS_OF,
            "--jobs",
            jobs,
            "--html",
            str(html),
            "--json",
            str(data),
        )
        assert done.returncode == 0, done.stderr
        outputs[jobs] = (done.stdout, done.stderr, html.read_bytes(), data.read_bytes())
    assert outputs["1"] == outputs["2"]


def _site(tmp_path: Path, site_id: str, go_live: str, walked_through: str) -> Path:
    def edit(data: dict[str, Any]) -> None:
        data["site"]["id"] = site_id
        data["site"]["go_live"] = go_live

    site = riverside_with(tmp_path / site_id, "site.yaml", edit)
    workflows = site / "workflows.yaml"
    text = workflows.read_text(encoding="utf-8")
    first = yaml.safe_load(text)["workflows"][0]["walked_through_on"]
    workflows.write_text(text.replace(f'"{first}"', f'"{walked_through}"', 1), encoding="utf-8")
    return site


def _rows(*sites: Path) -> dict[str, Any]:
    done = run_cli("compare", *map(str, sites), *AS_OF, "--jobs", "1", "--format", "json")
    assert done.returncode == 0, done.stderr
    return {row["site"]: {**row, "rank": None} for row in json.loads(done.stdout)["sites"]}


def test_rules_compiled_for_one_site_judge_the_next_by_its_own_go_live(tmp_path: Path) -> None:
    # Both sites walk a workflow through on 2027-04-25: before the first site's go-live, after
    # the second's. The rules are compiled once, at the first site, and `$go_live` must still
    # be the second site's own date when it is judged.
    late = _site(tmp_path, "late", "2027-05-20", "2027-04-25")
    early = _site(tmp_path, "early", "2027-04-19", "2027-04-25")  # Riverside's own go-live
    together = _rows(late, early)
    alone = {**_rows(late), **_rows(early)}
    assert together == alone
    # The walk-through after go-live fails one check more than Riverside fails.
    riverside = _rows(RIVERSIDE)["riverside-community"]["summary"]["failed"]
    assert together["early"]["summary"]["failed"] == riverside + 1


def _compare_with_stderr_on_a_terminal(*extra: str) -> tuple[str, str]:
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "readiness", "compare", *TWO_SITES, *AS_OF, "--jobs", "2", *extra],
        cwd=REPO,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=follower,
    )
    os.close(follower)
    seen: list[bytes] = []

    def read_terminal() -> None:
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once the process has ended
                return
            if not chunk:
                return
            seen.append(chunk)

    reader = threading.Thread(target=read_terminal)
    reader.start()
    stdout, _ = process.communicate(timeout=120)
    reader.join(timeout=10)
    os.close(leader)
    assert process.returncode == 0
    return stdout.decode(), b"".join(seen).decode()


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals on Windows")
def test_progress_is_shown_on_a_terminal_and_wiped() -> None:
    stdout, terminal = _compare_with_stderr_on_a_terminal()
    assert "readiness: checked 1 of 2 sites" in terminal
    assert "readiness: checked 2 of 2 sites" in terminal
    # The line is wiped at the end, so that the last thing on the terminal is not progress.
    assert terminal.endswith("\r" + " " * len("readiness: checked 2 of 2 sites") + "\r")
    assert "checked" not in stdout


def test_no_progress_when_standard_error_is_not_a_terminal() -> None:
    # run_cli's standard error is a StringIO: not a terminal, as a pipe or a file is not.
    done = run_cli("compare", *TWO_SITES, *AS_OF, "--jobs", "1")
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="no pseudo-terminals on Windows")
def test_quiet_shows_no_progress_even_on_a_terminal() -> None:
    stdout, terminal = _compare_with_stderr_on_a_terminal("--quiet")
    assert terminal == ""
    assert "Portfolio of 2 sites" in stdout
