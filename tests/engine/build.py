"""Small inputs for the engine's unit tests, built in memory."""

from __future__ import annotations

from typing import Any

from readiness.model import SiteModel, build_model
from readiness.problems import Location
from readiness.result import Finding
from readiness.site_files import SiteSource

SITE = {"id": "s", "name": "S", "go_live": "2027-03-01"}


def finding(
    status: str,
    severity: str = "major",
    category: str = "training",
    rule: str = "TR-X",
    target: str = "t",
) -> Finding:
    """A finding with only what the verdict, scores and waivers look at."""
    return Finding(
        rule=rule,
        title="A rule",
        category=category,
        severity=severity,
        status=status,
        target=target,
        message=f"{target}: {status}",
        location=Location("t.yaml", 1, 1),
    )


def model(**sections: Any) -> SiteModel:
    """The model of a one-file site with the given sections, every value placed at 1:1."""
    data = {"site": SITE, **sections}
    return build_model(SiteSource("t", ["t.yaml"], data, {(): Location("t.yaml", 1, 1)}))
