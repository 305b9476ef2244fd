"""Measure the causes and the candidate fixes that docs/benchmarks.md names.

Each experiment runs on generated sites (see make_site.py) and prints a Markdown table:

- `gc`: time spent in the cyclic garbage collector during one `run_check`, per generation,
  timed with `gc.callbacks`;
- `schema`: validating the site's files with the shipped validator against the same schema with
  its local `$ref`s inlined once, and whether both report the same errors on a broken copy;
- `json`: `json.dumps` of the JSON report's data with `indent=2` (pure-Python encoder) and
  without (C encoder);
- `pickle`: the size and cost of sending one `Result` between processes, as a process pool does;
- `imports`: interpreter start alone, with `rule_engine` (which builds its parser on import) and
  with the whole command line.

    python benchmarks/experiments.py                      # every experiment, sizes max,max-x4
    python benchmarks/experiments.py gc --sizes small,max,max-x2,max-x4
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import gc
import json
import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_site  # noqa: E402
from jsonschema import Draft202012Validator, FormatChecker  # noqa: E402

from readiness.pipeline.check import run_check  # noqa: E402
from readiness.pipeline.request import CheckRequest  # noqa: E402
from readiness.reporters import json_report  # noqa: E402
from readiness.resources import schema_path  # noqa: E402
from readiness.result import Result  # noqa: E402
from readiness.schema_check import validator  # noqa: E402
from readiness.site_files import site_files  # noqa: E402

AS_OF = dt.date(2026, 11, 25)
RUNS = 5


def median_ms(fn: Callable[[], object], runs: int = RUNS) -> float:
    """Median wall time of `fn` in milliseconds, after one warm-up run."""
    fn()
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def check(site: Path) -> Result:
    """The result of checking `site`, which must be valid."""
    checked = run_check(CheckRequest(site, AS_OF))
    result, problems = checked.result, checked.problems
    if result is None:
        raise RuntimeError(f"{site}: {problems[:3]}")
    return result


def gc_pauses(site: Path) -> list[str]:
    """One check's wall time and the time its GC pauses took, by generation."""
    run_check(CheckRequest(site, AS_OF))
    gc.collect()
    spent: dict[int, float] = {}
    count: Counter[int] = Counter()
    started = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.perf_counter()
        else:
            generation = info["generation"]
            spent[generation] = spent.get(generation, 0.0) + time.perf_counter() - started[0]
            count[info["generation"]] += 1

    gc.callbacks.append(callback)
    try:
        start = time.perf_counter()
        run_check(CheckRequest(site, AS_OF))
        total = time.perf_counter() - start
    finally:
        gc.callbacks.remove(callback)
    pauses = sum(spent.values())
    by_generation = "; ".join(
        f"gen {g}: {count[g]:,} x, {spent[g] * 1000:,.0f} ms" for g in sorted(count)
    )
    return [
        f"{total * 1000:,.0f}",
        f"{pauses * 1000:,.0f} ({100 * pauses / total:.0f}%)",
        by_generation,
    ]


