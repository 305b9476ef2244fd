"""Measure start-up and schema validation: whole commands, and the schema validators compared.

- `processes`: `readiness --help`, `--version`, `validate` of Northgate and `check` of it and of
  a generated site at the product's maximum, each as a new process, beside the interpreter
  alone and `import yaml`. Every command is run `--runs` times, the commands taking turns, and
  each figure is the median (and fastest) wall time and the median CPU time (user + system) of
  the process, which other load on the machine moves less. `check` runs with `--no-cache`, so
  that every run evaluates, and is also run through `readiness.cli.main`, without the collector
  tuning of `python -m readiness`, to show what the tuning saves. `--before DIR` times another
  checkout (a `git archive` of an earlier commit) in the same turns, for a before/after table
  taken side by side.
- `schema`: jsonschema, jsonschema-rs and fastjsonschema (each when installed): importing it in
  a new process, building the site schema's validator, and validating every file of Northgate
  and of the generated maximum site.

    python benchmarks/startup.py                         # both, 21 runs per figure
    python benchmarks/startup.py processes --runs 31 --before /tmp/before
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_site  # noqa: E402

from readiness.resources import schema_path  # noqa: E402
from readiness.schema_fast import FIRST_DATE, LAST_DATE  # noqa: E402
from readiness.yaml_source import load_file  # noqa: E402

NORTHGATE = "sample_sites/northgate-general"
UNTUNED = "import sys; from readiness.cli import main; sys.exit(main(sys.argv[1:]))"


def commands(big: Path) -> dict[str, list[str]]:
    """What `processes` times, by label; each runs with the checkout as working directory."""
    # --no-cache: every run evaluates (a rerun would otherwise read the first run's result).
    check = ["check", NORTHGATE, "--as-of", "2027-03-04", "--no-cache", "--json", os.devnull]
    check_big = ["check", str(big), "--as-of", "2027-03-04", "--no-cache", "--html", os.devnull]
    py = sys.executable
    return {
        "python -c pass": [py, "-c", "pass"],
        "python -c 'import yaml'": [py, "-c", "import yaml"],
        "readiness --help": [py, "-m", "readiness", "--help"],
        "readiness --version": [py, "-m", "readiness", "--version"],
        "readiness validate northgate": [py, "-m", "readiness", "validate", NORTHGATE],
        "readiness check northgate --json": [py, "-m", "readiness", *check],
        "the same, collector not tuned": [py, "-c", UNTUNED, *check],
        "readiness check max --html": [py, "-m", "readiness", *check_big],
        "the same, collector not tuned ": [py, "-c", UNTUNED, *check_big],
    }


def _timed(command: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return wall, cpu


def processes(runs: int, big: Path, before: Path | None) -> str:
    """The table of commands run as new processes, taking turns."""
    trees = {"": ROOT} if before is None else {"before": before, "after": ROOT}
    # Let the runs reuse compiled modules, as an installed package does.
    env_free = os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    jobs = [
        (label, tree, command)
        for label, command in commands(big).items()
        for tree in trees
        if not (tree == "before" and label.startswith("python"))
    ]
    figures: dict[tuple[str, str], list[tuple[float, float]]] = {}
    try:
        for _label, tree, command in jobs:  # warm-up, and the bytecode written
            _timed(command, trees[tree])
        for _ in range(runs):
            for label, tree, command in jobs:
                figures.setdefault((label, tree), []).append(_timed(command, trees[tree]))
    finally:
        if env_free is not None:
            os.environ["PYTHONDONTWRITEBYTECODE"] = env_free
    rows = []
    for (label, tree), times in figures.items():
        walls = [w for w, _ in times]
        cpus = [c for _, c in times]
        rows.append(
            [
                f"{label} {f'({tree})' if tree else ''}".strip(),
                f"{statistics.median(walls):.3f}",
                f"{min(walls):.3f}",
                f"{statistics.median(cpus):.3f}",
            ]
        )
    return table(["command", "wall s, median", "wall s, fastest", "CPU s, median"], rows)


def _date(text: str) -> bool:
    try:
        return FIRST_DATE <= dt.date.fromisoformat(text) <= LAST_DATE
    except ValueError:
        return False


def _validators(schema: dict[str, Any]) -> dict[str, Callable[[], Callable[[object], bool]]]:
    """Per library, a function that builds the site validator, itself a yes/no function."""

    def jsonschema_py() -> Callable[[object], bool]:
        from readiness.schema_check import validator

        validator.cache_clear()
        built = validator("site")
        return lambda data: not any(True for _ in built.iter_errors(data))

    def jsonschema_rs() -> Callable[[object], bool]:
        import jsonschema_rs as rs

        built = rs.Draft202012Validator(schema, formats={"date": _date}, validate_formats=True)
        return built.is_valid

    def fastjsonschema() -> Callable[[object], bool]:
        import fastjsonschema as fast  # type: ignore[import-not-found,unused-ignore]

        # It knows drafts 4, 6 and 7 only; the site schema reads the same under draft 7.
        compiled = fast.compile({**schema, "$schema": "http://json-schema.org/draft-07/schema#"})

        def valid(data: object) -> bool:
            try:
                compiled(data)
            except fast.JsonSchemaException:
                return False
            return True

        return valid

    return {
        "jsonschema": jsonschema_py,
        "jsonschema_rs": jsonschema_rs,
        "fastjsonschema": fastjsonschema,
    }


def _validate_all(valid: Callable[[object], bool], docs: list[Any]) -> list[bool]:
    return [valid(d) for d in docs]


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return 1000 * statistics.median(times)


def schema(runs: int, big: Path) -> str:
    """The schema validators side by side on Northgate and on the generated maximum site."""
    site_schema = json.loads(schema_path("site").read_text(encoding="utf-8"))
    sites = {"northgate": ROOT / NORTHGATE, "max": big}
    data = {
        name: [load_file(p).data for p in sorted(f.glob("*.yaml"))] for name, f in sites.items()
    }
    rows = []
    for library, build in _validators(site_schema).items():
        try:
            importlib.import_module(library)
        except ImportError:
            rows.append([library, "not installed", "", "", "", ""])
            continue
        code = (
            f"import time; t = time.perf_counter(); import {library}; print(time.perf_counter()-t)"
        )
        imports = [
            float(
                subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
            )
            for _ in range(runs)
        ]
        start = time.perf_counter()
        valid = build()
        built_ms = 1000 * (time.perf_counter() - start)
        cells = [f"{1000 * statistics.median(imports):.1f}", f"{built_ms:.1f}"]
        for docs in data.values():
            ms = _median_ms(functools.partial(_validate_all, valid, docs), runs)
            cells.append(f"{ms:.1f}")
        cells.append(str(all(valid(d) for docs in data.values() for d in docs)))
        rows.append([library, *cells])
    header = ["library", "import ms", "build ms", "northgate ms", "max ms", "all valid"]
    return table(header, rows)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("parts", nargs="*", help="processes, schema (default: both)")
    parser.add_argument("--runs", type=int, default=21, help="runs per figure (default 21)")
    parser.add_argument("--before", type=Path, help="another checkout to time alongside")
    args = parser.parse_args(argv)
    parts = args.parts or ["processes", "schema"]
    if not set(parts) <= {"processes", "schema"}:
        parser.error(f"unknown part in {parts}; expected processes or schema")
    with tempfile.TemporaryDirectory() as scratch:
        big = Path(scratch) / "max"
        make_site.make_site(make_site.parse_size("max"), big, seed=7)
        for part in parts:
            print(f"### {part}\n")
            if part == "processes":
                print(processes(args.runs, big, args.before))
            else:
                print(schema(args.runs, big))
    return 0


if __name__ == "__main__":
    sys.exit(main())
