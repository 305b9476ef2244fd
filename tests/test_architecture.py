"""The shape of the package: commands only reach the pipeline and the reporters, and are cheap.

A command parses arguments, runs one step of `readiness.pipeline` and hands the result to a
reporter; it never chains loading, model, graph and evaluation itself. Building the command
line, and validating, must not import the heavy libraries only checking needs.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import REPO

COMMANDS = sorted((REPO / "readiness" / "commands").glob("*.py"))
# What a command may import from the package: the chainer, the renderers, safe writing of
# reports, the problem type, and the argument helpers of its own folder.
ALLOWED = (
    "readiness.pipeline",
    "readiness.reporters",
    "readiness.output_files",
    "readiness.problems",
    "readiness.commands",
)
HEAVY = ("rule_engine", "networkx", "jinja2", "jsonschema", "openpyxl", "icalendar")
# What the top-level `--help` and `--version` need none of: they print and stop.
LOADING = ("yaml", "jsonschema_rs", "hl7apy")


def _imported(path: Path) -> list[tuple[int, str]]:
    """Every module a file imports, at any depth (imports inside functions included)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            assert node.level == 0, f"{path.name}:{node.lineno}: use absolute imports"
            if node.module == "readiness":
                # `from readiness import model` imports the module readiness.model.
                found.extend((node.lineno, f"readiness.{a.name}") for a in node.names)
            else:
                found.append((node.lineno, node.module))
    return found


def _allowed(module: str) -> bool:
    if module == "readiness.__version__":
        return True
    if module.split(".")[0] != "readiness":
        return module.split(".")[0] in sys.stdlib_module_names
    return any(module == a or module.startswith(a + ".") for a in ALLOWED)


def test_the_import_rule_sees_every_kind_of_import(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import argparse\nfrom readiness import model\n"
        "def run():\n    from readiness.graph import IntegrationGraph\n    import networkx\n"
    )
    modules = [m for _, m in _imported(sample)]
    assert modules == ["argparse", "readiness.model", "readiness.graph", "networkx"]
    assert [m for m in modules if not _allowed(m)] == modules[1:]


@pytest.mark.parametrize("path", COMMANDS, ids=[p.name for p in COMMANDS])
def test_a_command_imports_only_the_pipeline_reporters_and_helpers(path: Path) -> None:
    wrong = [f"{path.name}:{line}: {module}" for line, module in _imported(path)]
    assert [w for w in wrong if not _allowed(w.split(": ")[1])] == []


# Runs the command line with its output swallowed, so that only the imports are seen.
QUIET = (
    "import contextlib, io, readiness.cli\n"
    "with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):\n"
)


def _modules_after(code: str) -> set[str]:
    """The top-level packages imported by a fresh interpreter that ran `code`."""
    script = f"import sys\n{code}\nprint(__import__('json').dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return {name.split(".")[0] for name in json.loads(done.stdout.splitlines()[-1])}


def test_building_the_command_line_imports_no_heavy_library() -> None:
    loaded = _modules_after("import readiness.cli\nreadiness.cli.build_parser()")
    assert "readiness" in loaded
    assert sorted(loaded & set(HEAVY)) == []


@pytest.mark.parametrize("argv", [["--help"], ["--version"]], ids=["help", "version"])
def test_top_level_help_and_version_import_no_heavy_library(argv: list[str]) -> None:
    # They exit through SystemExit, caught here so that the probe still prints.
    code = (
        QUIET
        + f"    try:\n        readiness.cli.main({argv!r})\n    except SystemExit:\n        pass"
    )
    assert sorted(_modules_after(code) & {*HEAVY, *LOADING}) == []


def test_validating_a_valid_site_imports_none_of_the_heavy_libraries() -> None:
    code = (
        QUIET + "    assert readiness.cli.main(['validate', 'sample_sites/northgate-general']) == 0"
    )
    loaded = _modules_after(code)
    assert {"yaml", "jsonschema_rs"} <= loaded  # reading and the fast schema pass
    # jsonschema only explains a file that fails the fast pass.
    assert sorted(loaded & set(HEAVY)) == []


def test_validating_an_invalid_file_imports_jsonschema_to_explain_it() -> None:
    code = (
        QUIET
        + "    assert readiness.cli.main(['validate', 'tests/bad_inputs/wrong_enum.yaml']) == 1"
    )
    loaded = _modules_after(code)
    assert "jsonschema" in loaded
    assert sorted(loaded & {"rule_engine", "networkx", "jinja2"}) == []


def test_check_does_import_what_it_needs() -> None:
    # The other side of the tests above: the probe sees the libraries when they are used.
    code = QUIET + (
        "    readiness.cli.main(['check', 'sample_sites/northgate-general', '--as-of', "
        "'2027-03-04', '--format', 'json'])"
    )
    assert {"rule_engine", "networkx"} <= _modules_after(code)
