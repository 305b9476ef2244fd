"""Rule parameters of every type: numbers, strings and lists, in rules, configuration and output."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import shutil
from pathlib import Path

from readiness.config import Config, load_config
from readiness.pipeline.examples import run_examples
from readiness.problems import Location
from readiness.reporters import html
from readiness.resources import rules_dir
from readiness.result import ThresholdChange
from readiness.rulebook import build_rulebook
from tests.helpers import REPO, run_cli
from tests.reporters.report_sample import make_result

DATES = {"as_of": dt.date(2027, 1, 1), "go_live": dt.date(2027, 3, 1)}
RIVERSIDE = REPO / "sample_sites" / "riverside-community"

# A rule with a parameter of each type, each used in the condition and named in the message.
TYPED_RULE = """\
rules:
  - id: LOCAL-IF-STANDARD
    title: Interfaces use the trust's standard or an agreed exception
    category: interfaces
    severity: major
    applies_to: interfaces
    params:
      standard: hl7v2
      agreed: [adt-feed, lab-orders]
      max_per_day: 5000
    condition: >-
      (standard == $standard or id in $agreed) and messages_per_day <= $max_per_day
    message: "{name}: {standard}, not {standard_name}; agreed: {agreed}; cap {max_per_day}"
    rationale: One standard keeps the integration engine simple.
    remediation: Use the standard or agree an exception.
    reference: Local integration policy
    examples:
      pass:
        - {id: x, name: X, standard: hl7v2, messages_per_day: 10}
        - {id: lab-orders, name: Lab, standard: fhir, messages_per_day: 10}
      fail:
        - {id: x, name: X, standard: fhir}
        - {id: x, name: X, standard: hl7v2, messages_per_day: 6000}
      not_stated:
        - {id: lab-orders, name: Lab, standard: fhir}
