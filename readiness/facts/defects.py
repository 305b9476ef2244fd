"""Facts for the defect rule: each defect's severity (after its history), workaround and hazard."""

from __future__ import annotations

from readiness.clock import Clock
from readiness.facts.base import FactItem, Kind, item_from_record
from readiness.fields import Field
from readiness.model import Record, SiteModel, stated_text
from readiness.problems import DataPath

DEFECT_FIELDS: dict[str, Field] = {
    "id": Field("string", "The defect's id.", source="id"),
    "title": Field("string", "The defect's title.", source="title", absent="a label"),
    "name": Field("string", "Its id and title.", source=("id", "title"), absent="a label"),
    "severity": Field(
        "number", "Recorded severity: 1 critical (no workaround) to 4 cosmetic.", source="severity"
    ),
    "effective_severity": Field(
        "number",
        "The severity it counts at: its original one when a downgrade from 1 or 2 was not "
        "approved by the change board.",
        source=("severity", "severity_history"),
    ),
    "unapproved_downgrades": Field(
        "strings",
        "Downgrades from severity 1 or 2 without change-board approval, as `from -> to on date`.",
        source="severity_history",
        absent="absent means the severity never changed",
    ),
    "status": Field("string", "open, resolved, closed or deferred.", source="status"),
    "open": Field("boolean", "Open or deferred: it will be live at go-live.", source="status"),
    "has_workaround": Field(
        "boolean",
        "A workaround is recorded.",
        source="workaround",
        absent="absent means there is no workaround",
    ),
    "hazard": Field(
        "string",
        "The hazard entry it is linked to.",
        source="hazard",
        absent="absent means no hazard entry is linked",
    ),
    "system": Field(
        "string", "The system it affects.", source="system", absent="descriptive: for messages"
    ),
    "open_severity3": Field(
        "number",
        "Open severity-3 defects at the site (counted at their effective severity).",
        source="/defects[].severity",
        absent="a count of the listed defects; none listed is 0",
    ),
    "severity3_ceiling": Field(
        "number",
        "The agreed ceiling of open severity-3 defects.",
        source="/testing.severity3_ceiling",
    ),
    "severity3_rank": Field(
        "number",
        "For an open severity-3 defect: its place among them in file order (else 0).",
        source="/defects[].severity",
        absent="a place in the list, derived from the stated severities",
    ),
    "summary": Field(
        "string",
        "The defect's severity, status, workaround and hazard in words.",
        absent="a summary for messages",
    ),
}


def _downgrades(record: Record) -> list[tuple[int, str]]:
    """Downgrades from severity 1 or 2 the change board did not approve: (from, in words)."""
    out: list[tuple[int, str]] = []
    for change in record.get("severity_history") or ():
        if not isinstance(change, dict) or change.get("approved_by_change_board") is True:
            continue
        before, after = change.get("from"), change.get("to")
        if isinstance(before, int) and isinstance(after, int) and before <= 2 and after > before:
            out.append((before, f"{before} -> {after} on {change.get('date') or 'no date'}"))
    unrecorded = _unrecorded_change(record)
    return out if unrecorded is None else [*out, unrecorded]


def _unrecorded_change(record: Record) -> tuple[int, str] | None:
    """A severity that differs from where its history ends: counted at the history's highest."""
    changes = [c for c in record.get("severity_history") or () if isinstance(c, dict)]
    history = sorted(changes, key=lambda c: str(c.get("date") or ""))  # where it ends is by date
    levels = [v for c in history for v in (c.get("from"), c.get("to")) if isinstance(v, int)]
    last = history[-1].get("to") if history else None
    severity = record.get("severity")
    if not levels or last == severity:
        return None
    # Nobody recorded who changed it or whether the board agreed: assume the worst it has been.
    highest = min(levels)
    return highest, (
        f"unrecorded change: the history ends at {last}, the defect records {severity}; "
        f"counted at {highest}, the highest severity in its history"
    )


def effective_severity(record: Record) -> object:
    """The severity a defect counts at: its original one after an unapproved downgrade."""
    severity = record.get("severity")
    if not isinstance(severity, int):
        return None
    return min([severity, *(before for before, _text in _downgrades(record))])


def _defect_summary(record: Record, rank: int, open_s3: int, ceiling: int | None) -> str:
    severity = effective_severity(record)
    parts = [f"severity {severity}, {record.get('status')}"]
    if severity != record.get("severity"):
        unapproved = "; ".join(text for _before, text in _downgrades(record))
        parts[0] = (
            f"severity {severity} (recorded {record.get('severity')}, downgraded without "
            f"change-board approval: {unapproved}), {record.get('status')}"
        )
    if severity == 3 and rank:
        agreed = "no agreed ceiling" if ceiling is None else f"agreed ceiling {ceiling}"
        parts.append(f"number {rank} of {open_s3} open severity-3 defects, {agreed}")
    else:
        parts.append(
            "workaround recorded" if stated_text(record.get("workaround")) else "no workaround"
        )
        hazard = record.get("hazard")
        parts.append(f"hazard {hazard}" if hazard else "no hazard entry")
    return "; ".join(parts)


def _defects(model: SiteModel, clock: Clock) -> list[FactItem]:
    records = model.records("defects")
    ceiling_value = model.section("testing").get("severity3_ceiling")
    ceiling = ceiling_value if isinstance(ceiling_value, int) else None
    open_s3 = [r for r in records if effective_severity(r) == 3 and _is_open(r)]
    ranks = {r.path: i for i, r in enumerate(open_s3, start=1)}
    items = []
    for record in records:
        rank = ranks.get(record.path, 0)
        values: dict[str, object] = {
            "id": record.get("id"),
            "title": record.get("title"),
            "name": " ".join(str(p) for p in (record.get("id"), record.get("title")) if p),
            "severity": record.get("severity"),
            "effective_severity": effective_severity(record),
            "unapproved_downgrades": [text for _before, text in _downgrades(record)],
            "status": record.get("status"),
            "open": _is_open(record),
            "has_workaround": bool(stated_text(record.get("workaround"))),
            "hazard": record.get("hazard"),
            "system": record.get("system"),
            "open_severity3": len(open_s3),
            "severity3_ceiling": ceiling,
            "severity3_rank": rank,
            "summary": _defect_summary(record, rank, len(open_s3), ceiling),
        }
        evidence: dict[str, str | DataPath] = {
            "has_workaround": "workaround",
            "open": "status",
            "summary": "status",
            "effective_severity": "severity_history",
            "unapproved_downgrades": "severity_history",
            "severity3_ceiling": ("testing", "severity3_ceiling"),
        }
        items.append(item_from_record(model, "defects", record.get("id"), record, values, evidence))
    return items


def _is_open(record: Record) -> bool:
    return record.get("status") in ("open", "deferred")


DEFECTS = Kind("defects", "Defects found in testing.", DEFECT_FIELDS, _defects, base=("defects[]",))
