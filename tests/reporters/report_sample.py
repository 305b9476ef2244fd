"""A realistic result built by hand: a big-bang EPR go-live at an acute hospital.

Shared by the reporter tests and the browser test. `hostile=True` puts markup, quotes,
separators and control characters into every user-written field a report shows.
"""

from __future__ import annotations

import datetime as dt

from readiness.owners import owner_of
from readiness.problems import Location
from readiness.result import (
    Finding,
    GraphEdge,
    GraphNode,
    Impact,
    ImpactPath,
    Result,
    RiskCause,
    RuleInfo,
    Score,
    ThresholdChange,
    Waiver,
    WorkflowRisk,
)

AS_OF = dt.date(2026, 11, 25)
GO_LIVE = dt.date(2027, 3, 14)
HOSTILE = '<script>alert(1)</script> "Q" & | ]]> %0A\nsecond line\x1b[31m'
SITE_FILES = (
    "sites/northgate/site.yaml",
    "sites/northgate/systems.yaml",
    "sites/northgate/interfaces.yaml",
    "sites/northgate/workflows.yaml",
    "sites/northgate/people.yaml",
    "sites/northgate/safety.yaml",
    "sites/northgate/testing.yaml",
    "sites/northgate/governance.yaml",
)

# id: (title, category, severity, rationale, remediation, reference, applies to, due T-days)
RULES: dict[str, tuple[str, str, str, str, str, str, str, int | None]] = {
    "CS-CSO": (
        "Named clinical safety officer",
        "clinical-safety",
        "blocker",
        "DCB0160 requires a named CSO with current professional registration.",
        "Appoint a registered clinician as CSO and record their registration number.",
        "DCB0160 section 2.3",
        "site",
        None,
    ),
    "CS-CSCR": (
        "Deployer safety case report signed",
        "clinical-safety",
        "blocker",
        "The deploying organisation must accept the residual clinical risk in writing "
        "before the system is used on patients.",
        "Have the CSO sign the safety case report for the release being deployed.",
        "DCB0160",
        "site",
        14,
    ),
    "IF-STAGES": (
        "Interfaces passed every test stage",
        "interfaces",
        "blocker",
        "Most go-live incidents trace back to interfaces that were never tested end "
        "to end with production-like data.",
        "Run unit, SIT and E2E tests (and a volume test above 10,000 messages a day).",
        "ONC SAFER Guide: System Interfaces",
        "interface",
        21,
    ),
    "IF-MONITOR": (
        "Interfaces monitored with a replay runbook",
        "interfaces",
        "major",
        "A silent interface failure loses results and orders without anyone noticing.",
        "Configure alerting, name an owner and write a replay runbook.",
        "ONC SAFER Guide: System Interfaces",
        "interface",
        14,
    ),
    "IF-PROC-ID": (
        "Production feeds flagged as production",
        "interfaces",
        "minor",
        "Test messages reaching production create phantom patients.",
        "Set MSH-11 to P on production feeds and disable test feeds.",
        "HL7 v2 MSH-11",
        "interface",
        None,
    ),
    "G-CRIT-UNTESTED": (
        "Life-critical systems depend only on tested interfaces",
        "integration",
        "blocker",
        "A life-critical system is only as safe as the least-tested feed it depends on.",
        "Complete E2E testing of every interface upstream of the system.",
        "ONC SAFER Guide: System Interfaces",
        "system",
        21,
    ),
    "G-SPOF": (
        "No single point of failure for life-critical feeds",
        "integration",
        "major",
        "Losing the integration engine cuts several life-critical systems off at once.",
        "Provide high availability or a rehearsed downtime procedure.",
        "ONC SAFER Guide: Contingency Planning",
        "system",
        None,
    ),
    "G-BLAST": (
        "High blast-radius interfaces have a playbook",
        "integration",
        "minor",
        "An interface feeding many critical workflows needs its own playbook.",
        "Write a downtime playbook and set up dedicated monitoring.",
        "ONC SAFER Guide: Contingency Planning",
        "interface",
        None,
    ),
    "WF-BUILD": (
        "Workflow build complete and signed off",
        "workflows",
        "blocker",
        "Clinicians cannot work safely on incomplete templates and order sets.",
        "Finish the build and have the workflow owner sign it off.",
        "NHS England EPR go-live lessons",
        "workflow",
        28,
    ),
    "WF-E2E": (
        "Workflows walked end to end",
        "workflows",
        "blocker",
        "Walking a workflow finds the gaps between systems that scripts miss.",
        "Walk the workflow in the integrated environment with clinicians.",
        "NHS England EPR go-live lessons",
        "workflow",
        21,
    ),
    "TR-COMPLETE": (
        "Staff cohorts trained",
        "training",
        "major",
        "Untrained staff make unsafe workarounds on go-live day.",
        "Run catch-up sessions and track attendance per cohort.",
        "Practitioner figure: 90% trained",
        "cohort",
        14,
    ),
    "TR-HOURS": (
        "Prescribers trained for at least 4 hours",
        "training",
        "minor",
        "Prescribing errors fall with hands-on training time.",
        "Schedule the full prescriber curriculum.",
        "Vendor guidance",
        "cohort",
        14,
    ),
    "TR-RECENCY": (
        "Training recent",
        "training",
        "minor",
        "Skills fade within weeks without practice.",
        "Plan a refresher close to go-live.",
        "Vendor guidance",
        "cohort",
        None,
    ),
    "RS-SU-RATIO": (
        "Enough super users",
        "resourcing",
        "major",
        "Super users absorb most go-live questions at the elbow.",
        "Recruit and train more super users for the area.",
        "Practitioner figure: 1 per 10 users",
        "area",
        14,
    ),
    "RS-CMD": (
        "Command centre staffed 24x7",
        "resourcing",
        "blocker",
        "A big-bang go-live needs one place to triage and escalate issues.",
        "Staff a 24x7 command centre for at least 14 days.",
        "NHS England EPR go-live lessons",
        "site",
        None,
    ),
    "DM-RECON": (
        "Migrated data reconciles",
        "data-migration",
        "blocker",
        "Lost future appointments and waiting-list entries harm patients.",
        "Reconcile counts and clinically sample safety-critical domains.",
        "NHS England EPR go-live lessons",
        "domain",
        7,
    ),
    "DM-TRIALS": (
        "Two full trial loads",
        "data-migration",
        "major",
        "Only a timed trial load proves the cutover window is long enough.",
        "Run a second full trial load inside the cutover window.",
        "Practitioner practice",
        "site",
        21,
    ),
    "DM-LEGACY": (
        "Legacy records stay readable",
        "data-migration",
        "major",
        "Clinicians need history that was not migrated.",
        "Keep the legacy system read-only and reachable.",
        "Practitioner practice",
        "domain",
        None,
    ),
    "TS-DEFECTS": (
        "No open severity-1 defects",
        "testing",
        "blocker",
        "A severity-1 defect has no workaround by definition.",
        "Fix or downgrade with a workaround and a hazard entry.",
        "Test management practice",
        "site",
        7,
    ),
    "IN-DEVICES": (
        "Devices installed and tested",
        "infrastructure",
        "blocker",
        "Missing card readers and printers stop wards working on day one.",
        "Install and test every required device per area.",
        "NHS England EPR go-live lessons",
        "area",
        7,
    ),
    "GV-RAID": (
        "RAID items owned and in date",
        "governance",
        "major",
        "An unowned risk is an unmanaged risk.",
        "Give every open item an owner and an in-date action.",
        "PRINCE2",
        "raid",
        None,
    ),
    "GV-DECISION": (
        "Go/no-go panel named",
        "governance",
        "blocker",
        "The go-live decision needs accountable people.",
        "Name the panel and record its decision and conditions.",
        "PRINCE2",
        "site",
        2,
    ),
}

