"""Check one site: load -> validate -> model -> graph -> evaluate -> result."""

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
from readiness.model import SiteModel, build_model
from readiness.pipeline.request import CheckRequest
from readiness.pipeline.site import hidden_notes, load_site, rule_inputs, site_inputs, unique
from readiness.problems import Location, Problem
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
    Waiver,
)
from readiness.rulebook import Rulebook, build_rulebook
from readiness.verdict import scores, verdict
from readiness.waiver_authority import with_overrides
from readiness.waivers import apply_waivers


@dataclass(frozen=True)
class CheckRun:
    """One site checked: the result (None on invalid input), the problems, what was read."""

    result: Result | None
    problems: list[Problem]
    inputs: tuple[Path, ...] = ()  # the site, its files, rule folders and files, configuration
    config: Path | None = None  # the configuration used, if any
    skipped: tuple[str, ...] = ()  # hidden entries below the site, with why


def config_path(request: CheckRequest) -> Path | None:
    """The configuration named on the command line, else `readiness.yaml` beside the site."""
    return request.config_path or find_config(request.site)


def resolve_config(request: CheckRequest, path: Path | None) -> tuple[Config, list[Problem]]:
    """The configuration at `path` (none: the defaults), with the command line's selection."""
    config, problems = (Config(), []) if path is None else load_config(path)
    return (
        dataclasses.replace(
            config,
            select=config.select + tuple((p, Location("--select")) for p in request.select),
            ignore=config.ignore + tuple((p, Location("--ignore")) for p in request.ignore),
        ),
        problems,
    )


def load_rulebook(
    request: CheckRequest, config: Config, go_live: dt.date
) -> tuple[Rulebook, list[Problem]]:
    """The shipped rules plus configured and requested rule folders, compiled once."""
    return build_rulebook(
        rule_folders(request, config), config, {"as_of": request.as_of, "go_live": go_live}
    )


def rule_folders(request: CheckRequest, config: Config) -> list[Path]:
    """The shipped rules, then the configured folders, then those of the command line."""
    return [rules_dir(), *config.rule_dirs, *request.rule_dirs]


def run_check(request: CheckRequest) -> CheckRun:
    """Check one site; on invalid input, no result and every problem found."""
    source = load_site(request.site)
    skipped = tuple(hidden_notes(source))
    used = config_path(request)
    config, problems = resolve_config(request, used)
    if source.problems or problems:
        return CheckRun(None, sorted(set(source.problems + problems)), skipped=skipped)
    model = build_model(source)
    rulebook, problems = load_rulebook(request, config, model.site.go_live)
    if problems:
        return CheckRun(None, sorted(set(problems)), skipped=skipped)
    clock = Clock(request.as_of, model.site.go_live)
    graph = IntegrationGraph(model)
    findings, problems = evaluate_rules(graph, rulebook, clock, KINDS)
    problems.extend(check_waiver_rules(source, rulebook.known))
    if problems:
        return CheckRun(None, sorted(set(problems)), skipped=skipped)
    authority, authority_changes = with_overrides(config.waiver_authority)
    findings, waivers = apply_waivers(findings, model, request.as_of, authority, model.site.go_live)
    findings.sort(key=_report_order)
    inputs = [
        *site_inputs(request.site, source),
        *rule_inputs(rule_folders(request, config)),
        *([used] if used is not None else []),
    ]
    # A changed authority table is a setting that differs from the defaults: reports say so.
    rulebook = dataclasses.replace(rulebook, thresholds=rulebook.thresholds + authority_changes)
    result = _result(request, model, graph, rulebook, (findings, waivers), source.files)
    return CheckRun(result, [], unique(inputs), used, skipped)


def _result(
    request: CheckRequest,
    model: SiteModel,
    graph: IntegrationGraph,
    rulebook: Rulebook,
    outcome: tuple[list[Finding], list[Waiver]],
    files: list[str],
) -> Result:
    findings, waivers = outcome
    unready = not_ready(findings, graph)
    return Result(
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
        files=tuple(files),
        workflows={w.id: w.name for w in model.workflows},
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
        GraphNode(
            s.id,
            s.name,
            s.category,
            s.criticality,
            s.lifecycle,
            s.id not in unready,
            None if s.lifecycle == "retained" else s.go_live,
        )
        for s in sorted(model.systems, key=lambda s: s.id)
    )


def _edges(model: SiteModel, unready: dict[str, list[str]]) -> tuple[GraphEdge, ...]:
    edges = [
        GraphEdge(i.id, i.source, i.target, "interface", i.standard, i.id not in unready, i.via)
        for i in model.interfaces
    ]
    edges.extend(
        GraphEdge(
            f"{before}>{s.id}", before, s.id, "sequence", "", f"{before}>{s.id}" not in unready
        )
        for s in model.systems
        for before in s.go_live_after
    )
    return tuple(sorted(edges, key=lambda e: (e.source, e.target, e.id)))
