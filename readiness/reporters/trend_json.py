"""A site's trend as JSON: every assessment, the changes between them, the projection."""

from __future__ import annotations

import json

from readiness import __version__
from readiness.assessment import Assessment, Failure
from readiness.trend import Change, Projection, Trend

# Bumped when a key is renamed or removed.
FORMAT_VERSION = 1

Json = dict[str, object]


def render(trend: Trend) -> str:
    """The trend as indented JSON with a stable key order and a trailing newline."""
    return json.dumps(to_data(trend), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_data(trend: Trend) -> Json:
    """The trend as JSON-ready data; keys keep the documented order."""
    return {
        "site": trend.site,
        "site_name": trend.site_name,
        "go_live": trend.go_live.isoformat(),
        "direction": trend.direction,
        "assessments": [_assessment(a) for a in trend.points],
        "changes": [_change(c) for c in trend.changes],
        "projection": None if trend.projection is None else _projection(trend.projection),
        "no_projection": trend.no_projection or None,
        "format_version": FORMAT_VERSION,
        "tool": {"name": "readiness", "version": __version__},
    }


def _assessment(a: Assessment) -> Json:
    return {
        "as_of": a.as_of.isoformat(),
        "go_live": a.go_live.isoformat(),
        "days_to_go_live": a.days_to_go_live,
        "verdict": a.verdict,
        "partial": bool(a.partial),
        "rules_evaluated": a.rules_evaluated,
        "rules_in_catalogue": a.rules_in_catalogue,
        "blockers": a.blockers,
        "conditions": a.conditions,
        "failing": len(a.failures),
        "by_severity": _counts(a, "severity"),
        "by_category": _counts(a, "category"),
        "tool_version": a.tool_version,
        "origin": a.origin,
    }


def _counts(a: Assessment, kind: str) -> Json:
    return {c.name: {"failed": c.failed, "waived": c.waived} for c in a.counts if c.kind == kind}


def _failure(f: Failure) -> Json:
    return {
        "rule": f.rule,
        "target": f.target,
        "severity": f.severity,
        "category": f.category,
        "status": f.status,
        "owner": f.owner,
    }


def _change(c: Change) -> Json:
    return {
        "since": c.since.isoformat(),
        "until": c.until.isoformat(),
        "verdict_before": c.verdict_before,
        "verdict_after": c.verdict_after,
        "opened": [_failure(f) for f in c.opened],
        "closed": [_failure(f) for f in c.closed],
    }


def _projection(p: Projection) -> Json:
    return {
        "method": "least-squares straight line of blockers + conditions against days to go-live",
        "assessments_used": p.points,
        "per_week": p.per_week,
        "at_go_live": p.at_go_live,
        "zero_days_before_go_live": p.zero_days_before,
    }