SYSTEMS = [
    # id, name, category, criticality, lifecycle
    ("epr", "Northgate EPR", "EPR", "life-critical", "new"),
    ("pas", "Legacy PAS (iPM)", "PAS", "business-critical", "decommissioned"),
    ("tie", "Trust Integration Engine", "integration engine", "life-critical", "retained"),
    ("lims", "WinPath LIMS", "LIMS", "life-critical", "retained"),
    ("bt", "Blood Transfusion (Telepath)", "LIMS", "life-critical", "retained"),
    ("ris", "CRIS Radiology", "RIS", "business-critical", "retained"),
    ("pacs", "Sectra PACS", "PACS/VNA", "life-critical", "retained"),
    ("vna", "Vendor Neutral Archive", "PACS/VNA", "supporting", "retained"),
    ("epma", "ePMA (JAC)", "ePMA", "life-critical", "new"),
    ("stock", "Pharmacy Stock Control", "ePMA", "supporting", "retained"),
    ("ed", "Emergency Department (Symphony)", "ED", "life-critical", "retained"),
    ("theatres", "Theatres (TheatreMan)", "theatres", "business-critical", "replaced"),
    ("maternity", "Maternity (BadgerNet)", "maternity", "life-critical", "retained"),
    ("icu", "Critical Care (IntelliSpace)", "EPR", "life-critical", "retained"),
    ("pds", "NHS Spine PDS", "national service", "business-critical", "retained"),
    ("ers", "e-Referral Service", "national service", "business-critical", "retained"),
    ("eps", "Electronic Prescription Service", "national service", "business-critical", "retained"),
    ("mesh", "MESH", "national service", "supporting", "retained"),
    ("gpconnect", "GP Connect", "national service", "supporting", "retained"),
    ("docman", "Docman GP Letters", "national service", "supporting", "retained"),
    ("ice", "ICE Order Comms", "order comms", "business-critical", "decommissioned"),
    ("ecg", "Cardiology ECG (MUSE)", "order comms", "supporting", "retained"),
    ("endo", "Endoscopy Reporting (Solus)", "order comms", "supporting", "retained"),
    ("renal", "Renal (Vital Data)", "EPR", "business-critical", "retained"),
    ("chemo", "Chemotherapy Prescribing (ChemoCare)", "ePMA", "life-critical", "retained"),
    ("beds", "Bed Management (TeleTracking)", "PAS", "business-critical", "retained"),
    ("porter", "Portering", "PAS", "supporting", "retained"),
    ("dictation", "Digital Dictation (BigHand)", "EPR", "supporting", "retained"),
    ("edm", "Document Scanning (EDM)", "EPR", "supporting", "retained"),
    ("dw", "Data Warehouse", "EPR", "supporting", "retained"),
    ("portal", "Patient Portal", "EPR", "supporting", "new"),
    ("labels", "Label and Wristband Printing", "EPR", "business-critical", "new"),
    ("idm", "Smartcards and Identity (CIS)", "national service", "business-critical", "retained"),
    ("cancer", "Somerset Cancer Register", "EPR", "business-critical", "retained"),
]
NOT_READY_SYSTEMS = {"epr", "tie", "epma"}

