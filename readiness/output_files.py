"""Write report files safely: never over an input, never leaving a half-written file."""

from __future__ import annotations

import contextlib
import os
import stat
import uuid
from collections.abc import Mapping
from pathlib import Path

from readiness.problems import Location, Problem

YAML_SUFFIXES = (".yaml", ".yml")


def write_outputs(outputs: Mapping[Path, str | bytes], inputs: list[Path]) -> list[Problem]:
    """Write every output, or none of them; the problems say why not.

    Every path is checked before anything is written: an output that is one of the input
    files, a YAML file inside an input folder (where the next run would read it as part of
    the site), a folder, or a path in a folder that does not exist is refused. Regular files
    are written to a temporary file and renamed, so none is ever left half-written; a link is
    followed and its target replaced (the link stays); a device or a FIFO (`/dev/null`,
    `/dev/stdout`, a pipe) is written through, never replaced by a file.
    """
    problems = _refusals(outputs, inputs) or _unwritable(outputs)
    if problems:
        return problems
    files = {path: text for path, text in outputs.items() if not _is_stream(path)}
    streams = {path: text for path, text in outputs.items() if _is_stream(path)}
    problems = _write_files(files)
    if problems:
        return problems
    for path, content in streams.items():
        try:
            with path.open("wb") as handle:
                handle.write(_bytes(content))
        except OSError as error:
            return [_write_problem(path, error)]
    return []


def _bytes(content: str | bytes) -> bytes:
    # Text is written as UTF-8; a binary format (a workbook) is written as it is.
    return content.encode("utf-8") if isinstance(content, str) else content


def _is_stream(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)


def _unwritable(outputs: Mapping[Path, str | bytes]) -> list[Problem]:
    problems = []
    for path in outputs:
        target = path.resolve()
        if target.is_dir():
            problems.append(
                Problem(Location(str(path)), "is a folder; name a file", "output-is-folder")
            )
        elif not target.parent.is_dir():
            message = f"cannot write the output: no folder {target.parent}"
            problems.append(Problem(Location(str(path)), message, "output-write-failed"))
    return problems


def _write_files(files: Mapping[Path, str | bytes]) -> list[Problem]:
    """Stage every file beside its target, then rename each into place."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            staged.append((_stage(path.resolve(), content), path))
        for index, (temp, path) in enumerate(staged):
            try:
                temp.replace(path.resolve())
            except OSError as error:
                return [_write_problem(path, error)]
            staged[index] = (path, path)
            _sync_folder(path.resolve().parent)
    except OSError as error:
        failed = list(files)[len(staged)]
        return [_write_problem(failed, error)]
    finally:
        # Interrupted or failed (SIGINT, SIGTERM, a full disk): no temporary file stays.
        for temp, path in staged:
            if temp != path:
                _remove(temp)
    return []


def _refusals(outputs: Mapping[Path, str | bytes], inputs: list[Path]) -> list[Problem]:
    input_dirs = [p.resolve() for p in inputs if p.is_dir()]
    input_files = [p for p in inputs if p.is_file()] + [
        p for d in input_dirs for p in sorted(d.rglob("*")) if _is_yaml(p) and p.is_file()
    ]
    resolved = {p.resolve() for p in input_files}
    problems: list[Problem] = []
    seen: dict[Path, Path] = {}
    for path in outputs:
        target = path.resolve()
        where = Location(str(path))
        clash = _same_input(path, target, input_files, resolved)
        if clash is not None:
            message = f"output would overwrite the input file {clash}"
            problems.append(Problem(where, message, "output-is-input"))
        elif _is_yaml(target) and any(target.is_relative_to(d) for d in input_dirs):
            message = "output would be a YAML file inside an input folder"
            problems.append(Problem(where, message, "output-is-input"))
        elif target in seen:
            message = f"the same file is asked for twice (also as {seen[target]})"
            problems.append(Problem(where, message, "output-duplicate"))
        seen.setdefault(target, path)
    return problems


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in YAML_SUFFIXES


def _same_input(
    path: Path, target: Path, input_files: list[Path], resolved: set[Path]
) -> Path | None:
    if target in resolved:
        return next(p for p in input_files if p.resolve() == target)
    if path.exists():
        for candidate in input_files:
            # Hard links and bind mounts: different names, one file.
            with contextlib.suppress(OSError):
                if path.samefile(candidate):
                    return candidate
    return None


def _stage(path: Path, content: str | bytes) -> Path:
    """Write `content` to a new temporary file beside `path`, flushed to disk."""
    # A short fixed-length name: any legal output name stays within the name limit.
    temp = path.with_name(f".readiness-{uuid.uuid4().hex[:16]}.tmp")
    # 0o666 so the final file gets the usual permissions under the user's umask.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_bytes(content))
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove(temp)
        raise
    return temp


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; not possible (nor needed) on every platform."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_problem(path: Path, error: OSError) -> Problem:
    reason = error.strerror or str(error)
    return Problem(Location(str(path)), f"cannot write the output: {reason}", "output-write-failed")
