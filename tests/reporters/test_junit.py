"""JUnit XML: suites per category, counts that match the cases, escaping by ElementTree."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from hypothesis import given
from hypothesis import strategies as st
from report_sample import HOSTILE, make_result

from readiness.reporters import junit
from readiness.result import Result


def _root(result: Result) -> ET.Element:
    return ET.fromstring(junit.render(result))


def test_declaration_and_root(result: Result) -> None:
    out = junit.render(result)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')
    assert "timestamp" not in out and "hostname" not in out


def test_counts_match_cases(result: Result) -> None:
    root = _root(result)
    suites = root.findall("testsuite")
    assert len(suites) == len({f.category for f in result.findings})
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "")) == len(cases)
        failures = sum(1 for c in cases if c.find("failure") is not None)
        skipped = sum(1 for c in cases if c.find("skipped") is not None)
        assert int(suite.get("failures", "")) == failures
        assert int(suite.get("skipped", "")) == skipped
        assert suite.get("errors") == "0"
    assert int(root.get("tests", "")) == len(result.findings)
    assert int(root.get("failures", "")) == len(result.by_status("fail"))
    assert root.get("errors") == "0"


def test_failure_carries_message_location_and_severity(result: Result) -> None:
    case = _root(result).find(".//testcase[@name='CS-CSCR Safety case report v0.9']")
    assert case is not None
    assert case.get("classname") == "CS-CSCR"
    failure = case.find("failure")
    assert failure is not None
    assert failure.get("type") == "blocker"
    assert failure.get("message", "").startswith("Safety case report v0.9 is not signed")
    assert (failure.text or "").startswith("sites/northgate/safety.yaml:12:3: ")
    assert "overdue by 3 days" in (failure.text or "")


def test_a_waiver_without_authority_stays_a_failure_that_says_why(result: Result) -> None:
    [case] = [c for c in _root(result).iter("testcase") if c.get("classname") == "TS-DEFECTS"]
    failure = case.find("failure")
    assert failure is not None and case.find("skipped") is None
    reason = (
        "waiver by Sam Reid (project-manager) not valid: approver lacks authority "
        "(project-manager may not waive a blocker in testing; needs one of: cso, sro)"
    )
    assert failure.get("message") == f"2 open severity-1 defects: DEF-1042, DEF-1077; {reason}"
    assert (failure.text or "").endswith(f"sites/northgate/governance.yaml:69:3: {reason}")


def test_waived_and_not_applicable_are_skipped(result: Result) -> None:
    root = _root(result)
    waived = root.find(".//testcase[@name='IN-DEVICES Ward 7 card readers']/skipped")
    assert waived is not None
    assert waived.get("message", "").startswith("waived: Ward 7 reopens")
    na = root.find(".//testcase[@name='DM-LEGACY Images']/skipped")
    assert na is not None
    assert na.get("message") == "not applicable: no image migration at this go-live"


def test_hostile_text_is_escaped(hostile: Result) -> None:
    out = junit.render(hostile)
    assert "<script>" not in out
    root = ET.fromstring(out)
    prop = root.find(".//property[@name='site_name']")
    assert prop is not None
    expected = ("Northgate General Hospital" + HOSTILE).replace("\x1b", "\ufffd")
    assert prop.get("value") == expected


@given(st.text())
def test_any_text_gives_well_formed_xml(text: str) -> None:
    base = make_result()
    finding = dataclasses.replace(base.findings[1], message=text, target=text)
    out = junit.render(dataclasses.replace(base, site_name=text, findings=(finding,)))
    failure = ET.fromstring(out).find(".//failure")
    assert failure is not None
    assert failure.get("message") == junit._clean(text)
