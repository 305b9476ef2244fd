"""Long lists in findings and reports: the first few, in a fixed order, and a count of the rest.

Some lists grow with the square of a site: through the EPR and the integration engine nearly
every system reaches nearly every other, so an interface's blast radius or a failing item's
impact names most of the site. Outputs show the first `SHOWN` items and say how many more
there are; the count is always kept, so nothing is hidden silently. Only what is shown is cut:
verdicts, statuses and the values rules read are worked out from the whole list.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TypeVar

SHOWN = 20

T = TypeVar("T")


def first(items: Iterable[T]) -> tuple[T, ...]:
    """The items a list shows: the first `SHOWN`."""
    return tuple(islice(items, SHOWN))


def rest(total: int) -> int:
    """How many of `total` items a list does not show."""
    return max(0, total - SHOWN)


def more(count: int) -> str:
    """What stands for the items not shown: `and 12 more`."""
    return f"and {count} more"


def joined(texts: Sequence[str], total: int | None = None) -> str:
    """Texts joined with commas, the first `SHOWN` only, then `and N more` when there are more.

    `total` counts every item when `texts` holds only the first few.
    """
    rest = (len(texts) if total is None else total) - min(len(texts), SHOWN)
    shown = ", ".join(texts[:SHOWN])
    return f"{shown} {more(rest)}" if rest > 0 else shown
