"""Actions as rows of cells: the columns the CSV file and the workbook share."""

from __future__ import annotations

import datetime as dt

from readiness.actions import Action, SiteActions
from readiness.reporters.wording import where
from readiness.visible_text import one_line

Cell = dt.date | int | str

# The columns of the CSV file and of the workbook's sheet of actions, in order.
COLUMNS = (
    "Due",
    "Days overdue",
    "Owner",
    "Role",
    "Email",
    "Site",
    "Rule",
    "Severity",
    "Status",
    "Item",
    "What to do",
    "Finding",
    "Where",
    "Due from",
)

# The columns of the workbook's sheet of sites.
SITE_COLUMNS = ("Site", "Name", "Go-live", "Verdict", "Actions", "Overdue")


def row(action: Action) -> tuple[Cell, ...]:
    """An action as one row of COLUMNS (dates stay dates; what is not stated is empty).

    Text echoed from site files is shown as the terminal list shows it: a control character
    is written as its escape, so no cell can carry one into a spreadsheet or a terminal.
    """
    owner = action.owner
    texts = (
        "" if owner is None else owner.name,
        "" if owner is None or owner.role is None else owner.role,
        "" if owner is None or owner.email is None else owner.email,
        action.site,
        action.rule,
        action.severity,
        action.status,
        action.target,
        action.todo,
        action.finding,
        where(action.location),
        action.due_from,
    )
    return (action.due, action.days_overdue, *(one_line(text) for text in texts))


def site_row(site: SiteActions) -> tuple[Cell, ...]:
    """A site as one row of SITE_COLUMNS."""
    return (site.site, site.name, site.go_live, site.verdict, site.actions, site.overdue)
