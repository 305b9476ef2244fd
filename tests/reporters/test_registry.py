"""The reporter registries: every entry renders, and the command line is generated from them."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness.cli import build_parser, main
from readiness.report_diff import SECTIONS
from readiness.reporters import (
    DIFF_FORMATS,
    GRAPH_FORMATS,
    PORTFOLIO_FORMATS,
    SITE_FORMATS,
    TREND_FORMATS,
    VALIDATION_FORMATS,
    Format,
    reporter,
)
from readiness.reporters.diff_text import HEADINGS
from readiness.result import Result
from tests.helpers import REPO

REGISTRIES = {
    "site": SITE_FORMATS,
    "portfolio": PORTFOLIO_FORMATS,
    "graph": GRAPH_FORMATS,
    "diff": DIFF_FORMATS,
    "trend": TREND_FORMATS,
    "validation": VALIDATION_FORMATS,
}
ENTRIES = [(kind, name) for kind, formats in REGISTRIES.items() for name in formats]
SITE = ("check", "sample_sites/northgate-general", "--as-of", "2027-03-04")


def render_fake(result: Result) -> str:
    """A format that only this test knows."""
    return f"fake report of {result.site_id}\n"


FAKE = Format(f"{__name__}:render_fake", "write the fake report", stdout=True, file=True)


@pytest.mark.parametrize(("kind", "name"), ENTRIES, ids=[f"{k}-{n}" for k, n in ENTRIES])
def test_every_entry_names_a_renderer_and_a_destination(kind: str, name: str) -> None:
    entry = REGISTRIES[kind][name]
    assert callable(reporter(name, REGISTRIES[kind]))
    assert entry.stdout or entry.file
    assert entry.help


def test_an_unknown_format_is_named_with_the_known_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown reporter 'svg' \(known: dot, json, mermaid\)"):
        reporter("svg", GRAPH_FORMATS)


def test_every_diff_section_has_a_heading() -> None:
    assert tuple(HEADINGS) == SECTIONS


def _help(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit):
        build_parser().parse_args([*args, "--help"])
    return " ".join(capsys.readouterr().out.split())


def test_check_options_come_from_the_registry(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys, "check")
    assert "--format {text,json,gitlab,github}" in text
    for name in ("html", "json", "junit", "sarif", "markdown"):
        assert f"--{name} FILE write the {name} report" in text
    assert "--text FILE" not in text and "--github FILE" not in text


def test_a_registered_format_gets_its_options_without_a_change_in_commands(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(SITE_FORMATS, "fake", FAKE)
    text = _help(capsys, "check")
    assert "--fake FILE write the fake report" in text
    assert "--format {text,json,gitlab,github,fake}" in text
    monkeypatch.setitem(PORTFOLIO_FORMATS, "fake", FAKE)
    assert "--fake FILE write the fake report" in _help(capsys, "compare")


def test_a_registered_format_is_written_and_printed(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(SITE_FORMATS, "fake", FAKE)
    monkeypatch.chdir(REPO)
    out = tmp_path / "report.fake"
    assert main([*SITE, "--fake", str(out), "--format", "fake"]) == 0
    assert out.read_text(encoding="utf-8") == "fake report of northgate-general\n"
    assert capsys.readouterr().out == "fake report of northgate-general\n"


def test_a_registered_format_and_another_option_naming_one_file_is_refused(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(SITE_FORMATS, "fake", FAKE)
    out = str(tmp_path / "report")
    assert main([*SITE, "--json", out, "--fake", out]) == 2
    assert "--json and --fake name the same file [output-duplicate]" in capsys.readouterr().err
