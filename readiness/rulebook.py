"""Compile loaded rules once per run: parameters from configuration, expressions checked."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import rule_engine

from readiness.config import Config
from readiness.expressions import ExpressionError, compile_expression, make_context
from readiness.facts.registry import KINDS
from readiness.fields import Field
from readiness.graph_checks import GRAPH_CHECKS
from readiness.problems import Location, Problem
from readiness.result import RuleInfo, ThresholdChange
from readiness.rule_loader import RuleSpec, load_rule_folders
from readiness.schema_check import suggest

_PLACEHOLDER_FIELDS = ("target",)


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to evaluate: its spec, effective parameters and compiled expressions."""

    spec: RuleSpec
    info: RuleInfo
    params: Mapping[str, float]
    fields: Mapping[str, Field]
    condition: rule_engine.Rule | None
    where: rule_engine.Rule | None
    severity_when: tuple[tuple[rule_engine.Rule, str], ...]


@dataclass(frozen=True)
class Rulebook:
    """The rules of one run, in id order, and the thresholds that differ from defaults."""

    rules: tuple[CompiledRule, ...]
    thresholds: tuple[ThresholdChange, ...] = field(default_factory=tuple)
    known: frozenset[str] = frozenset()  # every rule id loaded, selected or not


def kind_fields(spec: RuleSpec) -> Mapping[str, Field] | None:
    """The fields a rule's expressions and message may name, or None if its kind is unknown."""
    if spec.check is not None:
        check = GRAPH_CHECKS.get(spec.check)
        return None if check is None else check.fields
    kind = KINDS.get(spec.applies_to)
    return None if kind is None else kind.fields


def _selected(rule_id: str, config: Config) -> bool:
    def matches(patterns: tuple[str, ...]) -> bool:
        return any(rule_id == p or (p.endswith("-") and rule_id.startswith(p)) for p in patterns)

    if config.select and not matches(config.select):
        return False
    return not matches(config.ignore)


def build_rulebook(
    folders: list[Path], config: Config, dates: Mapping[str, dt.date]
) -> tuple[Rulebook, list[Problem]]:
    """Load every rule folder and compile the selected rules; all problems are collected."""
    specs, problems = load_rule_folders(folders)
    known = {s.id for s in specs}
    for rule_id, where in config.rule_references():
        if rule_id not in known:
            problems.append(
                Problem(
                    where,
                    f"unknown rule `{rule_id}`{suggest(rule_id, known)}",
                    "config-unknown-rule",
                )
            )
    compiled: list[CompiledRule] = []
    changes: list[ThresholdChange] = []
    for spec in sorted(specs, key=lambda s: s.id):
        rule, rule_problems, rule_changes = compile_rule(spec, config, dates)
        problems.extend(rule_problems)
        changes.extend(rule_changes)
        if rule is None:
            continue
        if _selected(spec.id, config):
            compiled.append(rule)
        else:
            # A rule left out is a setting that differs from the defaults: the reports say so.
            where = Location(config.path or "(command line)")
            changes.append(ThresholdChange(spec.id, "evaluated", "yes", "no", where))
    return Rulebook(tuple(compiled), tuple(changes), frozenset(known)), problems


