"""The JSON report: the whole result as data, loadable again by `readiness diff`."""

from __future__ import annotations

import datetime as dt
import json
import math

from readiness import __version__
from readiness.problems import Location
from readiness.result import (
    Finding,
    GraphEdge,
    GraphNode,
    Impact,
    ImpactPath,
    Result,
    RuleInfo,
    ThresholdChange,
    Waiver,
)

# Bumped when a key is renamed or removed, so that `diff` can refuse what it cannot read.
FORMAT_VERSION = 1

Json = dict[str, object]


def render(result: Result) -> str:
    """The result as indented JSON with a stable key order and a trailing newline."""
    return json.dumps(to_data(result), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_data(result: Result) -> Json:
    """The result as JSON-ready data; keys keep the documented order."""
    return {
        "site": result.site_id,
        "site_name": result.site_name,
        "as_of": result.as_of.isoformat(),
        "go_live": result.go_live.isoformat(),
        "days_to_go_live": result.days_to_go_live,
        "verdict": result.verdict,
        # Whether select or ignore left rules out: the verdict then covers only those evaluated.
        "partial": result.partial,
        "rules_evaluated": len(result.rules),
        "rules_in_catalogue": result.rules_in_catalogue,
        "scores": {s.category: s.percent for s in result.scores},
        "categories": [
            {
                "category": s.category,
                "percent": s.percent,
                "rag": s.rag,
                "passed": s.passed,
                "failed": s.failed,
                "waived": s.waived,
            }
            for s in result.scores
        ],
        "findings": [_finding(f) for f in result.findings],
        "waivers": [_waiver(w) for w in result.waivers],
        "impacts": [_impact(i) for i in result.impacts],
        "thresholds": [_threshold(t) for t in result.thresholds],
        "summary": _summary(result),
        "organisation": result.organisation,
        "approach": result.approach,
        "rules": [_rule(r) for r in result.rules],
        "graph": {
            "nodes": [_node(n) for n in result.nodes],
            "edges": [_edge(e) for e in result.edges],
        },
        "workflows": dict(sorted(result.workflows.items())),
        "files": list(result.files),
        "format_version": FORMAT_VERSION,
        "tool": {"name": "readiness", "version": __version__},
    }


def _location(location: Location) -> Json:
    return {"file": location.file, "line": location.line, "column": location.column}


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _finding(f: Finding) -> Json:
    return {
        "rule": f.rule,
        "title": f.title,
        "severity": f.severity,
        "category": f.category,
        "status": f.status,
        "target": f.target,
        "message": f.message,
        "location": _location(f.location),
        "owner": None if f.owner is None else f.owner.as_dict(),
        "due": _date(f.due),
        "days_left": f.days_left,
        "waiver": None if f.waiver is None else _waiver(f.waiver),
        "evidence": list(f.evidence),
        **_evidence_extra(f),
    }


def _evidence_extra(f: Finding) -> Json:
    # Keys only where they say something, so a report without long or located evidence
    # reads as it always has.
    extra: Json = {}
    if f.evidence_locations:
        extra["evidence_locations"] = [_location(at) for at in f.evidence_locations]
    if f.evidence_more:
        extra["evidence_total"] = len(f.evidence) + f.evidence_more
    return extra


def _waiver(w: Waiver) -> Json:
    return {
        "rule": w.rule,
        "target": w.target,
        "state": w.state,
        "justification": w.justification,
        "approved_by": w.approved_by,
        "role": w.role,
        "reason": w.reason or None,
        "approved_on": w.approved_on.isoformat(),
        "expires": w.expires.isoformat(),
        "location": _location(w.location),
    }


def _path(p: ImpactPath) -> Json:
    return {"kind": p.kind, "id": p.id, "name": p.name, "path": list(p.path)}


def _impact(i: Impact) -> Json:
    return {
        "kind": i.kind,
        "id": i.id,
        "name": i.name,
        "reasons": list(i.reasons),
        "systems": [_path(p) for p in i.systems],
        "workflows": [_path(p) for p in i.workflows],
        # Totals only where the lists are cut to their first few (`listing.SHOWN`).
        **({"systems_total": len(i.systems) + i.systems_more} if i.systems_more else {}),
        **({"workflows_total": len(i.workflows) + i.workflows_more} if i.workflows_more else {}),
    }


def _threshold(t: ThresholdChange) -> Json:
    return {
        "rule": t.rule,
        "name": t.name,
        "default": _plain(t.default),
        "value": _plain(t.value),
        "source": _location(t.source),
    }


def _rule(r: RuleInfo) -> Json:
    return {
        "id": r.id,
        "title": r.title,
        "category": r.category,
        "severity": r.severity,
        "applies_to": r.applies_to,
        "due_days_before": r.due_days_before,
        "rationale": r.rationale,
        "remediation": r.remediation,
        "reference": r.reference,
        "source": _location(r.source),
    }


def _node(n: GraphNode) -> Json:
    return {
        "id": n.id,
        "name": n.name,
        "category": n.category,
        "criticality": n.criticality,
        "lifecycle": n.lifecycle,
        "ready": n.ready,
    }


def _edge(e: GraphEdge) -> Json:
    return {
        "id": e.id,
        "source": e.source,
        "target": e.target,
        "kind": e.kind,
        "standard": e.standard,
        "ready": e.ready,
    }


def _summary(result: Result) -> Json:
    statuses = {
        status: len(result.by_status(status))
        for status in ("fail", "waived", "pass", "not_applicable")
    }
    return {
        "blockers": len(result.blockers),
        "conditions": len(result.conditions),
        "failed": statuses["fail"],
        "waived": statuses["waived"],
        "passed": statuses["pass"],
        "not_applicable": statuses["not_applicable"],
    }


def _plain(value: object) -> object:
    """A configuration value as JSON: dates as ISO strings, anything unusual as text."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=str)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)