def inline_refs(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every local `#/$defs/NAME` reference replaced by its definition.

    Only for schemas without recursive definitions (the site schema has none).
    """
    defs: dict[str, Any] = schema.get("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith("#/$defs/"):
                target = inline(defs[ref.rsplit("/", 1)[1]])
                rest = {k: inline(v) for k, v in node.items() if k != "$ref"}
                return {**target, **rest} if rest else target
            return {k: inline(v) for k, v in node.items()}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    return inline({k: v for k, v in schema.items() if k != "$defs"})  # type: ignore[no-any-return]


def _errors(check: Draft202012Validator, docs: list[object]) -> list[tuple[Any, ...]]:
    return sorted(
        (tuple(e.absolute_path), e.validator, e.message) for d in docs for e in check.iter_errors(d)
    )


def schema_inlined(site: Path) -> list[str]:
    """The shipped validator against the inlined schema over one site's files."""
    docs: list[object] = [
        yaml.load(p.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader) for p in site_files(site)
    ]
    shipped = validator("site")
    schema = json.loads(schema_path("site").read_text(encoding="utf-8"))
    inlined = Draft202012Validator(inline_refs(schema), format_checker=FormatChecker())
    broken = copy.deepcopy(docs)
    for doc in broken:
        if isinstance(doc, dict) and isinstance(doc.get("interfaces"), list):
            items = doc["interfaces"]
            items[0]["tests"]["e2e"] = "passd"
            items[1]["sourc"] = items[1].pop("source")
            items[2]["messages_per_day"] = "many"
    same = _errors(shipped, broken) == _errors(inlined, broken)
    before = median_ms(lambda: [list(shipped.iter_errors(d)) for d in docs])
    after = median_ms(lambda: [list(inlined.iter_errors(d)) for d in docs])
    return [f"{before:,.0f}", f"{after:,.0f} ({100 * (after - before) / before:+.0f}%)", str(same)]


def json_encoders(site: Path) -> list[str]:
    """The JSON report's data dumped indented (Python encoder) and compact (C encoder)."""
    data = json_report.to_data(check(site))
    indented = median_ms(lambda: json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))
    compact = median_ms(lambda: json.dumps(data, ensure_ascii=False, allow_nan=False))
    size = len(json.dumps(data, indent=2, ensure_ascii=False).encode()) / 1e6
    return [f"{size:.2f}", f"{indented:,.0f}", f"{compact:,.0f}"]


def pickled(site: Path) -> list[str]:
    """Size and cost of pickling one result and reading it back."""
    result = check(site)
    blob = pickle.dumps(result)
    dumps = median_ms(lambda: pickle.dumps(result))
    loads = median_ms(lambda: pickle.loads(blob))
    return [f"{len(blob) / 1e6:.2f}", f"{dumps:,.0f}", f"{loads:,.0f}"]


def _runner(command: list[str]) -> Callable[[], object]:
    return lambda: subprocess.run(command, cwd=ROOT, check=True)


def imports() -> list[list[str]]:
    """Interpreter start alone and with the imports the command line needs."""
    rows = []
    for label, code in (
        ("bare interpreter", "pass"),
        ("import rule_engine", "import rule_engine"),
        ("import networkx", "import networkx"),
        ("import jsonschema", "import jsonschema"),
        ("import readiness.cli, readiness.reporters", "import readiness.cli, readiness.reporters"),
    ):
        ms = median_ms(_runner([sys.executable, "-c", code]))
        rows.append([label, f"{ms:,.0f}"])
    return rows


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


PER_SITE: dict[str, tuple[list[str], Callable[[Path], list[str]]]] = {
    "gc": (["size", "run_check ms", "GC pauses ms", "collections"], gc_pauses),
    "schema": (
        ["size", "shipped validator ms", "`$ref`s inlined ms", "same errors"],
        schema_inlined,
    ),
    "json": (["size", "JSON MB", "indent=2 ms", "compact ms"], json_encoders),
    "pickle": (["size", "pickled MB", "dumps ms", "loads ms"], pickled),
}


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "experiments", nargs="*", default=[*PER_SITE, "imports"], help="which (default: all)"
    )
    parser.add_argument("--sizes", default="max,max-x4", help="comma-separated sizes")
    parser.add_argument("--seed", type=int, default=7, help="seed for make_site (default 7)")
    parser.add_argument("--sites", type=Path, help="keep the generated sites in this folder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.sites or Path(scratch)
        sites = {}
        for name in args.sizes.split(","):
            size = make_site.parse_size(name)
            sites[size.name] = base / size.name
            make_site.make_site(size, sites[size.name], seed=args.seed)
        for name in args.experiments:
            print(f"### {name}\n")
            if name == "imports":
                print(table(["what", "wall ms"], imports()))
                continue
            header, run = PER_SITE[name]
            print(table(header, [[size, *run(folder)] for size, folder in sites.items()]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
