"""Measure readiness against the YAML parse floor on synthetic sites of growing size.

For each size (see `make_site.SIZES`) this generates a site, checks that it validates, and
times, in this process with `time.perf_counter` (median of `--runs` runs after one warm-up):

- the floor: `yaml.load(text, Loader=yaml.CSafeLoader)` over every file of the site (texts
  read beforehand), and PyYAML's C composer alone (`yaml.compose`), which is what readiness
  builds its data from;
- `readiness.pipeline.site.load_site` (YAML, schema and references);
- the whole check, `readiness.pipeline.check.run_check(CheckRequest(site, as_of))`;
- rule compilation alone (`readiness.pipeline.check.load_rulebook`);
- every site reporter (`readiness.reporters.reporter(name)(result)`) and its output's size;
- the floor, load_site and run_check again as CPU time of this process (robust to other load
  on a shared machine) and with Python's cyclic garbage collector off during the call;
- a breakdown of the check by step, taken from separate runs (collector off) in which the
  functions that `run_check` and `load_site` call, each fact kind and each graph check are
  wrapped with timers, so the headline figures carry no instrumentation overhead;
- the command line, `python -m readiness check SITE`, as wall time including interpreter start.

It prints Markdown tables (paste them into docs/benchmarks.md) and, with `--json`, writes the
raw figures. `--profile SIZE` prints a cProfile of one check of that size instead; `--work`
the Python calls each step and reporter makes at each size, the growth of the work itself,
which load on a shared machine cannot distort; and `--cpu` the CPU time of each step and
reporter (fastest of `--runs`, collector off), which such load moves least.
`--programme` measures whole commands instead, each beside its floor (`programme.py`):
`--help`, `validate`, a large site's `check --html`, and `compare` of 50 and 200 sites, cold
and rerun with nothing changed, with the peak memory.

    python benchmarks/run.py                       # all sizes, 5 runs each
    python benchmarks/run.py --sizes small,max --runs 9
    python benchmarks/run.py --profile max-x4
    python benchmarks/run.py --programme           # the programme table (several minutes)
    python benchmarks/run.py --programme --programme-sites 10,50 --compare-runs 3
    python benchmarks/run.py --work --sizes max,max-x4   # Python calls per step: load-proof
    python benchmarks/run.py --cpu --sizes max,max-x4    # CPU ms per step, fastest run
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import functools
import gc
import io
import json
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run from a checkout without installing the package
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_site  # noqa: E402

import readiness.evaluate  # noqa: E402
import readiness.graph_checks  # noqa: E402
import readiness.pipeline.check  # noqa: E402
import readiness.pipeline.site  # noqa: E402
import readiness.site_files  # noqa: E402
from readiness.config import Config  # noqa: E402
from readiness.facts.base import Kind  # noqa: E402
from readiness.graph_checks import GraphCheck  # noqa: E402
from readiness.pipeline.check import load_rulebook, run_check  # noqa: E402
from readiness.pipeline.request import CheckRequest  # noqa: E402
from readiness.pipeline.site import load_site  # noqa: E402
from readiness.reporters import SITE_FORMATS, reporter  # noqa: E402
from readiness.result import Result  # noqa: E402
from readiness.site_files import site_files  # noqa: E402

AS_OF = dt.date(2026, 11, 25)
T = TypeVar("T")

# Functions of the pipeline timed in the breakdown: (module, attribute, label). Nested steps
# are indented under the step that calls them. A name that is gone is skipped and reported.
STEPS: tuple[tuple[ModuleType, str, str], ...] = (
    (readiness.pipeline.check, "load_site", "load_site"),
    (readiness.site_files, "load_file", "  YAML compose + build (yaml_source.load_file)"),
    (readiness.site_files, "check_site_file", "  schema (schema_check.check_site_file)"),
    (readiness.site_files, "_merge", "  merge files (site_files._merge)"),
    (readiness.pipeline.site, "check_references", "  references (references.check_references)"),
    (readiness.pipeline.check, "resolve_config", "resolve_config"),
    (readiness.pipeline.check, "build_model", "build_model"),
    (readiness.pipeline.check, "load_rulebook", "load_rulebook (rule compilation)"),
    (readiness.pipeline.check, "IntegrationGraph", "IntegrationGraph"),
    (readiness.pipeline.check, "evaluate_rules", "evaluate_rules"),
    (readiness.pipeline.check, "check_waiver_rules", "check_waiver_rules"),
    (readiness.pipeline.check, "apply_waivers", "apply_waivers"),
    (readiness.pipeline.check, "not_ready", "not_ready"),
    (readiness.pipeline.check, "impacts", "impacts"),
    (readiness.pipeline.check, "at_risk", "at_risk (workflows at risk)"),
    (readiness.pipeline.check, "_nodes", "_nodes"),
    (readiness.pipeline.check, "_edges", "_edges"),
)
FACTS_LABEL = "  facts {}"
CHECKS_LABEL = "  graph check {}"
RULES_LABEL = "  expressions, findings (rest of evaluate_rules)"


@dataclass
class Timing:
    """One figure: medians of wall time and of this process's CPU time, and the fastest run."""

    wall_ms: float
    cpu_ms: float
    min_ms: float


