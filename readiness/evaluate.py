"""Evaluate compiled rules against a site's facts and graph, producing findings."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from readiness.clock import Clock
from readiness.expressions import ExpressionError, evaluate, expression_values, run_dates
from readiness.facts.base import FactItem, Kind
from readiness.fields import Field
from readiness.graph import IntegrationGraph
from readiness.graph_checks import GRAPH_CHECKS
from readiness.graph_outcome import Outcome
from readiness.listing import first, rest
from readiness.model import stated_text
from readiness.owners import Owner, area_leads, owner_of
from readiness.problems import DataPath, Location, Problem
from readiness.result import Finding
from readiness.rulebook import CompiledRule, Rulebook, fill, render_value
from readiness.time_budget import OverBudget, over_budget, time_budget


def evaluate_rules(
    graph: IntegrationGraph, rulebook: Rulebook, clock: Clock, kinds: Mapping[str, Kind]
) -> tuple[list[Finding], list[Problem]]:
    """Every rule's finding for every target; facts are built once per kind.

    Expressions read `$as_of` and `$go_live` from the clock, whichever site the rulebook was
    compiled for.
    """
    with run_dates(clock.as_of, clock.go_live):
        return _evaluate(graph, rulebook, clock, kinds)


def _evaluate(
    graph: IntegrationGraph, rulebook: Rulebook, clock: Clock, kinds: Mapping[str, Kind]
) -> tuple[list[Finding], list[Problem]]:
    facts: dict[str, list[FactItem]] = {}
    # Each item's values in the expression library's types, converted once per kind, not once
    # per rule: every rule of a kind without derived fields reads the same conversion.
    converted: dict[str, list[_Converted]] = {}
    findings: list[Finding] = []
    problems: list[Problem] = []
    site = graph.model.source.data
    leads = area_leads(site)
    for rule in _findings_last(rulebook.rules, kinds):
        spec = rule.spec
        try:
            if spec.check is not None:
                outcomes = graph_outcomes(rule, graph, clock)
                findings.extend(_from_outcome(rule, o, clock, leads) for o in outcomes)
                continue
            kind = kinds[spec.applies_to]
            if kind.name not in facts:
                facts[kind.name] = _build(kind, graph, clock, findings)
            items = facts[kind.name]
            with time_budget():
                if rule.derived:
                    found = [_from_item(rule, item, clock, site, leads) for item in items]
                else:
                    if kind.name not in converted:
                        converted[kind.name] = [
                            _Converted.of(item.values, kind.fields) for item in items
                        ]
                    found = [
                        _from_item(rule, item, clock, site, leads, values)
                        for item, values in zip(items, converted[kind.name], strict=True)
                    ]
            findings.extend(found)
        except ExpressionError as err:
            problems.append(_rule_error(rule, str(err)))
        except OverBudget:
            problems.append(_rule_error(rule, over_budget()))
    return findings, problems


def _findings_last(rules: Sequence[CompiledRule], kinds: Mapping[str, Kind]) -> list[CompiledRule]:
    """The rules in order, those judging other rules' findings (GV-OWNER) after the rest."""

    def later(rule: CompiledRule) -> bool:
        return rule.spec.check is None and kinds[rule.spec.applies_to].from_findings is not None

    return [r for r in rules if not later(r)] + [r for r in rules if later(r)]


def _build(
    kind: Kind, graph: IntegrationGraph, clock: Clock, findings: Sequence[Finding]
) -> list[FactItem]:
    if kind.from_findings is not None:
        return kind.from_findings(graph.model, clock, tuple(findings))
    return kind.build(graph.model, clock)


def _owner(named: Owner | None, rule: CompiledRule, leads: Mapping[str, Owner]) -> Owner | None:
    """The owner the item names, else the site's lead for the rule's category, else nobody."""
    return named if named is not None else leads.get(rule.info.category)


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


