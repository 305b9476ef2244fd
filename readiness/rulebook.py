"""Compile loaded rules once per run: parameters from configuration, expressions checked."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from readiness.config import Config
from readiness.expressions import ExpressionError, compile_expression, make_context
from readiness.facts.registry import KINDS
from readiness.fields import Derived, Field
from readiness.graph_checks import GRAPH_CHECKS
from readiness.listing import first, joined
from readiness.param_overrides import check_lists, effective_params
from readiness.params import ParamValue, strings
from readiness.problems import Location, Problem
from readiness.result import RuleInfo, ThresholdChange
from readiness.rule_loader import RuleSpec, load_rule_folders
from readiness.schema_check import suggest

if TYPE_CHECKING:
    import rule_engine  # imported by readiness.expressions, with its parser tables

_PLACEHOLDER_FIELDS = ("target",)
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


@dataclass(frozen=True)
class CompiledRule:
    """A rule ready to evaluate: its spec, effective parameters and compiled expressions."""

    spec: RuleSpec
    info: RuleInfo
    params: Mapping[str, ParamValue]
    fields: Mapping[str, Field]
    condition: rule_engine.Rule | None
    where: rule_engine.Rule | None
    severity_when: tuple[tuple[rule_engine.Rule, str], ...]
    derived: Mapping[str, Derived] = field(default_factory=dict)

    @functools.cached_property
    def evidence(self) -> frozenset[str]:
        """The evidence fields whose absence fails this rule (those its `not_stated` does not
        judge itself); worked out once, not once per item."""
        return frozenset(
            name
            for name, spec in self.fields.items()
            if spec.evidence and name not in self.spec.not_stated
        )

    def item_values(self, values: Mapping[str, object]) -> Mapping[str, object]:
        """An item's values with the fields this rule's parameters derive from them."""
        if not self.derived:
            return values
        return {
            **values,
            **{
                name: d.compute(values, strings(self.params, d.param))
                for name, d in self.derived.items()
            },
        }


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


def _matches(rule_id: str, pattern: str) -> bool:
    return rule_id == pattern or (pattern.endswith("-") and rule_id.startswith(pattern))


def _selected(rule_id: str, config: Config) -> bool:
    if config.select and not any(_matches(rule_id, p) for p, _ in config.select):
        return False
    return not any(_matches(rule_id, p) for p, _ in config.ignore)


def rule_hint(name: str, choices: Collection[str]) -> str:
    """A ` (did you mean ...?)` hint for a rule id, case mistakes included: never guessed."""
    same = sorted(c for c in choices if c.upper() == name.upper())
    return f" (did you mean `{same[0]}`?)" if same else suggest(name.upper(), choices)


def _reference_problems(config: Config, known: Collection[str]) -> list[Problem]:
    """Every rule id or prefix the configuration or command line names must name a rule.

    A selection that matches nothing would evaluate fewer rules than asked and still
    print a verdict: a typo must never turn a NO-GO into a GO.
    """
    problems = [
        Problem(
            where, f"unknown rule `{rule_id}`{rule_hint(rule_id, known)}", "config-unknown-rule"
        )
        for rule_id, where in config.rule_references()
        if rule_id not in known
    ]
    prefixes = {rule_id[: i + 1] for rule_id in known for i, c in enumerate(rule_id) if c == "-"}
    for pattern, where in (*config.select, *config.ignore):
        if not any(_matches(rule_id, pattern) for rule_id in known):
            hint = rule_hint(pattern, {*known, *prefixes})
            message = f"no rule id or prefix matches `{pattern}`{hint}"
            problems.append(Problem(where, message, "unknown-rule"))
    return problems


def build_rulebook(
    folders: list[Path], config: Config, dates: Mapping[str, dt.date]
) -> tuple[Rulebook, list[Problem]]:
    """Load every rule folder and compile the selected rules; all problems are collected."""
    specs, problems = load_rule_folders(folders)
    known = {s.id for s in specs}
    problems.extend(_reference_problems(config, known))
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
    if not compiled and not problems:
        # No rule evaluated means no finding, which would read as a GO.
        where = next((w for _, w in (*config.select, *config.ignore)), Location("(rules)"))
        message = "the selection leaves no rule to evaluate; a verdict needs at least one"
        problems.append(Problem(where, message, "no-rule-selected"))
    return Rulebook(tuple(compiled), tuple(changes), frozenset(known)), problems


def compile_rule(
    spec: RuleSpec, config: Config, dates: Mapping[str, dt.date]
) -> tuple[CompiledRule | None, list[Problem], list[ThresholdChange]]:
    """Compile one rule, or say precisely what is wrong with it."""
    fields = kind_fields(spec)
    if fields is None:
        return None, [_unknown_kind(spec)], []
    params, problems, changes = effective_params(spec, config)
    problems.extend(_check_params(spec))
    derived, derived_problems = _derived_fields(spec, fields)
    problems.extend(derived_problems)
    problems.extend(check_lists(spec, params, derived, config))
    context = make_context(fields, params, dates)
    expressions = _Expressions(spec, context, params, problems)
    condition = expressions.compile("condition", spec.condition)
    applicable = expressions.compile("where", spec.where)
    severity_when = []
    for when, severity in spec.severity_when:
        rule = expressions.compile("severity_when", when)
        if rule is not None:
            severity_when.append((rule, severity))
    problems.extend(_name_problems(spec, fields, params))
    if problems or (spec.check is None and condition is None):
        return None, problems, changes
    severity, where = config.severity.get(spec.id, (spec.severity, spec.location))
    if severity != spec.severity:
        changes.append(ThresholdChange(spec.id, "severity", spec.severity, severity, where))
    compiled = CompiledRule(
        spec,
        _info(spec, severity),
        params,
        fields,
        condition,
        applicable,
        tuple(severity_when),
        derived,
    )
    return compiled, problems, changes


def _unknown_kind(spec: RuleSpec) -> Problem:
    if spec.check is not None:
        choices = sorted(GRAPH_CHECKS)
        return Problem(
            spec.field_locations["check"],
            f"rule {spec.id}: unknown graph check `{spec.check}`"
            f"{suggest(spec.check, choices)}; "
            f"known: {', '.join(choices)}",
            "rule-unknown-check",
        )
    choices = sorted(KINDS)
    return Problem(
        spec.field_locations["applies_to"],
        f"rule {spec.id}: unknown kind `{spec.applies_to}`"
        f"{suggest(spec.applies_to, choices)}; known: {', '.join(choices)}",
        "rule-unknown-kind",
    )


def _check_params(spec: RuleSpec) -> list[Problem]:
    """A graph check's parameters must be written in its rule: their defaults live there."""
    check = GRAPH_CHECKS.get(spec.check) if spec.check is not None else None
    if check is None:
        return []
    where = spec.field_locations.get("params", spec.field_locations["check"])
    return [
        Problem(
            where,
            f"rule {spec.id}: graph check `{spec.check}` needs the number parameter `{name}`",
            "rule-missing-parameter",
        )
        for name in check.params
        if not isinstance(spec.params.get(name), float)
    ]


