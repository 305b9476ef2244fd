"""`validate` given files: a file inside a site stands for its site; `--changed` for hooks."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.helpers import RIVERSIDE, run_cli


def _rollout(tmp_path: Path) -> Path:
    """A rollout repository: two sites under sites/, a CI workflow and a rule file beside them."""
    repo = tmp_path / "repo"
    shutil.copytree(RIVERSIDE, repo / "sites" / "riverside")
    shutil.copytree(RIVERSIDE, repo / "sites" / "copy")
    (repo / ".git").mkdir()
    (repo / "ci.yml").write_text("name: ci\non: [push]\n")
    (repo / "sites" / "readiness.yaml").write_text("ignore: [TR-HOURS]\n")
    return repo


def test_a_file_inside_a_site_validates_its_whole_site(tmp_path: Path) -> None:
    repo = _rollout(tmp_path)
    staff = repo / "sites" / "riverside" / "staff.yaml"
    done = run_cli("validate", "sites/riverside/staff.yaml", cwd=repo)
    assert done.returncode == 0, done.stdout
    assert done.stderr == "1 site valid\n"
    # Broken elsewhere in the site, the same file now fails: the whole site was read.
    systems = repo / "sites" / "riverside" / "systems.yaml"
    systems.write_text(
        systems.read_text().replace("criticality: life-critical", "criticality: x", 1)
    )
    done = run_cli("validate", str(staff.relative_to(repo)), cwd=repo)
    assert done.returncode == 1
    assert "sites/riverside/systems.yaml:" in done.stdout


def test_a_site_named_by_a_folder_and_by_a_file_in_it_is_validated_once(tmp_path: Path) -> None:
    repo = _rollout(tmp_path)
    done = run_cli("validate", "sites", "sites/riverside/site.yaml", cwd=repo)
    assert done.returncode == 0
    assert done.stderr == "2 sites valid\n"


def test_changed_skips_yaml_outside_every_site_and_validates_the_sites_touched(
    tmp_path: Path,
) -> None:
    repo = _rollout(tmp_path)
    done = run_cli(
        "validate",
        "--changed",
        "ci.yml",
        "sites/riverside/staff.yaml",
        "sites/readiness.yaml",
        cwd=repo,
    )
    assert done.returncode == 0, done.stdout
    assert "readiness: skipped ci.yml: part of no site and holds no site section" in done.stderr
    assert done.stderr.endswith("1 site valid\n")


def test_changed_with_no_site_touched_is_not_an_error(tmp_path: Path) -> None:
    repo = _rollout(tmp_path)
    done = run_cli("validate", "--changed", "ci.yml", cwd=repo)
    assert done.returncode == 0
    assert done.stderr.endswith("no site among the changed files: nothing to validate\n")
    # Without --changed, naming no site is still an error (a glob that matched nothing).
    assert run_cli("validate", "ci.yml", cwd=repo).returncode == 1


def test_changed_still_validates_a_site_file_that_lost_its_site(tmp_path: Path) -> None:
    # A file with site sections but no `site:` file above it is not skipped: it fails.
    repo = _rollout(tmp_path)
    orphan = repo / "orphan"
    orphan.mkdir()
    shutil.copy(RIVERSIDE / "staff.yaml", orphan / "staff.yaml")
    done = run_cli("validate", "--changed", "orphan/staff.yaml", cwd=repo)
    assert done.returncode == 1
    assert "[site-missing]" in done.stdout


def test_a_one_file_site_beside_unrelated_yaml_is_read_alone(tmp_path: Path) -> None:
    repo = _rollout(tmp_path)
    # The repository root holds one site file, a CI workflow, and other sites below.
    (repo / "one.yaml").write_text("site: {id: one, name: One, go_live: 2027-03-01}\n")
    done = run_cli("validate", "--format", "json", "one.yaml", cwd=repo)
    assert json.loads(done.stdout)["sites"] == [
        {"site": "one.yaml", "files": ["one.yaml"], "valid": True}
    ]
