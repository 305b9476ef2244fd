"""Write report files safely: never over an input, never leaving a half-written file."""

from __future__ import annotations

import contextlib
import os
import uuid
from pathlib import Path

from readiness.problems import Location, Problem

YAML_SUFFIXES = (".yaml", ".yml")


def write_outputs(outputs: dict[Path, str], inputs: list[Path]) -> list[Problem]:
    """Write every output atomically, or none of them; the problems say why not.

    An output that is one of the input files, or a YAML file inside an input folder (where
    the next run would read it as part of the site), is refused before anything is written.
    """
    problems = _refusals(outputs, inputs)
    if problems:
        return problems
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in outputs.items():
            staged.append((_stage(path, content), path))
    except OSError as error:
        for temp, _ in staged:
            _remove(temp)
        failed = list(outputs)[len(staged)]
        return [_write_problem(failed, error)]
    for index, (temp, path) in enumerate(staged):
        try:
            temp.replace(path)
        except OSError as error:
            for leftover, _ in staged[index:]:
                _remove(leftover)
            return [_write_problem(path, error)]
        _sync_folder(path.parent)
    return []


def _refusals(outputs: dict[Path, str], inputs: list[Path]) -> list[Problem]:
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


def _stage(path: Path, content: str) -> Path:
    """Write `content` to a new temporary file beside `path`, flushed to disk."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    # 0o666 so the final file gets the usual permissions under the user's umask.
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content.encode("utf-8"))
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
