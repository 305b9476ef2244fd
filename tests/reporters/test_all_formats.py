"""What every reporter promises: registry, determinism, trailing newline, no raw markup."""

from __future__ import annotations

import dataclasses

import pytest
from report_sample import HOSTILE, make_result

from readiness.reporters import REPORTERS, reporter
from readiness.result import Result


def test_registry_names_every_format() -> None:
    assert set(REPORTERS) == {"text", "json", "html", "junit", "sarif", "github", "markdown"}


def test_unknown_reporter_is_named() -> None:
    with pytest.raises(ValueError, match="unknown reporter 'pdf'"):
        reporter("pdf")


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_output_is_deterministic(name: str, result: Result) -> None:
    render = REPORTERS[name]
    assert render(result) == render(make_result())


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_output_ends_with_one_newline(name: str, result: Result) -> None:
    out = REPORTERS[name](result)
    assert out.endswith("\n")
    assert not out.endswith("\n\n")


# Formats whose readers interpret markup; the others (terminal, annotations, JSON) carry
# user text as plain text and escape it by their own rules.
MARKUP_FORMATS = ("html", "markdown", "junit")


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_hostile_text_never_reaches_output_raw(name: str, hostile: Result) -> None:
    out = REPORTERS[name](hostile)
    assert "\x1b" not in out
    assert HOSTILE not in out
    if name in MARKUP_FORMATS:
        assert "<script>alert(1)</script>" not in out


@pytest.mark.parametrize("name", sorted(REPORTERS))
def test_empty_result_renders(name: str, result: Result) -> None:
    empty = dataclasses.replace(
        result,
        verdict="GO",
        scores=(),
        findings=(),
        rules=(),
        waivers=(),
        impacts=(),
        nodes=(),
        edges=(),
        thresholds=(),
        files=(),
        workflows={},
    )
    assert REPORTERS[name](empty).endswith("\n")
