"""`check` and `compare` refuse every bad input of the corpus the way `validate` does."""

from __future__ import annotations

import pytest

from readiness.cli import main
from tests.helpers import REPO, run_cli_once

CORPUS = sorted(
    p for p in (REPO / "tests" / "bad_inputs").iterdir() if p.suffix == ".yaml" or p.is_dir()
)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_check_exits_2_with_the_validate_messages(
    path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(REPO)
    relative = str(path.relative_to(REPO))
    validated = run_cli_once("validate", relative)
    assert validated.returncode == 1
    expected = validated.stdout
    assert main(["check", relative, "--as-of", "2027-01-01"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    # Every problem validate names is named by check too, in the same words.
    for line in expected.splitlines():
        assert line in captured.err
