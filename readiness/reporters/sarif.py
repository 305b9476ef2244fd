"""SARIF 2.1.0 for code-scanning tools: failing and waived findings, pointing into the YAML."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from readiness import __version__
from readiness.problems import Location
from readiness.reporters.wording import partial_note, refused_note, rules_by_id, where
from readiness.result import Finding, Result, RuleInfo

LEVELS = {"blocker": "error", "major": "warning", "minor": "note"}
SRCROOT = "%SRCROOT%"
SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT = "readinessFinding/v1"

Json = dict[str, object]


def render(result: Result) -> str:
    """The result as a SARIF 2.1.0 log with one run."""
    rules = _rules(result)
    index = {rule.id: i for i, rule in enumerate(rules)}
    results = [_result(f, index) for f in result.findings if f.status in ("fail", "waived")]
    changed = len(result.settings_changed)
    run: Json = {
        "tool": {
            "driver": {
                "name": "readiness",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(rule) for rule in rules],
            }
        },
        "automationDetails": {"id": f"readiness/{result.site_id}/"},
        "originalUriBaseIds": {
            SRCROOT: {"description": {"text": "The folder readiness was run from."}}
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "site": result.site_id,
            "siteName": result.site_name,
            "asOf": result.as_of.isoformat(),
            "goLive": result.go_live.isoformat(),
            "verdict": result.verdict,
            "partial": result.partial,
            "rulesEvaluated": len(result.rules),
            "rulesInCatalogue": result.rules_in_catalogue,
            "settingsChanged": changed,
        },
    }
    # Said where a viewer shows it: the verdict covers only the rules evaluated, or was
    # reached under thresholds and severities other than the catalogue's.
    notes = []
    if result.partial:
        notes.append({"level": "warning", "message": {"text": f"{partial_note(result)} evaluated"}})
    if changed:
        text = f"{changed} threshold or severity setting(s) differ from the catalogue's"
        notes.append({"level": "warning", "message": {"text": text}})
    if notes:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notes}]
    log: Json = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


def fingerprint(finding: Finding) -> str:
    """A hash of rule and item, stable when lines move, so code scanning tracks the alert."""
    return hashlib.sha256(f"{finding.rule}\0{finding.target}".encode()).hexdigest()


def artifact_location(file: str) -> Json:
    """A SARIF artifact location: relative paths under %SRCROOT%, absolute ones as file URIs."""
    if PureWindowsPath(file).drive or file.startswith(("/", "\\")):
        posix = PureWindowsPath(file).as_posix() if "\\" in file else file
        if not posix.startswith("/"):
            posix = "/" + posix
        return {"uri": "file://" + quote(posix, safe="/:")}
    posix = str(PurePosixPath(file.replace("\\", "/")))
    return {"uri": quote(posix, safe="/"), "uriBaseId": SRCROOT}


def _rules(result: Result) -> list[RuleInfo]:
    known = rules_by_id(result)
    # A finding whose rule is missing from the catalogue still needs a descriptor.
    for f in result.findings:
        if f.rule not in known:
            known[f.rule] = RuleInfo(
                f.rule, f.title, f.category, f.severity, "", "", "", "", None, Location("")
            )
    return sorted(known.values(), key=lambda r: r.id)


def _rule(rule: RuleInfo) -> Json:
    help_text = rule.remediation or rule.title
    if rule.reference:
        help_text += f"\n\nReference: {rule.reference}"
    descriptor: Json = {
        "id": rule.id,
        "name": _pascal(rule.title) or _pascal(rule.id),
        "shortDescription": {"text": _sentence(rule.title)},
        "fullDescription": {"text": _sentence(rule.rationale or rule.title)},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": LEVELS.get(rule.severity, "warning")},
        "properties": {
            "category": rule.category,
            "severity": rule.severity,
            "tags": [rule.category],
        },
    }
    return descriptor


def _result(f: Finding, index: dict[str, int]) -> Json:
    properties: Json = {
        "target": f.target,
        "category": f.category,
        "severity": f.severity,
        "status": f.status,
        "owner": None if f.owner is None else f.owner.text,
        "ownerEmail": None if f.owner is None else f.owner.email,
        "due": None if f.due is None else f.due.isoformat(),
    }
    out: Json = {
        "ruleId": f.rule,
        "ruleIndex": index[f.rule],
        "level": LEVELS.get(f.severity, "warning"),
        "message": {"text": _message(f)},
        "locations": [{"physicalLocation": _physical(f.location)}],
        "partialFingerprints": {FINGERPRINT: fingerprint(f)},
        "properties": properties,
    }
    if f.status == "waived" and f.waiver is not None:
        w = f.waiver
        out["suppressions"] = [
            {
                "kind": "external",
                "status": "accepted",
                "justification": f"{w.justification} (approved by {w.approver} on "
                f"{w.approved_on.isoformat()}, expires {w.expires.isoformat()})",
                "location": {"physicalLocation": _physical(w.location)},
            }
        ]
    elif f.status == "waived":
        out["suppressions"] = [{"kind": "external", "status": "accepted"}]
    elif f.refused_waiver is not None:
        # No suppression entry, not even a rejected one: a consumer that reads any entry as
        # suppressed would hide a failure the waiver does not cover. The reason is in the text.
        w = f.refused_waiver
        out["properties"] = {
            **properties,
            "waiver": {
                "state": w.state,
                "reason": w.reason,
                "approved_by": w.approver,
                "location": {"physicalLocation": _physical(w.location)},
            },
        }
    return out


def _message(f: Finding) -> str:
    refused = refused_note(f)
    if refused and f.waiver is not None:
        note = f"{refused[:1].upper()}{refused[1:]} ({where(f.waiver.location)})"
        return f"{_sentence(f.message)} {note}."
    return _sentence(f.message)


def _physical(location: Location) -> Json:
    physical: Json = {"artifactLocation": artifact_location(location.file)}
    if location.line > 0:
        region: Json = {"startLine": location.line}
        if location.column > 0:
            region["startColumn"] = location.column
        physical["region"] = region
    return physical


def _pascal(text: str) -> str:
    """`RAID items owned and in date` -> `RaidItemsOwnedAndInDate` (SARIF's friendly name)."""
    words = [w for w in re.findall(r"[A-Za-z0-9]+", text) if w.lower() not in ("a", "an")]
    return "".join(w.capitalize() if w.isupper() else w[:1].upper() + w[1:] for w in words)


def _sentence(text: str) -> str:
    """SARIF messages are sentences: end them with a full stop when they lack one."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."
