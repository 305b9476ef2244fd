"""A generated site shaped like a large trust's: everything reaches everything through a hub.

A hub EPR is fed by `n` senders over interfaces never tested end to end, and feeds `n`
life-critical units that report back to it; each unit is on its own critical workflow. So every
unit depends on every untested feed, and a failure of any feed reaches every unit and workflow:
the lists the reports would show grow with the square of `n`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

AS_OF = "2027-01-04"


def _system(ident: str, criticality: str, category: str = "other") -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"System {ident}",
        "category": category,
        "lifecycle": "new",
        "criticality": criticality,
    }


def _interface(ident: str, source: str, target: str, e2e: str) -> dict[str, Any]:
    return {
        "id": ident,
        "name": f"Feed {ident}",
        "source": source,
        "target": target,
        "standard": "hl7v2",
        "criticality": "life-critical",
        "tests": {"e2e": e2e},
    }


def fan_data(n: int) -> dict[str, Any]:
    """The site's data, ids numbered with two digits so that they sort in number order."""
    ks = [f"{k:02d}" for k in range(1, n + 1)]
    return {
        "site": {"id": f"fan-{n}", "name": f"Fan {n}", "go_live": "2027-03-01"},
        "systems": [
            _system("epr", "life-critical", "epr"),
            *(_system(f"src-{k}", "supporting") for k in ks),
            *(_system(f"unit-{k}", "life-critical") for k in ks),
        ],
        "interfaces": [
            *(_interface(f"if-src-{k}", f"src-{k}", "epr", "in-progress") for k in ks),
            *(_interface(f"if-unit-{k}", "epr", f"unit-{k}", "passed") for k in ks),
            *(_interface(f"if-back-{k}", f"unit-{k}", "epr", "passed") for k in ks),
        ],
        "workflows": [
            {
                "id": f"wf-{k}",
                "name": f"Workflow {k}",
                "criticality": "critical",
                "steps": [{"name": f"Use unit {k}", "system": f"unit-{k}"}],
            }
            for k in ks
        ],
    }


def fan_site(folder: Path, n: int) -> Path:
    """The site written to `folder/fan-N/site.yaml`; returns the folder."""
    site = folder / f"fan-{n}"
    site.mkdir(parents=True)
    (site / "site.yaml").write_text(yaml.safe_dump(fan_data(n), sort_keys=False))
    return site
