"""No verdict rests on a file nobody read: unreadable, special and hidden entries of a site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from readiness.site_files import scan_site
from readiness.yaml_source import load_file
from tests.helpers import REPO, SAMPLES, run_cli

NO_GO_SITE = SAMPLES / "eastmoor-pacs"
GO_SITE = SAMPLES / "riverside-community"


def _without_read_permission_override(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI so that file permissions apply even when the tests run as root.

    Root reads a `chmod 000` folder anyway; dropping the two capabilities that let it (with
    util-linux's setpriv) makes the kernel refuse it as it would for any other user.
    """
    command = [sys.executable, "-m", "readiness", *args]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            if os.environ.get("CI"):
                pytest.fail("setpriv (util-linux) is needed to test unreadable files as root")
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(REPO)}
    completed = subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert "Traceback" not in completed.stderr
    return completed


@pytest.fixture
def site_with_locked_team_folder(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Eastmoor (NO-GO because of its migration) with the migration in an unreadable folder."""
    site = tmp_path / "eastmoor"
    shutil.copytree(NO_GO_SITE, site)
    locked = site / "team-b"
    locked.mkdir()
    (site / "migration.yaml").rename(locked / "migration.yaml")
    locked.chmod(0)
    yield site
    locked.chmod(0o755)


def test_an_unreadable_sub_folder_is_an_error_never_a_go(
    site_with_locked_team_folder: Path,
) -> None:
    site = site_with_locked_team_folder

    validated = _without_read_permission_override("validate", str(site))
    checked = _without_read_permission_override("check", str(site), "--as-of", "2027-05-12")

    message = f"{site / 'team-b'}: cannot read this folder: Permission denied"
    assert validated.returncode == 1
    assert message in validated.stdout
    assert "[folder-unreadable]" in validated.stdout
    assert checked.returncode == 2
    assert message in checked.stderr
    assert checked.stdout == ""


def test_a_fifo_named_like_a_site_file_is_refused_without_waiting(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    os.mkfifo(site / "extra.yaml")

    scan = scan_site(site)

    assert site / "extra.yaml" not in scan.files
    assert [(p.location.file, p.code) for p in scan.problems] == [
        (str(site / "extra.yaml"), "file-not-regular")
    ]


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_special_file_as_the_site_or_a_file_is_refused(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "site.yaml"
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
        if not path.exists():
            pytest.skip("no /dev/zero on this platform")

    scan = scan_site(path)
    loaded = load_file(path)

    assert scan.files == []
    assert [p.code for p in scan.problems] == ["file-not-regular"]
    assert [p.render() for p in loaded.problems] == [
        f"{path}: not a regular file; give the path of a file [file-not-regular]"
    ]


def test_a_link_loop_in_a_site_folder_is_read_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    (site / "again").symlink_to(site, target_is_directory=True)

    scan = scan_site(site)

    assert scan.problems == []
    assert sorted(p.name for p in scan.files) == sorted(
        p.name for p in (SAMPLES / "riverside-community").glob("*.yaml")
    )


def test_hidden_entries_are_skipped_and_named(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    (site / ".extra.yaml").write_text("defects: []\n", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "config.yaml").write_text("a: 1\n", encoding="utf-8")

    scan = scan_site(site)

    assert scan.hidden == [str(site / ".extra.yaml"), str(site / ".git")]
    assert all(not p.name.startswith(".") for p in scan.files)


def test_every_command_names_the_hidden_file_it_skips(tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(SAMPLES / "riverside-community", site)
    hidden = site / ".extra.yaml"
    hidden.write_text("defects: []\n", encoding="utf-8")

    checked = run_cli("check", str(site), "--as-of", "2027-04-16")
    validated = run_cli("validate", str(site))
    compared = run_cli("compare", str(site), "--as-of", "2027-04-16", "--jobs", "1")
    drawn = run_cli("graph", str(site))

    note = f"readiness: skipped {hidden}: hidden (its name starts with `.`), not read"
    for done in (checked, validated, compared, drawn):
        assert note in done.stderr.splitlines(), done.args


def test_no_rule_file_is_skipped_silently(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    blocker = (
        "rules:\n  - id: LOCAL-ALWAYS\n    title: Always fails\n    category: governance\n"
        "    severity: blocker\n    applies_to: site\n    condition: days_to_go_live < -100000\n"
        "    message: always\n    rationale: r\n    remediation: r\n    reference: r\n"
        "    examples: {pass: [{days_to_go_live: -200000}], fail: [{days_to_go_live: 3}]}\n"
    )
    (rules / "local.YAML").write_text(blocker, encoding="utf-8")
    checked = run_cli("check", str(GO_SITE), "--as-of", "2027-04-16", "--rules", str(rules))
    assert checked.returncode == 1, checked.stderr
    assert checked.stdout.startswith("NO-GO")

    (rules / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    os.mkfifo(rules / "pipe.yml")
    refused = run_cli("check", str(GO_SITE), "--as-of", "2027-04-16", "--rules", str(rules))
    assert refused.returncode == 2
    assert f"{rules / 'broken.yaml'}: a broken link" in refused.stderr
    assert f"{rules / 'pipe.yml'}: not a regular file" in refused.stderr


def test_a_hidden_rule_file_is_an_error_not_a_rule_dropped_unseen(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    (rules / ".git").mkdir(parents=True)
    (rules / ".git" / "config.yaml").write_text("a: 1\n", encoding="utf-8")
    (rules / ".local.yaml").write_text("rules: []\n", encoding="utf-8")

    done = run_cli("check", str(GO_SITE), "--as-of", "2027-04-16", "--rules", str(rules))

    assert done.returncode == 2
    assert f"{rules / '.local.yaml'}: hidden rule file" in done.stderr
    assert ".git" not in done.stderr