@dataclass
class SizeResult:
    """Every figure measured for one site size, times in milliseconds."""

    size: str
    label: str
    files: int
    bytes: int
    floor: Timing
    compose: Timing
    load: Timing
    check: Timing
    floor_gc_off: Timing
    load_gc_off: Timing
    check_gc_off: Timing
    rules: Timing
    findings: int
    failed: int
    evidence: int  # evidence items listed (each list is cut to its first few)
    impact_paths: int  # impact paths listed
    evidence_total: int  # evidence items in all, listed or counted
    impact_total: int  # systems and workflows at risk in all, listed or counted
    verdict: str
    steps: dict[str, float] = field(default_factory=dict)
    reporters: dict[str, float] = field(default_factory=dict)
    report_bytes: dict[str, int] = field(default_factory=dict)
    cli_ms: float | None = None
    cli_pyc_ms: float | None = None


def timing(fn: Callable[[], object], runs: int, gc_off: bool = False) -> Timing:
    """Time `fn` over `runs` runs after one warm-up, optionally with the cyclic GC off."""
    fn()
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(runs):
        gc.collect()
        if gc_off:
            gc.disable()
        try:
            start, start_cpu = time.perf_counter(), time.process_time()
            fn()
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        finally:
            gc.enable()
    return Timing(statistics.median(wall), statistics.median(cpu), min(wall))


def median_ms(fn: Callable[[], object], runs: int) -> float:
    """Median wall time of `fn` in milliseconds over `runs` runs, after one warm-up run."""
    return timing(fn, runs).wall_ms


# What the breakdown reads: the wall clock, or (`--work`) a count of Python calls.
step_clock: Callable[[], float] = time.perf_counter


def _timed(fn: Callable[..., T], label: str, into: dict[str, float]) -> Callable[..., T]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        start = step_clock()
        try:
            return fn(*args, **kwargs)
        finally:
            into[label] += (step_clock() - start) * 1000

    return wrapper


@contextlib.contextmanager
def instrumented(into: dict[str, float], missing: set[str]) -> Iterator[None]:
    """Wrap the pipeline's steps, fact kinds and graph checks with timers for one block."""
    saved: list[tuple[Any, str, Any]] = []

    def patch(owner: Any, name: str, label: str) -> None:
        original = getattr(owner, name, None)
        if original is None:
            missing.add(f"{getattr(owner, '__name__', owner)}.{name}")
            return
        saved.append((owner, name, original))
        setattr(owner, name, _timed(original, label, into))

    for module, name, label in STEPS:
        patch(module, name, label)
    # The pipeline reads KINDS from its own globals at call time, so it is replaced there.
    kinds_name = "KINDS"
    kinds: dict[str, Kind] = dict(getattr(readiness.pipeline.check, kinds_name))
    timed_kinds = {
        name: Kind(k.name, k.description, k.fields, _timed(k.build, FACTS_LABEL.format(name), into))
        for name, k in kinds.items()
    }
    checker = readiness.pipeline.check
    saved.append((checker, kinds_name, getattr(checker, kinds_name)))
    setattr(readiness.pipeline.check, kinds_name, timed_kinds)
    checks = readiness.graph_checks.GRAPH_CHECKS
    originals = dict(checks)
    assert isinstance(checks, dict)
    for name, check in originals.items():
        checks[name] = GraphCheck(
            _timed(check.function, CHECKS_LABEL.format(name), into), check.fields
        )
    try:
        yield
    finally:
        checks.update(originals)
        for owner, name, original in reversed(saved):
            setattr(owner, name, original)