@dataclass(frozen=True)
class _Converted:
    """An item's values in the expression library's types, and as messages show them (the
    item's own values, with the library's for the fields it leaves out)."""

    values: dict[str, object]
    display: dict[str, object]

    @classmethod
    def of(cls, raw: Mapping[str, object], fields: Mapping[str, Field]) -> _Converted:
        values = expression_values(raw, fields)
        return cls(values, _display(raw, values))


def _display(raw: Mapping[str, object], values: Mapping[str, object]) -> dict[str, object]:
    return {**raw, **{k: v for k, v in values.items() if k not in raw}}


@dataclass(frozen=True)
class Judgement:
    """A condition rule's status for one item, its values, and the unstated evidence it read."""

    status: str  # pass, fail or not_applicable
    values: Mapping[str, object]
    not_stated: tuple[str, ...] = ()
    read: frozenset[str] = frozenset()  # every field the expressions looked up


class _Reads(dict[str, object]):
    """An item's values that remember which of them an expression looked up."""

    def __init__(self, values: Mapping[str, object]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> object:
        self.read.add(name)
        return super().__getitem__(name)


def judge(
    rule: CompiledRule,
    data: Mapping[str, object],
    converted: Mapping[str, object] | None = None,
) -> Judgement:
    """A condition rule's judgement of one item.

    `data` holds the item's values with the rule's derived fields (`rule.item_values`). An
    evidence field the site does not state is None there; if the rule's `where` or condition
    reads one (short-circuit `and`/`or` read only what decides), the item fails as not
    stated, whatever the empty value would have made of it, unless the rule's `not_stated`
    says how it judges that absence. `converted` is `data` already in the library's types
    (`expression_values`), when the caller has it.
    """
    values = _Reads(converted if converted is not None else expression_values(data, rule.fields))
    applies = rule.where is None or evaluate(rule.where, values)
    if applies:
        assert rule.condition is not None
        passed = evaluate(rule.condition, values)
    read = frozenset(values.read)
    evidence = rule.evidence
    missing = tuple(sorted(n for n in read if n in evidence and data.get(n) is None))
    if missing:
        return Judgement("fail", values, missing, read)
    if not applies:
        return Judgement("not_applicable", values, read=read)
    return Judgement("pass" if passed else "fail", values, read=read)


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
    owner: Owner | None,
    clock: Clock,
    evidence: tuple[str, ...] = (),
    evidence_more: int = 0,
    causes: tuple[str, ...] = (),
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
        evidence_more=evidence_more,
        causes=causes if failing else (),
    )


def _from_item(
    rule: CompiledRule,
    item: FactItem,
    clock: Clock,
    site: Mapping[str, object] | None = None,
    leads: Mapping[str, Owner] | None = None,
    converted: _Converted | None = None,
) -> Finding:
    raw = rule.item_values(item.values)
    judged = judge(rule, raw, None if converted is None else converted.values)
    values = judged.values
    owner = _owner(_named_owner(rule, item, raw), rule, leads or {})
    display = _display(raw, values) if converted is None else converted.display
    found = _finding(
        rule,
        item.target,
        judged.status,
        values,
        display,
        item.where(rule.spec.locate),
        owner,
        clock,
    )
    if judged.not_stated:
        message = not_stated_message(rule, item, judged.not_stated, site)
        found = dataclasses.replace(
            found, message=message, location=item.where(judged.not_stated[0])
        )
    elif judged.status == "fail" and (entries := item.entry_locations.get(rule.spec.locate or "")):
        found = _with_entries(found, raw.get(rule.spec.locate or ""), entries)
    return found


def _named_owner(rule: CompiledRule, item: FactItem, raw: Mapping[str, object]) -> Owner | None:
    """The owner the item names: the field the rule's `owner` names, else the item's own."""
    if rule.spec.owner is None:
        return item.owner
    named = owner_of(raw.get(rule.spec.owner))
    # The same person as the item's own owner keeps the role and email written there.
    if named is not None and item.owner is not None and named.text == item.owner.text:
        return item.owner
    return named


