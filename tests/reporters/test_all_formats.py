"""What every reporter promises: registry, determinism, trailing newline, no raw markup."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_sample import HOSTILE, make_result

import readiness
from readiness.reporters import SITE_FORMATS, reporter
from readiness.result import Result


def test_registry_names_every_format() -> None:
    assert set(SITE_FORMATS) == {
        "text",
        "json",
        "html",
        "junit",
        "sarif",
        "gitlab",
        "github",
        "markdown",
    }


def test_unknown_reporter_is_named() -> None:
    with pytest.raises(ValueError, match="unknown reporter 'pdf'"):
        reporter("pdf")


@pytest.mark.parametrize("name", sorted(SITE_FORMATS))
def test_output_is_deterministic(name: str, result: Result) -> None:
    render = reporter(name)
    assert render(result) == render(make_result())


@pytest.mark.parametrize("name", sorted(SITE_FORMATS))
def test_output_ends_with_one_newline(name: str, result: Result) -> None:
    out = reporter(name)(result)
    assert out.endswith("\n")
    assert not out.endswith("\n\n")


# Formats whose readers interpret markup; the others (terminal, annotations, JSON) carry
# user text as plain text and escape it by their own rules.
MARKUP_FORMATS = ("html", "markdown", "junit")


@pytest.mark.parametrize("name", sorted(SITE_FORMATS))
def test_hostile_text_never_reaches_output_raw(name: str, hostile: Result) -> None:
    out = reporter(name)(hostile)
    assert "\x1b" not in out
    assert HOSTILE not in out
    if name in MARKUP_FORMATS:
        assert "<script>alert(1)</script>" not in out


@pytest.mark.parametrize("name", sorted(SITE_FORMATS))
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
    assert reporter(name)(empty).endswith("\n")


def test_output_does_not_depend_on_the_hash_seed() -> None:
    here = Path(__file__).resolve().parent
    root = Path(readiness.__file__).resolve().parent.parent
    script = (
        "import hashlib\n"
        "from report_sample import make_result\n"
        "from readiness.reporters import SITE_FORMATS, reporter\n"
        "r = make_result(hostile=True)\n"
        "for name in sorted(SITE_FORMATS):\n"
        "    print(name, hashlib.sha256(reporter(name)(r).encode()).hexdigest())\n"
    )
    path = os.pathsep.join([str(here), str(root)])
    digests = set()
    for seed in ("0", "1", "12345"):
        env = dict(os.environ, PYTHONHASHSEED=seed, PYTHONPATH=path)
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
        )
        digests.add(hashlib.sha256(run.stdout.encode()).hexdigest())
    assert len(digests) == 1
