"""The one place that chains the steps: load -> validate -> model -> graph -> evaluate -> result."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from readiness.clock import Clock
from readiness.config import Config, find_config, load_config
from readiness.evaluate import evaluate_rules
from readiness.facts.registry import KINDS
from readiness.graph import IntegrationGraph
from readiness.impact import impacts, not_ready
from readiness.loading import load_site
from readiness.model import SiteModel, build_model
from readiness.problems import Problem
from readiness.references import check_waiver_rules
from readiness.resources import rules_dir
from readiness.result import (
    CATEGORIES,
    SEVERITIES,
    STATUSES,
    Finding,
    GraphEdge,
    GraphNode,
    Result,
)
from readiness.rulebook import Rulebook, build_rulebook
from readiness.verdict import scores, verdict
from readiness.waivers import apply_waivers


@dataclass(frozen=True)
class CheckRequest:
    """What to check and how: the site, extra rules, configuration and the date."""

    site: Path
    as_of: dt.date
    rule_dirs: tuple[Path, ...] = ()
    config_path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def resolve_config(request: CheckRequest) -> tuple[Config, list[Problem]]:
    """The configuration named on the command line, else `readiness.yaml` beside the site."""
    path = request.config_path or find_config(request.site)
    config, problems = (Config(), []) if path is None else load_config(path)
    return (
        dataclasses.replace(
            config,
            select=config.select + request.select,
            ignore=config.ignore + request.ignore,
        ),
        problems,
    )


def load_rulebook(
    request: CheckRequest, config: Config, go_live: dt.date
) -> tuple[Rulebook, list[Problem]]:
    """The shipped rules plus configured and requested rule folders, compiled once."""
    folders = [rules_dir(), *config.rule_dirs, *request.rule_dirs]
    return build_rulebook(folders, config, {"as_of": request.as_of, "go_live": go_live})


def run_check(request: CheckRequest) -> tuple[Result | None, list[Problem]]:
    """Check one site; on invalid input, no result and every problem found."""
    source = load_site(request.site)
    config, problems = resolve_config(request)
    if source.problems or problems:
        return None, sorted(set(source.problems + problems))
    model = build_model(source)
    rulebook, problems = load_rulebook(request, config, model.site.go_live)
    if problems:
        return None, sorted(set(problems))
    clock = Clock(request.as_of, model.site.go_live)
    graph = IntegrationGraph(model)
    findings, problems = evaluate_rules(graph, rulebook, clock, KINDS)
    problems.extend(check_waiver_rules(source, rulebook.known))
    if problems:
        return None, sorted(set(problems))
    findings, waivers = apply_waivers(findings, model, request.as_of)
    findings.sort(key=_report_order)
    unready = not_ready(findings, graph)
    return (
        Result(
            site_id=model.site.id,
            site_name=model.site.name,
            organisation=model.site.organisation,
            approach=model.site.approach,
            go_live=model.site.go_live,
            as_of=request.as_of,
            verdict=verdict(findings),
            scores=scores(findings),
            findings=tuple(findings),
            rules=tuple(r.info for r in rulebook.rules),
            waivers=tuple(waivers),
            impacts=impacts(findings, graph),
            nodes=_nodes(model, unready),
            edges=_edges(model, unready),
            thresholds=rulebook.thresholds,
            files=tuple(source.files),
            workflows={w.id: w.name for w in model.workflows},
        ),
        [],
    )


def _report_order(finding: Finding) -> tuple[int, int, int, str, str]:
    return (
        STATUSES.index(finding.status),
        SEVERITIES.index(finding.severity),
        CATEGORIES.index(finding.category),
        finding.rule,
        finding.target,
    )


def _nodes(model: SiteModel, unready: dict[str, list[str]]) -> tuple[GraphNode, ...]:
    return tuple(
        GraphNode(s.id, s.name, s.category, s.criticality, s.lifecycle, s.id not in unready)
        for s in sorted(model.systems, key=lambda s: s.id)
    )


def _edges(model: SiteModel, unready: dict[str, list[str]]) -> tuple[GraphEdge, ...]:
    edges = [
        GraphEdge(i.id, i.source, i.target, "interface", i.standard, i.id not in unready, i.via)
        for i in model.interfaces
    ]
    edges.extend(
        GraphEdge(f"{before}>{s.id}", before, s.id, "sequence", "", True)
        for s in model.systems
        for before in s.go_live_after
    )
    return tuple(sorted(edges, key=lambda e: (e.source, e.target, e.id)))
