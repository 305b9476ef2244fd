"""The dates a run is evaluated against, shared by fact builders and graph checks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Clock:
    """The dates a run is evaluated against."""

    as_of: dt.date
    go_live: dt.date
