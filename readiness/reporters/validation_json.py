"""The outcome of `validate` as JSON: overall validity, each site, and every problem."""

from __future__ import annotations

import json

from readiness.pipeline.validate import ValidateRun


def render(run: ValidateRun) -> str:
    """Whether all is valid, each site with its files, and every problem with its place."""
    document = {
        "valid": run.valid,
        "sites": [
            {"site": site.site, "files": list(site.files), "valid": site.valid}
            for site in run.sites
        ],
        "problems": [p.as_dict() for p in run.problems],
    }
    return json.dumps(document, indent=2) + "\n"
