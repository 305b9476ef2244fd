"""Load a site completely: files, schema and references, every problem collected."""

from __future__ import annotations

from pathlib import Path

from readiness.references import check_consistency, check_references
from readiness.site_files import SiteSource, load_site_source


def load_site(root: Path) -> SiteSource:
    """A merged, checked site; `problems` is empty when it is valid."""
    source = load_site_source(root)
    if source.data:
        source.problems.extend(check_references(source))
        source.problems.extend(check_consistency(source))
    source.problems = sorted(set(source.problems))
    return source