def compile_rule(
    spec: RuleSpec, config: Config, dates: Mapping[str, dt.date]
) -> tuple[CompiledRule | None, list[Problem], list[ThresholdChange]]:
    """Compile one rule, or say precisely what is wrong with it."""
    problems: list[Problem] = []
    changes: list[ThresholdChange] = []
    fields = kind_fields(spec)
    if fields is None:
        if spec.check is not None:
            choices = sorted(GRAPH_CHECKS)
            problems.append(
                Problem(
                    spec.field_locations["check"],
                    f"rule {spec.id}: unknown graph check `{spec.check}`"
                    f"{suggest(spec.check, choices)}; "
                    f"known: {', '.join(choices)}",
                    "rule-unknown-check",
                )
            )
        else:
            choices = sorted(KINDS)
            problems.append(
                Problem(
                    spec.field_locations["applies_to"],
                    f"rule {spec.id}: unknown kind `{spec.applies_to}`"
                    f"{suggest(spec.applies_to, choices)}; known: {', '.join(choices)}",
                    "rule-unknown-kind",
                )
            )
        return None, problems, changes
    params = dict(spec.params)
    for name, (value, where) in config.thresholds.get(spec.id, {}).items():
        if name not in params:
            problems.append(
                Problem(
                    where,
                    f"rule {spec.id} has no parameter `{name}`{suggest(name, params)}",
                    "config-unknown-parameter",
                )
            )
            continue
        if value != params[name]:
            changes.append(ThresholdChange(spec.id, name, params[name], value, where))
        params[name] = value
    context = make_context(fields, params, dates)

    def compiled(key: str, text: str | None) -> rule_engine.Rule | None:
        if text is None:
            return None
        try:
            return compile_expression(text, context, params)
        except ExpressionError as err:
            problems.append(
                Problem(
                    spec.field_locations[key], f"rule {spec.id}: {key}: {err}", "rule-expression"
                )
            )
            return None

    condition = compiled("condition", spec.condition)
    applicable = compiled("where", spec.where)
    severity_when = []
    for when, severity in spec.severity_when:
        rule = compiled("severity_when", when)
        if rule is not None:
            severity_when.append((rule, severity))
    for key in ("locate", "owner"):
        name = getattr(spec, key)
        if name is not None and name not in fields:
            problems.append(
                Problem(
                    spec.field_locations[key],
                    f"rule {spec.id}: {key}: unknown field `{name}`{suggest(name, fields)}",
                    "rule-unknown-field",
                )
            )
    for name in placeholders(spec.message + (spec.pass_message or "")):
        if name not in fields and name not in params and name not in _PLACEHOLDER_FIELDS:
            problems.append(
                Problem(
                    spec.field_locations["message"],
                    f"rule {spec.id}: message names unknown field `{{{name}}}`"
                    f"{suggest(name, [*fields, *params])}",
                    "rule-unknown-field",
                )
            )
    if spec.check is None and condition is None and not problems:
        return None, problems, changes
    if problems:
        return None, problems, changes
    severity, where = config.severity.get(spec.id, (spec.severity, spec.location))
    if severity != spec.severity:
        changes.append(ThresholdChange(spec.id, "severity", spec.severity, severity, where))
    info = RuleInfo(
        id=spec.id,
        title=spec.title,
        category=spec.category,
        severity=severity,
        rationale=spec.rationale,
        remediation=spec.remediation,
        reference=spec.reference,
        applies_to=spec.applies_to,
        due_days_before=spec.due_days_before,
        source=spec.location,
    )
    return (
        CompiledRule(spec, info, params, fields, condition, applicable, tuple(severity_when)),
        problems,
        changes,
    )


def placeholders(message: str) -> list[str]:
    """The `{name}` placeholders of a message template."""
    return re.findall(r"\{([a-z_][a-z0-9_]*)\}", message)


def fill(message: str, values: Mapping[str, object], params: Mapping[str, float]) -> str:
    """A message with each `{name}` replaced by the item's value or the parameter."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        found = values[name] if name in values else params.get(name)
        return render_value(found)

    return re.sub(r"\{([a-z_][a-z0-9_]*)\}", value, message)


def render_value(value: object) -> str:
    """A value as a message shows it: 84.0 as 84, lists joined, nothing as `none`.

    Fractions are cut (not rounded) to one decimal, so that a figure short of a threshold
    never reads as meeting it: 89.96% shows as 89.9%.
    """
    if value is None or value == "":
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        cut = math.floor(round(value * 10, 6)) / 10  # round first: 69.99999 is 70
        return str(int(cut)) if cut.is_integer() else f"{cut:.1f}"
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(render_value(v) for v in value) or "none"
    return str(value)