def breakdown(request: CheckRequest, runs: int) -> tuple[dict[str, float], set[str]]:
    """Median time of each step of `run_check` over `runs` instrumented runs.

    The cyclic garbage collector is off during these runs: a full collection costs in
    proportion to everything alive and lands in whichever step happens to be running, which
    would hide each step's own growth. The collector's total share is measured separately.
    """
    missing: set[str] = set()
    samples: dict[str, list[float]] = defaultdict(list)
    for index in range(runs + 1):
        into: dict[str, float] = defaultdict(float)
        gc.collect()
        gc.disable()
        try:
            with instrumented(into, missing):
                run_check(request)
        finally:
            gc.enable()
        if index == 0:
            continue  # warm-up
        evaluate = into.get("evaluate_rules", 0.0)
        inner = sum(v for k, v in into.items() if k.startswith(("  facts ", "  graph ")))
        into[RULES_LABEL] = max(evaluate - inner, 0.0)
        for label, value in into.items():
            samples[label].append(value)
    return {label: statistics.median(values) for label, values in samples.items()}, missing


def ordered_steps(steps: dict[str, float]) -> list[str]:
    """Step labels in pipeline order, evaluate_rules' parts right after it."""
    order = [label for _m, _n, label in STEPS]
    inner = [
        *sorted(k for k in steps if k.startswith("  facts ")),
        *sorted(k for k in steps if k.startswith("  graph ")),
        RULES_LABEL,
    ]
    at = order.index("evaluate_rules") + 1
    order[at:at] = inner
    return [label for label in order if label in steps]


