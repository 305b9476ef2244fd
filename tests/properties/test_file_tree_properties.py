"""Any file tree under a site: exit 0, 1 or 2, no traceback, every unread entry named, and
never a GO from a tree with an entry that cannot be read.

Unreadable entries are made with `chmod 000`. Root reads them anyway, so when the tests run as
root the kernel's rule for other users is applied here: a folder or file without read
permission raises PermissionError when listed or opened (tests/hardening has the same case
run for real, without the capabilities that let root read).
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import SAMPLES, run_cli

GO_SITE = SAMPLES / "riverside-community"
NAMES = ("team-b", ".hidden", "notes", "extra.yaml", "Extra.YML", ".extra.yaml", "readme.md")
CONTENTS = {
    "valid": b"defects: []\n",
    "junk": b"a: [\n",
    "utf16": "defects: []\n".encode("utf-16"),
    "latin1": "site_note: caf\xe9\n".encode("latin-1"),
}
KINDS = ("file", "folder", "unreadable-file", "unreadable-folder", "fifo", "loop", "broken-link")


@dataclass(frozen=True)
class Entry:
    """One thing to put in the tree: where (folder depth and name), what, and its bytes."""

    parents: tuple[str, ...]
    name: str
    kind: str
    content: str


entries = st.builds(
    Entry,
    st.lists(st.sampled_from(NAMES[:3]), max_size=2).map(tuple),
    st.sampled_from(NAMES),
    st.sampled_from(KINDS),
    st.sampled_from(sorted(CONTENTS)),
)


def _build(root: Path, entry: Entry) -> Path | None:
    """Make the entry; its path when it cannot be read, else None."""
    folder = root
    for part in entry.parents:
        folder = folder / part
        if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
            return None  # an earlier entry made a file or link here
        if not folder.exists():
            folder.mkdir()
        elif not os.access(folder, os.W_OK | os.X_OK) or not folder.stat().st_mode & 0o200:
            return None  # inside an unreadable folder
    path = folder / entry.name
    if path.exists() or path.is_symlink():
        return None
    if entry.kind in ("file", "unreadable-file"):
        path.write_bytes(CONTENTS[entry.content])
    elif entry.kind in ("folder", "unreadable-folder"):
        path.mkdir()
        (path / "more.yaml").write_bytes(CONTENTS[entry.content])
    elif entry.kind == "fifo":
        os.mkfifo(path)
    elif entry.kind == "loop":
        path.symlink_to(root, target_is_directory=True)
    else:
        path.symlink_to(root / "nowhere")
    if entry.kind.startswith("unreadable"):
        path.chmod(0)
        return path
    return None


def _part_of_site(path: Path) -> bool:
    # A file that is not .yaml or .yml is not part of a site, readable or not.
    return path.is_dir() or path.name.lower().endswith((".yaml", ".yml"))


@pytest.fixture
def as_an_ordinary_user(monkeypatch: pytest.MonkeyPatch) -> None:
    if os.geteuid() != 0:
        return
    real_scandir, real_open = os.scandir, Path.open

    def denied(path: object) -> bool:
        try:
            return stat.S_IMODE(Path(str(path)).stat().st_mode) & 0o444 == 0
        except OSError:
            return False

    def scandir(path: object = ".") -> object:
        if denied(path):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)  # type: ignore[arg-type]

    def open_(self: Path, *args: object, **kwargs: object) -> object:
        if denied(self):
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(Path, "open", open_)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(entries, max_size=4))
def test_any_tree_is_judged_safely(as_an_ordinary_user: None, tree: list[Entry]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        shutil.copytree(GO_SITE, site)
        unreadable = [p for p in (_build(site, e) for e in tree) if p is not None]
        part_of_site = {p for p in unreadable if _part_of_site(p)}
        try:
            done = run_cli("check", str(site), "--as-of", "2027-04-16")
        finally:
            for path in unreadable:
                path.chmod(0o755)

    assert done.returncode in (0, 1, 2)
    said = done.stdout + done.stderr
    hidden = [
        p for p in unreadable if any(part.startswith(".") for part in p.relative_to(site).parts)
    ]
    reachable = [p for p in unreadable if p not in hidden and p in part_of_site]
    for path in reachable:
        # The entry itself, or an unreadable folder above it that stopped the walk.
        assert any(str(p) in said for p in (path, *path.parents) if p != site), said
    for path in hidden:
        named = [
            site.joinpath(*path.relative_to(site).parts[: i + 1])
            for i in range(len(path.relative_to(site).parts))
        ]
        assert any(str(p) in said for p in named), said
    if reachable:
        assert done.returncode == 2
        assert not done.stdout.startswith("GO")
