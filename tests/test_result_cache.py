"""The result cache, from the command line: a rerun with nothing changed reads every site back
and writes byte-identical outputs; a change to any input recomputes the sites it touches; a
damaged or foreign entry is never trusted, and is written again."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import multiprocessing
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import readiness
import readiness.pipeline.check
from readiness.model import SiteModel
from readiness.pipeline.cached import check_cached
from readiness.pipeline.portfolio import run_portfolio
from readiness.pipeline.request import CheckRequest
from readiness.result_cache import ResultCache
from readiness.site_files import SiteSource
from readiness.site_summary import SiteSummary, summarise
from tests.helpers import FIXTURES, REPO, CliRun, run_cli
from tests.reporters.report_sample import make_result

AS_OF = "2027-02-20"
# CS-SUPPLIER fails for the mini site's e-prescribing system; the CSO may waive it.
WAIVED = """\
  - rule: CS-SUPPLIER
    target: epma
    justification: Supplier's DCB0129 case due before go-live.
    approved_by: {name: Dr Priya Raman, role: cso}
    approved_on: 2026-11-01
    expires: 2027-03-15
"""
CONFIG = """\
thresholds:
  TR-COMPLETE: {min_percent: 85}
waiver_authority:
  blocker:
    clinical-safety: [cso, sro]
"""


@dataclass(frozen=True)
class Programme:
    """Two small sites with a configuration beside them, a rule folder and a cache folder."""

    root: Path
    rules: Path
    cache: Path

    @property
    def sites(self) -> tuple[Path, Path]:
        return (self.root / "mini-a", self.root / "mini-b")

    def args(self, *extra: str) -> tuple[str, ...]:
        rules = ("--rules", str(self.rules), "--ignore", "GV-DATED-EVIDENCE")
        return (*rules, "--cache-dir", str(self.cache), *extra)

    def entries(self) -> list[Path]:
        return sorted(self.cache.rglob("*/*.json"))


@pytest.fixture
def programme(tmp_path: Path) -> Programme:
    root = tmp_path / "programme"
    for name in ("mini-a", "mini-b"):
        site = root / name
        shutil.copytree(FIXTURES / "mini_site", site)
        text = (site / "site.yaml").read_text(encoding="utf-8")
        (site / "site.yaml").write_text(text.replace("id: mini", f"id: {name}", 1), "utf-8")
    # A waived blocker, a setting changed and a hidden file skipped: all in the outputs.
    with (root / "mini-a" / "waivers.yaml").open("a", encoding="utf-8") as waivers:
        waivers.write(WAIVED)
    (root / "mini-a" / ".draft.yaml").write_text("site: {}\n", encoding="utf-8")
    (root / "readiness.yaml").write_text(CONFIG, encoding="utf-8")
    shutil.copytree(FIXTURES / "user_rules", tmp_path / "rules")
    return Programme(root, tmp_path / "rules", tmp_path / "cache")


@pytest.fixture
def evaluated(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The ids of the sites each in-process run builds a model of, i.e. evaluates afresh."""
    built: list[str] = []
    build = readiness.pipeline.check.build_model

    def counting(source: SiteSource) -> SiteModel:
        model = build(source)
        built.append(model.site.id)
        return model

    monkeypatch.setattr(readiness.pipeline.check, "build_model", counting)
    yield built


def _outputs(done: CliRun, folder: Path) -> dict[str, bytes]:
    files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
    return {"stdout": done.stdout.encode(), "stderr": done.stderr.encode(), **files}


def _check(programme: Programme, out: Path, stdout_format: str, *extra: str) -> dict[str, bytes]:
    out.mkdir()
    reports = [f"--{name}={out / name}" for name in ("json", "html", "junit", "sarif", "markdown")]
    args = ("check", str(programme.sites[0]), "--as-of", AS_OF, *reports, *extra)
    done = run_cli(*args, "--format", stdout_format, *programme.args())
    assert done.returncode in (0, 1), done.stderr
    return _outputs(done, out)


