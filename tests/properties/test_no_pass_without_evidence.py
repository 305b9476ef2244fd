"""No pass without evidence, for the whole catalogue.

For every condition rule and every evidence field it reads where it passes on a sample site,
delete that field from the site: the rule must then fail for that item (or the site must be
rejected as invalid), unless the rule's `not_stated` says why absence is fine there. A rule
that still passes has read a default in place of evidence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from readiness.clock import Clock
from readiness.config import Config
from readiness.evaluate import judge
from readiness.facts.base import FactItem
from readiness.facts.registry import KINDS
from readiness.model import SiteModel, build_model
from readiness.pipeline.site import load_site
from readiness.problems import DataPath
from readiness.references import check_consistency, check_references
from readiness.rulebook import CompiledRule, build_rulebook
from readiness.schema_check import validator
from readiness.site_files import SiteSource
from tests.helpers import REPO, SAMPLES

SITES = {
    "riverside-community": "2027-04-16",
    "northgate-general": "2027-03-04",
    "eastmoor-pacs": "2027-05-12",
    "westbrook-eprescribing": "2027-02-12",
}


@cache
def _site(name: str) -> tuple[SiteSource, SiteModel, Clock]:
    source = load_site(SAMPLES / name)
    assert source.problems == [], name
    model = build_model(source)
    return source, model, Clock(dt.date.fromisoformat(SITES[name]), model.site.go_live)


@cache
def _rules(name: str) -> tuple[CompiledRule, ...]:
    clock = _site(name)[2]
    dates = {"as_of": clock.as_of, "go_live": clock.go_live}
    book, problems = build_rulebook([REPO / "rules"], Config(), dates)
    assert problems == []
    return tuple(r for r in book.rules if r.spec.check is None)


def _paths(data: Any, base: DataPath, dotted: str) -> Iterator[DataPath]:
    """Every data path `dotted` names below `base` that the site writes (`[]`: each item;
    a `/` path starts at the site root)."""
    if dotted.startswith("/"):
        base, dotted = (), dotted[1:]
    found: list[tuple[DataPath, Any]] = [(base, _at(data, base))]
    for part in dotted.split("."):
        many = part.endswith("[]")
        key = part.removesuffix("[]")
        step: list[tuple[DataPath, Any]] = []
        for path, value in found:
            if isinstance(value, dict) and key in value:
                inner = value[key]
                if many and isinstance(inner, list):
                    step.extend(((*path, key, i), v) for i, v in enumerate(inner))
                elif not many:
                    step.append(((*path, key), inner))
        found = step
    yield from (path for path, _ in found)


def _at(data: Any, path: DataPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _without(source: SiteSource, paths: list[DataPath]) -> SiteSource:
    """The site with `paths` deleted; only the containers along them are copied."""
    data: Any = dict(source.data)
    for path in sorted(paths, reverse=True):  # later list items first keeps indexes valid
        node = data
        for part in path[:-1]:
            inner = node[part]
            node[part] = inner = dict(inner) if isinstance(inner, dict) else list(inner)
            node = inner
        del node[path[-1]]
    return SiteSource(source.root, source.files, data, source.values, source.keys, source.raw)


def _rejected(source: SiteSource) -> bool:
    if any(True for _ in validator("site").iter_errors(source.data)):
        return True
    return bool(check_references(source) or check_consistency(source))


@cache
def _all_cases(name: str) -> tuple[tuple[CompiledRule, FactItem, str, tuple[str, ...]], ...]:
    return tuple(_cases(name))


def _cases(name: str) -> Iterator[tuple[CompiledRule, FactItem, str, tuple[str, ...]]]:
    """(rule, a passing item, an evidence field it read, where that field is stated).

    A field stated in one of several places (a date, or the sign-off date when there is
    none) is deleted from all of them at once: that is the field not stated.
    """
    _source, model, clock = _site(name)
    items = {kind: KINDS[kind].build(model, clock) for kind in KINDS}
    for rule in _rules(name):
        seen: set[str] = set()
        for item in items[rule.spec.applies_to]:
            judged = judge(rule, rule.item_values(item.values))
            if judged.status != "pass":
                continue
            for field in sorted(judged.read - seen):
                spec = rule.fields[field]
                if not spec.evidence or field in rule.spec.not_stated:
                    continue
                seen.add(field)  # one passing item per (rule, field) keeps this fast
                yield rule, item, field, spec.sources


def _still_passes(name: str) -> list[str]:
    source, _model, clock = _site(name)
    silent = []
    rebuilt: dict[tuple[tuple[DataPath, ...], str], list[FactItem]] = {}
    for rule, item, field, sources in _all_cases(name):
        dotted = " + ".join(sources)
        paths = tuple(p for s in sources for p in _paths(source.data, item.path, s))
        if not paths:
            continue  # the site never wrote it: the value came from elsewhere (another source)
        kind = rule.spec.applies_to
        changed = _without(source, list(paths))
        if (paths, kind) not in rebuilt:  # rules reading the same field share one rebuild
            rebuilt[paths, kind] = KINDS[kind].build(build_model(changed), clock)
        same = [i for i in rebuilt[paths, kind] if i.target == item.target]
        if same and judge(rule, rule.item_values(same[0].values)).status != "pass":
            continue
        if _rejected(changed):
            continue  # an invalid site is refused before any rule runs: not a silent pass
        if not same:
            silent.append(f"{rule.spec.id} {item.target}: deleting {dotted} dropped the item")
        else:
            silent.append(f"{rule.spec.id} {item.target}: still passes without {dotted} ({field})")
    return silent


@pytest.mark.parametrize("name", list(SITES))
def test_deleting_evidence_a_rule_read_never_leaves_it_passing(name: str) -> None:
    assert _still_passes(name) == []


# Rules that are themselves the judges of absence: every field they read lists what the site
# leaves out, so there is no evidence to delete; each fails on exactly that silence.
JUDGES_OF_ABSENCE = {
    "GV-EVIDENCE": "fails on each required section the site does not write",
    "GV-DATED-EVIDENCE": "fails on work dated after the as-of date: a plan, not evidence",
    "DM-COVERAGE": "fails on each safety-critical domain neither migrated nor stated not to be",
}


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_deletions_reach_every_condition_rule_that_passes_somewhere(kind: str) -> None:
    # Guards the test above against vacuity: a rule with a pass but no deletion tried would
    # be a hole (every condition rule reads some evidence).
    reached = {rule.spec.id for name in SITES for rule, *_ in _all_cases(name)}
    passing = set()
    for name in SITES:
        _source, model, clock = _site(name)
        items = KINDS[kind].build(model, clock)
        for rule in _rules(name):
            if rule.spec.applies_to != kind:
                continue
            if any(judge(rule, rule.item_values(i.values)).status == "pass" for i in items):
                passing.add(rule.spec.id)
    assert passing - reached - set(JUDGES_OF_ABSENCE) == set()


@pytest.mark.parametrize("rule_id", sorted(JUDGES_OF_ABSENCE))
def test_each_judge_of_absence_fails_a_site_that_leaves_out_what_it_judges(
    rule_id: str,
) -> None:
    # The exemption above is earned: the rule's own examples of the silence it judges fail.
    from readiness.pipeline.examples import run_examples

    (rule,) = [r for r in _rules("riverside-community") if r.spec.id == rule_id]
    results = [e for e in run_examples(rule) if e.expected != "pass"]
    assert results and all(e.ok and e.got in ("fail", "not_stated") for e in results)
