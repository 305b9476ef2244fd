"""Report files from the command line: deterministic, atomic, never over an input."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli

FORMATS = ("html", "json", "junit", "sarif", "markdown")


def _write_all(site: str, folder: Path) -> dict[str, bytes]:
    folder.mkdir()
    args = []
    for name in FORMATS:
        args += [f"--{name}", str(folder / f"out.{name}")]
    done = run_cli("check", site, "--as-of", "2026-11-25", *args)
    assert done.returncode in (0, 1), done.stderr
    return {name: (folder / f"out.{name}").read_bytes() for name in FORMATS}


@pytest.mark.parametrize("site", ["sample_sites/northgate-general", "sample_sites/eastmoor-pacs"])
def test_two_runs_give_byte_identical_files(site: str, tmp_path: Path) -> None:
    first = _write_all(site, tmp_path / "one")
    second = _write_all(site, tmp_path / "two")
    for name in FORMATS:
        assert first[name], name
        assert first[name] == second[name], name


def test_writing_a_report_over_an_input_file_is_refused(tmp_path: Path) -> None:
    target = REPO / "sample_sites" / "northgate-general" / "site.yaml"
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    other = tmp_path / "report.json"
    done = run_cli(
        "check",
        "sample_sites/northgate-general",
        "--as-of",
        "2026-11-25",
        "--json",
        str(other),
        "--html",
        str(target),
    )
    assert done.returncode == 2
    assert "[output-is-input]" in done.stderr
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
    assert not other.exists(), "nothing is written when one output is refused"


def test_github_annotations_point_into_the_site_files() -> None:
    done = run_cli(
        "check", "sample_sites/eastmoor-pacs", "--as-of", "2026-11-25", "--format", "github"
    )
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith("::error file=")]
    assert errors
    assert all("file=sample_sites/eastmoor-pacs/" in line for line in errors)
    assert any("title=DM-RECON" in line for line in errors)
