"""`readiness validate` on bad input: every corpus case, the Done-when contracts, usage errors.

Each case in `tests/bad_inputs/` is a site file `NAME.yaml` (or a site folder `NAME/`) with
`NAME.expected` beside it: the exact lines `readiness validate` prints for it, run from the
repository root so that paths print as `tests/bad_inputs/NAME.yaml`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import REPO, run_cli, run_cli_once

BAD_INPUTS = REPO / "tests" / "bad_inputs"
# Named by tests/bad_inputs/python_object_apply.yaml: it must never come into being.
PWNED = Path("/tmp/readiness-bad-inputs-pwned")
VALID_SITE = """\
site:
  id: north-general
  name: North General Hospital
  go_live: 2027-03-01
systems:
  - id: epr
    name: New EPR
    category: epr
    lifecycle: new
    criticality: life-critical
  - id: lims
    name: Lab system
    category: lims
    lifecycle: retained
    criticality: life-critical
interfaces:
  - id: orders
    source: epr
    target: lims
    standard: hl7v2
    criticality: life-critical
"""


def _case_names() -> list[str]:
    return sorted(p.name.removesuffix(".expected") for p in BAD_INPUTS.glob("*.expected"))


def _case_input(name: str) -> Path:
    for candidate in (BAD_INPUTS / f"{name}.yaml", BAD_INPUTS / name):
        if candidate.exists():
            return candidate
    raise AssertionError(f"{name}.expected has no {name}.yaml or {name}/ beside it")


def _write(folder: Path, text: str, name: str = "site.yaml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_corpus_has_an_expected_output_for_every_input() -> None:
    inputs = {
        p.name.removesuffix(".yaml")
        for p in BAD_INPUTS.iterdir()
        if p.is_dir() or p.suffix == ".yaml"
    }
    assert inputs == set(_case_names())
    assert len(inputs) >= 30


@pytest.mark.parametrize("name", _case_names())
def test_bad_input(name: str) -> None:
    shown = _case_input(name).relative_to(REPO).as_posix()
    expected = (BAD_INPUTS / f"{name}.expected").read_text(encoding="utf-8")
    existed = PWNED.exists()

    completed = run_cli_once("validate", shown)

    assert completed.returncode == 1, completed.stderr
    assert completed.stdout == expected
    assert "Traceback" not in completed.stdout + completed.stderr
    assert existed or not PWNED.exists()


def test_duplicate_key_names_the_lines_of_both_keys(tmp_path: Path) -> None:
    site = _write(
        tmp_path,
        VALID_SITE.replace("    lifecycle: new\n", "    lifecycle: new\n    name: Old EPR\n", 1),
    )

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1
    assert completed.stdout == (
        f"{site}:10:5: duplicate key `name`: first at line 7, column 5, again at line 10, "
        "column 5; remove one of them [yaml-duplicate-key]\n"
    )


@pytest.mark.parametrize(
    ("after", "field", "line", "column"),
    [
        ("    criticality: life-critical\n", "systems[0].product_version", 11, 22),
        ("    standard: hl7v2\n", "interfaces[0].version", 21, 14),
    ],
    ids=["product_version", "interface-version"],
)
def test_unquoted_version_says_to_quote_it(
    tmp_path: Path, after: str, field: str, line: int, column: int
) -> None:
    key = "product_version" if "product" in field else "version"
    site = _write(tmp_path, VALID_SITE.replace(after, f"{after}    {key}: 2.10\n", 1))

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1
    assert completed.stdout == (
        f"{site}:{line}:{column}: {field}: `2.10` is read as the number 2.1, but text is "
        'expected; quote it: "2.10" [schema-type]\n'
    )


def test_python_object_tag_exits_1_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    site = _write(
        tmp_path,
        VALID_SITE.replace(
            "  name: North General Hospital\n",
            f"  name: !!python/object/apply:os.system ['touch {marker}']\n",
        ),
    )

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1
    assert "[yaml-tag]" in completed.stdout
    assert not marker.exists()


# The limits are on the work done, so they are measured as the run's CPU time: other
# processes on a busy machine must not make the test fail, nor a fast machine hide a blow-up.
def test_alias_bomb_exits_1_within_5_seconds() -> None:
    completed = run_cli_once("validate", "tests/bad_inputs/alias_bomb.yaml")

    assert completed.returncode == 1
    assert "[yaml-alias-expansion]" in completed.stdout
    assert completed.cpu_seconds < 5, f"took {completed.cpu_seconds:.1f} s"


def test_50_mb_file_exits_1_within_5_seconds(tmp_path: Path) -> None:
    site = tmp_path / "huge.yaml"
    # 10,000 systems at a time, each block with its own ids: writing row by row took seconds.
    block = "".join(f"  - id: sys-#-{i:04d}\n    name: System #-{i}\n" for i in range(10_000))
    with site.open("w", encoding="utf-8") as out:
        out.write("systems:\n")
        index = 0
        while out.tell() < 50 * 1024 * 1024:
            out.write(block.replace("#", f"{index:03d}"))
            index += 1

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1
    assert "[file-too-large]" in completed.stdout
    assert completed.cpu_seconds < 5, f"took {completed.cpu_seconds:.1f} s"


def test_deep_nesting_exits_1_without_crashing(tmp_path: Path) -> None:
    # 50,000 nested flow lists: 100 kB, far under the size limit.
    site = _write(tmp_path, "site: " + "[" * 50_000 + "]" * 50_000 + "\n")

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1, f"exit {completed.returncode}: {completed.stderr[-500:]}"
    assert "nesting is deeper than 64 levels [yaml-too-deep]" in completed.stdout


def test_unknown_system_in_interface_has_its_line_and_a_suggestion(tmp_path: Path) -> None:
    site = _write(tmp_path, VALID_SITE.replace("    target: lims\n", "    target: lmis\n"))

    completed = run_cli("validate", str(site))

    assert completed.returncode == 1
    assert completed.stdout == (
        f"{site}:19:13: unknown system `lmis` (did you mean `lims`?) [unknown-reference]\n"
    )


def test_valid_site_exits_0(tmp_path: Path) -> None:
    completed = run_cli("validate", str(_write(tmp_path, VALID_SITE)))

    assert completed.returncode == 0
    assert completed.stdout == ""
    assert completed.stderr == "1 site valid\n"


def test_json_format_lists_every_problem_with_its_position() -> None:
    completed = run_cli(
        "validate",
        "--format",
        "json",
        "tests/bad_inputs/empty.yaml",
        "tests/bad_inputs/wrong_enum.yaml",
    )

    assert completed.returncode == 1
    document = json.loads(completed.stdout)
    assert document["valid"] is False
    assert [site["site"] for site in document["sites"]] == [
        "tests/bad_inputs/empty.yaml",
        "tests/bad_inputs/wrong_enum.yaml",
    ]
    assert document["problems"] == [
        {
            "file": "tests/bad_inputs/empty.yaml",
            "line": 0,
            "column": 0,
            "message": "file is empty; expected a mapping of sections such as `site:` or "
            "`systems:`",
            "code": "yaml-empty",
        },
        {
            "file": "tests/bad_inputs/wrong_enum.yaml",
            "line": 5,
            "column": 13,
            "message": "site.approach: `big-band` is not allowed (did you mean `big-bang`?); "
            "expected one of: big-bang, phased, pilot-then-waves",
            "code": "schema-enum",
        },
        {
            "file": "tests/bad_inputs/wrong_enum.yaml",
            "line": 11,
            "column": 18,
            "message": "systems[0].criticality: `life critical` is not allowed (did you mean "
            "`life-critical`?); expected one of: life-critical, business-critical, supporting",
            "code": "schema-enum",
        },
    ]


def test_json_format_of_a_valid_site(tmp_path: Path) -> None:
    site = _write(tmp_path, VALID_SITE)

    completed = run_cli("validate", "--format", "json", str(site))

    assert completed.returncode == 0
    document = json.loads(completed.stdout)
    assert document == {
        "valid": True,
        "sites": [{"site": str(site), "files": [str(site)], "valid": True}],
        "problems": [],
    }


def test_missing_path_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"

    completed = run_cli("validate", str(missing))

    assert completed.returncode == 1
    assert completed.stdout == f"{missing}: no such file or folder [path-missing]\n"


@pytest.mark.parametrize(
    "args",
    [
        ["validate"],
        ["validate", "--no-such-option", "tests/bad_inputs/empty.yaml"],
        ["validate", "--format", "xml", "tests/bad_inputs/empty.yaml"],
        [],
    ],
    ids=["no-paths", "unknown-option", "unknown-format", "no-command"],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    completed = run_cli(*args)

    assert completed.returncode == 2
    assert completed.stdout == ""
    assert "usage: readiness" in completed.stderr


def test_version_is_printed_and_exits_0() -> None:
    completed = run_cli("--version")

    assert completed.returncode == 0
    assert completed.stdout.startswith("readiness 0.")


def test_validate_reads_the_shipped_rules_only_when_a_waiver_names_a_rule(tmp_path: Path) -> None:
    # The pre-commit hook validates sites that mostly name no rule: reading the rule files
    # would be a third of its time, and `-v` must not claim files it did not read.
    shipped = REPO / "rules" / "training.yaml"
    plain = tmp_path / "plain"
    plain.mkdir()
    for source in (REPO / "tests" / "fixtures" / "mini_site").glob("*.yaml"):
        if source.name != "waivers.yaml":
            (plain / source.name).write_text(source.read_text())
    without = run_cli("validate", str(plain), "-v")
    assert without.returncode == 0, without.stdout
    assert f"read {shipped}" not in without.stderr
    assert f"read {plain / 'site.yaml'}" in without.stderr
    with_waivers = run_cli("validate", "tests/fixtures/mini_site", "-v")
    assert with_waivers.returncode == 0, with_waivers.stdout
    assert "rules/training.yaml" in with_waivers.stderr


def test_validate_reports_a_broken_rule_folder_the_user_names(tmp_path: Path) -> None:
    # Even for a site whose waivers name no rule: the folder is part of what was asked.
    plain = tmp_path / "plain"
    plain.mkdir()
    for source in (REPO / "tests" / "fixtures" / "mini_site").glob("*.yaml"):
        if source.name != "waivers.yaml":
            (plain / source.name).write_text(source.read_text())
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "broken.yaml").write_text("rules:\n  - id: LOCAL-A\n    title: [unclosed\n")
    done = run_cli("validate", str(plain), "--rules", str(rules))
    assert done.returncode == 1, done.stdout
    assert f"{rules / 'broken.yaml'}:4:1: YAML syntax" in done.stdout
