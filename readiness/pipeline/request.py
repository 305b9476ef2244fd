"""What a command asks the pipeline to check; light, so that building the parser stays cheap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CheckRequest:
    """What to check and how: the site, extra rules, configuration and the date."""

    site: Path
    as_of: dt.date
    rule_dirs: tuple[Path, ...] = ()
    config_path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
