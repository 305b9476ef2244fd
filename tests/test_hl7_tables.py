"""HL7 v2 names are checked against lists shipped as data, and they are hl7apy's own lists.

The shipped lists save importing a whole hl7apy version library per version a site names; they
must never answer differently from hl7apy, so they are used only for the source files they were
made from.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import readiness.hl7_tables as tables
from readiness.message_names import message_problem
from tests.helpers import REPO


def test_the_shipped_lists_are_the_installed_hl7apy_lists() -> None:
    shipped = json.loads(tables.TABLES.read_text(encoding="utf-8"))
    assert shipped == tables.built_tables(), "out of date: run `python -m readiness.hl7_tables`"


def test_checking_names_imports_no_hl7apy_version_library() -> None:
    probe = (
        "import sys\n"
        "from readiness.message_names import message_problem\n"
        "print(message_problem('ORU^R01', '2.5.1'), message_problem('ORU^R1', '2.4') is None)\n"
        "print(sorted(m for m in sys.modules if m.startswith('hl7apy.v')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == ["None False", "[]"]


@pytest.fixture
def other_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Shipped lists made from other hl7apy sources, which say ORU^R01 does not exist."""
    data = json.loads(tables.TABLES.read_text(encoding="utf-8"))
    for lists in data["versions"].values():
        lists["sources"] = "0" * 64
        lists["structures"] = [s for s in lists["structures"] if s != "ORU_R01"]
    other = tmp_path / "hl7_tables.json"
    other.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setattr(tables, "TABLES", other)
    tables.known.cache_clear()
    tables._shipped.cache_clear()
    yield
    tables.known.cache_clear()
    tables._shipped.cache_clear()


@pytest.mark.usefixtures("other_lists")
def test_lists_made_from_other_hl7apy_sources_are_ignored_for_hl7apy_itself() -> None:
    assert message_problem("ORU^R01", "2.5.1") is None
    assert "ORU_R01" in tables.known("2.5.1")[0]


def test_the_lists_agree_with_hl7apy_on_names_right_and_wrong() -> None:
    for version in ("2.3", "2.4", "2.5.1", "2.8"):
        assert tables.known(version) == tables._from_library(version)
    assert message_problem("ADT^A01", "2.4") is None
    assert "not a message type" in (message_problem("ADX^A01", "2.4") or "")