"""


def _rule_folder(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "local.yaml").write_text(text)
    return folder


def _config(tmp_path: Path, text: str) -> Config:
    path = tmp_path / "readiness.yaml"
    path.write_text(text)
    config, problems = load_config(path)
    assert problems == []
    return config


def test_list_and_string_parameters_compile_with_their_types(tmp_path: Path) -> None:
    rules = TYPED_RULE.replace("{standard_name}", "{standard}")
    book, problems = build_rulebook([_rule_folder(tmp_path, rules)], Config(), DATES)
    assert problems == []
    (rule,) = book.rules
    assert dict(rule.params) == {
        "standard": "hl7v2",
        "agreed": ("adt-feed", "lab-orders"),
        "max_per_day": 5000.0,
    }
    assert [(e.expected, e.got) for e in run_examples(rule)] == [
        ("pass", "pass"),
        ("pass", "pass"),
        ("fail", "fail"),
        ("fail", "fail"),
        ("not_stated", "not_stated"),
    ]


def test_a_message_names_an_unknown_field_or_parameter(tmp_path: Path) -> None:
    folder = _rule_folder(tmp_path, TYPED_RULE)
    _book, problems = build_rulebook([folder], Config(), DATES)
    assert [p.render() for p in problems] == [
        f"{folder / 'local.yaml'}:13:14: rule LOCAL-IF-STANDARD: message names unknown field "
        "`{standard_name}` (did you mean `standard`?) [rule-unknown-field]"
    ]


def test_a_list_parameter_is_an_array_in_conditions(tmp_path: Path) -> None:
    # A list compared with a number is a type error the expression library reports at load.
    rules = TYPED_RULE.replace("{standard_name}", "{standard}").replace(
        "id in $agreed", "$agreed > 3"
    )
    _book, problems = build_rulebook([_rule_folder(tmp_path, rules)], Config(), DATES)
    assert [p.code for p in problems] == ["rule-expression"]
    assert "rule LOCAL-IF-STANDARD: condition:" in problems[0].message


def test_configuration_overrides_each_type_and_reports_the_change(tmp_path: Path) -> None:
    rules = TYPED_RULE.replace("{standard_name}", "{standard}")
    folder = _rule_folder(tmp_path, rules)
    config = _config(
        tmp_path,
        "thresholds:\n  LOCAL-IF-STANDARD:\n    standard: fhir\n    agreed: [y]\n"
        "    max_per_day: 5000\n",
    )
    book, problems = build_rulebook([folder], config, DATES)
    assert problems == []
    (rule,) = book.rules
    assert dict(rule.params) == {"standard": "fhir", "agreed": ("y",), "max_per_day": 5000.0}
    changes = [(c.name, c.default_text, c.value_text) for c in book.thresholds]
    assert changes == [("standard", "hl7v2", "fhir"), ("agreed", "adt-feed, lab-orders", "y")]
    # Under the programme's standard (fhir) the hl7v2 example fails and the fhir one passes;
    # a fhir example with no daily volume now reaches the volume cap, which it does not state.
    got = [e.got for e in run_examples(rule)]
    assert got == ["fail", "pass", "not_stated", "fail", "not_stated"]


def test_an_override_of_another_type_is_a_positioned_error(tmp_path: Path) -> None:
    config = tmp_path / "readiness.yaml"
    config.write_text(
        "thresholds:\n"
        "  GV-DECISION:\n"
        "    required_roles: 3\n"
        "  TR-COMPLETE:\n"
        "    min_percent: [high]\n"
        "    blocker_below: seventy\n"
    )
    done = run_cli("check", str(RIVERSIDE), "--as-of", "2027-04-16", "--config", str(config))
    assert done.returncode == 2
    assert done.stderr.splitlines()[-4:] == [
        f"{config}:3:21: rule GV-DECISION parameter `required_roles` is a list of strings, "
        "not a number [config-parameter-type]",
        f"{config}:5:18: rule TR-COMPLETE parameter `min_percent` is a number, "
        "not a list of strings [config-parameter-type]",
        f"{config}:6:20: rule TR-COMPLETE parameter `blocker_below` is a number, "
        "not a string [config-parameter-type]",
        "3 problem(s): nothing was checked",
    ]


def test_rules_show_prints_each_parameter_type(tmp_path: Path) -> None:
    rules = TYPED_RULE.replace("{standard_name}", "{standard}")
    folder = _rule_folder(tmp_path, rules)
    done = run_cli("rules", "show", "LOCAL-IF-STANDARD", "--rules", str(folder))
    assert done.returncode == 0, done.stderr
    assert [line for line in done.stdout.splitlines() if "parameter:" in line] == [
        "  parameter:  agreed = adt-feed, lab-orders",
        "  parameter:  max_per_day = 5000",
        "  parameter:  standard = hl7v2",
    ]
    shipped = run_cli("rules", "show", "GV-DECISION")
    assert (
        "  parameter:  required_roles = sro, ccio or cnio, coo, pharmacy, cso, data-lead, "
        "technical-lead\n" in shipped.stdout
    )


def _panel_message(*config: str) -> str:
    done = run_cli("check", str(RIVERSIDE), "--as-of", "2027-04-16", "--format", "json", *config)
    assert done.returncode in (0, 1), done.stderr
    findings = json.loads(done.stdout)["findings"]
    (message,) = [f["message"] for f in findings if f["rule"] == "GV-DECISION"]
    return str(message)


def test_the_go_no_go_panel_is_the_rules_policy(tmp_path: Path) -> None:
    assert _panel_message().startswith("Go/no-go panel: roles missing none;")
    config = tmp_path / "programme.yaml"
    config.write_text(
        "thresholds:\n  GV-DECISION:\n"
        "    required_roles: [sro, board, ccio or cnio, board or supplier]\n"
    )
    assert _panel_message("--config", str(config)).startswith(
        "Go/no-go panel: roles missing board;"
    )


def test_an_override_is_shown_among_the_settings_that_differ(tmp_path: Path) -> None:
    site = tmp_path / "riverside"
    shutil.copytree(RIVERSIDE, site)
    (tmp_path / "readiness.yaml").write_text(
        "thresholds:\n  GV-DECISION:\n    required_roles: [sro, ccio or cnio]\n"
    )
    done = run_cli("check", str(site), "--as-of", "2027-04-16", "--format", "json")
    assert (
        "readiness: GV-DECISION required_roles is sro, ccio or cnio (default sro, ccio or cnio, "
        "coo, pharmacy, cso, data-lead, technical-lead), set at "
        f"{tmp_path / 'readiness.yaml'}:3:21"
    ) in done.stderr
    (change,) = json.loads(done.stdout)["thresholds"]
    assert change["value"] == ["sro", "ccio or cnio"]
    assert change["default"][1] == "ccio or cnio" and len(change["default"]) == 7


def test_a_derived_field_needs_its_parameter(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: LOCAL-PANEL
    title: The panel is whole
    category: governance
    severity: major
    applies_to: site
    condition: decision_panel_missing.length == 0
    message: "missing {decision_panel_missing}"
    rationale: r
    remediation: r
    reference: r
    examples:
      pass: [{decision_panel: [sro]}]
      fail: [{decision_panel: []}]
"""
    folder = _rule_folder(tmp_path, rules)
    _book, problems = build_rulebook([folder], Config(), DATES)
    assert [p.render() for p in problems] == [
        f"{folder / 'local.yaml'}:2:5: rule LOCAL-PANEL: field `decision_panel_missing` needs "
        "the list parameter `required_roles` [rule-missing-parameter]"
    ]
    with_param = rules.replace(
        "    applies_to: site\n", "    applies_to: site\n    params: {required_roles: [sro]}\n"
    )
    (folder / "local.yaml").write_text(with_param)
    book, problems = build_rulebook([folder], Config(), DATES)
    assert problems == []
    assert [e.got for e in run_examples(book.rules[0])] == ["pass", "fail"]


