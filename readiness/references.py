"""Cross-references in a merged site: ids are unique per kind and every reference resolves."""

from __future__ import annotations

from collections.abc import Collection, Iterator

from readiness.problems import DataPath, Problem
from readiness.schema_check import suggest
from readiness.site_files import SiteSource

# Where each kind of item lives ("*" stands for every index of a list) and its label.
ID_KINDS: dict[str, tuple[tuple[str, ...], str]] = {
    "systems": (("systems", "*", "id"), "system"),
    "interfaces": (("interfaces", "*", "id"), "interface"),
    "workflows": (("workflows", "*", "id"), "workflow"),
    "staff_cohorts": (("staff_cohorts", "*", "id"), "staff cohort"),
    "hazards": (("hazards", "*", "id"), "hazard"),
    "test_campaigns": (("test_campaigns", "*", "id"), "test campaign"),
    "defects": (("defects", "*", "id"), "defect"),
    "raid": (("raid", "*", "id"), "RAID item"),
    "cutover_tasks": (("cutover", "tasks", "*", "id"), "cutover task"),
}

# Every place that names an item of another kind.
REFERENCES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("interfaces", "*", "source"), "systems"),
    (("interfaces", "*", "target"), "systems"),
    (("interfaces", "*", "via"), "systems"),
    (("interfaces", "*", "hazards", "*"), "hazards"),
    (("workflows", "*", "steps", "*", "system"), "systems"),
    (("workflows", "*", "steps", "*", "interface"), "interfaces"),
    (("workflows", "*", "hazards", "*"), "hazards"),
    (("workflows", "*", "hybrid", "hazard"), "hazards"),
    (("hazards", "*", "workflows", "*"), "workflows"),
    (("hazards", "*", "interfaces", "*"), "interfaces"),
    (("hazards", "*", "systems", "*"), "systems"),
    (("hazards", "*", "controls", "*", "test_campaign"), "test_campaigns"),
    (("test_campaigns", "*", "interfaces", "*"), "interfaces"),
    (("test_campaigns", "*", "workflows", "*"), "workflows"),
    (("defects", "*", "hazard"), "hazards"),
    (("defects", "*", "system"), "systems"),
    (("systems", "*", "go_live_after", "*"), "systems"),
    (("governance", "risk_acceptance", "residual_hazards", "*"), "hazards"),
    (("governance", "sign_offs", "*", "tracked_in", "*"), "raid"),
    (("cutover", "tasks", "*", "predecessors", "*"), "cutover_tasks"),
    (("infrastructure", "load_test", "system"), "systems"),
)

# Names that findings use as targets besides ids: areas, migration domains, audiences.
_NAMED_TARGETS: tuple[tuple[str, ...], ...] = (
    ("site", "id"),
    ("support", "areas", "*", "area"),
    ("downtime", "*", "area"),
    ("infrastructure", "areas", "*", "area"),
    ("staff_cohorts", "*", "area"),
    ("staff_cohorts", "*", "areas", "*"),
    ("workflows", "*", "clinical_area"),
    ("workflows", "*", "areas", "*"),
    ("data_migration", "domains", "*", "domain"),
    ("governance", "communications", "*", "audience"),
    ("governance", "sign_offs", "*", "type"),
    ("governance", "tolerances", "*", "name"),
)
# Findings about communications name each required audience, listed by the site or not.
REQUIRED_AUDIENCES = ("clinical-staff", "gps-referrers", "patients", "suppliers", "board")


def walk(
    data: object, pattern: tuple[str, ...], prefix: DataPath = ()
) -> Iterator[tuple[DataPath, object]]:
    """Every (path, value) in `data` matching `pattern`, in document order."""
    if not pattern:
        yield prefix, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from walk(item, rest, (*prefix, index))
    elif isinstance(data, dict) and head in data:
        yield from walk(data[head], rest, (*prefix, head))


def known_ids(source: SiteSource) -> dict[str, dict[str, DataPath]]:
    """For each kind, its ids and where each is first defined."""
    out: dict[str, dict[str, DataPath]] = {}
    for kind, (pattern, _label) in ID_KINDS.items():
        table: dict[str, DataPath] = {}
        for path, value in walk(source.data, pattern):
            if isinstance(value, str):
                table.setdefault(value, path)
        out[kind] = table
    return out


def known_targets(source: SiteSource) -> set[str]:
    """Every name a waiver may target: ids of every kind and named areas or domains."""
    names = {name for table in known_ids(source).values() for name in table}
    names.update(REQUIRED_AUDIENCES)
    for pattern in _NAMED_TARGETS:
        names.update(v for _p, v in walk(source.data, pattern) if isinstance(v, str))
    return names


