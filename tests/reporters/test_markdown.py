"""Markdown: verdict heading, tables that user text cannot break, no HTML from user text."""

from __future__ import annotations

import re

import pytest

from readiness.reporters import markdown
from readiness.result import Result


def test_sections(result: Result) -> None:
    out = markdown.render(result)
    assert out.startswith("## 🔴 NO-GO (modified: 2 settings): Northgate General Hospital\n")
    assert "Go-live **2027-03-14** (in 109 days), as of 2026-11-25." in out
    assert "### Blockers (5)" in out
    assert "### Conditions (7)" in out
    assert "### Waivers (5)" in out
    assert (
        "| `TS-DEFECTS` (waiver not valid) | Defect log | 2 open severity-1 defects: DEF-1042, "
        "DEF-1077; waiver by Sam Reid (project-manager) not valid: approver lacks authority "
        "(project-manager may not waive a blocker in testing; needs one of: cso, sro) |"
    ) in out
    assert "| not-authorised: not valid: approver lacks authority (project-manager" in out
    assert "| Clinical safety | 50% | 🔴 Red | 1 | 1 | 0 |" in out
    assert "2026-11-22 ⚠️ **overdue by 3 days**" in out


def _cells(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def test_hostile_text_cannot_break_tables(hostile: Result) -> None:
    out = markdown.render(hostile)
    assert "<script>" not in out
    assert "&lt;script&gt;alert\\(1\\)&lt;/script&gt;" not in out  # parentheses stay plain
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    for block in out.split("\n\n"):
        rows = [line for line in block.splitlines() if line.startswith("|")]
        if rows:
            assert len({_cells(row) for row in rows}) == 1, block


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a|b", "a\\|b"),
        ("<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("one\ntwo", "one two"),
        ("esc\x1b", "esc\\\\x1b"),
    ],
)
def test_text_escaping(raw: str, shown: str) -> None:
    assert markdown.text(raw) == shown


def test_code_span_escapes_pipe_and_backtick() -> None:
    assert markdown.code("a|b`c") == "`a\\|b'c`"
