"""Evaluate compiled rules against a site's facts and graph, producing findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from readiness.clock import Clock
from readiness.expressions import ExpressionError, evaluate, expression_values
from readiness.facts.base import FactItem, Kind
from readiness.graph import IntegrationGraph
from readiness.graph_checks import GRAPH_CHECKS
from readiness.graph_outcome import Outcome
from readiness.problems import Location, Problem
from readiness.result import Finding
from readiness.rulebook import CompiledRule, Rulebook, fill
from readiness.time_budget import OverBudget, over_budget, time_budget


def evaluate_rules(
    graph: IntegrationGraph, rulebook: Rulebook, clock: Clock, kinds: Mapping[str, Kind]
) -> tuple[list[Finding], list[Problem]]:
    """Every rule's finding for every target; facts are built once per kind."""
    facts: dict[str, list[FactItem]] = {}
    findings: list[Finding] = []
    problems: list[Problem] = []
    for rule in rulebook.rules:
        spec = rule.spec
        try:
            if spec.check is not None:
                outcomes = graph_outcomes(rule, graph, clock)
                findings.extend(_from_outcome(rule, o, clock) for o in outcomes)
                continue
            kind = kinds[spec.applies_to]
            if kind.name not in facts:
                facts[kind.name] = kind.build(graph.model, clock)
            with time_budget():
                found = [_from_item(rule, item, clock) for item in facts[kind.name]]
            findings.extend(found)
        except ExpressionError as err:
            problems.append(_rule_error(rule, str(err)))
        except OverBudget:
            problems.append(_rule_error(rule, over_budget()))
    return findings, problems


def _rule_error(rule: CompiledRule, reason: str) -> Problem:
    return Problem(
        rule.spec.location,
        f"rule {rule.spec.id} could not be evaluated: {reason}",
        "rule-evaluation",
    )


def graph_outcomes(rule: CompiledRule, graph: IntegrationGraph, clock: Clock) -> list[Outcome]:
    """What a graph-check rule's check finds in the graph, one outcome per target."""
    assert rule.spec.check is not None
    return GRAPH_CHECKS[rule.spec.check].function(graph, rule.params, clock)


def item_status(rule: CompiledRule, data: Mapping[str, object]) -> tuple[str, Mapping[str, object]]:
    """A condition rule's status for one item (pass, fail or not_applicable) and its values.

    `data` holds the item's values with the rule's derived fields (`rule.item_values`).
    """
    values = expression_values(data, rule.fields)
    if rule.where is not None and not evaluate(rule.where, values):
        return "not_applicable", values
    assert rule.condition is not None
    return ("pass" if evaluate(rule.condition, values) else "fail"), values


def _severity(rule: CompiledRule, values: Mapping[str, object]) -> str:
    for when, severity in rule.severity_when:
        if evaluate(when, values):
            return severity
    return rule.info.severity


def _due(rule: CompiledRule, clock: Clock, failing: bool) -> tuple[dt.date | None, int | None]:
    days = rule.spec.due_days_before
    if days is None or not failing:
        return None, None
    due = clock.go_live - dt.timedelta(days=days)
    return due, (due - clock.as_of).days


def _finding(
    rule: CompiledRule,
    target: str,
    status: str,
    values: Mapping[str, object],
    raw_values: Mapping[str, object],
    location: Location,
    owner: str | None,
    clock: Clock,
    evidence: tuple[str, ...] = (),
) -> Finding:
    failing = status == "fail"
    severity = _severity(rule, values) if failing else rule.info.severity
    due, days_left = _due(rule, clock, failing)
    if status == "pass" and rule.spec.check is not None:
        # A graph check's message describes the failure; a pass says what holds.
        message = (
            f"{raw_values.get('name') or target}: {rule.info.title[0].lower()}{rule.info.title[1:]}"
        )
    else:
        template = rule.spec.message
        if status != "fail" and rule.spec.pass_message is not None:
            template = rule.spec.pass_message
        message = fill(template, {**raw_values, "target": target}, rule.params)
    return Finding(
        rule=rule.info.id,
        title=rule.info.title,
        category=rule.info.category,
        severity=severity,
        status=status,
        target=target,
        message=message,
        location=location,
        owner=owner,
        due=due,
        days_left=days_left,
        evidence=evidence,
    )


def _from_item(rule: CompiledRule, item: FactItem, clock: Clock) -> Finding:
    raw = rule.item_values(item.values)
    status, values = item_status(rule, raw)
    owner_value = raw.get(rule.spec.owner) if rule.spec.owner else item.owner
    owner = owner_value if isinstance(owner_value, str) and owner_value else None
    display = {**raw, **{k: v for k, v in values.items() if k not in raw}}
    return _finding(
        rule, item.target, status, values, display, item.where(rule.spec.locate), owner, clock
    )


def _from_outcome(rule: CompiledRule, outcome: Outcome, clock: Clock) -> Finding:
    values = expression_values(outcome.values, rule.fields)
    status = "pass" if outcome.passed else "fail"
    return _finding(
        rule,
        outcome.target,
        status,
        values,
        outcome.values,
        outcome.location,
        outcome.owner,
        clock,
        outcome.evidence,
    )
