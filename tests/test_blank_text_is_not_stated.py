"""Blank text is not evidence: a whitespace-only fallback, procedure or reason on the GO site
(Riverside) counts as not written, through the CLI."""

from __future__ import annotations

import shutil
from pathlib import Path

from readiness.model import build_model
from readiness.pipeline.site import load_site
from tests.helpers import SAMPLES
from tests.test_catalogue_v2_safety import SITE, _check, _only

FALLBACK = "    fallback: Offline copy on the laptop (up to 72 hours) and the daily printed caseload and medication report.\n"  # noqa: E501
ENGINE_PROCEDURE = (
    "      downtime_procedure: Messages queue at source and are replayed; teams use the paper"
    " and phone routes of each receiving system."
)


def test_a_blank_interface_fallback_fails_as_not_stated(tmp_path: Path) -> None:
    finding = _only(
        _check(tmp_path, ("interfaces.yaml", FALLBACK, '    fallback: " "\n')), "IF-FALLBACK"
    )
    assert "fallback` is not stated" in str(finding["message"])


def _engine_procedure(tmp_path: Path, procedure: str) -> bool:
    site = tmp_path / SITE
    shutil.copytree(SAMPLES / SITE, site)
    path = site / "systems.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count(ENGINE_PROCEDURE) == 1
    path.write_text(text.replace(ENGINE_PROCEDURE, procedure), encoding="utf-8")
    model = build_model(load_site(site))
    return next(s for s in model.systems if s.id == "tie").downtime_procedure


def test_a_blank_downtime_procedure_is_no_procedure(tmp_path: Path) -> None:
    # G-SPOF blocks a single point of failure that has no downtime procedure.
    assert _engine_procedure(tmp_path / "a", ENGINE_PROCEDURE) is True
    assert _engine_procedure(tmp_path / "b", '      downtime_procedure: "  "') is False
