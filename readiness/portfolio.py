"""The portfolio: several sites' results side by side, ranked, with what they have in common.

Systems are matched across sites by `name` and `category` (case and spacing ignored), not by
id: ids are local to a site's files (`tie`, `epr` name a different product at every trust),
whereas a national service or a shared LIMS is named the same wherever it is used.
Interfaces are matched by the matched systems at both ends and the standard.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from readiness.delivery_confidence import delivery_confidence
from readiness.result import CATEGORIES, SEVERITIES, Finding
from readiness.site_summary import SiteSummary

VERDICTS_WORST_FIRST = ("NO-GO", "CONDITIONAL", "GO")
VERDICT_RANK = {verdict: rank for rank, verdict in enumerate(VERDICTS_WORST_FIRST)}
SYSTEMIC_MIN_SITES = 2  # a rule failing at this many sites or more is a systemic problem
TOP_BLOCKERS = 3  # blockers named per site, most overdue first


@dataclass(frozen=True)
class Cell:
    """One site's standing in one category; `percent` is None when no check applied."""

    category: str
    percent: int | None
    rag: str  # red, amber, green, or none


@dataclass(frozen=True)
class TopBlocker:
    """One of a site's blockers as the portfolio names it: what, and who owns it."""

    rule: str
    title: str
    target: str
    owner: str | None
    due: dt.date | None
    days_left: int | None


@dataclass(frozen=True)
class SiteRow:
    """One site as the portfolio shows it, with its place in the ranking."""

    rank: int
    site_id: str
    site_name: str
    organisation: str | None
    verdict: str
    go_live: dt.date
    days_to_go_live: int
    blockers: int
    conditions: int
    failed: int
    waived: int
    passed: int
    not_applicable: int
    cells: tuple[Cell, ...]
    rules_evaluated: int
    rules_in_catalogue: int  # more than evaluated: selection left rules out of this site's run
    settings_changed: int = 0  # thresholds and severities the configuration changed
    confidence: str = ""  # the five-point delivery confidence: G, A/G, A, A/R or R
    top_blockers: tuple[TopBlocker, ...] = ()
    blockers_named_of: int = 0  # how many blockers the site has; top_blockers names a few

    @property
    def live(self) -> bool:
        """True once the site's go-live date is before the portfolio's date."""
        return self.days_to_go_live < 0

    @property
    def partial(self) -> str:
        """`partial: 5 of 58 rules` when the site's run left rules out, else empty."""
        if self.rules_evaluated == self.rules_in_catalogue:
            return ""
        return f"partial: {self.rules_evaluated} of {self.rules_in_catalogue} rules"

    @property
    def verdict_note(self) -> str:
        """What qualifies the verdict: partial, and settings changed from the catalogue's."""
        notes = [self.partial] if self.partial else []
        if self.settings_changed:
            changed = self.settings_changed
            notes.append(f"modified: {changed} setting{'' if changed == 1 else 's'}")
        return "; ".join(notes)

    @property
    def not_green(self) -> tuple[Cell, ...]:
        """The categories that are red or amber, worst first."""
        weak = [c for c in self.cells if c.rag in ("red", "amber")]
        return tuple(sorted(weak, key=lambda c: (c.rag != "red", c.percent or 0)))


@dataclass(frozen=True)
class RuleAtSite:
    """The items a rule fails for at one site."""

    site_id: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class SystemicRule:
    """A rule that fails (waived or not) at several sites."""

    rule: str
    title: str
    category: str
    severity: str  # the most severe seen at any site
    sites: tuple[RuleAtSite, ...]


@dataclass(frozen=True)
class Use:
    """A shared system or interface as one site has it."""

    site_id: str
    item_id: str
    ready: bool
    reasons: tuple[str, ...]  # rules that make it not ready at this site


@dataclass(frozen=True)
class SharedSystem:
    """A system used by several sites, and the sites it puts at risk."""

    name: str
    category: str
    uses: tuple[Use, ...]
    not_ready_at: tuple[str, ...]
    at_risk: tuple[str, ...]


