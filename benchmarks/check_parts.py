"""Where a fresh `readiness check --html` of one site spends its CPU time.

Each round runs three new processes one after the other: the parse floor (the site's files read
with PyYAML's C loader), the command itself, and a probe that does what the command does in
the same order, timing each part as it goes (imports, the rule files, the check, the HTML
report). The figures are medians over `--runs` rounds, so the floor, the command and its parts
come from the same minutes of the machine.

    python benchmarks/check_parts.py SITE [--as-of 2027-01-20] [--runs 9]
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

FLOOR = (
    "import sys, yaml\n"
    "for name in sys.argv[1:]:\n"
    "    with open(name, encoding='utf-8') as f:\n"
    "        yaml.load(f.read(), Loader=yaml.CSafeLoader)\n"
)
# The command's steps, timed in CPU seconds as a fresh process makes them.
PROBE = """
import json, sys, time
clock = time.process_time
marks = {"start": clock()}
from readiness.collector import tune_collector
tune_collector()
import datetime as dt
from pathlib import Path
import readiness.cli, readiness.commands.check
from readiness.pipeline.check import Rulebooks, run_check
from readiness.pipeline.request import CheckRequest
from readiness.pipeline.site import load_site
from readiness.reporters import reporter
from readiness.resources import rules_dir
from readiness.rule_loader import load_rule_folders
marks["imports"] = clock()
load_rule_folders([rules_dir()])
marks["rule files"] = clock()
request = CheckRequest(Path(sys.argv[1]), dt.date.fromisoformat(sys.argv[2]))
result = run_check(request, Rulebooks()).result
marks["check"] = clock()
reporter("html")(result)
marks["html"] = clock()
rulebooks = Rulebooks()
run_check(request, rulebooks)
again = clock()
load_site(request.site)
loaded = clock()
run_check(request, rulebooks)
checked = clock()
marks["warm: loading the site"] = loaded - again
marks["warm: the check, rules compiled"] = checked - loaded
marks["end"] = clock()
print(json.dumps(marks))
"""


def _cpu(args: list[str]) -> tuple[float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, done.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("site", type=Path, help="the site folder")
    parser.add_argument("--as-of", default="2027-01-20", help="the as-of date (default 2027-01-20)")
    parser.add_argument("--runs", type=int, default=9, help="rounds (default 9)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    files = [str(p) for p in sorted(site.glob("*.yaml"))]
    command = ["-m", "readiness", "check", str(site), "--as-of", args.as_of, "--no-cache"]
    floors, wholes, parts = [], [], []
    for _ in range(args.runs):
        floors.append(_cpu(["-c", FLOOR, *files])[0])
        wholes.append(_cpu([*command, "--html", "/dev/null"])[0])
        total, out = _cpu(["-c", PROBE, str(site), args.as_of])
        marks = json.loads(out)
        steps = ["start", "imports", "rule files", "check", "html"]
        # Starting and stopping Python: what the process spent outside the timed span.
        part = {"the interpreter": total - (marks["end"] - marks["start"])}
        part.update(
            {later: marks[later] - marks[earlier] for earlier, later in itertools.pairwise(steps)}
        )
        part["warm: loading the site"] = marks["warm: loading the site"]
        part["warm: the check, rules compiled"] = marks["warm: the check, rules compiled"]
        parts.append(part)
    floor = statistics.median(floors)
    whole = statistics.median(wholes)
    print(
        f"floor process {1000 * floor:.0f} ms; command {1000 * whole:.0f} ms CPU "
        f"({whole / floor:.1f}x), medians of {args.runs} rounds\n"
    )
    print("| part | CPU ms | against the floor |\n|---|---:|---:|")
    for name in parts[0]:
        ms = statistics.median(p[name] for p in parts)
        print(f"| {name} | {1000 * ms:.0f} | {ms / floor:.1f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