INTERFACES = [
    # id, source, target, standard, ready
    ("if-pas-tie-adt", "pas", "tie", "HL7 v2.4 ADT", True),
    ("if-epr-tie-adt", "epr", "tie", "HL7 v2.5.1 ADT", True),
    ("if-epr-tie-orders", "epr", "tie", "HL7 v2.5.1 OML^O21", True),
    ("if-tie-lims-orders", "tie", "lims", "HL7 v2.5.1 OML^O21", False),
    ("if-lims-tie-results", "lims", "tie", "HL7 v2.5.1 ORU^R01", True),
    ("if-tie-epr-results", "tie", "epr", "HL7 v2.5.1 ORU^R01", True),
    ("if-lims-bt", "lims", "bt", "HL7 v2.4 ADT", True),
    ("if-bt-tie", "bt", "tie", "HL7 v2.4 ORU^R01", True),
    ("if-tie-ris", "tie", "ris", "HL7 v2.4 ORM^O01", True),
    ("if-ris-pacs", "ris", "pacs", "DICOM MWL", True),
    ("if-pacs-vna", "pacs", "vna", "DICOM C-STORE", True),
    ("if-epr-epma-adt", "epr", "epma", "FHIR R4 Encounter", False),
    ("if-epma-stock", "epma", "stock", "HL7 v2.5 RDE^O11", True),
    ("if-tie-ed", "tie", "ed", "HL7 v2.4 ADT", True),
    ("if-ed-tie", "ed", "tie", "HL7 v2.4 ADT", True),
    ("if-tie-maternity", "tie", "maternity", "HL7 v2.4 ADT", False),
    ("if-tie-icu", "tie", "icu", "HL7 v2.4 ADT", True),
    ("if-epr-pds", "epr", "pds", "FHIR R4 Patient", True),
    ("if-epr-ers", "epr", "ers", "FHIR STU3", True),
    ("if-epma-eps", "epma", "eps", "FHIR R4 MedicationRequest", True),
    ("if-tie-mesh", "tie", "mesh", "MESH", True),
    ("if-mesh-docman", "mesh", "docman", "MESH", True),
    ("if-epr-gpconnect", "epr", "gpconnect", "FHIR STU3", True),
    ("if-tie-ecg", "tie", "ecg", "HL7 v2.3 ADT", True),
    ("if-tie-endo", "tie", "endo", "HL7 v2.3 ADT", True),
    ("if-tie-renal", "tie", "renal", "HL7 v2.4 ADT", True),
    ("if-tie-chemo", "tie", "chemo", "HL7 v2.4 ADT", True),
    ("if-epr-beds", "epr", "beds", "HL7 v2.4 ADT", True),
    ("if-beds-porter", "beds", "porter", "REST", True),
    ("if-dictation-epr", "dictation", "epr", "HL7 v2.4 MDM^T02", True),
    ("if-edm-epr", "edm", "epr", "HL7 v2.4 MDM^T02", True),
    ("if-epr-dw", "epr", "dw", "file drop", True),
    ("if-epr-portal", "epr", "portal", "FHIR R4", True),
    ("if-epr-labels", "epr", "labels", "ZPL", True),
    ("if-idm-epr", "idm", "epr", "SAML", True),
    ("if-tie-cancer", "tie", "cancer", "HL7 v2.4 ORU^R01", True),
    ("if-tie-ice", "tie", "ice", "HL7 v2.4 ADT", True),
]
SEQUENCES = [("seq-pas-epr", "pas", "epr"), ("seq-epr-epma", "epr", "epma")]

