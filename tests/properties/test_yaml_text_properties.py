"""Properties of `load_text` on arbitrary text: it reports, it never raises."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.problems import Problem
from readiness.yaml_source import LoadedFile, load_text

from .strategies import position_exists, yaml_ish_text

any_text = st.text() | yaml_ish_text


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_load_text_never_raises(text: str) -> None:
    loaded = load_text(text, "f.yaml")

    assert isinstance(loaded, LoadedFile)
    assert all(isinstance(p, Problem) for p in loaded.problems)
    assert all(p.location.file == "f.yaml" for p in loaded.problems)


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_every_problem_points_into_the_text(text: str) -> None:
    for problem in load_text(text, "f.yaml").problems:
        where = problem.location
        assert where.line == 0 or position_exists(text, where.line, where.column), problem


@settings(max_examples=200, deadline=None)
@given(any_text)
def test_problem_messages_are_one_line(text: str) -> None:
    for problem in load_text(text, "f.yaml").problems:
        assert "\n" not in problem.render(), problem
