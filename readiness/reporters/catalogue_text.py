"""The rule catalogue in the terminal: the list, one rule in full, examples, and item kinds."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence

from readiness.fields import Field
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
    evidence = _evidence_read(rule)
    if evidence:
        lines.append(f"  evidence:   {', '.join(evidence)} (not stated: the rule fails)")
    for name, reason in sorted(spec.not_stated.items()):
        lines.append(f"  absence:    {name} not stated reads as empty: {reason}")
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


def _evidence_read(rule: CompiledRule) -> list[str]:
    """The evidence fields the rule's expressions name, with where the site states each."""
    spec = rule.spec
    texts = (spec.where or "", spec.condition or "", *(w for w, _ in spec.severity_when))
    named = set(re.findall(r"[a-z_][a-z0-9_]*", " ".join(texts)))
    return [
        f"{name} ({' + '.join(field.sources)})"
        for name, field in sorted(rule.fields.items())
        if name in named and name in rule.evidence
    ]


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
    """The fields of one kind of item: name, type, description, and where the site states it
    (evidence: not stating it fails a rule that reads it) or why its absence is fine."""
    fields = kinds.kinds[kind].fields
    return "".join(
        f"{name:<32} {field.type:<8} {field.description}{_stated(field)}\n"
        for name, field in sorted(fields.items())
    )


def _stated(field: Field) -> str:
    if field.evidence:
        return f" [evidence: {' + '.join(field.sources)}]"
    if field.absent:
        return f" [may be absent: {field.absent}]"
    return ""