WORKFLOWS = {
    "wf-sepsis": "Sepsis screening and antibiotics in ED",
    "wf-pathology": "Order and result pathology tests",
    "wf-transfusion": "Blood transfusion",
    "wf-medicines": "Inpatient prescribing and administration",
    "wf-theatre": "Theatre list and surgical safety checklist",
    "wf-labour": "Labour ward admission",
    "wf-discharge": "Discharge summary to GP",
}


def _loc(file_index: int, line: int, column: int = 3) -> Location:
    return Location(SITE_FILES[file_index], line, column)


def _finding(
    rule: str,
    status: str,
    target: str,
    message: str,
    where: Location,
    *,
    owner: str | None = None,
    due: dt.date | None = None,
    waiver: Waiver | None = None,
    evidence: tuple[str, ...] = (),
) -> Finding:
    title, category, severity = RULES[rule][:3]
    return Finding(
        rule=rule,
        title=title,
        category=category,
        severity=severity,
        status=status,
        target=target,
        message=message,
        location=where,
        # Owners are written as sites write free text: `Name (Role)` is read as both.
        owner=owner_of(owner),
        due=due,
        days_left=None if due is None else (due - AS_OF).days,
        waiver=waiver,
        evidence=evidence,
    )


def _waivers(hostile: bool) -> dict[str, Waiver]:
    justification = (
        HOSTILE
        if hostile
        else (
            "Ward 7 reopens after refurbishment on 2027-04-01; agency staff use the ward "
            "8 readers until then"
        )
    )
    return {
        "devices": Waiver(
            "IN-DEVICES",
            "Ward 7 card readers",
            justification,
            "Mark Ellis (SRO)",
            dt.date(2026, 11, 2),
            dt.date(2027, 3, 31),
            "active",
            _loc(7, 41),
        ),
        "trials": Waiver(
            "DM-TRIALS",
            "Waiting list trial load 2",
            "Second trial load replaced by a timed partial load signed by the data migration lead",
            "Dr Helen Okafor (CCIO)",
            dt.date(2026, 10, 20),
            dt.date(2027, 2, 1),
            "active",
            _loc(7, 48),
        ),
        "hours": Waiver(
            "TR-HOURS",
            "Resident doctors (prescribers)",
            "Rota gaps in October; full curriculum rescheduled",
            "Dr Helen Okafor (CCIO)",
            dt.date(2026, 9, 1),
            dt.date(2026, 10, 31),
            "lapsed",
            _loc(7, 55),
        ),
        "defects": Waiver(
            "TS-DEFECTS",
            "Defect log",
            "Workarounds briefed to ward managers",
            HOSTILE if hostile else "Sam Reid",
            dt.date(2026, 11, 20),
            dt.date(2027, 3, 1),
            "not-authorised",
            _loc(7, 69),
            role="project-manager",
            reason="not valid: approver lacks authority (project-manager may not waive a "
            "blocker in testing; needs one of: cso, sro)",
        ),
        "proc": Waiver(
            "IF-PROC-ID",
            "if-old-results-feed",
            "Feed retired with ICE; waiver kept for audit",
            "Sam Reid (integration lead)",
            dt.date(2026, 6, 1),
            dt.date(2027, 6, 1),
            "unused",
            _loc(7, 62),
        ),
    }


