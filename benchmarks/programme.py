"""The programme's measurements: whole commands as new processes, each beside its floor.

`python benchmarks/run.py --programme` runs these (see docs/benchmarks.md, "A national
programme"). Every figure is the wall time of a new process, median of its runs, with the
children's CPU time beside it (robust to other load on the machine); every floor is measured
in the same run:

- `readiness --help`, against `python -c "import yaml"`;
- `readiness validate sample_sites/northgate-general` (the pre-commit hook), against reading
  and parsing its files with PyYAML's C loader in a new process;
- `readiness check SITE --html F --no-cache` of a large site (make_site `156,240,80,40`,
  0.7 MB), against the same parse floor of its files;
- `readiness compare` of 50 and of 200 sites (make_site `programme`, 0.25 MB each, a seed
  and id per site), cold (an empty cache folder) and warm (the same command again, nothing
  changed), against reading and parsing every file of the sites in one new process;
- the peak memory of the cold `compare` of the most sites: the resident memory of the
  process and its workers added up, sampled every 20 ms.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import make_site

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2026, 11, 25)
PROGRAMME_SITE = "programme"  # 0.25 MB: 200 of them make the 50 MB of the table
LARGE_SITE = "156,240,80,40"  # 0.7 MB, 156 systems and 240 interfaces
NORTHGATE = ROOT / "sample_sites" / "northgate-general"
PARSE = (
    "import sys, yaml\n"
    "for name in sys.stdin.read().split('\\n'):\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)


@dataclass
class Figure:
    """One command: median wall and CPU seconds of its runs, and its peak memory if sampled."""

    wall: float
    cpu: float
    runs: int
    peak_mb: float | None = None


@dataclass
class Row:
    """One line of the programme table: the work, its figure, its floor and its target."""

    work: str
    figure: Figure
    floor: str
    floor_figure: Figure | None
    target: str
    limit_ratio: float | None = None  # the target as a multiple of the floor
    limit_seconds: float | None = None

    @property
    def ratio(self) -> float | None:
        """The figure over its floor."""
        if self.floor_figure is None:
            return None
        return self.figure.wall / self.floor_figure.wall

    @property
    def met(self) -> bool:
        """Whether every limit of the target holds."""
        ok = self.limit_seconds is None or self.figure.wall <= self.limit_seconds
        if self.limit_ratio is not None:
            ok = ok and self.ratio is not None and self.ratio <= self.limit_ratio
        return ok


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _tree_rss_mb(pid: int) -> float:
    """The resident memory of a process and all its descendants, in MB (Linux /proc)."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            tasks = list(Path(f"/proc/{current}/task").iterdir())
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
        for task in tasks:
            try:
                todo.extend(int(c) for c in (task / "children").read_text().split())
            except OSError:
                continue
    return total / 1024


def run_once(
    command: Sequence[str], stdin: str = "", sample: bool = False
) -> tuple[float, float, float | None]:
    """Wall and CPU seconds of one run of the command (and its peak memory if `sample`)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    cpu_before = _children_cpu()
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    peak = [0.0]
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.02):
            peak[0] = max(peak[0], _tree_rss_mb(process.pid))

    watcher = threading.Thread(target=watch)
    if sample:
        watcher.start()
    _, errors = process.communicate(stdin)
    wall = time.perf_counter() - start
    done.set()
    if sample:
        watcher.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} exited {process.returncode}: {errors[-2000:]}")
    return wall, _children_cpu() - cpu_before, peak[0] if sample else None


def measure(
    command: Sequence[str], runs: int, stdin: str = "", sample: bool = False, before: str = ""
) -> Figure:
    """The median of `runs` runs after one warm-up run (no warm-up when `before` says why)."""
    if not before:
        run_once(command, stdin)
    results = [run_once(command, stdin, sample) for _ in range(runs)]
    peaks = [p for _, _, p in results if p is not None]
    return Figure(
        wall=statistics.median(r[0] for r in results),
        cpu=statistics.median(r[1] for r in results),
        runs=runs,
        peak_mb=max(peaks) if peaks else None,
    )


def readiness(*args: str) -> list[str]:
    """`python -m readiness ARGS` as a command."""
    return [sys.executable, "-m", "readiness", *args]


def parse_floor(files: Sequence[Path], runs: int) -> Figure:
    """Reading and parsing the files with PyYAML's C loader in one new process."""
    return measure([sys.executable, "-c", PARSE], runs, "\n".join(map(str, files)))


def yaml_files(sites: Sequence[Path]) -> list[Path]:
    """Every YAML file of the sites, in order."""
    return [path for site in sites for path in sorted(site.glob("*.yaml"))]


def make_programme(folder: Path, count: int) -> list[Path]:
    """`count` programme-sized sites, each with its own seed and id."""
    size = make_site.parse_size(PROGRAMME_SITE)
    sites = []
    for number in range(1, count + 1):
        site = folder / f"site-{number:03d}"
        make_site.make_site(size, site, seed=number, site_id=f"site-{number:03d}")
        sites.append(site)
    return sites