def cli_ms(site: Path, runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall time of `python -m readiness check SITE` as a new process."""
    command = [sys.executable, "-m", "readiness", "check", str(site), "--as-of", AS_OF.isoformat()]

    def once() -> None:
        done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
        if done.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} exited {done.returncode}: {done.stderr!r}")

    return median_ms(once, runs)


def python_start_ms(runs: int, cache: Path) -> tuple[float, float, float]:
    """Median wall time of a bare interpreter, and of one importing the CLI (bytecode off, on)."""
    imports = [sys.executable, "-c", "import readiness.cli, readiness.reporters"]
    bare = median_ms(lambda: subprocess.run([sys.executable, "-c", "pass"], check=True), runs)
    cold = median_ms(lambda: subprocess.run(imports, cwd=ROOT, check=True), runs)
    env = bytecode_env(cache)
    warm = median_ms(lambda: subprocess.run(imports, cwd=ROOT, env=env, check=True), runs)
    return bare, cold, warm


def measure(
    size: make_site.SiteSize, folder: Path, runs: int, with_cli: bool, seed: int
) -> SizeResult:
    """Generate one site and take every measurement of it."""
    paths = make_site.make_site(size, folder, seed=seed)
    validate_cli(folder)
    source = load_site(folder)
    if source.problems:
        shown = "\n".join(p.render() for p in source.problems[:10])
        raise RuntimeError(f"generated site {folder} is not valid:\n{shown}")
    texts = [p.read_text(encoding="utf-8") for p in site_files(folder)]
    request = CheckRequest(folder, AS_OF)
    del source

    def floor() -> None:
        for text in texts:
            yaml.load(text, Loader=yaml.CSafeLoader)

    def compose() -> None:
        for text in texts:
            yaml.compose(text, Loader=yaml.CSafeLoader)

    # The check's own figures are taken first, with no earlier result kept alive: the cyclic
    # GC's cost depends on everything in memory, and the command line holds only one site.
    floor_t, compose_t = timing(floor, runs), timing(compose, runs)
    floor_off = timing(floor, runs, gc_off=True)
    load_t, load_off = (
        timing(lambda: load_site(folder), runs),
        timing(lambda: load_site(folder), runs, gc_off=True),
    )
    check_t, check_off = (
        timing(lambda: run_check(request), runs),
        timing(lambda: run_check(request), runs, gc_off=True),
    )
    checked = run_check(request)
    result, problems = checked.result, checked.problems
    if result is None:
        raise RuntimeError(f"check of {folder} failed: {problems[:5]}")
    go_live = result.go_live

    def report(render: Callable[[Result], str | bytes]) -> Callable[[], object]:
        return lambda: render(result)

    rendered = {name: reporter(name)(result) for name in SITE_FORMATS}
    figures = SizeResult(
        size=size.name,
        label=size.label(),
        files=len(paths),
        bytes=sum(p.stat().st_size for p in paths),
        floor=floor_t,
        compose=compose_t,
        load=load_t,
        check=check_t,
        floor_gc_off=floor_off,
        load_gc_off=load_off,
        check_gc_off=check_off,
        rules=timing(lambda: load_rulebook(request, Config(), go_live), runs),
        findings=len(result.findings),
        failed=sum(1 for f in result.findings if f.failing),
        evidence=sum(len(f.evidence) for f in result.findings),
        impact_paths=sum(len(i.systems) + len(i.workflows) for i in result.impacts),
        evidence_total=sum(len(f.evidence) + f.evidence_more for f in result.findings),
        impact_total=sum(
            len(i.systems) + i.systems_more + len(i.workflows) + i.workflows_more
            for i in result.impacts
        ),
        verdict=result.verdict,
        report_bytes={
            name: len(text if isinstance(text, bytes) else text.encode())
            for name, text in sorted(rendered.items())
        },
    )
    del rendered
    figures.reporters = {
        name: median_ms(report(reporter(name)), runs) for name in sorted(SITE_FORMATS)
    }
    figures.steps, missing = breakdown(request, runs)
    if missing:
        print(f"note: not timed (renamed?): {', '.join(sorted(missing))}", file=sys.stderr)
    if with_cli:
        figures.cli_ms = cli_ms(folder, runs)
        figures.cli_pyc_ms = cli_ms(folder, runs, bytecode_env(folder.parent / "pycache"))
    return figures


def bytecode_env(cache: Path) -> dict[str, str]:
    """The environment with bytecode caching on, into `cache` (outside the repository)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    return env


def validate_cli(site: Path) -> None:
    """`python -m readiness validate SITE` must exit 0 for a generated site."""
    command = [sys.executable, "-m", "readiness", "validate", str(site)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {done.returncode}:\n{done.stdout}")


def _x(value: float, floor: float) -> str:
    return f"{value:,.0f} ({value / floor:.1f}x)"


def growth(small: float, large: float, size_ratio: float) -> float:
    """The exponent k in time ~ size**k between two measurements."""
    if small <= 0 or large <= 0 or size_ratio <= 1:
        return float("nan")
    return math.log(large / small) / math.log(size_ratio)


def _k(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.2f}"


MINOR_FACTS = "  facts (other kinds, each under 1%)"


def _fold_minor_facts(results: list[SizeResult]) -> dict[str, dict[str, float]]:
    """Each size's steps, with fact kinds under 1% of the check at every size added up."""

    def total(r: SizeResult) -> float:
        return sum(v for k, v in r.steps.items() if not k.startswith(" "))

    facts = {k for r in results for k in r.steps if k.startswith("  facts ")}
    minor = {k for k in facts if all(r.steps.get(k, 0.0) < 0.01 * total(r) for r in results)}
    out: dict[str, dict[str, float]] = {}
    for r in results:
        steps = {k: v for k, v in r.steps.items() if k not in minor}
        if minor:
            steps[MINOR_FACTS] = sum(r.steps.get(k, 0.0) for k in minor)
        out[r.size] = steps
    return out


def _reporter_of(name: str) -> Callable[[SizeResult], float]:
    return lambda r: r.reporters[name]


def _para(text: str) -> str:
    """A paragraph wrapped to the repository's line length, with its newline."""
    return textwrap.fill(text, width=96, break_on_hyphens=False) + "\n"


def _table(out: io.StringIO, header: list[str], rows: list[list[str]]) -> None:
    out.write("| " + " | ".join(header) + " |\n")
    out.write("|---|" + "---:|" * (len(header) - 1) + "\n")
    for row in rows:
        out.write("| " + " | ".join(row) + " |\n")


def markdown(results: list[SizeResult], start: tuple[float, float, float] | None) -> str:
    """The figures as Markdown tables."""
    out = io.StringIO()
    w = out.write
    last = results[-1]
    # Growth is measured from the product's maximum up, where fixed costs no longer dominate.
    first = next((r for r in results[:-1] if r.size == "max"), results[0])
    ratio = last.bytes / first.bytes if len(results) > 1 else 1.0

    def k(pick: Callable[[SizeResult], float]) -> str:
        return _k(growth(pick(first), pick(last), ratio))

    def cli(value: float | None) -> str:
        return "-" if value is None else f"{value:,.0f}"

    w("Wall time, median of the runs (ms):\n\n")
    _table(
        out,
        [
            "size",
            "items",
            "MB",
            "floor (CSafeLoader)",
            "load_site (x floor)",
            "run_check (x floor)",
            "rule compilation",
            "findings (failed)",
            "CLI wall",
            "CLI wall, bytecode cached",
        ],
        [
            [
                r.size,
                r.label,
                f"{r.bytes / 1e6:.2f}",
                f"{r.floor.wall_ms:,.0f}",
                _x(r.load.wall_ms, r.floor.wall_ms),
                _x(r.check.wall_ms, r.floor.wall_ms),
                f"{r.rules.wall_ms:,.0f}",
                f"{r.findings:,} ({r.failed:,})",
                cli(r.cli_ms),
                cli(r.cli_pyc_ms),
            ]
            for r in results
        ],
    )
    if start is not None:
        w(
            "\n"
            + _para(
                f"Interpreter start: {start[0]:,.0f} ms bare; {start[1]:,.0f} ms with "
                f"`import readiness.cli, readiness.reporters` ({start[2]:,.0f} ms with bytecode "
                "cached)."
            )
        )
    w(
        "\n"
        + _para(
            "CPU time of this process (median, ms; robust to other load on the machine), and "
            "wall time with Python's cyclic garbage collector switched off for the timed call:"
        )
        + "\n"
    )
    rows = [
        [
            r.size,
            f"{r.compose.cpu_ms:,.0f}",
            f"{r.floor.cpu_ms:,.0f}",
            _x(r.load.cpu_ms, r.floor.cpu_ms),
            _x(r.check.cpu_ms, r.floor.cpu_ms),
            f"{r.floor_gc_off.wall_ms:,.0f}",
            _x(r.load_gc_off.wall_ms, r.floor_gc_off.wall_ms),
            _x(r.check_gc_off.wall_ms, r.floor_gc_off.wall_ms),
        ]
        for r in results
    ]
    if len(results) > 1:
        rows.append(
            [
                f"k, {first.size} to {last.size}",
                k(lambda r: r.compose.cpu_ms),
                k(lambda r: r.floor.cpu_ms),
                k(lambda r: r.load.cpu_ms),
                k(lambda r: r.check.cpu_ms),
                k(lambda r: r.floor_gc_off.wall_ms),
                k(lambda r: r.load_gc_off.wall_ms),
                k(lambda r: r.check_gc_off.wall_ms),
            ]
        )
    _table(
        out,
        [
            "size",
            "compose CPU",
            "floor CPU",
            "load_site CPU (x floor CPU)",
            "run_check CPU (x floor CPU)",
            "floor, GC off",
            "load_site, GC off (x floor, GC off)",
            "run_check, GC off (x floor, GC off)",
        ],
        rows,
    )
    folded = _fold_minor_facts(results)
    labels: list[str] = []
    for steps in folded.values():
        labels.extend(label for label in ordered_steps(steps) if label not in labels)
    heading = (
        "Per step, wall ms with the GC off (median of the instrumented runs; % of that size's"
        " instrumented check)"
    )
    if len(results) > 1:
        heading += f", and growth exponent k (time ~ size^k) from {first.size} to {last.size}"
    w("\n" + _para(heading + ":") + "\n")
    rows = []
    for label in labels:
        cells = []
        for r in results:
            total = sum(r.steps.get(x, 0.0) for x in labels if not x.startswith(" "))
            value = folded[r.size].get(label)
            cells.append("-" if value is None else f"{value:,.1f} ({100 * value / total:.0f}%)")
        name = "&nbsp;&nbsp;" + label.strip() if label.startswith(" ") else label
        row = [name, *cells]
        if len(results) > 1:
            row.append(
                _k(
                    growth(
                        folded[first.size].get(label, 0.0), folded[last.size].get(label, 0.0), ratio
                    )
                )
            )
        rows.append(row)
    header = ["step", *(r.size for r in results)] + (["k"] if len(results) > 1 else [])
    _table(out, header, rows)
    w("\nReporters, wall ms (and output MB):\n\n")
    rows = []
    for name in sorted(results[0].reporters):
        row = [name]
        row += [f"{r.reporters[name]:,.1f} ({r.report_bytes[name] / 1e6:.2f})" for r in results]
        if len(results) > 1:
            row.append(k(_reporter_of(name)))
        rows.append(row)
    _table(
        out, ["reporter", *(r.size for r in results)] + (["k"] if len(results) > 1 else []), rows
    )
    w("\nWhat the check produces:\n\n")
    rows = [
        [
            r.size,
            f"{r.findings:,}",
            f"{r.failed:,}",
            f"{r.evidence:,} of {r.evidence_total:,}",
            f"{r.impact_paths:,} of {r.impact_total:,}",
            r.verdict,
        ]
        for r in results
    ]
    _table(
        out,
        ["size", "findings", "failed", "evidence lines listed", "impact paths listed", "verdict"],
        rows,
    )
    return out.getvalue()


def profile(size: make_site.SiteSize, folder: Path, seed: int, top: int) -> str:
    """A cProfile of one `run_check` of a generated site, by own time and by cumulative time."""
    make_site.make_site(size, folder, seed=seed)
    request = CheckRequest(folder, AS_OF)
    run_check(request)
    profiler = cProfile.Profile()
    profiler.enable()
    run_check(request)
    profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


def _warm_sites(
    sizes: list[make_site.SiteSize], base: Path, seed: int, sizes_bytes: dict[str, int]
) -> Iterator[tuple[make_site.SiteSize, CheckRequest]]:
    """Each size's site, made and checked once (imports and caches are not the site's work),
    with its size in bytes noted."""
    for size in sizes:
        folder = base / size.name
        make_site.make_site(size, folder, seed=seed)
        sizes_bytes[size.name] = sum(p.stat().st_size for p in site_files(folder))
        request = CheckRequest(folder, AS_OF)
        run_check(request)
        yield size, request


def work(sizes: list[make_site.SiteSize], base: Path, seed: int) -> str:
    """The Python calls each step of a check and each reporter makes, by size, and k.

    Counting calls (and calls into C) measures the work itself, the same on any machine and
    under any load, so it tells linear steps from super-linear ones where timings on a busy
    machine cannot. Work done inside one C call (a set union, a sort) counts once.
    """
    global step_clock
    calls: dict[str, dict[str, float]] = {}
    sizes_bytes: dict[str, int] = {}
    count = [0]

    def counter(frame: Any, event: str, arg: Any) -> None:
        if event in ("call", "c_call"):
            count[0] += 1

    saved, step_clock = step_clock, lambda: count[0] / 1000
    try:
        for size, request in _warm_sites(sizes, base, seed, sizes_bytes):
            into: dict[str, float] = defaultdict(float)
            with instrumented(into, set()):
                sys.setprofile(counter)
                try:
                    run_check(request)
                finally:
                    sys.setprofile(None)
            inner = sum(v for k, v in into.items() if k.startswith(("  facts ", "  graph ")))
            into[RULES_LABEL] = into.get("evaluate_rules", 0.0) - inner
            result = run_check(request).result
            assert result is not None
            for name in sorted(SITE_FORMATS):
                render = reporter(name)
                render(result)
                start = count[0]
                sys.setprofile(counter)
                try:
                    render(result)
                finally:
                    sys.setprofile(None)
                into[f"reporter {name}"] = count[0] - start
            calls[size.name] = into
    finally:
        step_clock = saved
    first, last = sizes[0].name, sizes[-1].name
    ratio = sizes_bytes[last] / sizes_bytes[first]
    labels = ordered_steps(calls[last]) + sorted(k for k in calls[last] if k.startswith("reporter"))
    out = io.StringIO()
    rows = []
    for label in labels:
        a, b = calls[first].get(label, 0.0), calls[last].get(label, 0.0)
        k = math.log(b / a) / math.log(ratio) if a > 0 and b > 0 else float("nan")
        cells = [f"{calls[s.name].get(label, 0.0):,.0f}" for s in sizes]
        name = "&nbsp;&nbsp;" + label.strip() if label.startswith(" ") else label
        rows.append([name, *cells, _k(k)])
    _table(out, ["step", *(s.name for s in sizes), f"k, {first} to {last}"], rows)
    return out.getvalue()


def _fastest_cpu(fn: Callable[[], object], runs: int) -> float:
    """The least CPU time of `runs` runs of `fn` (ms), collector off, after a warm-up."""
    fn()
    fastest = math.inf
    for _ in range(runs):
        gc.collect()
        gc.disable()
        try:
            start = time.process_time()
            fn()
            fastest = min(fastest, (time.process_time() - start) * 1000)
        finally:
            gc.enable()
    return fastest


def cpu_steps(sizes: list[make_site.SiteSize], base: Path, seed: int, runs: int) -> str:
    """CPU time of the whole check, each step and each reporter: the fastest of `runs` runs,
    with the collector off.

    This process's CPU time, and the fastest run, are what other load on a shared machine
    moves least; the step breakdown of the main tables reads the wall clock.
    """
    global step_clock
    best: dict[str, dict[str, float]] = {}
    sizes_bytes: dict[str, int] = {}
    saved, step_clock = step_clock, time.process_time
    try:
        for size, request in _warm_sites(sizes, base, seed, sizes_bytes):
            fastest: dict[str, float] = defaultdict(lambda: math.inf)
            for _ in range(runs):
                into: dict[str, float] = defaultdict(float)
                gc.collect()
                gc.disable()
                try:
                    with instrumented(into, set()):
                        start = time.process_time()
                        run_check(request)
                        into["run_check"] = (time.process_time() - start) * 1000
                finally:
                    gc.enable()
                inner = sum(v for k, v in into.items() if k.startswith(("  facts ", "  graph ")))
                into[RULES_LABEL] = into.get("evaluate_rules", 0.0) - inner
                for label, value in into.items():
                    fastest[label] = min(fastest[label], value)
            result = run_check(request).result
            assert result is not None
            for name in sorted(SITE_FORMATS):
                render = reporter(name)
                fastest[f"reporter {name}"] = _fastest_cpu(functools.partial(render, result), runs)
            best[size.name] = fastest
            del result
    finally:
        step_clock = saved
    first, last = sizes[0].name, sizes[-1].name
    ratio = sizes_bytes[last] / sizes_bytes[first]
    labels = [
        "run_check",
        *ordered_steps(best[last]),
        *sorted(k for k in best[last] if k.startswith("reporter")),
    ]
    out = io.StringIO()
    rows = []
    for label in labels:
        values = [best[s.name].get(label, math.nan) for s in sizes]
        k = growth(values[0], values[-1], ratio)
        name = "&nbsp;&nbsp;" + label.strip() if label.startswith(" ") else label
        rows.append([name, *(f"{v:,.1f}" for v in values), _k(k)])
    _table(out, ["CPU ms, fastest run", *(s.name for s in sizes), f"k, {first} to {last}"], rows)
    return out.getvalue()


def machine() -> str:
    """CPU model and count, Python and PyYAML versions."""
    model = platform.processor() or "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"CPU: {model}, {os.cpu_count()} logical cores; Python {platform.python_version()} "
        f"({platform.python_implementation()}); PyYAML {yaml.__version__}, libyaml "
        f"{'yes' if yaml.__with_libyaml__ else 'no'}"
    )


def revision() -> str:
    """The checkout's commit, marked `+changes` when files differ from it; `unknown` outside git."""
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        status = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{commit}+changes" if status else commit


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(make_site.GROWTH_SIZES),
        help=f"comma-separated sizes (default: {','.join(make_site.GROWTH_SIZES)})",
    )
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (default 5)")
    parser.add_argument(
        "--cli-sizes", default="small,max", help="sizes to time the command line on"
    )
    parser.add_argument("--seed", type=int, default=7, help="seed for make_site (default 7)")
    parser.add_argument("--sites", type=Path, help="keep the generated sites in this folder")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--profile", metavar="SIZE", help="print a cProfile of one check")
    parser.add_argument("--top", type=int, default=30, help="rows of the profile (default 30)")
    parser.add_argument(
        "--work", action="store_true", help="count the Python calls of each step and reporter"
    )
    parser.add_argument(
        "--cpu",
        action="store_true",
        help="CPU time of each step and reporter, fastest run, collector off",
    )
    parser.add_argument("--revision", help="the readiness commit measured (default: asked of git)")
    parser.add_argument(
        "--programme", action="store_true", help="measure whole commands (programme.py) instead"
    )
    parser.add_argument(
        "--programme-sites", default="50,200", help="site counts compared (default 50,200)"
    )
    parser.add_argument(
        "--compare-runs", type=int, default=1, help="runs of each compare (default 1)"
    )
    parser.add_argument(
        "--programme-profile",
        action="store_true",
        help="print a cProfile of one programme-sized site as a compare worker checks it",
    )
    args = parser.parse_args(argv)
    if args.programme_profile:
        import programme

        print(programme.site_profile(args.top))
        return 0
    if args.programme:
        return programme_main(args)
    if not yaml.__with_libyaml__:
        print("warning: PyYAML has no libyaml; the floor is not the C loader", file=sys.stderr)
    with contextlib.ExitStack() as stack:
        base = args.sites or Path(stack.enter_context(tempfile.TemporaryDirectory()))
        if args.profile:
            size = make_site.parse_size(args.profile)
            print(profile(size, base / size.name, args.seed, args.top))
            return 0
        if args.work or args.cpu:
            sizes = [make_site.parse_size(name) for name in args.sizes.split(",")]
            print(machine(), file=sys.stderr)
            load = os.getloadavg()[0]
            text = (
                cpu_steps(sizes, base, args.seed, args.runs)
                if args.cpu
                else work(sizes, base, args.seed)
            )
            after = os.getloadavg()[0]
            measured = args.revision or revision()
            print(
                f"readiness {measured}; {machine()}; load average {load:.2f}, after {after:.2f}\n"
            )
            print(text)
            return 0
        print(machine(), file=sys.stderr)
        load_before = os.getloadavg()
        cli_sizes = set(args.cli_sizes.split(",")) if args.cli_sizes else set()
        results = []
        for name in args.sizes.split(","):
            size = make_site.parse_size(name)
            print(f"measuring {size.name} ({size.label()})...", file=sys.stderr)
            results.append(
                measure(size, base / size.name, args.runs, size.name in cli_sizes, args.seed)
            )
        start = python_start_ms(args.runs, base / "pycache") if cli_sizes else None
    load_note = f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f}"
    measured = args.revision or revision()
    print(f"readiness {measured}, as of {AS_OF.isoformat()}, {args.runs} runs per figure.\n")
    print(f"{machine()}; {load_note}\n")
    print(markdown(results, start))
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "revision": measured,
                    "machine": machine(),
                    "load_average": [load_before[0], os.getloadavg()[0]],
                    "as_of": AS_OF.isoformat(),
                    "runs": args.runs,
                    "interpreter_start_ms": start,
                    "sizes": [asdict(r) for r in results],
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


def programme_main(args: argparse.Namespace) -> int:
    """`--programme`: the table of whole commands, with the machine, commit and load."""
    import programme

    load_before = os.getloadavg()[0]
    counts = [int(n) for n in args.programme_sites.split(",")]
    table = programme.main(counts, args.runs, args.compare_runs, args.sites)
    load = f"load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f}"
    print(f"readiness {args.revision or revision()}, as of {programme.AS_OF.isoformat()}, ", end="")
    print(f"{args.runs} runs per command, {args.compare_runs} per compare.\n")
    print(f"{machine()}; {load}\n")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
