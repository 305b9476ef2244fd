"""The command-line conventions every command follows, checked on every parser there is.

The walk over the parsers covers commands added later without a change here: a new command
that skips a convention (an option without help, an abbreviation, a report option that cannot
go to standard output) fails these tests.
"""

from __future__ import annotations

import argparse
import io
import json
import tomllib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

import pytest

import readiness
from readiness import cli
from readiness.commands.parser import Parser
from readiness.commands.terminal import use_colour
from tests.helpers import REPO, RIVERSIDE, RIVERSIDE_AS_OF, SAMPLES, run_cli, run_cli_once

# Options whose FILE is read, not written: `-` (standard output) does not apply to them.
INPUT_FILE_OPTIONS = {"--config"}


def _parsers() -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """Every parser of the command line, the top one first, with its command words."""
    pending = [("readiness", cli.build_parser())]
    while pending:
        name, parser = pending.pop(0)
        yield name, parser
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                pending.extend((f"{name} {word}", sub) for word, sub in action.choices.items())


PARSERS = list(_parsers())
COMMANDS = [(name, parser) for name, parser in PARSERS if name != "readiness"]


def _options(parser: argparse.ArgumentParser) -> dict[str, argparse.Action]:
    return {s: a for a in parser._actions for s in a.option_strings}


def test_the_walk_finds_every_command_and_action() -> None:
    names = {name for name, _ in PARSERS}
    assert {"readiness check", "readiness compare", "readiness rules show"} <= names
    assert len(COMMANDS) >= 10


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_every_parser_refuses_abbreviations_and_is_a_project_parser(
    name: str, parser: argparse.ArgumentParser
) -> None:
    assert isinstance(parser, Parser), name
    assert parser.allow_abbrev is False, name


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_every_argument_has_a_line_of_help(name: str, parser: argparse.ArgumentParser) -> None:
    missing = [
        a.option_strings or a.dest
        for a in parser._actions
        if not a.help or a.help == argparse.SUPPRESS
    ]
    assert missing == [], name


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_every_command_has_quiet_verbose_and_color(
    name: str, parser: argparse.ArgumentParser
) -> None:
    options = _options(parser)
    assert {"-q", "--quiet", "-v", "--verbose", "--color"} <= set(options), name
    assert options["--color"].choices == ("auto", "always", "never")


@pytest.mark.parametrize(("name", "parser"), PARSERS, ids=[n for n, _ in PARSERS])
def test_every_help_has_an_example_and_the_exit_codes(
    name: str, parser: argparse.ArgumentParser
) -> None:
    text = parser.format_help()
    examples = text.split("examples:\n", 1)[1].split("\n\n", 1)[0]
    assert examples.strip().startswith("readiness"), name
    exits = text.split("exit codes:\n", 1)[1]
    assert "  0  " in exits and "  3  internal error" in exits, name


@pytest.mark.parametrize(("name", "parser"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_every_report_file_option_can_go_to_standard_output(
    name: str, parser: argparse.ArgumentParser
) -> None:
    for option, action in _options(parser).items():
        if action.metavar == "FILE" and option not in INPUT_FILE_OPTIONS:
            assert action.help is not None and "(- for standard output)" in action.help, option


# -- suggestions and abbreviations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["chek", "x"], "invalid choice: 'chek' (did you mean check?)"),
        (["rules", "lst"], "invalid choice: 'lst' (did you mean list?)"),
        (["check", "x", "--jsn", "out.json"], "unrecognized arguments: --jsn out.json "),
        (["check", "x", "--format", "jsno"], "invalid choice: 'jsno' (did you mean json?)"),
        (["--versio"], "unrecognized arguments: --versio (did you mean --version?)"),
        (["compare", "x", "--job=2"], "(did you mean --jobs?)"),
    ],
)
def test_a_mistyped_word_gets_a_suggestion_and_exit_2(args: list[str], said: str) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert said in done.stderr
    assert done.stdout == ""