def compare_rows(sites: list[Path], counts: list[int], runs: int, work: Path) -> list[Row]:
    """Cold and warm `compare` of the first `count` sites for each count, and the memory."""
    rows = []
    for count in counts:
        chosen = sites[:count]
        megabytes = sum(p.stat().st_size for p in yaml_files(chosen)) / 1e6
        floor = parse_floor(yaml_files(chosen), runs)
        colds, warms = [], []
        for attempt in range(runs):
            cache = work / f"cache-{count}-{attempt}"
            shutil.rmtree(cache, ignore_errors=True)  # cold: nothing kept from an earlier run
            args = readiness("compare", *map(str, chosen), "--as-of", AS_OF.isoformat())
            args += ["--cache-dir", str(cache)]
            colds.append(measure(args, 1, sample=count == max(counts), before="cache empty"))
            warms.append(measure(args, 1, before="cache filled by the cold run"))
        cold, warm = _median(colds), _median(warms)
        label = f"`compare` of {count} sites ({megabytes:.0f} MB)"
        floor_name = f"CSafeLoader parse of all {count} sites' files, one process"
        rows.append(Row(f"{label}, cold", cold, floor_name, floor, "<= 1.5x", 1.5))
        rows.append(
            Row(f"{label}, rerun, nothing changed", warm, floor_name, floor, "<= 0.2x", 0.2)
        )
        if count == max(counts):
            peak = Figure(cold.peak_mb or 0.0, cold.cpu, cold.runs, cold.peak_mb)
            rows.append(Row(f"peak memory, {count} sites (MB)", peak, "", None, "<= 1 GB"))
    return rows


def _median(figures: list[Figure]) -> Figure:
    peaks = [f.peak_mb for f in figures if f.peak_mb is not None]
    return Figure(
        statistics.median(f.wall for f in figures),
        statistics.median(f.cpu for f in figures),
        len(figures),
        max(peaks) if peaks else None,
    )


def programme_rows(counts: list[int], runs: int, compare_runs: int, work: Path) -> list[Row]:
    """Every row of the programme table."""
    import_yaml = measure([sys.executable, "-c", "import yaml"], runs)
    rows = [
        Row(
            "`readiness --help`",
            measure(readiness("--help"), runs),
            '`python -c "import yaml"`',
            import_yaml,
            "<= 0.15 s",
            limit_seconds=0.15,
        ),
        Row(
            "`readiness validate` of northgate (the pre-commit hook)",
            measure(readiness("validate", str(NORTHGATE)), runs),
            "CSafeLoader parse of its files, new process",
            parse_floor(yaml_files([NORTHGATE]), runs),
            "<= 0.25 s",
            limit_seconds=0.25,
        ),
    ]
    large = work / "large"
    make_site.make_site(make_site.parse_size(LARGE_SITE), large, site_id="large")
    report = work / "large.html"
    check = readiness("check", str(large), "--as-of", AS_OF.isoformat(), "--html", str(report))
    megabytes = sum(p.stat().st_size for p in yaml_files([large])) / 1e6
    rows.append(
        Row(
            f"`check --html` of a {megabytes:.1f} MB site (156 systems, 240 interfaces), "
            "new process, no cache",
            measure([*check, "--no-cache"], runs),
            "CSafeLoader parse of its files, new process",
            parse_floor(yaml_files([large]), runs),
            "<= 2.5x and <= 0.6 s",
            2.5,
            0.6,
        )
    )
    sites = make_programme(work / "programme", max(counts))
    rows.extend(compare_rows(sites, counts, compare_runs, work))
    return rows


def _seconds(figure: Figure) -> str:
    return f"{figure.wall:.2f} s (CPU {figure.cpu:.2f} s)"


def markdown(rows: list[Row]) -> str:
    """The table of the issue, measured: wall time, and CPU time of every process beside it
    (on a shared machine the CPU ratio is the steadier one; with two workers a compare's wall
    time on an idle machine is about half its CPU time)."""
    lines = [
        "| work | now: wall (CPU) | floor it is measured against: wall (CPU) "
        "| ratio: wall (CPU) | target | met (wall) |",
        "|---|---:|---|---:|---|---|",
    ]
    for row in rows:
        if row.work.startswith("peak memory"):
            now = f"{row.figure.wall:,.0f} MB"
            met = "yes" if row.figure.wall <= 1024 else "no"
        else:
            now = _seconds(row.figure)
            met = "yes" if row.met else "no"
        floor = "" if row.floor_figure is None else f"{row.floor}, {_seconds(row.floor_figure)}"
        ratio = ""
        if row.floor_figure is not None:
            cpu = row.figure.cpu / row.floor_figure.cpu
            ratio = f"{row.figure.wall / row.floor_figure.wall:.2f}x ({cpu:.2f}x)"
        lines.append(f"| {row.work} | {now} | {floor} | {ratio} | {row.target} | {met} |")
    return "\n".join(lines) + "\n"


def main(counts: list[int], runs: int, compare_runs: int, keep: Path | None) -> str:
    """Measure every row; the Markdown table (and the raw figures as JSON after it)."""
    with tempfile.TemporaryDirectory() as temporary:
        work = keep or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        rows = programme_rows(counts, runs, compare_runs, work)
    raw = json.dumps([{**asdict(r), "ratio": r.ratio} for r in rows], indent=2)
    return markdown(rows) + "\n```json\n" + raw + "\n```\n"


def site_profile(top: int) -> str:
    """A cProfile of what a `compare` worker does for one programme-sized site once the rules
    are compiled: check it, summarise it, and keep the summary in a cache folder."""
    import cProfile
    import io
    import pstats

    from readiness.pipeline.cached import Keys
    from readiness.pipeline.check import Rulebooks
    from readiness.pipeline.request import CheckRequest
    from readiness.pipeline.sites import _Task
    from readiness.result_cache import ResultCache
    from readiness.site_summary import SiteSummary

    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        sites = make_programme(work, 2)
        keys, rulebooks, cache = Keys(), Rulebooks(), ResultCache(work / "cache")

        def task(site: Path) -> _Task:
            request = CheckRequest(site, AS_OF)
            return _Task(request, cache, keys.key(request, SiteSummary))

        task(sites[0]).run(keys, rulebooks)  # compiles the rules, as a worker's first site does
        profiler = cProfile.Profile()
        second = task(sites[1])
        profiler.enable()
        second.run(keys, rulebooks)
        profiler.disable()
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()