def _findings(hostile: bool, waivers: dict[str, Waiver]) -> list[Finding]:
    text = HOSTILE if hostile else ""
    cso = "Dr Priya Raman (CSO)"
    return [
        _finding("CS-CSO", "pass", "Dr Priya Raman", "CSO named, GMC 7012345", _loc(5, 3)),
        _finding(
            "CS-CSCR",
            "fail",
            "Safety case report v0.9",
            "Safety case report v0.9 is not signed by the CSO; the release is 2027.1" + text,
            _loc(5, 12),
            owner=cso,
            due=dt.date(2026, 11, 22),
            evidence=(
                "safety.yaml: safety_case.signed_by is empty",
                "release version 2027.1, report version 0.9",
            ),
        ),
        _finding(
            "IF-STAGES",
            "fail",
            "if-tie-lims-orders",
            "Interface TIE → WinPath orders (life-critical) has not passed E2E: "
            "SIT passed, E2E not started",
            _loc(2, 88, 5),
            owner="Sam Reid",
            due=dt.date(2027, 2, 21),
            evidence=("SIT campaign 4: 212/212 passed",),
        ),
        _finding("IF-STAGES", "pass", "if-epr-tie-adt", "all stages passed", _loc(2, 12, 5)),
        _finding("IF-STAGES", "pass", "if-tie-epr-results", "all stages passed", _loc(2, 40, 5)),
        _finding("IF-STAGES", "pass", "if-ris-pacs", "all stages passed", _loc(2, 120, 5)),
        _finding(
            "IF-STAGES", "not_applicable", "if-epr-dw", "supporting interface", _loc(2, 300, 5)
        ),
        _finding(
            "IF-MONITOR",
            "fail",
            "if-tie-maternity" + text,
            "Interface TIE → BadgerNet ADT has no replay runbook" + text,
            _loc(2, 161, 5),
            owner="Sam Reid" + (" | owner" if hostile else ""),
            due=dt.date(2027, 2, 28),
        ),
        _finding(
            "IF-MONITOR",
            "pass",
            "if-tie-lims-orders",
            "alerting, owner and runbook",
            _loc(2, 88, 5),
        ),
        _finding(
            "IF-PROC-ID",
            "fail",
            "if-tie-ecg",
            "Feed if-tie-ecg has MSH-11 = T in production",
            _loc(2, 210, 5),
        ),
        _finding(
            "G-CRIT-UNTESTED",
            "fail",
            "Northgate EPR",
            "Life-critical Northgate EPR depends on if-tie-lims-orders, which has not passed E2E",
            _loc(1, 4, 5),
            owner="Sam Reid",
            due=dt.date(2027, 2, 21),
        ),
        _finding(
            "G-SPOF",
            "fail",
            "Trust Integration Engine",
            "Trust Integration Engine has no HA pair and feeds 6 life-critical systems",
            _loc(1, 30, 5),
            owner="Infrastructure lead",
            due=dt.date(2027, 1, 31),
        ),
        _finding(
            "G-BLAST",
            "fail",
            "if-epr-tie-adt",
            "if-epr-tie-adt affects 7 critical workflows and has no downtime playbook",
            _loc(2, 12, 5),
        ),
        _finding(
            "WF-BUILD",
            "fail",
            "Outpatient clinic templates",
            "Outpatient clinic templates: 61% built, needs 100%",
            _loc(3, 22),
            owner="Jo Marsh (outpatients)",
            due=dt.date(2027, 2, 14),
        ),
        _finding("WF-BUILD", "pass", "Theatre lists", "100% built, signed off", _loc(3, 70)),
        _finding(
            "WF-E2E",
            "pass",
            "Sepsis screening and antibiotics in ED",
            "walked on 2026-11-02",
            _loc(3, 5),
        ),
        _finding("WF-E2E", "pass", "Blood transfusion", "walked on 2026-11-09", _loc(3, 90)),
        _finding(
            "TR-COMPLETE",
            "fail",
            "Theatres nurses",
            "Theatres nurses: 84% trained, needs 85%",
            _loc(4, 17),
            owner="Amira Hassan (training lead)",
            due=dt.date(2027, 2, 28),
        ),
        _finding("TR-COMPLETE", "pass", "ED nurses", "ED nurses: 93% trained", _loc(4, 9)),
        _finding("TR-COMPLETE", "pass", "Ward clerks", "Ward clerks: 97% trained", _loc(4, 25)),
        _finding(
            "TR-HOURS",
            "fail",
            "Resident doctors (prescribers)",
            "Resident doctors: 3 hours of training, needs 4",
            _loc(4, 40),
        ),
        _finding(
            "TR-RECENCY",
            "fail",
            "Pharmacists",
            "Pharmacists finished training 11 weeks before go-live, no refresher planned",
            _loc(4, 52),
        ),
        _finding(
            "RS-SU-RATIO",
            "fail",
            "Emergency Department",
            "Emergency Department: 1 super user per 16 users, needs 1 per 10",
            _loc(4, 80),
            owner="ED matron",
            due=dt.date(2027, 2, 28),
        ),
        _finding("RS-CMD", "pass", "Command centre", "24x7 for 21 days", _loc(4, 100)),
        _finding(
            "DM-RECON", "pass", "Future appointments", "412,908 of 412,908 reconciled", _loc(6, 30)
        ),
        _finding("DM-RECON", "pass", "Allergies", "clinical sample of 200 checked", _loc(6, 44)),
        _finding(
            "DM-TRIALS",
            "waived",
            "Waiting list trial load 2",
            "Only one full trial load was run",
            _loc(6, 60),
            owner="Data migration lead",
            waiver=waivers["trials"],
        ),
        _finding(
            "DM-LEGACY",
            "not_applicable",
            "Images",
            "no image migration at this go-live",
            _loc(6, 80),
        ),
        _finding(
            "TS-DEFECTS",
            "fail",
            "Defect log",
            "2 open severity-1 defects: DEF-1042, DEF-1077",
            _loc(6, 120),
            owner="Test manager",
            due=dt.date(2027, 3, 7),
            waiver=waivers["defects"],
            evidence=(
                "DEF-1042: discharge letters lose allergies",
                "DEF-1077: wristband barcode unreadable on ward printers",
            ),
        ),
        _finding(
            "IN-DEVICES",
            "waived",
            "Ward 7 card readers",
            "Ward 7: 0 of 12 card readers installed",
            _loc(7, 10),
            owner="Mark Ellis (SRO)",
            due=dt.date(2027, 3, 7),
            waiver=waivers["devices"],
        ),
        _finding("IN-DEVICES", "pass", "Ward 8", "Ward 8: 30 of 30 devices tested", _loc(7, 18)),
        _finding(
            "GV-RAID",
            "fail",
            "R-17 Smartcard supply",
            "RAID R-17 has an action due 2026-11-01 that is still open",
            _loc(7, 90),
            owner="PMO",
            due=dt.date(2026, 11, 1),
        ),
        _finding("GV-DECISION", "pass", "Go/no-go panel", "panel of 7 named", _loc(7, 3)),
    ]


