"""Open actions: every failing finding, and every waiver a verdict is conditional on, as work
someone owes by a date.

An action is due on the waiver's expiry when a waiver covers its finding (the work must be
done, or the waiver renewed, by then), else on its finding's due date (its rule's offset
before go-live), else on the go-live date. It is overdue by the days from its due date to the
as-of date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from readiness.owners import Owner
from readiness.problems import Location
from readiness.result import SEVERITIES, Finding, Result

# Where an action's due date comes from.
DUE_FROM = ("waiver", "rule", "go-live")


@dataclass(frozen=True)
class Action:
    """One thing someone owes: the finding it closes, who owes it, what to do, by when."""

    site: str
    site_name: str
    rule: str
    title: str
    severity: str
    status: str  # fail, or waived (on a condition: the waiver expires)
    target: str
    owner: Owner | None
    todo: str  # the rule's remediation
    finding: str  # the finding's message
    location: Location
    due: dt.date
    due_from: str  # one of DUE_FROM
    days_overdue: int  # 0 until the due date has passed

    @property
    def owner_text(self) -> str:
        """The owner as printed, or `unassigned`."""
        return "unassigned" if self.owner is None else self.owner.text


@dataclass(frozen=True)
class SiteActions:
    """One site checked, and how many of the listed actions are its."""

    site: str
    name: str
    go_live: dt.date
    verdict: str
    actions: int
    overdue: int
    # A run over fewer rules, or under changed thresholds or severities, lists fewer or other
    # actions than the catalogue's run would: the lists say so.
    rules: int = 0  # rules evaluated
    rules_in_catalogue: int = 0
    settings_changed: int = 0

    @property
    def partial(self) -> bool:
        """Whether some of the catalogue's rules were left out of the site's run."""
        return self.rules < self.rules_in_catalogue

    @property
    def qualification(self) -> str:
        """Why the site's actions are not the catalogue's whole list, or `` when they are:
        `9 of 81 rules evaluated, so the other rules' actions are not listed; 2 settings
        differ from the catalogue`."""
        notes = []
        if self.partial:
            notes.append(
                f"{self.rules} of {self.rules_in_catalogue} rules evaluated, "
                "so the other rules' actions are not listed"
            )
        if self.settings_changed == 1:
            notes.append("1 setting differs from the catalogue")
        elif self.settings_changed:
            notes.append(f"{self.settings_changed} settings differ from the catalogue")
        return "; ".join(notes)


@dataclass(frozen=True)
class Filters:
    """What narrows the list: owner text, a due date to be before, site names or ids."""

    owner: str | None = None
    due_before: dt.date | None = None
    sites: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """`owner contains "Lowry", due before 2027-03-01`, or `` without filters."""
        parts = [f'owner contains "{self.owner}"'] if self.owner is not None else []
        if self.due_before is not None:
            parts.append(f"due before {self.due_before.isoformat()}")
        if self.sites:
            parts.append(f"site {' or '.join(self.sites)}")
        return ", ".join(parts)


@dataclass(frozen=True)
class ActionList:
    """The actions of every site checked, due date first, and the sites they come from."""

    as_of: dt.date
    filters: Filters
    actions: tuple[Action, ...]
    sites: tuple[SiteActions, ...]

    @property
    def overdue(self) -> int:
        """How many of the actions are overdue."""
        return sum(1 for a in self.actions if a.days_overdue > 0)

    @property
    def qualifications(self) -> tuple[str, ...]:
        """`site: why its list is not the catalogue's whole list`, for each site it applies to."""
        return tuple(f"{s.site}: {s.qualification}" for s in self.sites if s.qualification)


def is_action(finding: Finding) -> bool:
    """A failing finding, or a waived one the verdict is conditional on."""
    return finding.status == "fail" or (finding.status == "waived" and finding.conditional)


def site_matches(result: Result, names: Sequence[str]) -> bool:
    """Whether `--site` names the site: its id, or part of its id or name, any case."""
    if not names:
        return True
    haystack = f"{result.site_id}\n{result.site_name}".casefold()
    return any(name.casefold() in haystack for name in names)


def owner_matches(owner: Owner | None, text: str | None) -> bool:
    """Whether `--owner` names the owner: part of their name, role or email, any case."""
    if text is None:
        return True
    if owner is None:
        return False
    fields = (owner.name, owner.role or "", owner.email or "")
    return any(text.casefold() in field.casefold() for field in fields)


def build_actions(results: Sequence[Result], as_of: dt.date, filters: Filters) -> ActionList:
    """Every open action of the sites the filters keep, in due-date order."""
    kept = [r for r in results if site_matches(r, filters.sites)]
    actions = [
        action
        for result in kept
        for action in (_action(result, f, as_of) for f in result.findings if is_action(f))
        if owner_matches(action.owner, filters.owner)
        and (filters.due_before is None or action.due < filters.due_before)
    ]
    actions.sort(key=_order)
    sites = tuple(_site(r, actions) for r in sorted(kept, key=lambda r: r.site_id))
    return ActionList(as_of, filters, tuple(actions), sites)


def _order(action: Action) -> tuple[dt.date, str, int, str, str]:
    return (
        action.due,
        action.site,
        SEVERITIES.index(action.severity),
        action.rule,
        action.target,
    )


def _action(result: Result, finding: Finding, as_of: dt.date) -> Action:
    due, due_from = due_of(finding, result.go_live)
    rule = next(r for r in result.rules if r.id == finding.rule)
    return Action(
        site=result.site_id,
        site_name=result.site_name,
        rule=finding.rule,
        title=finding.title,
        severity=finding.severity,
        status=finding.status,
        target=finding.target,
        owner=finding.owner,
        todo=rule.remediation,
        finding=finding.message,
        location=finding.location,
        due=due,
        due_from=due_from,
        days_overdue=max(0, (as_of - due).days),
    )


def due_of(finding: Finding, go_live: dt.date) -> tuple[dt.date, str]:
    """When the action on a finding is due, and what sets that date (see DUE_FROM)."""
    if finding.status == "waived" and finding.waiver is not None:
        return finding.waiver.expires, "waiver"
    if finding.due is not None:
        return finding.due, "rule"
    return go_live, "go-live"


def _site(result: Result, actions: list[Action]) -> SiteActions:
    mine = [a for a in actions if a.site == result.site_id]
    return SiteActions(
        site=result.site_id,
        name=result.site_name,
        go_live=result.go_live,
        verdict=result.verdict,
        actions=len(mine),
        overdue=sum(1 for a in mine if a.days_overdue > 0),
        rules=len(result.rules),
        rules_in_catalogue=result.rules_in_catalogue,
        settings_changed=len(result.settings_changed),
    )
