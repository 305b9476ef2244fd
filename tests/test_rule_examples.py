"""Every shipped rule's pass and fail examples agree with the rule, and the catalogue is whole."""

from __future__ import annotations

import re

import pytest

from readiness.config import Config
from readiness.pipeline.examples import EXAMPLE_DATES, ExampleResult, run_examples
from readiness.resources import rules_dir
from readiness.rulebook import CompiledRule, build_rulebook
from tests.helpers import REPO, run_cli

DATES = EXAMPLE_DATES  # the dates `readiness rules test` judges examples against


def _catalogue() -> list[CompiledRule]:
    book, problems = build_rulebook([rules_dir()], Config(), DATES)
    assert problems == []
    return list(book.rules)


RULES = _catalogue()
EXAMPLES = [(rule, example) for rule in RULES for example in run_examples(rule)]


@pytest.mark.parametrize(
    ("rule", "example"),
    EXAMPLES,
    ids=[f"{r.spec.id}-{e.expected}-{e.location.line}" for r, e in EXAMPLES],
)
def test_example_agrees_with_its_rule(rule: CompiledRule, example: ExampleResult) -> None:
    assert example.ok, (
        f"{example.location}: {example.expected} example gave {example.got} {example.detail}"
    )


@pytest.mark.parametrize("rule", RULES, ids=[r.spec.id for r in RULES])
def test_every_rule_has_both_kinds_of_example(rule: CompiledRule) -> None:
    assert rule.spec.pass_examples and rule.spec.fail_examples


# The rule catalogue of the domain description: every id must ship.
CATALOGUE = (
    "CS-CSO",
    "CS-CSCR",
    "CS-SUPPLIER",
    "CS-RESIDUAL",
    "CS-CONTROLS",
    "CS-COVERAGE",
    "CS-DTAC",
    "PI-TEMP-ID",
    "PI-MERGE",
    "PI-NHSNO",
    "IF-STAGES",
    "IF-MONITOR",
    "IF-MAPPING",
    "IF-ENV-PARITY",
    "IF-NATIONAL",
    "IF-RETIRE",
    "IF-PROC-ID",
    "G-CRIT-UNTESTED",
    "G-WF-UNTESTED-HOP",
    "G-SPOF",
    "G-SEQ-CYCLE",
    "G-SEQ-ORDER",
    "G-ORPHAN",
    "G-FALLBACK",
    "G-BLAST",
    "WF-E2E",
    "WF-OWNER",
    "WF-BUILD",
    "WF-HYBRID",
    "WF-RESULTS",
    "TR-COMPLETE",
    "TR-ACCESS",
    "TR-RECENCY",
    "TR-DOWNTIME",
    "TR-HOURS",
    "RS-SU-RATIO",
    "RS-SHIFTS",
    "RS-CMD",
    "RS-BAU",
    "RS-CONTENTION",
    "DM-RECON",
    "DM-TRIALS",
    "DM-FIDELITY",
    "DM-LEGACY",
    "TS-DEFECTS",
    "TS-SCRIPTS",
    "TS-REHEARSAL",
    "CO-PLAN",
    "IN-DEVICES",
    "IN-ACCESS",
    "IN-DOWNTIME-KIT",
    "GV-DECISION",
    "GV-ASSURANCE",
    "GV-RAID",
    "GV-COMMS",
    "GV-EXCEPTION",
)


def test_catalogue_has_every_rule_of_the_domain() -> None:
    assert sorted(set(CATALOGUE) - {r.spec.id for r in RULES}) == []
    assert len(CATALOGUE) == 56


def test_rules_test_command_runs_the_catalogue_examples() -> None:
    done = run_cli("rules", "test", "rules")
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(rf"^{len(EXAMPLES)} passed, 0 failed$", done.stdout, re.M)


def test_rules_test_fails_when_an_example_disagrees(tmp_path) -> None:
    text = (REPO / "tests/fixtures/user_rules/local.yaml").read_text()
    # Swap the examples: the pass example now claims to fail and vice versa.
    text = text.replace("pass: [{name: Small", "fail: [{name: Small").replace(
        "fail: [{name: Large", "pass: [{name: Large"
    )
    (tmp_path / "swapped.yaml").write_text(text)
    done = run_cli("rules", "test", str(tmp_path))
    assert done.returncode == 1
    assert "LOCAL-COHORT-SIZE: a pass example gave fail [rule-example]" in done.stdout
    assert "0 passed, 2 failed" in done.stdout


# Catalogue v2 (domain.md, "Evidence and the board's view"): new and sharpened rules.
CATALOGUE_V2 = (
    "IF-COMPAT",
    "G-ORPHAN",
    "WF-STEP-LIVE",
    "WF-E2E",
    "RS-SHIFTS",
    "CT-DRILL",
    "IN-COVERAGE",
    "DM-COVERAGE",
    "DM-FIDELITY",
    "TS-DEFECTS",
    "TR-DOWNTIME",
    "GV-RISK-ACCEPT",
    "CS-CRMP",
    "CS-CASE-CURRENCY",
    "CS-TRANSFER",
    "IN-DR",
    "IN-NETWORK",
)


# Sharpened graph checks with no input a site can leave unstated: a system's go-live defaults
# to the site's (the schema's documented rule) and a cycle is in what is stated.
SHARPENED_WITHOUT_UNSTATED_INPUT = ("G-SEQ-ORDER", "G-SEQ-CYCLE")


def test_the_sharpened_sequencing_checks_ship() -> None:
    assert {r.spec.id for r in RULES} >= set(SHARPENED_WITHOUT_UNSTATED_INPUT)


@pytest.mark.parametrize("rule_id", CATALOGUE_V2)
def test_every_catalogue_v2_rule_ships_with_pass_fail_and_not_stated_examples(
    rule_id: str,
) -> None:
    (rule,) = [r for r in RULES if r.spec.id == rule_id]
    spec = rule.spec
    assert spec.pass_examples and spec.fail_examples and spec.not_stated_examples


def test_not_stated_examples_fail_for_want_of_evidence() -> None:
    # Each not_stated example is judged; the examples test above checks each one's outcome,
    # this one that the catalogue has them at all, across every category.
    categories = {r.info.category for r in RULES if r.spec.not_stated_examples}
    assert categories == {r.info.category for r in RULES}