def _scores(findings: list[Finding]) -> tuple[Score, ...]:
    out = []
    for category in dict.fromkeys(RULES[r][1] for r in RULES):
        mine = [f for f in findings if f.category == category]
        passed = sum(1 for f in mine if f.status == "pass")
        failed = sum(1 for f in mine if f.status == "fail")
        waived = sum(1 for f in mine if f.status == "waived")
        total = passed + failed + waived
        percent = round(100 * passed / total) if total else 0
        if not total:
            rag = "none"
        elif any(f.status == "fail" and f.severity == "blocker" for f in mine):
            rag = "red"
        elif failed or waived:
            rag = "amber"
        else:
            rag = "green"
        out.append(Score(category, percent, rag, passed, failed, waived))
    return tuple(out)


def _graph(hostile: bool) -> tuple[tuple[GraphNode, ...], tuple[GraphEdge, ...]]:
    nodes = tuple(
        GraphNode(
            sid,
            name + (HOSTILE if hostile and sid == "lims" else ""),
            category,
            criticality,
            lifecycle,
            sid not in NOT_READY_SYSTEMS,
        )
        for sid, name, category, criticality, lifecycle in SYSTEMS
    )
    edges = tuple(
        GraphEdge(iid, source, target, "interface", standard, ready)
        for iid, source, target, standard, ready in INTERFACES
    ) + tuple(GraphEdge(sid, s, t, "sequence", "", True) for sid, s, t in SEQUENCES)
    return nodes, edges


