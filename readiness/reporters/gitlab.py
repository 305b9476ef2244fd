"""GitLab Code Quality report: each failing finding as an issue on its YAML line.

The format is the subset of Code Climate's that GitLab documents for `artifacts: reports:
codequality`: a JSON array of objects with `description`, `check_name`, `fingerprint`,
`severity` (info, minor, major, critical, blocker) and `location.path` with
`location.lines.begin`. Paths are as the site was named, so run readiness from the repository
root with relative paths. Waived findings are left out (the format has no way to say waived);
the verdict is one more issue, so that the merge request shows it change.
"""

from __future__ import annotations

import hashlib
import json

from readiness.reporters.wording import due_phrase, refused_note, verdict_note
from readiness.result import Finding, Result
from readiness.visible_text import visible

# Our three severities on GitLab's five; `critical` is left unused.
SEVERITIES = {"blocker": "blocker", "major": "major", "minor": "minor"}
VERDICT_SEVERITIES = {"NO-GO": "blocker", "CONDITIONAL": "major", "GO": "info"}

Json = dict[str, object]


def render(result: Result) -> str:
    """The failing findings and the verdict as a GitLab Code Quality report."""
    issues = [_issue(result, f) for f in result.findings if f.status == "fail"]
    issues.append(_verdict(result))
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"


def fingerprint(*parts: str) -> str:
    """A hash of what identifies an issue (site, rule, item), stable when lines move."""
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _issue(result: Result, f: Finding) -> Json:
    owner = None if f.owner is None else f.owner.text
    details = [part for part in (owner, due_phrase(f, result.as_of)) if part]
    text = f"{f.rule} {f.message}"
    refused = refused_note(f)
    if refused:
        text += f"; {refused}"
    if details:
        text += f" ({', '.join(details)})"
    return {
        "description": visible(text),
        "check_name": f.rule,
        "fingerprint": fingerprint(result.site_id, f.rule, f.target),
        "severity": SEVERITIES.get(f.severity, "major"),
        "location": _location(f.location.file, f.location.line),
    }


def _verdict(result: Result) -> Json:
    note = verdict_note(result)
    text = (
        f"readiness verdict for {result.site_name}: {result.verdict}"
        + (f" ({note})" if note else "")
        + f", go-live {result.go_live.isoformat()}, as of {result.as_of.isoformat()}"
    )
    return {
        "description": visible(text),
        "check_name": "readiness-verdict",
        "fingerprint": fingerprint(result.site_id, "verdict", result.verdict),
        "severity": VERDICT_SEVERITIES.get(result.verdict, "major"),
        "location": _location(result.files[0] if result.files else result.site_id, 1),
    }


def _location(file: str, line: int) -> Json:
    # GitLab wants a line; a finding about a whole file (line 0) is shown on its first line.
    return {"path": file.replace("\\", "/"), "lines": {"begin": max(line, 1)}}
