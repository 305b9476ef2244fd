"""Check one site: load -> validate -> model -> graph -> evaluate -> result."""

from __future__ import annotations

import dataclasses
import datetime as dt

from readiness.clock import Clock
from readiness.config import Config
from readiness.evaluate import evaluate_rules
from readiness.facts.registry import KINDS
from readiness.graph import IntegrationGraph
from readiness.impact import at_risk, impacts, not_ready
from readiness.model import SiteModel, build_model
from readiness.pipeline.request import CheckRequest, CheckRun
from readiness.pipeline.settings import config_path, resolve_config, rule_folders
from readiness.pipeline.site import hidden_notes, load_site, rule_inputs, site_inputs, unique
from readiness.problems import Problem
from readiness.references import check_waiver_rules
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
from readiness.rule_loader import rule_stamp
from readiness.rulebook import Rulebook, build_rulebook
from readiness.verdict import scores, verdict
from readiness.waiver_authority import with_overrides
from readiness.waivers import apply_waivers


def load_rulebook(
    request: CheckRequest, config: Config, go_live: dt.date
) -> tuple[Rulebook, list[Problem]]:
    """The shipped rules plus configured and requested rule folders, compiled once."""
    return build_rulebook(
        rule_folders(request, config), config, {"as_of": request.as_of, "go_live": go_live}
    )


class Rulebooks:
    """The rulebooks one run (or one worker of it) has compiled, by what they were compiled from.

    Compiling the catalogue costs more than evaluating a small site, and every site of a
    portfolio usually shares the rules and configuration: they are compiled once. Expressions
    read each site's own dates when it is evaluated (`evaluate_rules`), so the go-live a
    rulebook was compiled with does not matter.
    """

    def __init__(self) -> None:
        self._compiled: dict[tuple[object, ...], tuple[Rulebook, tuple[Problem, ...]]] = {}

    def get(
        self, request: CheckRequest, config: Config, go_live: dt.date
    ) -> tuple[Rulebook, list[Problem]]:
        """The rulebook for the request and configuration, compiled now or earlier in the run."""
        folders = rule_folders(request, config)
        # The same key the rule loader trusts: each rule file by path, inode, size and mtime.
        files = tuple((path, rule_stamp(path)) for path in rule_inputs(folders))
        key = (repr(config), files)
        if key not in self._compiled:
            book, problems = load_rulebook(request, config, go_live)
            self._compiled[key] = (book, tuple(problems))
        compiled, found = self._compiled[key]
        return compiled, list(found)


def run_check(request: CheckRequest, rulebooks: Rulebooks | None = None) -> CheckRun:
    """Check one site; on invalid input, no result and every problem found.

    `rulebooks` holds the rules compiled for earlier sites of the run, to use again.
    """
    source = load_site(request.site)
    skipped = tuple(hidden_notes(source))
    used = config_path(request)
    config, problems = resolve_config(request, used)
    if source.problems or problems:
        return CheckRun(None, sorted(set(source.problems + problems)), skipped=skipped)
    model = build_model(source)
    rulebook, problems = (rulebooks or Rulebooks()).get(request, config, model.site.go_live)
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
    found = impacts(findings, graph)
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
        impacts=found,
        nodes=_nodes(model, unready),
        edges=_edges(model, unready),
        thresholds=rulebook.thresholds,
        files=tuple(files),
        workflows={w.id: w.name for w in model.workflows},
        at_risk=at_risk(findings, graph, found),
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