def _impacts() -> tuple[Impact, ...]:
    def wf(wid: str, *path: str) -> ImpactPath:
        return ImpactPath("workflow", wid, WORKFLOWS[wid], (*path, wid))

    def sys(sid: str, *path: str) -> ImpactPath:
        name = next(s[1] for s in SYSTEMS if s[0] == sid)
        return ImpactPath("system", sid, name, (*path, sid))

    return (
        Impact(
            "system",
            "tie",
            "Trust Integration Engine",
            ("G-SPOF",),
            (
                sys("lims", "tie"),
                sys("ed", "tie"),
                sys("maternity", "tie"),
                sys("icu", "tie"),
                sys("chemo", "tie"),
                sys("bt", "tie", "lims"),
            ),
            (
                wf("wf-pathology", "tie", "lims"),
                wf("wf-sepsis", "tie", "ed"),
                wf("wf-labour", "tie", "maternity"),
                wf("wf-transfusion", "tie", "lims", "bt"),
            ),
        ),
        Impact(
            "system",
            "epr",
            "Northgate EPR",
            ("WF-BUILD", "G-CRIT-UNTESTED"),
            (sys("epma", "epr"), sys("beds", "epr")),
            (wf("wf-medicines", "epr", "epma"), wf("wf-discharge", "epr")),
        ),
        Impact(
            "interface",
            "if-tie-lims-orders",
            "TIE → WinPath orders",
            ("IF-STAGES",),
            (sys("lims", "if-tie-lims-orders"),),
            (
                wf("wf-pathology", "if-tie-lims-orders", "lims"),
                wf("wf-transfusion", "if-tie-lims-orders", "lims", "bt"),
            ),
        ),
        Impact(
            "interface",
            "if-epr-epma-adt",
            "EPR → ePMA encounters",
            ("IF-STAGES",),
            (sys("epma", "if-epr-epma-adt"),),
            (wf("wf-medicines", "if-epr-epma-adt", "epma"),),
        ),
    )


def _at_risk(impacts: tuple[Impact, ...]) -> tuple[WorkflowRisk, ...]:
    """Each workflow the impacts reach, with every impact that reaches it, in their order."""
    causes: dict[str, list[RiskCause]] = {}
    for i in impacts:
        for p in i.workflows:
            causes.setdefault(p.id, []).append(RiskCause(i.kind, i.id, i.name, i.reasons, p.path))
    return tuple(WorkflowRisk(wid, WORKFLOWS[wid], tuple(found)) for wid, found in causes.items())


def make_result(*, hostile: bool = False, verdict: str = "NO-GO") -> Result:
    """The sample site's result; with `hostile`, user text tries to break every format."""
    waivers = _waivers(hostile)
    findings = _findings(hostile, waivers)
    nodes, edges = _graph(hostile)
    rules = tuple(
        RuleInfo(
            rid,
            title,
            category,
            severity,
            rationale,
            remediation,
            reference,
            applies_to,
            due,
            Location(f"rules/{category}.yaml", 1 + 20 * i, 3),
        )
        for i, (
            rid,
            (title, category, severity, rationale, remediation, reference, applies_to, due),
        ) in enumerate(RULES.items())
    )
    return Result(
        site_id="northgate",
        site_name=("Northgate General Hospital" + (HOSTILE if hostile else "")),
        organisation="Northgate Hospitals NHS Foundation Trust",
        approach="big bang",
        go_live=GO_LIVE,
        as_of=AS_OF,
        verdict=verdict,
        scores=_scores(findings),
        findings=tuple(findings),
        rules=rules,
        waivers=tuple(waivers.values()),
        impacts=_impacts(),
        nodes=nodes,
        edges=edges,
        thresholds=(
            ThresholdChange(
                "TR-COMPLETE", "trained_percent", 90, 85, Location("sites/readiness.yaml", 4, 5)
            ),
            ThresholdChange("RS-CMD", "days", 14, 21, Location("sites/readiness.yaml", 9, 5)),
        ),
        files=SITE_FILES,
        workflows=dict(WORKFLOWS),
        at_risk=_at_risk(_impacts()),
    )
