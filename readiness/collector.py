"""CPython's cyclic garbage collector, tuned for one short run of readiness."""

from __future__ import annotations

import gc

# Container objects allocated between two young collections (CPython's default is 700).
YOUNG_COLLECTION_EVERY = 50_000


def tune_collector() -> None:
    """Collect cyclic garbage rarely, in a process that runs one command (or a pool worker).

    A run builds a great many small, acyclic objects (YAML nodes, positions, facts, findings)
    and keeps them to its end; the default collector walks them again and again, about a fifth
    of a large check. The objects alive now (modules, classes, the catalogue) live to the end
    too, so they are frozen out of every collection. Freed objects are still freed at once, by
    reference counting; only reference cycles wait a little longer. Results do not change.
    """
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, 20, 100)