def _compare(programme: Programme, out: Path, *extra: str) -> dict[str, bytes]:
    out.mkdir()
    reports = (f"--json={out / 'p.json'}", f"--html={out / 'p.html'}")
    sites = map(str, programme.sites)
    done = run_cli("compare", *sites, "--as-of", AS_OF, "--jobs", "1", *reports, *extra)
    assert done.returncode == 0, done.stderr
    return _outputs(done, out)


@pytest.mark.parametrize("stdout_format", ["text", "github", "json"])
def test_a_warm_check_reads_the_result_back_and_writes_identical_outputs(
    programme: Programme, evaluated: list[str], tmp_path: Path, stdout_format: str
) -> None:
    cold = _check(programme, tmp_path / "cold", stdout_format)
    assert evaluated == ["mini-a"]
    assert b"waived" in cold["json"]
    assert b".draft.yaml: hidden" in cold["stderr"]
    assert b"min_percent" in cold["stderr"]  # the setting changed is said on standard error
    warm = _check(programme, tmp_path / "warm", stdout_format)
    assert evaluated == ["mini-a"]  # nothing evaluated the second time
    assert warm == cold


def test_a_warm_compare_reads_every_site_back_and_writes_identical_outputs(
    programme: Programme, evaluated: list[str], tmp_path: Path
) -> None:
    cold = _compare(programme, tmp_path / "cold", *programme.args())
    assert sorted(evaluated) == ["mini-a", "mini-b"]
    warm = _compare(programme, tmp_path / "warm", *programme.args())
    assert sorted(evaluated) == ["mini-a", "mini-b"]
    assert warm == cold


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _change(programme: Programme, monkeypatch: pytest.MonkeyPatch, what: str) -> tuple[str, ...]:
    """Change one input; the extra arguments the next runs take."""
    if what == "site file":
        _edit(programme.sites[1] / "staff.yaml", "trained: 28", "trained: 40")
    elif what == "rule":
        _edit(programme.rules / "local.yaml", "max_headcount: 30", "max_headcount: 5")
    elif what == "config":
        _edit(programme.root / "readiness.yaml", "min_percent: 85", "min_percent: 65")
    elif what == "version":
        monkeypatch.setattr(readiness, "__version__", readiness.__version__ + ".post1")
    elif what == "as-of":
        return ("--as-of", "2027-02-21")
    return ()


