"""The actions as an iCalendar file (RFC 5545): one all-day event per action on its due date.

Each event's UID is made from the site, rule and item alone, so importing a later run updates
the events already in a calendar (moved, reworded) instead of adding copies; DTSTAMP is the
as-of date, so the same run gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from icalendar import Calendar, Event

from readiness.actions import Action, ActionList
from readiness.reporters.wording import left_phrase, where
from readiness.visible_text import one_line


def render(actions: ActionList) -> str:
    """The calendar of the actions, in due-date order."""
    calendar = Calendar()
    calendar.add("prodid", "-//readiness//actions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Readiness actions")
    stamp = dt.datetime.combine(actions.as_of, dt.time(), tzinfo=dt.UTC)
    for action in actions.actions:
        calendar.add_component(_event(action, stamp, actions.as_of))
    text: str = calendar.to_ical().decode("utf-8")
    return text


def uid(action: Action) -> str:
    """The event's stable id: the same site, rule and item give the same UID in every run."""
    key = "\0".join((action.site, action.rule, action.target)).encode("utf-8")
    return f"{action.rule}-{hashlib.sha256(key).hexdigest()[:20]}@{action.site}.readiness"


def summary(action: Action) -> str:
    """The event's title: `G-SEQ-ORDER cabinets (westbrook-eprescribing)`."""
    return f"{action.rule} {action.target} ({action.site})"


def _event(action: Action, stamp: dt.datetime, as_of: dt.date) -> Event:
    event = Event()
    event.add("uid", uid(action))
    event.add("dtstamp", stamp)
    event.add("dtstart", action.due)
    event.add("dtend", action.due + dt.timedelta(days=1))
    event.add("summary", one_line(summary(action)))
    owner = action.owner_text
    if action.owner is not None and action.owner.email:
        owner += f" <{action.owner.email}>"
    lines = (
        f"Owner: {owner}",
        f"{action.title} ({action.severity}{', waived' if action.status == 'waived' else ''}); "
        f"{left_phrase((action.due - as_of).days)} as of {as_of.isoformat()}",
        f"Finding: {action.finding}",
        f"To do: {action.todo}",
        f"Where: {where(action.location)}",
    )
    # RFC 5545 text holds no control characters: each is written as its escape.
    event.add("description", "\n".join(one_line(line) for line in lines))
    event.add("categories", [action.severity])
    # A reminder, not a meeting: it does not block the owner's time.
    event.add("transp", "TRANSPARENT")
    return event
