"""A plain wheel install works from any folder: the shipped rules and schemas travel inside it."""

from __future__ import annotations

import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import REPO, SAMPLES


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_validates_and_checks_from_another_folder(
    tmp_path: Path,
) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = wheels.glob("readiness-*.whl")
    env_dir = tmp_path / "venv"
    # A venv without pip of its own, filled by this interpreter's pip: installing pip into the
    # new venv took longer than the rest of the test.
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    tool = str(env_dir / "bin" / "readiness")
    sites = sorted(str(p) for p in SAMPLES.iterdir() if p.is_dir())
    done = subprocess.run(
        [tool, "validate", *sites], cwd=elsewhere, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"{len(sites)} sites valid" in done.stderr
    listing = subprocess.run(
        [tool, "rules", "list"], cwd=elsewhere, capture_output=True, text=True, timeout=120
    )
    assert listing.returncode == 0 and "TR-COMPLETE" in listing.stdout
    pattern = "python3*/site-packages/readiness/_data/schemas/site.schema.json"
    installed = list((env_dir / "lib").glob(pattern))
    assert installed, "the site schema is inside the wheel"
