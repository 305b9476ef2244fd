"""The dates a run is evaluated against, shared by fact builders and graph checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    """The dates a run is evaluated against."""

    as_of: dt.date
    go_live: dt.date

    @property
    def evidence_until(self) -> dt.date:
        """The last day evidence can be dated: work dated after the as-of date is a plan, and
        work after go-live cannot show readiness for it."""
        return min(self.as_of, self.go_live)
