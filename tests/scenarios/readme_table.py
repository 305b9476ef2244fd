"""The scenario table of README.md, built from the scenario files.

`python -m tests.scenarios.readme_table` rewrites the table below its header row; the prose
above it is kept as written. A test requires the committed table to match the files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
HEADER = (
    "| scenario | change | expected verdict | failing rules | why | notes |\n"
    "|---|---|---|---|---|---|\n"
)


def _cell(text: object) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def row(path: Path, scenario: dict[str, Any]) -> str:
    """One table row for one scenario file."""
    expect = scenario["expect"]
    if "exit" in expect:
        verdict = f"exit {expect['exit']}"
    else:
        verdict = expect["verdict"] + (" (partial)" if expect.get("partial") else "")
    failing = ", ".join(expect.get("failing") or []) or "none"
    if expect.get("cleared"):
        failing += "; cleared: " + ", ".join(expect["cleared"])
    note = scenario.get("note", "")
    if scenario.get("xfail_reason"):
        note = "**xfail**: " + scenario["xfail_reason"]
    base = "" if scenario["base"] == "riverside-community" else " (Northgate)"
    cells = [
        f"[{path.stem}]({path.name}){base}",
        _cell(scenario["summary"]),
        verdict,
        _cell(failing),
        _cell(expect["why"]),
        _cell(note),
    ]
    return "| " + " | ".join(cells) + " |"


def table() -> str:
    """The header and one row per scenario file, in file order."""
    rows = [
        row(path, yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted(HERE.glob("*.yaml"))
    ]
    return HEADER + "\n".join(rows) + "\n"


def written_table() -> str:
    """The table as README.md has it now."""
    text = README.read_text(encoding="utf-8")
    return text[text.index(HEADER) :]


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(text[: text.index(HEADER)] + table(), encoding="utf-8")
