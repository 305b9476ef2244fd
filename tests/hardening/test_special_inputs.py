"""Special files and oversized numbers as inputs: an error with the path, never a hang."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers import SAMPLES, run_cli

SITE = str(SAMPLES / "riverside-community")


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "input.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("command", ["check", "graph", "validate"])
def test_a_fifo_as_the_site_is_refused_without_waiting(fifo: Path, command: str) -> None:
    done = run_cli(command, str(fifo), *(["--as-of", "2027-04-16"] if command == "check" else []))

    assert done.returncode in (1, 2)
    output = done.stdout + done.stderr
    assert f"{fifo}: not a regular file; a site is a YAML file or a folder of them" in output


def test_a_fifo_or_dev_zero_as_the_configuration_is_refused(fifo: Path) -> None:
    for config in (str(fifo), "/dev/zero"):
        done = run_cli("check", SITE, "--as-of", "2027-04-16", "--config", config)

        assert done.returncode == 2
        assert f"{config}: not a regular file; give the path of a file [file-not-regular]" in (
            done.stderr
        )


def test_a_fifo_or_dev_zero_as_a_diff_input_is_refused(fifo: Path) -> None:
    done = run_cli("diff", str(fifo), "/dev/zero")

    assert done.returncode == 2
    for path in (str(fifo), "/dev/zero"):
        assert f"{path}: not a regular file; expected the output of" in done.stderr


def test_a_five_thousand_digit_number_in_a_diff_input_is_named(tmp_path: Path) -> None:
    report = tmp_path / "old.json"
    report.write_text('{"format_version": 1, "site": ' + "9" * 5000 + "}\n", encoding="utf-8")

    done = run_cli("diff", str(report), str(report))

    assert done.returncode == 2
    assert f"{report}: not a readiness JSON file: it holds a number of 5000 digits" in done.stderr


@pytest.mark.parametrize("command", ["check", "graph"])
def test_a_missing_path_or_an_empty_folder_reads_as_validate_says(
    tmp_path: Path, command: str
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    missing = tmp_path / "missing"
    as_of = ["--as-of", "2027-04-16"] if command == "check" else []

    done_missing = run_cli(command, str(missing), *as_of)
    done_empty = run_cli(command, str(empty), *as_of)

    assert done_missing.returncode == done_empty.returncode == 2
    assert f"{missing}: no such file or folder [path-missing]" in done_missing.stderr
    assert f"{empty}: folder holds no .yaml or .yml site files [path-no-site]" in done_empty.stderr
    assert "site-missing" not in done_missing.stderr + done_empty.stderr


def test_compare_of_a_folder_without_sites_is_an_input_error(tmp_path: Path) -> None:
    done = run_cli("compare", str(tmp_path), "--as-of", "2027-04-16")

    assert done.returncode == 2
    assert f"{tmp_path}: folder holds no .yaml or .yml site files [path-no-site]" in done.stderr


@pytest.mark.parametrize("value", ["2027-W16-5", "20270416", "0001-01-01", "2027-04-16\n"])
def test_as_of_takes_only_a_plausible_yyyy_mm_dd(value: str) -> None:
    done = run_cli("check", SITE, "--as-of", value)

    assert done.returncode == 2
    assert "argument --as-of" in done.stderr


def test_validate_of_paths_that_hold_no_site_is_not_valid() -> None:
    done = run_cli("validate", "README.md", "pyproject.toml")

    assert done.returncode == 1
    assert done.stdout == (
        "README.md pyproject.toml: no site among the paths given; name a site folder or a "
        ".yaml file [path-no-site]\n"
    )