@dataclass(frozen=True)
class SharedInterface:
    """An interface between shared systems found at several sites."""

    source: str
    target: str
    standard: str
    uses: tuple[Use, ...]
    not_ready_at: tuple[str, ...]
    at_risk: tuple[str, ...]


@dataclass(frozen=True)
class Portfolio:
    """Every site's result reduced to what a programme lead compares."""

    as_of: dt.date
    sites: tuple[SiteRow, ...]  # in ranking order, most at risk first
    categories: tuple[str, ...]
    systemic: tuple[SystemicRule, ...]
    shared_systems: tuple[SharedSystem, ...]
    shared_interfaces: tuple[SharedInterface, ...]

    def count(self, verdict: str) -> int:
        """How many sites have the verdict."""
        return sum(1 for s in self.sites if s.verdict == verdict)

    @property
    def names(self) -> dict[str, str]:
        """Site names keyed by site id."""
        return {s.site_id: s.site_name for s in self.sites}

    @property
    def upcoming(self) -> tuple[SiteRow, ...]:
        """Sites whose go-live is today or later, in ranking order."""
        return tuple(s for s in self.sites if not s.live)

    @property
    def live(self) -> tuple[SiteRow, ...]:
        """Sites already live (go-live before the portfolio's date), in ranking order."""
        return tuple(s for s in self.sites if s.live)


def build_portfolio(results: Sequence[SiteSummary]) -> Portfolio:
    """The portfolio of the given sites; their ids must be unique and their dates the same."""
    ids = [r.site_id for r in results]
    if not results or len(set(ids)) != len(ids):
        raise ValueError(f"a portfolio needs one or more sites with unique ids, got {ids}")
    categories = _categories(results)
    ranked = sorted(results, key=rank_key)
    systems, interfaces = _shared(results)
    return Portfolio(
        as_of=results[0].as_of,
        sites=tuple(_site_row(i, r, categories) for i, r in enumerate(ranked, start=1)),
        categories=categories,
        systemic=_systemic(results),
        shared_systems=systems,
        shared_interfaces=interfaces,
    )


def rank_key(result: SiteSummary) -> tuple[bool, int, int, int, int, str]:
    """Upcoming go-lives before sites already live; within each, NO-GO before CONDITIONAL
    before GO, then more blockers, more conditions, sooner go-live."""
    return (
        result.days_to_go_live < 0,
        VERDICT_RANK.get(result.verdict, -1),
        -len(result.blockers),
        -len(result.conditions),
        result.days_to_go_live,
        result.site_id,
    )


def _categories(results: Sequence[SiteSummary]) -> tuple[str, ...]:
    seen = {s.category for r in results for s in r.scores}
    return tuple([c for c in CATEGORIES if c in seen] + sorted(seen - set(CATEGORIES)))


def _site_row(rank: int, result: SiteSummary, categories: tuple[str, ...]) -> SiteRow:
    scores = {s.category: s for s in result.scores}
    cells = []
    for category in categories:
        score = scores.get(category)
        if score is None or score.rag == "none":
            cells.append(Cell(category, None, "none"))
        else:
            cells.append(Cell(category, score.percent, score.rag))
    return SiteRow(
        rank=rank,
        site_id=result.site_id,
        site_name=result.site_name,
        organisation=result.organisation,
        verdict=result.verdict,
        go_live=result.go_live,
        days_to_go_live=result.days_to_go_live,
        blockers=len(result.blockers),
        conditions=len(result.conditions),
        failed=len(result.by_status("fail")),
        waived=len(result.by_status("waived")),
        passed=result.passed,
        not_applicable=result.not_applicable,
        cells=tuple(cells),
        rules_evaluated=result.rules_evaluated,
        rules_in_catalogue=result.rules_in_catalogue,
        settings_changed=len(result.settings_changed),
        confidence=delivery_confidence(result),
        top_blockers=top_blockers(result.blockers),
        blockers_named_of=len(result.blockers),
    )


