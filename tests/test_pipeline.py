"""The pipeline's runs say what they read and which configuration they used."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from readiness.cli import main
from readiness.pipeline.check import run_check
from readiness.pipeline.graph import load_graph
from readiness.pipeline.portfolio import run_portfolio
from readiness.pipeline.request import CheckRequest
from readiness.pipeline.validate import run_validate
from readiness.resources import rules_dir
from tests.helpers import FIXTURES

AS_OF = dt.date(2026, 12, 1)


@pytest.fixture
def programme(tmp_path: Path) -> Path:
    """A folder of one site and a programme configuration naming a rule folder beside it."""
    folder = tmp_path / "programme"
    shutil.copytree(FIXTURES / "mini_site", folder / "site")
    shutil.copytree(FIXTURES / "user_rules", tmp_path / "local_rules")
    (folder / "readiness.yaml").write_text("rules: [../local_rules]\n", encoding="utf-8")
    return folder


def test_a_check_names_the_configuration_beside_the_site_and_every_file_read(
    programme: Path,
) -> None:
    checked = run_check(CheckRequest(programme / "site", AS_OF))
    assert checked.problems == []
    assert checked.config == programme / "readiness.yaml"
    inputs = {path.resolve() for path in checked.inputs}
    site = programme / "site"
    expected = {
        site,
        *(site / name for name in ("site.yaml", "staff.yaml", "waivers.yaml")),
        programme / "readiness.yaml",
        programme.parent / "local_rules",
        programme.parent / "local_rules" / "local.yaml",
        rules_dir().resolve(),
    }
    assert expected <= inputs
    assert len(checked.inputs) == len(set(checked.inputs))


def test_a_check_under_no_configuration_says_none(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "mini_site", tmp_path / "site")
    checked = run_check(CheckRequest(tmp_path / "site", AS_OF))
    assert checked.result is not None
    assert checked.config is None


def test_an_invalid_site_has_no_result_and_its_problems(tmp_path: Path) -> None:
    (tmp_path / "site.yaml").write_text("site: {id: x}\n", encoding="utf-8")
    checked = run_check(CheckRequest(tmp_path / "site.yaml", AS_OF))
    assert checked.result is None
    assert [p.code for p in checked.problems] != []


def test_check_refuses_to_write_a_report_over_the_configuration_it_read(
    programme: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = programme / "readiness.yaml"
    before = config.read_bytes()
    code = main(["check", str(programme / "site"), "--as-of", "2026-12-01", "--html", str(config)])
    assert code == 2
    assert "output would overwrite the input file" in capsys.readouterr().err
    assert config.read_bytes() == before


def test_a_portfolio_reads_what_each_of_its_checks_read(programme: Path) -> None:
    compared = run_portfolio([programme], lambda site: CheckRequest(site, AS_OF))
    assert compared.problems == ()
    assert compared.portfolio is not None
    assert [row.site_id for row in compared.portfolio.sites] == ["mini"]
    assert compared.configs == (programme / "readiness.yaml",)
    assert {programme, programme / "readiness.yaml"} <= set(compared.inputs)


def test_validate_and_graph_list_the_site_files_they_read(programme: Path) -> None:
    site = programme / "site"
    validated = run_validate([site])
    assert validated.valid
    assert {p.resolve() for p in validated.inputs} >= {site, site / "site.yaml"}
    loaded = load_graph(site)
    assert loaded.graph is not None
    assert {p.resolve() for p in loaded.inputs} >= {site, site / "staff.yaml"}