def test_an_example_cannot_set_a_derived_field(tmp_path: Path) -> None:
    rules = """\
rules:
  - id: LOCAL-PANEL
    title: The panel is whole
    category: governance
    severity: major
    applies_to: site
    params: {required_roles: [sro]}
    condition: decision_panel_missing.length == 0
    message: "missing {decision_panel_missing}"
    rationale: r
    remediation: r
    reference: r
    examples:
      pass: [{decision_panel: [], decision_panel_missing: []}]
      fail: [{decision_panel: []}]
"""
    book, problems = build_rulebook([_rule_folder(tmp_path, rules)], Config(), DATES)
    assert problems == []
    assert [e.got for e in run_examples(book.rules[0])] == ["invalid", "fail"]


def test_a_graph_check_reads_its_parameter_from_the_rule_file(tmp_path: Path) -> None:
    shipped = (rules_dir() / "integration.yaml").read_text()
    start = shipped.index("  - id: G-BLAST")
    end = shipped.find("\n  - id:", start + 1)
    blast = "rules:\n" + shipped[start : end if end != -1 else None]
    assert "    params:\n      min_workflows: 5\n" in blast
    folder = _rule_folder(tmp_path, blast.replace("    params:\n      min_workflows: 5\n", ""))
    _book, problems = build_rulebook([folder], Config(), DATES)
    assert [(p.message, p.code) for p in problems] == [
        (
            "rule G-BLAST: graph check `blast` needs the number parameter `min_workflows`",
            "rule-missing-parameter",
        )
    ]
    check_line = blast.splitlines().index("    check: blast") + 1
    assert (problems[0].location.line, problems[0].location.column) == (check_line, 12)


def test_the_html_report_shows_a_list_setting_as_a_list() -> None:
    where = Location("sites/readiness.yaml", 3, 21)
    changes = (
        ThresholdChange("GV-DECISION", "required_roles", ("sro", "ccio or cnio"), ("sro",), where),
        ThresholdChange("TR-COMPLETE", "min_percent", 90.0, 85.0, where),
    )
    page = html.render(dataclasses.replace(make_result(), thresholds=changes))
    assert (
        '<td data-label="Default" class="num">sro, ccio or cnio</td>'
        '<td data-label="Used" class="num"><strong>sro</strong></td>'
    ) in page
    # Numbers keep the form the reports always gave them.
    assert (
        '<td data-label="Default" class="num">90.0</td>'
        '<td data-label="Used" class="num"><strong>85.0</strong></td>'
    ) in page


def test_a_list_override_with_an_unknown_word_or_no_item_is_refused(tmp_path: Path) -> None:
    # A typo or an empty list would stop DM-RECON judging allergies: a silent GO.
    config = tmp_path / "readiness.yaml"
    config.write_text(
        "thresholds:\n"
        "  DM-RECON:\n"
        "    safety_critical_domains: [Allergies, active-medications]\n"
        "  GV-DECISION:\n"
        "    required_roles: []\n",
        encoding="utf-8",
    )

    done = run_cli(
        "check",
        "sample_sites/riverside-community",
        "--as-of",
        "2027-04-16",
        "--config",
        str(config),
    )

    assert done.returncode == 2
    assert done.stdout == ""
    assert f"{config}:3:30: rule DM-RECON parameter `safety_critical_domains`: `Allergies` is" in (
        done.stderr
    )
    assert "(did you mean `allergies`?) [parameter-value]" in done.stderr
    assert (
        f"{config}:5:21: rule GV-DECISION parameter `required_roles` is empty; it must name at "
        "least one [parameter-value]"
    ) in done.stderr


def test_the_words_a_list_may_use_are_the_site_schemas() -> None:
    from readiness.facts.data_migration import DOMAIN_NAMES
    from readiness.facts.governance import PANEL_ROLES

    schema = json.loads((REPO / "schemas" / "site.schema.json").read_text(encoding="utf-8"))
    defs = schema["$defs"]
    domain = defs["data_migration"]["properties"]["domains"]["items"]["properties"]["domain"]
    panel = defs["governance"]["properties"]["decision"]["properties"]["panel"]["items"]
    assert list(DOMAIN_NAMES) == domain["enum"]
    assert list(PANEL_ROLES) == panel["enum"]