def _derived_fields(
    spec: RuleSpec, fields: Mapping[str, Field]
) -> tuple[dict[str, Derived], list[Problem]]:
    """The fields this rule's list parameters derive; naming one without its parameter is wrong."""
    texts = (spec.condition, spec.where, spec.message, spec.pass_message, spec.locate, spec.owner)
    named = set(
        _NAME.findall(" ".join(filter(None, (*texts, *(w for w, _ in spec.severity_when)))))
    )
    derived: dict[str, Derived] = {}
    problems = []
    for name, declared in fields.items():
        if declared.derived is None:
            continue
        if isinstance(spec.params.get(declared.derived.param), tuple):
            derived[name] = declared.derived
        elif name in named:
            problems.append(
                Problem(
                    spec.field_locations.get("params", spec.location),
                    f"rule {spec.id}: field `{name}` needs the list parameter "
                    f"`{declared.derived.param}`",
                    "rule-missing-parameter",
                )
            )
    return derived, problems


@dataclass
class _Expressions:
    """Compiles a rule's expressions, adding a positioned problem for each that fails."""

    spec: RuleSpec
    context: rule_engine.Context
    params: Mapping[str, ParamValue]
    problems: list[Problem]

    def compile(self, key: str, text: str | None) -> rule_engine.Rule | None:
        """The compiled expression, or None (with a problem) when it does not compile."""
        if text is None:
            return None
        try:
            return compile_expression(text, self.context, self.params)
        except ExpressionError as err:
            self.problems.append(
                Problem(
                    self.spec.field_locations[key],
                    f"rule {self.spec.id}: {key}: {err}",
                    "rule-expression",
                )
            )
            return None


def _name_problems(
    spec: RuleSpec, fields: Mapping[str, Field], params: Mapping[str, ParamValue]
) -> list[Problem]:
    """Fields named by `locate`, `owner` and the message placeholders must exist."""
    problems = []
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
    for name in spec.not_stated:
        if not (name in fields and fields[name].evidence):
            evidence = [n for n, f in fields.items() if f.evidence]
            problems.append(
                Problem(
                    spec.field_locations["not_stated"],
                    f"rule {spec.id}: not_stated: `{name}` is not an evidence field of "
                    f"{spec.applies_to}{suggest(name, evidence)}",
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
    return problems


def _info(spec: RuleSpec, severity: str) -> RuleInfo:
    return RuleInfo(
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


def placeholders(message: str) -> list[str]:
    """The `{name}` placeholders of a message template."""
    return re.findall(r"\{([a-z_][a-z0-9_]*)\}", message)


_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


def fill(message: str, values: Mapping[str, object], params: Mapping[str, ParamValue]) -> str:
    """A message with each `{name}` replaced by the item's value or the parameter."""
    parts = _template(message)
    out = [parts[0]]
    for i in range(1, len(parts), 2):
        name = parts[i]
        out.append(render_value(values[name] if name in values else params.get(name)))
        out.append(parts[i + 1])
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _template(message: str) -> tuple[str, ...]:
    """A message split once into text, placeholder name, text, ... (odd places are names)."""
    return tuple(_PLACEHOLDER.split(message))


def render_value(value: object) -> str:
    """A value as a message shows it: 84.0 as 84, lists joined (the first few, then `and N
    more`), nothing as `none`.

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
        # A long list shows its first few and a count, so no message grows with the site.
        return joined([render_value(v) for v in first(value)], len(value)) or "none"
    return str(value)
