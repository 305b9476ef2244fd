"""The `readiness-validate` hook, run by pre-commit itself as a rollout repository would.

`pre-commit try-repo` installs the hook from a git repository holding this project (built in a
temporary folder, so that uncommitted work is what is tested) into its own environment, then
runs it on the files named. Each run installs the package afresh, so the two runs go at once.
Without pre-commit the tests skip, except in CI (CI=true), where they must run.
"""

from __future__ import annotations

import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest
import yaml

from tests.helpers import REPO, RIVERSIDE, run_cli

pytestmark = pytest.mark.slow

# What building the package needs (pyproject's sdist and wheel sections), and the hook file.
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")
PROJECT_FOLDERS = ("readiness", "rules", "schemas")
BAD_FILE = "systems:\n  - id: lab\n    criticality: very\n"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the pre-commit test cannot run in CI: {reason}")
    pytest.skip(reason)


def _git(folder: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=readiness tests", "-c", "user.email=tests@invalid", *args],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=60,
    )


def _hook_repository(folder: Path) -> Path:
    """A git repository with this project's files, committed, as the hook's source."""
    for name in PROJECT_FILES:
        shutil.copy(REPO / name, folder / name)
    for name in PROJECT_FOLDERS:
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    _git(folder, "commit", "-q", "-m", "readiness under test")
    return folder


def _rollout_repository(folder: Path, bad: bool) -> Path:
    """A rollout repository with one sample site (and a broken file in it when `bad`)."""
    site = folder / "sites" / "riverside"
    shutil.copytree(RIVERSIDE, site)
    (folder / "ci.yml").write_text("name: ci\non: [push]\n")
    if bad:
        (site / "lab.yaml").write_text(BAD_FILE)
    _git(folder, "init", "-q")
    _git(folder, "add", "-A")
    return folder


@pytest.fixture(scope="module")
def try_repo(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[dict[str, subprocess.Popen[str]]]:
    """`pre-commit try-repo` started on a good and on a bad rollout repository, at once."""
    if importlib.util.find_spec("pre_commit") is None:
        _unavailable("pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        _unavailable("git is not installed")
    hook = _hook_repository(tmp_path_factory.mktemp("hook"))
    runs = {
        "green": (_rollout_repository(tmp_path_factory.mktemp("good"), bad=False), "site.yaml"),
        "red": (_rollout_repository(tmp_path_factory.mktemp("bad"), bad=True), "lab.yaml"),
    }
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path_factory.mktemp("pre-commit-home"))}
    started = {
        name: subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pre_commit",
                "try-repo",
                str(hook),
                "readiness-validate",
                "--files",
                f"sites/riverside/{file}",
                "ci.yml",
            ],
            cwd=rollout,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for name, (rollout, file) in runs.items()
    }
    yield started
    for process in started.values():
        if process.poll() is None:
            process.kill()


def _finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    output, _ = process.communicate(timeout=900)
    return process.returncode, output


def test_try_repo_passes_on_a_sample_site(try_repo: dict[str, subprocess.Popen[str]]) -> None:
    code, output = _finish(try_repo["green"])
    assert code == 0, output
    assert "readiness validate" in output and "Passed" in output


def test_try_repo_fails_on_a_bad_file_and_says_where(
    try_repo: dict[str, subprocess.Popen[str]],
) -> None:
    code, output = _finish(try_repo["red"])
    assert code == 1, output
    assert "Failed" in output
    assert "sites/riverside/lab.yaml:3:18: systems[0].criticality: `very` is not allowed" in output


def _hook_command() -> list[str]:
    """The hook's entry, as pre-commit runs it (its first word is the installed script)."""
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = [h for h in hooks if h["id"] == "readiness-validate"]
    assert hook.get("pass_filenames", True), "pre-commit must pass the changed files"
    words = shlex.split(hook["entry"])
    assert words[:2] == ["readiness", "validate"]
    return words[2:]


@pytest.mark.parametrize("args", [[], ["sites"]], ids=["changed-files", "args-sites"])
def test_the_hook_entry_with_and_without_args(args: list[str], tmp_path: Path) -> None:
    # What pre-commit runs: ENTRY [args] FILES..., here for both ways a repository sets it up.
    good = _rollout_repository(tmp_path / "good", bad=False)
    files = ["sites/riverside/staff.yaml", "ci.yml"]
    done = run_cli("validate", *_hook_command(), *args, *files, cwd=good)
    assert done.returncode == 0, done.stdout
    bad = _rollout_repository(tmp_path / "bad", bad=True)
    done = run_cli("validate", *_hook_command(), *args, *files, cwd=bad)
    assert done.returncode == 1
    assert "sites/riverside/lab.yaml:3:18:" in done.stdout