@pytest.mark.parametrize(
    ("what", "recomputed"),
    [
        ("site file", ["mini-b"]),
        ("rule", ["mini-a", "mini-b"]),
        ("config", ["mini-a", "mini-b"]),
        ("as-of", ["mini-a", "mini-b"]),
        ("version", ["mini-a", "mini-b"]),
    ],
)
def test_a_change_recomputes_the_sites_it_touches_and_only_those(
    programme: Programme,
    evaluated: list[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    what: str,
    recomputed: list[str],
) -> None:
    before = _compare(programme, tmp_path / "before", *programme.args())
    evaluated.clear()
    extra = _change(programme, monkeypatch, what)
    after = _compare(programme, tmp_path / "after", *programme.args(*extra))
    assert sorted(evaluated) == recomputed
    # What was recomputed is what a run without the cache gives, and it shows the change.
    evaluated.clear()
    afresh = _compare(programme, tmp_path / "afresh", *programme.args(*extra, "--no-cache"))
    assert sorted(evaluated) == ["mini-a", "mini-b"]
    assert after == afresh
    if what != "version":
        assert after["p.json"] != before["p.json"]


def _damage(entry: Path, how: str) -> None:
    blob = entry.read_bytes()
    head, _, body = blob.partition(b"\n")
    header = json.loads(head)
    if how == "corrupt":  # one byte of the result changed: still valid JSON, wrong hash
        body = body.replace(b'"NO-GO"', b'"GO"', 1)
    elif how == "truncated":
        body = body[: len(body) // 2]
    elif how == "empty":
        head = body = b""
    elif how == "another key":
        header["key"] = "0" * 64
    elif how == "another version":
        header["schema"] = 0
    elif how == "another type":
        header["type"] = "Result"
    elif how == "another shape":  # hash and header right, content not a summary
        body = json.dumps({"site_id": "mini-a", "verdict": "GO"}).encode()
        header["sha256"] = hashlib.sha256(body).hexdigest()
    if how not in ("empty",):
        head = json.dumps(header).encode()
    entry.write_bytes(head + b"\n" + body if head else b"")


def test_a_corrupt_and_a_truncated_entry_are_recomputed_and_repaired(
    programme: Programme, evaluated: list[str], tmp_path: Path
) -> None:
    cold = _compare(programme, tmp_path / "cold", *programme.args())
    first, second = programme.entries()
    _damage(first, "corrupt")
    _damage(second, "truncated")
    evaluated.clear()
    repaired = _compare(programme, tmp_path / "repaired", *programme.args())
    assert sorted(evaluated) == ["mini-a", "mini-b"]
    assert repaired == cold
    evaluated.clear()
    again = _compare(programme, tmp_path / "again", *programme.args())
    assert evaluated == []  # both entries were written again, whole
    assert again == cold


@pytest.mark.parametrize(
    "how", ["empty", "another key", "another version", "another type", "another shape"]
)
def test_an_entry_that_is_not_this_sites_is_never_trusted(
    programme: Programme, evaluated: list[str], tmp_path: Path, how: str
) -> None:
    cold = _compare(programme, tmp_path / "cold", *programme.args())
    for entry in programme.entries():
        _damage(entry, how)
    evaluated.clear()
    assert _compare(programme, tmp_path / "rerun", *programme.args()) == cold
    assert sorted(evaluated) == ["mini-a", "mini-b"]


def test_no_cache_neither_reads_nor_writes(
    programme: Programme, evaluated: list[str], tmp_path: Path
) -> None:
    _compare(programme, tmp_path / "kept", *programme.args())
    kept = {path: path.read_bytes() for path in programme.entries()}
    evaluated.clear()
    _compare(programme, tmp_path / "afresh", *programme.args("--no-cache"))
    assert sorted(evaluated) == ["mini-a", "mini-b"]
    assert {path: path.read_bytes() for path in programme.entries()} == kept


def test_by_default_results_are_kept_in_xdg_cache_home(
    programme: Programme, evaluated: list[str], tmp_path: Path
) -> None:
    # conftest points XDG_CACHE_HOME at a folder of this test's own.
    default = Path(os.environ["XDG_CACHE_HOME"]) / "readiness"
    site = str(programme.sites[1])
    for _ in range(2):
        assert run_cli("check", site, "--as-of", AS_OF).returncode == 1
    assert evaluated == ["mini-b"]
    assert len(list(default.rglob("*/*.json"))) == 1
    assert (default / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172")


def test_a_warm_check_still_refuses_to_write_a_report_over_a_site_file(
    programme: Programme, tmp_path: Path
) -> None:
    site = programme.sites[0]
    assert run_cli("check", str(site), "--as-of", AS_OF, *programme.args()).returncode == 1
    before = (site / "site.yaml").read_bytes()
    target = str(site / "site.yaml")
    done = run_cli("check", str(site), "--as-of", AS_OF, "--json", target, *programme.args())
    assert done.returncode == 2
    assert (site / "site.yaml").read_bytes() == before


def test_two_processes_filling_one_cache_at_once_leave_it_whole(
    programme: Programme, evaluated: list[str], tmp_path: Path
) -> None:
    args = [*map(str, programme.sites), "--as-of", AS_OF, "--format", "json", "--jobs", "1"]
    command = [sys.executable, "-m", "readiness", "compare", *args, *programme.args()]
    env = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}
    both = [
        subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in both]
    assert [process.returncode for process in both] == [0, 0]
    assert outputs[0] == outputs[1]
    done = run_cli("compare", *args, *programme.args())
    assert evaluated == []  # read back from what the two processes wrote
    assert done.stdout == outputs[0]


def _values() -> tuple[SiteSummary, SiteSummary]:
    return summarise(make_result()), summarise(make_result(verdict="CONDITIONAL"))


def _write_and_read(folder: str, which: int, rounds: int) -> list[str]:
    """Write one of two values under one key while reading it back; what each read found."""
    cache = ResultCache(Path(folder))
    values = _values()
    seen = []
    for _ in range(rounds):
        cache.write("slot", "key", values[which])
        found = cache.read("slot", "key", SiteSummary)
        seen.append("none" if found is None else str(values.index(found)))
    return seen


def test_two_processes_writing_one_entry_at_once_never_leave_half_of_one(tmp_path: Path) -> None:
    with multiprocessing.get_context("fork").Pool(2) as pool:
        runs = [pool.apply_async(_write_and_read, (str(tmp_path), n, 150)) for n in (0, 1)]
        seen = [run.get(timeout=120) for run in runs]
    # Each read finds one of the two values whole: a rename replaces the file in one step, so
    # that a reader never meets a file half written (which it would refuse, and miss).
    assert {found for reads in seen for found in reads} <= {"0", "1"}
    assert ResultCache(tmp_path).read("slot", "key", SiteSummary) in _values()
    assert [p.name for p in (tmp_path / "v1" / "slot").iterdir()] == ["key.json"]


@pytest.mark.parametrize("command", ["check", "compare"])
def test_a_warm_run_in_a_new_process_loads_neither_the_rule_engine_nor_networkx(
    programme: Programme, command: str
) -> None:
    sites = programme.sites[1:] if command == "check" else programme.sites
    args = [command, *map(str, sites), "--as-of", AS_OF, *programme.args()]
    script = (
        "import contextlib, io, json, sys, readiness.cli\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = readiness.cli.main({args!r})\n"
        "print(json.dumps([code, sorted({m.split('.')[0] for m in sys.modules})]))\n"
    )
    loaded = []
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", script],
            cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)},
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        )
        code, modules = json.loads(done.stdout.splitlines()[-1])
        assert code == (1 if command == "check" else 0), done.stderr
        loaded.append({"rule_engine", "networkx"} & set(modules))
    assert loaded == [{"rule_engine", "networkx"}, set()]


