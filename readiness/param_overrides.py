"""A rule's parameters as a run uses them: the configuration's overrides, checked.

An override keeps its parameter's type, and a list that a derived field reads must name
known words, so that no typo in `readiness.yaml` can quietly stop a rule from judging.
"""

from __future__ import annotations

from collections.abc import Mapping

from readiness.config import Config
from readiness.fields import Derived
from readiness.params import ParamValue, type_name
from readiness.problems import Problem
from readiness.result import ThresholdChange
from readiness.rule_loader import RuleSpec
from readiness.schema_check import suggest


def effective_params(
    spec: RuleSpec, config: Config
) -> tuple[dict[str, ParamValue], list[Problem], list[ThresholdChange]]:
    """The rule's parameters with the configuration's overrides, which keep each one's type."""
    params = dict(spec.params)
    problems: list[Problem] = []
    changes: list[ThresholdChange] = []
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
        if type(value) is not type(params[name]):
            problems.append(
                Problem(
                    where,
                    f"rule {spec.id} parameter `{name}` is {type_name(params[name])}, "
                    f"not {type_name(value)}",
                    "config-parameter-type",
                )
            )
            continue
        if value != params[name]:
            changes.append(ThresholdChange(spec.id, name, params[name], value, where))
        params[name] = value
    return params, problems, changes


def check_lists(
    spec: RuleSpec, params: Mapping[str, ParamValue], derived: Mapping[str, Derived], config: Config
) -> list[Problem]:
    """A list that a derived field reads must be non-empty and use only known words: a typo
    (`Allergies`) or an empty list would silently stop a rule from judging anything."""
    problems: list[Problem] = []
    for rule_derived in {d.param: d for d in derived.values()}.values():
        name = rule_derived.param
        value = params.get(name)
        override = config.thresholds.get(spec.id, {}).get(name)
        where = override[1] if override else spec.field_locations.get("params", spec.location)
        if not isinstance(value, tuple):
            continue
        if not value:
            message = f"rule {spec.id} parameter `{name}` is empty; it must name at least one"
            problems.append(Problem(where, message, "parameter-value"))
        for word in (w for item in value for w in item.split(" or ")):
            if rule_derived.choices and word not in rule_derived.choices:
                hint = suggest(word, rule_derived.choices)
                problems.append(
                    Problem(
                        where,
                        f"rule {spec.id} parameter `{name}`: `{word}` is not one of "
                        f"{', '.join(rule_derived.choices)}{hint}",
                        "parameter-value",
                    )
                )
    return problems