def top_blockers(blockers: Sequence[Finding]) -> tuple[TopBlocker, ...]:
    """The few blockers a board names first: the longest overdue, then the soonest due."""

    def urgency(f: Finding) -> tuple[bool, int, str, str]:
        return (f.days_left is None, f.days_left or 0, f.rule, f.target)

    return tuple(
        TopBlocker(f.rule, f.title, f.target, f.owner.text if f.owner else None, f.due, f.days_left)
        for f in sorted(blockers, key=urgency)[:TOP_BLOCKERS]
    )


def _systemic(results: Sequence[SiteSummary]) -> tuple[SystemicRule, ...]:
    items: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    about: dict[str, tuple[str, str]] = {}
    severity: dict[str, int] = {}
    for result in sorted(results, key=lambda r: r.site_id):
        for f in result.failing:
            if f.failing:
                items[f.rule][result.site_id].append(f.target)
                about.setdefault(f.rule, (f.title, f.category))
                rank = SEVERITIES.index(f.severity) if f.severity in SEVERITIES else len(SEVERITIES)
                severity[f.rule] = min(severity.get(f.rule, rank), rank)
    rules = [
        SystemicRule(
            rule=rule,
            title=about[rule][0],
            category=about[rule][1],
            severity=SEVERITIES[severity[rule]] if severity[rule] < len(SEVERITIES) else "",
            sites=tuple(RuleAtSite(site, tuple(sorted(t))) for site, t in by_site.items()),
        )
        for rule, by_site in items.items()
        if len(by_site) >= SYSTEMIC_MIN_SITES
    ]
    return tuple(sorted(rules, key=lambda r: (-len(r.sites), severity[r.rule], r.rule)))


def _key(name: str, category: str) -> tuple[str, str]:
    return (" ".join(name.split()).casefold(), category)


def _shared(
    results: Sequence[SiteSummary],
) -> tuple[tuple[SharedSystem, ...], tuple[SharedInterface, ...]]:
    systems: dict[tuple[str, str], list[tuple[Use, str]]] = defaultdict(list)
    interfaces: dict[tuple[str, str, str, str, str], list[Use]] = defaultdict(list)
    for result in sorted(results, key=lambda r: r.site_id):
        reasons = result.reasons
        keys = {n.id: _key(n.name, n.category) for n in result.nodes}
        for n in result.nodes:
            use = Use(result.site_id, n.id, n.ready, reasons.get(n.id, ()))
            systems[keys[n.id]].append((use, n.name))
        for e in result.edges:
            if e.kind == "interface" and e.source in keys and e.target in keys:
                key = (*keys[e.source], *keys[e.target], e.standard)
                interfaces[key].append(Use(result.site_id, e.id, e.ready, reasons.get(e.id, ())))
    names = {key: uses[0][1] for key, uses in systems.items()}
    shared_systems = [
        SharedSystem(names[key], key[1], *_risk([u for u, _ in uses]))
        for key, uses in systems.items()
        if _site_count(u for u, _ in uses) >= 2
    ]
    shared_interfaces = [
        SharedInterface(names[key[:2]], names[key[2:4]], key[4], *_risk(uses))
        for key, uses in interfaces.items()
        if _site_count(uses) >= 2
    ]
    return (
        tuple(sorted(shared_systems, key=lambda s: _order(s.not_ready_at, s.uses, s.name))),
        tuple(
            sorted(
                shared_interfaces,
                key=lambda i: _order(i.not_ready_at, i.uses, f"{i.source}\0{i.target}"),
            )
        ),
    )


def _site_count(uses: Iterable[Use]) -> int:
    return len({u.site_id for u in uses})


def _risk(uses: list[Use]) -> tuple[tuple[Use, ...], tuple[str, ...], tuple[str, ...]]:
    """The uses, the sites where the item is not ready, and the other sites that share it."""
    not_ready = sorted({u.site_id for u in uses if not u.ready})
    sharing = sorted({u.site_id for u in uses})
    at_risk = [s for s in sharing if any(other != s for other in not_ready)]
    return tuple(uses), tuple(not_ready), tuple(at_risk)


def _order(not_ready: tuple[str, ...], uses: tuple[Use, ...], name: str) -> tuple[int, int, str]:
    # Not-ready items first, then the most widely shared.
    return (-len(not_ready), -_site_count(uses), name.casefold())
