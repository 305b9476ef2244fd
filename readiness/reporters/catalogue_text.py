"""The rule catalogue in the terminal: the list, one rule in full, examples, and item kinds."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from readiness.params import render_param
from readiness.pipeline.catalogue import Catalogue, Kinds
from readiness.pipeline.examples import ExampleResult
from readiness.rulebook import CompiledRule


def render_list(catalogue: Catalogue) -> str:
    """One line per rule: id, severity, category and title."""
    return "".join(
        f"{r.info.id:<20} {r.info.severity:<8} {r.info.category:<24} {r.info.title}\n"
        for r in catalogue.rules
    )


def render_rule(rule: CompiledRule) -> str:
    """Everything about one rule: when it applies and passes, its settings and its reasons."""
    spec, info = rule.spec, rule.info
    lines = [
        f"{info.id}: {info.title}",
        f"  category:   {info.category}",
        f"  severity:   {info.severity}"
        + "".join(f"; {sev} when {when}" for when, sev in spec.severity_when),
        f"  applies to: {info.applies_to}" + (f" where {spec.where}" if spec.where else ""),
    ]
    if spec.condition:
        lines.append(f"  passes when: {spec.condition}")
    if spec.check:
        lines.append(f"  graph check: {spec.check}")
    for name, value in sorted(rule.params.items()):
        lines.append(f"  parameter:  {name} = {render_param(value)}")
    if info.due_days_before is not None:
        lines.append(f"  due:        T-{info.due_days_before} days before go-live")
    lines.append(f"  defined at: {info.source}")
    for title, text in (
        ("Rationale", info.rationale),
        ("Remediation", info.remediation),
        ("Reference", info.reference),
    ):
        lines.append(f"\n{title}:")
        lines.extend(textwrap.wrap(text, width=88, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(lines) + "\n"


def render_examples(examples: Sequence[ExampleResult]) -> str:
    """Each example that disagrees with its rule, then the counts."""
    lines = []
    for example in examples:
        if not example.ok:
            detail = f" ({example.detail})" if example.detail else ""
            lines.append(
                f"{example.location}: {example.rule}: a {example.expected} example gave "
                f"{example.got}{detail} [rule-example]"
            )
    bad = len(lines)
    lines.append(f"{len(examples) - bad} passed, {bad} failed")
    return "\n".join(lines) + "\n"


def render_kinds(kinds: Kinds) -> str:
    """Each kind of item with its description, then each graph check."""
    lines = [f"{name:<22} {spec.description}" for name, spec in sorted(kinds.kinds.items())]
    lines.extend(f"{'check: ' + name:<22} graph check" for name in kinds.checks)
    return "\n".join(lines) + "\n"


def render_fields(kinds: Kinds, kind: str) -> str:
    """The fields of one kind of item: name, type and description."""
    fields = kinds.kinds[kind].fields
    return "".join(
        f"{name:<32} {field.type:<8} {field.description}\n"
        for name, field in sorted(fields.items())
    )
