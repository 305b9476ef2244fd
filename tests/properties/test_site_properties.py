"""Properties of loading whole sites: arbitrary data never raises, and every problem
(schema, merge or reference) points at a position that exists in its file."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.problems import Problem
from readiness.references import check_references
from readiness.site_files import SiteSource, load_site_source

from .strategies import nested_site_data, position_exists, site_shaped


def _assert_positions_exist(problems: list[Problem], source: SiteSource, folder: Path) -> None:
    texts = {
        shown: (folder / Path(shown).name).read_text(encoding="utf-8-sig") for shown in source.files
    }
    for problem in problems:
        where = problem.location
        assert isinstance(problem, Problem)
        if where.line == 0:
            continue
        assert where.file in texts, problem
        assert position_exists(texts[where.file], where.line, where.column), problem


def _dump(data: object, unicode: bool, flow: bool | None) -> str:
    return yaml.safe_dump(data, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)


@settings(max_examples=200, deadline=None)
@given(nested_site_data, st.booleans(), st.sampled_from([False, True, None]))
def test_any_dumped_data_loads_without_raising(
    data: object, unicode: bool, flow: bool | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "site.yaml"
        path.write_text(_dump(data, unicode, flow), encoding="utf-8")

        source = load_site_source(path)

        _assert_positions_exist(source.problems, source, folder)


# Each example writes and loads two site files; 100 of them already give duplicate ids in a
# third and unknown references in two thirds of the examples, at half the cost of 200.
@settings(max_examples=100, deadline=None)
@given(site_shaped, site_shaped, st.sampled_from([False, None]))
def test_references_of_any_site_shape_point_into_their_files(
    first: dict[str, object], second: dict[str, object], flow: bool | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "a.yaml").write_text(_dump(first, False, flow), encoding="utf-8")
        (folder / "b.yaml").write_text(_dump(second, False, flow), encoding="utf-8")

        source = load_site_source(folder)
        problems = check_references(source)

        _assert_positions_exist(source.problems + problems, source, folder)
        for problem in problems:
            _assert_names_the_value_at_its_position(problem, folder)


def _assert_names_the_value_at_its_position(problem: Problem, folder: Path) -> None:
    # A duplicate or unknown id is reported where that id is written.
    value = problem.message.split("`")[1]
    where = problem.location
    line = (folder / Path(where.file).name).read_text(encoding="utf-8").split("\n")[where.line - 1]
    written = line[where.column - 1 :].lstrip("'\"")
    assert written.startswith(value), (problem, line)
