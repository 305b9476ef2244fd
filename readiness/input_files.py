"""Reading an input file with bounds: regular files only, and never more than a limit.

The size is checked on what is read, not on `st_size`, and special files (a FIFO,
`/dev/zero`) are refused before they are opened, so that no input can hang a run or grow
without bound. Callers word the refusal for their kind of file.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(Exception):
    """The path is a FIFO, a device or a folder, not a file."""


class OverLimit(Exception):
    """The file holds more than the limit; `size` is what it holds at least."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def read_limited(path: Path, limit: int) -> bytes:
    """A regular file's bytes; raises NotRegularFile, OverLimit, or OSError."""
    # Checked before opening: opening a FIFO waits for a writer that may never come.
    if not stat.S_ISREG(path.stat().st_mode):
        raise NotRegularFile
    with path.open("rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise NotRegularFile
        blob = handle.read(limit + 1)
    if len(blob) > limit:
        raise OverLimit(max(path.stat().st_size, len(blob)))
    return blob