# Counts that cannot exceed another count of the same item: (section pattern, part, whole).
COUNT_LIMITS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("staff_cohorts", "*"), "trained", "headcount"),
    (("staff_cohorts", "*"), "proficiency_passed", "headcount"),
    # Proficiency is assessed after training: nobody passes it untrained.
    (("staff_cohorts", "*"), "proficiency_passed", "trained"),
    (("staff_cohorts", "*"), "accounts_live", "headcount"),
    (("staff_cohorts", "*"), "accounts_live_untrained", "accounts_live"),
    (("staff_cohorts", "*"), "smartcards_provisioned", "headcount"),
    (("staff_cohorts", "*"), "downtime_trained", "headcount"),
    (("test_campaigns", "*"), "scripts_executed", "scripts_planned"),
    (("test_campaigns", "*"), "scripts_passed", "scripts_executed"),
    (("test_campaigns", "*"), "critical_scripts_executed", "critical_scripts_planned"),
    (("test_campaigns", "*"), "critical_scripts_passed", "critical_scripts_executed"),
    # Critical scripts are some of the campaign's scripts.
    (("test_campaigns", "*"), "critical_scripts_planned", "scripts_planned"),
    (("test_campaigns", "*"), "critical_scripts_executed", "scripts_executed"),
    (("test_campaigns", "*"), "critical_scripts_passed", "scripts_passed"),
    (("support", "areas", "*"), "super_users", "users"),
    (("support", "areas", "*", "shift_cover", "*"), "super_users", "users"),
)
# Dates that must not come before another date of the same item: (pattern, later, earlier).
DATE_ORDER: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("waivers", "*"), "expires", "approved_on"),
    (("training",), "ends", "starts"),
    (("governance", "sign_offs", "*"), "expires", "signed_on"),
)


def check_consistency(source: SiteSource) -> list[Problem]:
    """Figures that contradict each other: more trained than staff, an interface to itself."""
    problems: list[Problem] = []
    for pattern, part, whole in COUNT_LIMITS:
        for path, item in walk(source.data, pattern):
            if not isinstance(item, dict):
                continue
            low, high = item.get(part), item.get(whole)
            if isinstance(low, int) and isinstance(high, int) and low > high:
                problems.append(
                    Problem(
                        source.where((*path, part)),
                        f"`{part}` is {low}, more than `{whole}` ({high}); correct one of them",
                        "count-exceeds",
                    )
                )
    for pattern, later, earlier in DATE_ORDER:
        for path, item in walk(source.data, pattern):
            if not isinstance(item, dict):
                continue
            late, early = item.get(later), item.get(earlier)
            if isinstance(late, str) and isinstance(early, str) and late[:10] < early[:10]:
                problems.append(
                    Problem(
                        source.where((*path, later)),
                        f"`{later}` ({late}) is before `{earlier}` ({early})",
                        "date-order",
                    )
                )
    for path, item in walk(source.data, ("interfaces", "*")):
        if not isinstance(item, dict):
            continue
        if item.get("source") is not None and item.get("source") == item.get("target"):
            problems.append(
                Problem(
                    source.where((*path, "target")),
                    f"interface `{item.get('id')}` has the same source and target "
                    f"(`{item.get('target')}`); an interface joins two systems",
                    "interface-loop",
                )
            )
    return problems


def check_references(source: SiteSource) -> list[Problem]:
    """Duplicate ids, dangling references and waivers for unknown items."""
    problems: list[Problem] = []
    for pattern, label in ID_KINDS.values():
        first: dict[str, DataPath] = {}
        for path, value in walk(source.data, pattern):
            if not isinstance(value, str):
                continue
            if value in first:
                problems.append(
                    Problem(
                        source.where(path),
                        f"{label} id `{value}` is defined twice: first at "
                        f"{source.where(first[value])}; ids must be unique",
                        "duplicate-id",
                    )
                )
            else:
                first[value] = path
    ids = known_ids(source)
    for pattern, kind in REFERENCES:
        label = ID_KINDS[kind][1]
        for path, value in walk(source.data, pattern):
            if isinstance(value, str) and value not in ids[kind]:
                hint = suggest(value, ids[kind])
                problems.append(
                    Problem(
                        source.where(path),
                        f"unknown {label} `{value}`{hint}",
                        "unknown-reference",
                    )
                )
    targets = known_targets(source)
    for path, value in walk(source.data, ("waivers", "*", "target")):
        if isinstance(value, str) and value not in targets:
            problems.append(
                Problem(
                    source.where(path),
                    f"waiver target `{value}` names no item of this site{suggest(value, targets)}",
                    "unknown-reference",
                )
            )
    return problems


def waiver_rules(source: SiteSource) -> list[str]:
    """The rule ids the site's waivers name."""
    return [v for _, v in walk(source.data, ("waivers", "*", "rule")) if isinstance(v, str)]


def check_waiver_rules(source: SiteSource, known: Collection[str]) -> list[Problem]:
    """Waivers that name a rule no rule folder defines."""
    problems = []
    for path, value in walk(source.data, ("waivers", "*", "rule")):
        if isinstance(value, str) and value not in known:
            problems.append(
                Problem(
                    source.where(path),
                    f"waiver names unknown rule `{value}`{suggest(value, known)}",
                    "unknown-reference",
                )
            )
    return problems