def _with_entries(found: Finding, entries: object, locations: tuple[Location, ...]) -> Finding:
    """A failing finding whose field lists entries written at places of their own: each entry
    is evidence at its own place (the first few, then a count)."""
    if not isinstance(entries, list | tuple) or len(entries) != len(locations):
        return found
    return dataclasses.replace(
        found,
        evidence=tuple(render_value(e) for e in first(entries)),
        evidence_locations=first(locations),
        evidence_more=rest(len(entries)),
    )


def not_stated_message(
    rule: CompiledRule,
    item: FactItem,
    names: tuple[str, ...],
    site: Mapping[str, object] | None = None,
) -> str:
    """What is not stated and where to state it, e.g. "`interfaces[if-adt].messages_per_day`
    is not stated (messages a day): state it so that IF-STAGES can be judged".

    Of a field computed from several sources, only those the site data leaves out are named.
    """
    parts = []
    for name in names:
        spec = rule.fields[name]
        sources = _unwritten(item, spec.sources, site) or spec.sources
        where = ", ".join(f"`{stated_path(item, source)}`" for source in sources)
        what = spec.description.rstrip(".")
        # Lower-case "Messages a day" but not an acronym ("GMC, NMC...", "HL7 v2...").
        if what[1:2].islower():
            what = what[:1].lower() + what[1:]
        parts.append(f"{where} is not stated{_for(item)} ({what})")
    return f"{'; '.join(parts)}: state it so that {rule.info.id} can be judged"


def _for(item: FactItem) -> str:
    # An item gathered from records all over the site (a clinical area) has no record of its
    # own, so its root paths (`downtime[].last_drill`) must say which item they are about.
    return f" for {item.target}" if item.kind != "site" and not item.path else ""


def _unwritten(
    item: FactItem, sources: tuple[str, ...], site: Mapping[str, object] | None
) -> tuple[str, ...]:
    """The sources the site data does not write for this item (a `[]` source cannot be told
    apart, so it counts as not written); () without the site data."""
    if site is None:
        return ()
    return tuple(source for source in sources if not _written(site, _data_path(item, source)))


def _data_path(item: FactItem, source: str) -> DataPath | None:
    if "[]" in source:
        return None
    parts = tuple(source.lstrip("/").split("."))
    return parts if source.startswith("/") or not item.path else (*item.path, *parts)


def _written(site: Mapping[str, object], path: DataPath | None) -> bool:
    value: object = site
    for part in path or ():
        if isinstance(part, int) and isinstance(value, list) and 0 <= part < len(value):
            value = value[part]
        elif isinstance(part, str) and isinstance(value, dict):
            value = value.get(part)
        else:
            return False
    return path is not None and stated_text(value) is not None


def stated_path(item: FactItem, source: str) -> str:
    """Where the site would state `source` for this item: `interfaces[if-adt].messages_per_day`
    (a `/` path is from the site root)."""
    if source.startswith("/"):
        return source[1:]
    shown = "".join(
        f"[{item.target}]" if isinstance(part, int) else f".{part}" for part in item.path
    ).lstrip(".")
    return f"{shown}.{source}" if shown else source


def _from_outcome(
    rule: CompiledRule, outcome: Outcome, clock: Clock, leads: Mapping[str, Owner]
) -> Finding:
    values = expression_values(outcome.values, rule.fields)
    status = "pass" if outcome.passed else "fail"
    return _finding(
        rule,
        outcome.target,
        status,
        values,
        outcome.values,
        outcome.location,
        _owner(owner_of(outcome.owner), rule, leads),
        clock,
        # Every check's evidence is cut to its first few; those that could list most of the
        # site (G-BLAST, G-CRIT-UNTESTED) work out only what is listed and count the rest.
        first(outcome.evidence),
        outcome.evidence_more + rest(len(outcome.evidence)),
        outcome.causes,
    )
