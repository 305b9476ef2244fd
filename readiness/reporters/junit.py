"""JUnit XML: one test suite per category, one test case per rule and item."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from readiness.reporters.wording import (
    category_order,
    category_title,
    due_phrase,
    evidence_lines,
    refused_note,
    where,
)
from readiness.result import Finding, Result

# Characters XML 1.0 cannot carry at all, even escaped; ElementTree would write them raw.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: Result) -> str:
    """The result as a JUnit XML document (failing rules are failures, waivers skipped)."""
    root = ET.Element("testsuites", name=_clean(f"readiness {result.site_id}"))
    totals = {"tests": 0, "failures": 0, "errors": 0}
    for category in category_order(result):
        findings = [f for f in result.findings if f.category == category]
        if not findings:
            continue
        suite = _suite(result, category, findings)
        root.append(suite)
        for key in totals:
            totals[key] += int(suite.get(key, "0"))
    for key, value in totals.items():
        root.set(key, str(value))
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body}\n'


def _suite(result: Result, category: str, findings: list[Finding]) -> ET.Element:
    suite = ET.Element(
        "testsuite",
        name=_clean(f"{result.site_id}.{category}"),
        tests=str(len(findings)),
        failures=str(sum(1 for f in findings if f.status == "fail")),
        errors="0",
        skipped=str(sum(1 for f in findings if f.status in ("waived", "not_applicable"))),
    )
    properties = ET.SubElement(suite, "properties")
    changed = len(result.settings_changed)
    for name, value in (
        ("site", result.site_id),
        ("site_name", result.site_name),
        ("category", category_title(category)),
        ("as_of", result.as_of.isoformat()),
        ("go_live", result.go_live.isoformat()),
        ("verdict", result.verdict),
        *(
            [("partial", f"{len(result.rules)} of {result.rules_in_catalogue} rules evaluated")]
            if result.partial
            else []
        ),
        *([("modified", f"{changed} settings differ from the catalogue")] if changed else []),
    ):
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    for finding in findings:
        suite.append(_case(result, finding))
    return suite


def _case(result: Result, finding: Finding) -> ET.Element:
    case = ET.Element(
        "testcase",
        classname=_clean(finding.rule),
        name=_clean(f"{finding.rule} {finding.target}"),
    )
    if finding.status == "fail":
        refused = refused_note(finding)
        message = f"{finding.message}; {refused}" if refused else finding.message
        failure = ET.SubElement(case, "failure", message=_clean(message), type=finding.severity)
        failure.text = _clean(_details(result, finding))
    elif finding.status == "waived":
        w = finding.waiver
        reason = (
            f"{w.justification} (approved by {w.approver}, expires {w.expires.isoformat()})"
            if w
            else finding.message
        )
        ET.SubElement(case, "skipped", message=_clean(f"waived: {reason}"))
    elif finding.status == "not_applicable":
        ET.SubElement(case, "skipped", message=_clean(f"not applicable: {finding.message}"))
    return case


def _details(result: Result, finding: Finding) -> str:
    lines = [
        f"{where(finding.location)}: {finding.message}",
        f"{finding.rule} {finding.title} ({finding.severity})",
    ]
    due = due_phrase(finding, result.as_of)
    owner = None if finding.owner is None else f"owner {finding.owner.text}"
    if owner or due:
        lines.append(", ".join(p for p in (owner, due) if p))
    lines.extend(f"evidence: {item}" for item in evidence_lines(finding))
    refused = refused_note(finding)
    if refused and finding.waiver is not None:
        lines.append(f"{where(finding.waiver.location)}: {refused}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)