def test_a_run_read_back_reads_the_same_files_as_one_computed(programme: Programme) -> None:
    # What a run read decides which paths a report may not overwrite, and what is skipped.
    request = CheckRequest(
        programme.sites[0], dt.date.fromisoformat(AS_OF), rule_dirs=(programme.rules,)
    )
    cold = check_cached(request, programme.cache)
    warm = check_cached(request, programme.cache)
    assert cold.result is not None
    assert warm.result == cold.result
    assert warm.result is not cold.result  # read back, not the same object
    assert (warm.inputs, warm.config, warm.skipped) == (cold.inputs, cold.config, cold.skipped)
    assert programme.root / "readiness.yaml" in warm.inputs
    assert programme.rules / "local.yaml" in warm.inputs


def test_a_portfolio_that_needs_whole_results_reads_them_back_too(
    programme: Programme, evaluated: list[str]
) -> None:
    # A portfolio with a report per site needs each site's whole result, not its summary.
    def request(site: Path) -> CheckRequest:
        return CheckRequest(site, dt.date.fromisoformat(AS_OF), rule_dirs=(programme.rules,))

    runs = [
        run_portfolio(list(programme.sites), request, 1, cache=programme.cache, full=True)
        for _ in range(2)
    ]
    assert sorted(evaluated) == ["mini-a", "mini-b"]  # the second run read both back
    cold, warm = runs
    assert [r.site_id for r in cold.results] == ["mini-a", "mini-b"]
    assert warm.results == cold.results
    assert warm.portfolio == cold.portfolio
    summaries = run_portfolio(list(programme.sites), request, 1, cache=programme.cache)
    assert summaries.portfolio == cold.portfolio
    assert summaries.results == ()
