"""The portfolio as JSON: ranked sites with their heatmap row, systemic rules, shared items."""

from __future__ import annotations

import json

from readiness import __version__
from readiness.portfolio import (
    VERDICTS_WORST_FIRST,
    Portfolio,
    RuleAtSite,
    SharedInterface,
    SharedSystem,
    SiteRow,
    SystemicRule,
    TopBlocker,
    Use,
)

# Bumped when a key is renamed or removed.
FORMAT_VERSION = 1

Json = dict[str, object]


def render(portfolio: Portfolio) -> str:
    """The portfolio as indented JSON with a stable key order and a trailing newline."""
    return json.dumps(to_data(portfolio), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def to_data(portfolio: Portfolio) -> Json:
    """The portfolio as JSON-ready data; keys keep the documented order."""
    return {
        "as_of": portfolio.as_of.isoformat(),
        "summary": {
            "sites": len(portfolio.sites),
            "verdicts": {v: portfolio.count(v) for v in VERDICTS_WORST_FIRST},
        },
        "categories": list(portfolio.categories),
        "sites": [_site(s) for s in portfolio.sites],
        "systemic_rules": [_systemic(r) for r in portfolio.systemic],
        "shared_systems": [_system(s) for s in portfolio.shared_systems],
        "shared_interfaces": [_interface(i) for i in portfolio.shared_interfaces],
        "format_version": FORMAT_VERSION,
        "tool": {"name": "readiness", "version": __version__},
    }


def _site(s: SiteRow) -> Json:
    return {
        "rank": s.rank,
        "site": s.site_id,
        "site_name": s.site_name,
        "organisation": s.organisation,
        "verdict": s.verdict,
        "partial": bool(s.partial),
        "rules_evaluated": s.rules_evaluated,
        "rules_in_catalogue": s.rules_in_catalogue,
        "settings_changed": s.settings_changed,
        "go_live": s.go_live.isoformat(),
        "days_to_go_live": s.days_to_go_live,
        "live": s.live,
        "delivery_confidence": s.confidence,
        "top_blockers": [_blocker(b) for b in s.top_blockers],
        "summary": {
            "blockers": s.blockers,
            "conditions": s.conditions,
            "failed": s.failed,
            "waived": s.waived,
            "passed": s.passed,
            "not_applicable": s.not_applicable,
        },
        "categories": [
            {"category": c.category, "percent": c.percent, "rag": c.rag} for c in s.cells
        ],
    }


def _blocker(b: TopBlocker) -> Json:
    return {
        "rule": b.rule,
        "title": b.title,
        "target": b.target,
        "owner": b.owner,
        "due": None if b.due is None else b.due.isoformat(),
        "days_left": b.days_left,
    }


def _at_site(a: RuleAtSite) -> Json:
    return {"site": a.site_id, "items": list(a.items)}


def _systemic(r: SystemicRule) -> Json:
    return {
        "rule": r.rule,
        "title": r.title,
        "category": r.category,
        "severity": r.severity,
        "site_count": len(r.sites),
        "sites": [_at_site(a) for a in r.sites],
    }


def _use(u: Use) -> Json:
    return {"site": u.site_id, "id": u.item_id, "ready": u.ready, "reasons": list(u.reasons)}


def _system(s: SharedSystem) -> Json:
    return {
        "name": s.name,
        "category": s.category,
        "sites": [_use(u) for u in s.uses],
        "not_ready_at": list(s.not_ready_at),
        "at_risk": list(s.at_risk),
    }


def _interface(i: SharedInterface) -> Json:
    return {
        "source": i.source,
        "target": i.target,
        "standard": i.standard,
        "sites": [_use(u) for u in i.uses],
        "not_ready_at": list(i.not_ready_at),
        "at_risk": list(i.at_risk),
    }
