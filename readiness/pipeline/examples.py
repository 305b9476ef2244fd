"""Run each rule's own pass and fail examples: the rule file is its own test.

An example of a condition rule is one item, judged by the evaluator's own per-item step; an
example of a graph-check rule is a small site, taken through the same steps as a real one
(schema, references, model, graph) before its check runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from readiness.clock import Clock
from readiness.evaluate import graph_outcomes, judge
from readiness.expressions import ExpressionError
from readiness.graph import IntegrationGraph
from readiness.message_names import check_message_names
from readiness.model import build_model
from readiness.problems import DataPath, Location, Problem
from readiness.references import check_references
from readiness.rulebook import CompiledRule, fill
from readiness.schema_check import validator
from readiness.site_files import SiteSource
from readiness.time_budget import OverBudget, over_budget, time_budget

# Examples are judged on a fixed date so that they do not change with the calendar.
EXAMPLE_AS_OF = dt.date(2027, 1, 1)
# ...and against a go-live two months later, so that "before go-live" means something.
EXAMPLE_GO_LIVE = dt.date(2027, 3, 1)
EXAMPLE_DATES = {"as_of": EXAMPLE_AS_OF, "go_live": EXAMPLE_GO_LIVE}


@dataclass(frozen=True)
class ExampleResult:
    """Whether one example behaved as its rule says it should."""

    rule: str
    expected: str  # pass, fail or not_stated
    got: str  # pass, fail, not_stated, not_applicable, or invalid
    location: Location
    detail: str = ""

    @property
    def ok(self) -> bool:
        """True when the example agrees with its rule."""
        if self.expected == "pass":
            return self.got in ("pass", "not_applicable")
        return self.got == self.expected


def run_examples(rule: CompiledRule) -> list[ExampleResult]:
    """The outcome of each of the rule's examples."""
    results = []
    for expected, examples in (
        ("pass", rule.spec.pass_examples),
        ("fail", rule.spec.fail_examples),
        ("not_stated", rule.spec.not_stated_examples),
    ):
        for example in examples:
            try:
                with time_budget():
                    if rule.spec.check is None:
                        got, detail = _condition_outcome(rule, example.data)
                    else:
                        got, detail = _graph_outcome(rule, example.data, example.location)
                        if got == "fail" and "not stated" in detail:
                            got = "not_stated"  # a graph check judges absence itself
            except ExpressionError as err:
                got, detail = "error", str(err)
            except OverBudget:
                got, detail = "error", over_budget()
            results.append(ExampleResult(rule.spec.id, expected, got, example.location, detail))
    return results


def _condition_outcome(rule: CompiledRule, data: dict[str, object]) -> tuple[str, str]:
    # A field the rule's parameters derive is computed, never given by an example.
    unknown = sorted((set(data) - set(rule.fields)) | (set(data) & set(rule.derived)))
    if unknown:
        return "invalid", f"unknown fields: {', '.join(unknown)}"
    judged = judge(rule, rule.item_values(data))
    if judged.not_stated:
        return "not_stated", f"not stated: {', '.join(judged.not_stated)}"
    if judged.status == "fail":
        # A coverage rule lists what the site leaves out itself ("waiting-list: not stated").
        message = fill(rule.spec.message, dict(judged.values), rule.params)
        if "not stated" in message:
            return "not_stated", message
    return judged.status, ""


def _graph_outcome(rule: CompiledRule, data: dict[str, object], where: Location) -> tuple[str, str]:
    problems = [e.message for e in validator("site").iter_errors(data)]
    if "site" not in data:
        problems.append("an example site needs a `site:` section")
    if problems:
        return "invalid", "; ".join(problems)
    source = _example_source(data, where)
    reference_problems: list[Problem] = check_references(source) + check_message_names(source)
    if reference_problems:
        return "invalid", "; ".join(p.message for p in reference_problems)
    model = build_model(source)
    clock = Clock(EXAMPLE_AS_OF, model.site.go_live)
    failing = [o for o in graph_outcomes(rule, IntegrationGraph(model), clock) if not o.passed]
    detail = "; ".join(f"{o.target}: {', '.join(o.evidence)}" for o in failing)
    return ("fail" if failing else "pass"), detail


def _example_source(data: dict[str, object], where: Location) -> SiteSource:
    values: dict[DataPath, Location] = {(): where}
    return SiteSource(where.file, [where.file], data, values)
