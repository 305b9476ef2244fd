"""Shared helpers for tests that drive the command line."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from unittest import mock

import yaml

from readiness import cli

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "sample_sites"
FIXTURES = REPO / "tests" / "fixtures"


class CliRun(subprocess.CompletedProcess[str]):
    """A finished in-process run: exit code, output, and the CPU time the command took."""

    def __init__(self, args: list[str], code: int, stdout: str, stderr: str, cpu: float) -> None:
        super().__init__(args, code, stdout, stderr)
        self.cpu_seconds = cpu


def run_cli(*args: str, cwd: Path = REPO) -> CliRun:
    """Run `readiness ARGS` in this process as a user would, capturing its output.

    Starting a Python per call cost most of the suite's time; `main` reads only its arguments,
    the working folder, NO_COLOR and whether stdout is a terminal (a StringIO is not), so the
    same call in-process sees what a fresh process would.
    """
    stdout, stderr = io.StringIO(), io.StringIO()
    before = Path.cwd()
    started = time.process_time()
    os.chdir(cwd)
    try:
        with (
            # READINESS_DEBUG: a bug raises here with its traceback instead of exiting 3.
            mock.patch.dict(os.environ, {"NO_COLOR": "1", "READINESS_DEBUG": "1"}),
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
        ):
            try:
                code = cli.main(list(args))
            except SystemExit as exit_:
                code = _exit_code(exit_, stderr)
    finally:
        os.chdir(before)
    cpu = time.process_time() - started
    done = CliRun(["readiness", *args], code, stdout.getvalue(), stderr.getvalue(), cpu)
    assert "Traceback" not in done.stderr, done.stderr
    assert "Traceback" not in done.stdout, done.stdout
    return done


@functools.cache
def run_cli_once(*args: str) -> CliRun:
    """`run_cli` memoised: for identical runs over repository files, which no test changes."""
    return run_cli(*args)


def _exit_code(exit_: SystemExit, stderr: io.StringIO) -> int:
    # What the interpreter does with `sys.exit(x)`: None is 0, an int is itself, other
    # values are printed and exit 1 (argparse uses ints: 2 for usage, 0 for --version).
    if exit_.code is None:
        return 0
    if isinstance(exit_.code, int):
        return exit_.code
    print(exit_.code, file=stderr)
    return 1


def run_cli_subprocess(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `python -m readiness ARGS` in a new process, for what only a real process shows."""
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stderr, completed.stderr
    assert "Traceback" not in completed.stdout, completed.stdout
    assert "internal error" not in completed.stderr, completed.stderr
    return completed


@functools.cache
def catalogue_size() -> int:
    """How many rules the shipped catalogue holds (partial-run labels count against it)."""
    from readiness.rule_loader import load_rule_folders

    specs, problems = load_rule_folders([REPO / "rules"])
    assert problems == []
    return len(specs)


# The GO sample most tests change one fact of, and the date it is assessed on.
RIVERSIDE = SAMPLES / "riverside-community"
RIVERSIDE_AS_OF = "2027-04-16"


def riverside_with(tmp_path: Path, name: str, edit: Callable[[dict[str, Any]], None]) -> Path:
    """A copy of Riverside with `edit` applied to the data of its file `name`."""
    return sample_with(tmp_path, RIVERSIDE, name, edit)


def sample_with(
    tmp_path: Path, sample: Path, name: str, edit: Callable[[dict[str, Any]], None]
) -> Path:
    """A copy of a sample site with `edit` applied to the data of its file `name`."""
    site = tmp_path / sample.name.split("-")[0]
    shutil.copytree(sample, site)
    path = site / name
    data = yaml.safe_load(path.read_text())
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return site


def check_json(site: Path, as_of: str = RIVERSIDE_AS_OF) -> dict[str, Any]:
    """`readiness check SITE --format json` as a dict."""
    done = run_cli("check", str(site), "--as-of", as_of, "--format", "json")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def failing_findings(result: Mapping[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """The failing findings of a JSON result, by (rule, target)."""
    return {(f["rule"], f["target"]): f for f in result["findings"] if f["status"] == "fail"}
