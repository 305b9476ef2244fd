"""The actions list for the terminal: due date, how late, owner; then the site, rule and item,
where the evidence is written, what is wrong and what to do."""

from __future__ import annotations

from readiness.actions import Action, ActionList
from readiness.reporters.wording import left_phrase, plural, where
from readiness.visible_text import one_line


def render(actions: ActionList) -> str:
    """The actions, due date first, each on four lines."""
    scope = f" ({actions.filters.description})" if actions.filters.description else ""
    lines = [
        f"Actions as of {actions.as_of.isoformat()}{scope}: "
        f"{plural(len(actions.actions), 'action')}, {actions.overdue} overdue"
    ]
    # A list from fewer rules, or other settings, must not read as the whole list.
    lines.extend(f"Not the full list for {q}" for q in actions.qualifications)
    for action in actions.actions:
        lines.extend(["", *_action_lines(action, actions)])
    if not actions.actions:
        lines.extend(["", "No open action."])
    return "\n".join(lines) + "\n"


def _action_lines(action: Action, actions: ActionList) -> list[str]:
    owner = action.owner_text
    if action.owner is not None and action.owner.email:
        owner += f" <{action.owner.email}>"
    status = ", waived" if action.status == "waived" else ""
    late = left_phrase((action.due - actions.as_of).days)
    return [
        f"{action.due.isoformat()}  {late}  {one_line(owner)}",
        f"  {action.site}  {action.rule} ({action.severity}{status})  "
        f"{one_line(action.target)}  {one_line(where(action.location))}",
        f"  {one_line(action.finding)}",
        f"  To do: {one_line(action.todo)}",
    ]