def test_the_suggested_option_is_of_the_command_that_was_typed() -> None:
    done = run_cli("check", "x", "--jsn", "out.json")
    assert "readiness check: error:" in done.stderr
    assert "(did you mean --json?)" in done.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--versio"],
        ["check", str(RIVERSIDE), "--as", RIVERSIDE_AS_OF],
        ["check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "--mark", "out.md"],
        ["compare", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "--job", "2"],
        ["rules", "list", "--rul", "rules"],
    ],
)
def test_an_option_is_never_abbreviated(args: list[str]) -> None:
    done = run_cli(*args)
    assert done.returncode == 2
    assert "unrecognized arguments" in done.stderr


PYPROJECT_VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"][
    "version"
]


def test_the_version_is_the_package_version() -> None:
    done = run_cli("--version")
    assert done.returncode == 0
    assert done.stdout == f"readiness {PYPROJECT_VERSION}\n"


def test_a_source_checkout_never_installed_reads_pyproject(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", not_installed)
    assert readiness._version() == PYPROJECT_VERSION


# -- `-` is standard output ------------------------------------------------------------------

SITE_REPORTS = {
    "html": "<!DOCTYPE html>",
    "json": "{",
    "junit": "<?xml",
    "sarif": "{",
    "markdown": "## ",
}


@pytest.mark.parametrize("name", sorted(SITE_REPORTS))
def test_check_report_to_dash_goes_to_standard_output_alone(name: str, tmp_path: Path) -> None:
    done = run_cli(
        "check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, f"--{name}", "-", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(SITE_REPORTS[name])
    assert "GO  Riverside" not in done.stdout, "the terminal summary does not mix in"
    assert list(tmp_path.iterdir()) == [], "no file named `-` is written"


@pytest.mark.parametrize("name", ["html", "json"])
def test_compare_report_to_dash_goes_to_standard_output_alone(name: str, tmp_path: Path) -> None:
    done = run_cli(
        "compare", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, f"--{name}", "-", cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith({"html": "<!DOCTYPE html>", "json": "{"}[name])
    assert "Portfolio of" not in done.stdout
    assert list(tmp_path.iterdir()) == []


def test_a_dash_report_and_a_file_report_go_each_where_asked(tmp_path: Path) -> None:
    done = run_cli(
        "check",
        str(RIVERSIDE),
        "--as-of",
        RIVERSIDE_AS_OF,
        "--json",
        "-",
        "--sarif",
        str(tmp_path / "out.sarif"),
    )
    assert done.returncode == 0
    assert json.loads(done.stdout)["verdict"] == "GO"
    assert json.loads((tmp_path / "out.sarif").read_text())["version"] == "2.1.0"


@pytest.mark.parametrize(
    ("extra", "said"),
    [
        (["--json", "-", "--sarif", "-"], "--json - and --sarif - both ask for standard output"),
        (["--format", "text", "--json", "-"], "--format text and --json - both print on"),
    ],
)
def test_only_one_output_may_go_to_standard_output(
    extra: list[str], said: str, tmp_path: Path
) -> None:
    done = run_cli("check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, *extra, cwd=tmp_path)
    assert done.returncode == 2
    assert said in done.stderr
    assert done.stdout == ""


# -- colour ----------------------------------------------------------------------------------


class _Stream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize(
    ("option", "env", "tty", "coloured"),
    [
        (None, {}, True, True),
        (None, {}, False, False),
        (None, {"NO_COLOR": "1"}, True, False),
        (None, {"NO_COLOR": ""}, True, True),  # empty means unset
        (None, {"FORCE_COLOR": "1"}, False, True),
        (None, {"FORCE_COLOR": ""}, False, False),
        (None, {"NO_COLOR": "1", "FORCE_COLOR": "1"}, True, False),
        (None, {"TERM": "dumb"}, True, False),
        (None, {"TERM": "dumb", "FORCE_COLOR": "1"}, True, True),
        ("auto", {}, True, True),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("always", {"TERM": "dumb"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
    ],
)
def test_colour_follows_the_option_then_the_environment_then_the_terminal(
    option: str | None, env: dict[str, str], tty: bool, coloured: bool
) -> None:
    args = argparse.Namespace() if option is None else argparse.Namespace(color=option)
    assert use_colour(args, _Stream(tty), env) is coloured


def _check_text(monkeypatch: pytest.MonkeyPatch, *extra: str, **env: str) -> str:
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stdout = io.StringIO()
    monkeypatch.setattr("sys.stdout", stdout)
    monkeypatch.setattr("sys.stderr", io.StringIO())
    code = cli.main(["check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, *extra])
    assert code == 0
    return stdout.getvalue()


def test_force_color_colours_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "\x1b[" in _check_text(monkeypatch, FORCE_COLOR="1")
    assert "\x1b[" not in _check_text(monkeypatch)


def test_no_color_wins_over_force_color_and_the_option_wins_over_both(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert "\x1b[" not in _check_text(monkeypatch, NO_COLOR="1", FORCE_COLOR="1")
    assert "\x1b[" in _check_text(monkeypatch, "--color", "always", NO_COLOR="1")
    assert "\x1b[" not in _check_text(monkeypatch, "--color", "never", FORCE_COLOR="1")


def test_colour_on_compare_follows_the_option_too() -> None:
    done = run_cli("compare", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "--color", "always")
    assert "\x1b[" in done.stdout
    assert "\x1b[" not in run_cli_once("compare", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF).stdout


# -- quiet and verbose ------------------------------------------------------------------------


def test_quiet_leaves_only_errors_on_standard_error() -> None:
    loud = run_cli("check", str(RIVERSIDE))
    quiet = run_cli("check", str(RIVERSIDE), "-q")
    assert "readiness: as of " in loud.stderr
    assert quiet.stderr == ""
    assert quiet.stdout.split("\n", 1)[1] == loud.stdout.split("\n", 1)[1]
    assert quiet.returncode == loud.returncode


def test_quiet_before_the_command_works_too() -> None:
    assert run_cli("-q", "validate", str(RIVERSIDE)).stderr == ""
    assert run_cli("validate", str(RIVERSIDE)).stderr == "1 site valid\n"


def test_quiet_keeps_the_errors() -> None:
    done = run_cli("-q", "check", str(SAMPLES / "no-such-site"), "--as-of", RIVERSIDE_AS_OF)
    assert done.returncode == 2
    assert "no such file or folder" in done.stderr


def test_verbose_names_every_file_read_and_written(tmp_path: Path) -> None:
    report = tmp_path / "r.html"
    done = run_cli("check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF, "-v", "--html", str(report))
    lines = done.stderr.splitlines()
    assert "readiness: read sample_sites/riverside-community/site.yaml" in lines
    assert any(line.endswith("/rules/training.yaml") for line in lines), "the catalogue too"
    assert not any(line.endswith("riverside-community") for line in lines), "files, not folders"
    assert f"readiness: wrote {report}" in lines
    quiet = run_cli("check", str(RIVERSIDE), "--as-of", RIVERSIDE_AS_OF)
    assert "readiness: read " not in quiet.stderr


def test_quiet_and_verbose_together_is_a_usage_error() -> None:
    done = run_cli("check", str(RIVERSIDE), "-q", "-v")
    assert done.returncode == 2
    assert "not allowed with argument" in done.stderr


# -- a folder of sites where one site is expected -------------------------------------------


def test_check_given_a_folder_of_sites_says_to_use_compare() -> None:
    done = run_cli("check", "sample_sites", "--as-of", RIVERSIDE_AS_OF)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        "sample_sites: a folder of 4 sites (eastmoor-pacs, northgate-general, "
        "riverside-community, westbrook-eprescribing), and `readiness check` takes one site: "
        "run `readiness compare sample_sites` to compare them, or `readiness check "
        "sample_sites/eastmoor-pacs` for one [path-is-portfolio]\n"
    )


def test_graph_given_a_folder_of_sites_asks_for_one() -> None:
    done = run_cli("graph", "sample_sites")
    assert done.returncode == 2
    assert "`readiness graph` takes one site: name one of them" in done.stderr
    assert "defined twice" not in done.stderr


def test_a_site_whose_parts_are_in_sub_folders_is_still_one_site(tmp_path: Path) -> None:
    # Only sub-folders that each hold a `site:` file make a folder of sites.
    site = tmp_path / "riverside"
    for path in RIVERSIDE.iterdir():
        part = site / ("core" if path.name == "site.yaml" else "teams")
        part.mkdir(parents=True, exist_ok=True)
        (part / path.name).write_bytes(path.read_bytes())
    done = run_cli("check", str(site), "--as-of", RIVERSIDE_AS_OF)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("GO  Riverside")
