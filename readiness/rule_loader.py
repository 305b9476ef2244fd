"""Load rule files: schema-checked YAML with positions; a bad rule is an error, never skipped."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from readiness.params import ParamValue, param_value
from readiness.problems import DataPath, Location, Problem
from readiness.schema_check import check_data
from readiness.site_files import SiteScan, display_path, scan_site
from readiness.yaml_source import LoadedFile, load_file


@dataclass(frozen=True)
class Example:
    """One example item of a rule, and where it is written."""

    data: dict[str, Any]
    location: Location


@dataclass(frozen=True)
class RuleSpec:
    """A rule as written in its file (not yet compiled)."""

    id: str
    title: str
    category: str
    severity: str
    severity_when: tuple[tuple[str, str], ...]
    applies_to: str
    where: str | None
    condition: str | None
    check: str | None
    params: dict[str, ParamValue]
    message: str
    pass_message: str | None
    locate: str | None
    owner: str | None
    due_days_before: int | None
    rationale: str
    remediation: str
    reference: str
    pass_examples: tuple[Example, ...]
    fail_examples: tuple[Example, ...]
    location: Location
    field_locations: dict[str, Location]
    # Evidence fields whose absence this rule judges itself, each with the reason it is fine.
    not_stated: dict[str, str] = field(default_factory=dict)
    not_stated_examples: tuple[Example, ...] = ()


def rule_files(folder: Path) -> list[Path]:
    """The YAML files of a rule folder, in name order."""
    return scan_rule_folder(folder).files


def scan_rule_folder(folder: Path) -> SiteScan:
    """A rule folder's YAML files (any case of suffix, sub-folders too), and the entries that
    cannot be read: a rule file nobody read would silently drop its rules.

    A hidden rule file (`.local.yaml`) is an error rather than skipped, since its rules would
    vanish unseen; hidden folders (`.git`) are passed over.
    """
    scan = scan_site(folder, _is_rule_name)
    for shown in scan.hidden:
        hidden = Path(shown)
        if _is_rule_name(hidden.name) and not hidden.is_dir():
            message = "hidden rule file: its rules would not be read; rename it without the `.`"
            scan.problems.append(Problem(Location(shown), message, "rules-hidden"))
    return scan


def _is_rule_name(name: str) -> bool:
    return name.lower().endswith((".yaml", ".yml"))


def load_rule_folders(folders: list[Path]) -> tuple[list[RuleSpec], list[Problem]]:
    """Every rule of every folder, and every problem in them (duplicate ids included)."""
    specs: list[RuleSpec] = []
    problems: list[Problem] = []
    seen: dict[str, Location] = {}
    for folder in folders:
        shown = display_path(folder)
        if not folder.exists():
            problems.append(
                Problem(Location(shown), "no such rule folder or file", "rules-missing")
            )
            continue
        scan = scan_rule_folder(folder)
        problems.extend(scan.problems)
        files = scan.files
        if not files and not scan.problems:
            problems.append(Problem(Location(shown), "no .yaml rule files here", "rules-missing"))
        for path in files:
            file_specs, file_problems = _rule_file(path, display_path(path), rule_stamp(path))
            problems.extend(file_problems)
            for spec in file_specs:
                if spec.id in seen:
                    problems.append(
                        Problem(
                            spec.field_locations["id"],
                            f"rule `{spec.id}` is defined twice: first at {seen[spec.id]}",
                            "rule-duplicate",
                        )
                    )
                    continue
                seen[spec.id] = spec.field_locations["id"]
                specs.append(spec)
    return specs, problems


def rule_stamp(path: Path) -> tuple[int, int, int]:
    """What tells an unchanged rule file: its inode, size and modification time."""
    try:
        info = path.stat()
    except OSError:
        return (0, 0, 0)
    return info.st_ino, info.st_size, info.st_mtime_ns


@functools.lru_cache(maxsize=256)
def _rule_file(
    path: Path, shown: str, stamp: tuple[int, int, int]
) -> tuple[tuple[RuleSpec, ...], tuple[Problem, ...]]:
    """One rule file's rules and problems; read once per process while the file is unchanged
    (`compare` and the test suite load the same catalogue many times)."""
    loaded = load_file(path, shown)
    if not isinstance(loaded.data, dict):
        return (), tuple(loaded.problems)
    schema_problems = check_data(loaded, "rules")
    if schema_problems:
        return (), (*loaded.problems, *schema_problems)
    specs = tuple(_spec(loaded, ("rules", i)) for i in range(len(loaded.data["rules"])))
    return specs, tuple(loaded.problems)


def _spec(loaded: LoadedFile, path: DataPath) -> RuleSpec:
    assert isinstance(loaded.data, dict)
    raw: dict[str, Any] = loaded.data["rules"][path[1]]
    where = loaded.values[path]
    locations = {key: loaded.values[(*path, key)] for key in raw}
    examples = raw["examples"]

    def example_list(kind: str) -> tuple[Example, ...]:
        return tuple(
            Example(
                item if isinstance(item, dict) else {}, loaded.values[(*path, "examples", kind, i)]
            )
            for i, item in enumerate(examples.get(kind, ()))
        )

    return RuleSpec(
        id=raw["id"],
        title=raw["title"],
        category=raw["category"],
        severity=raw["severity"],
        severity_when=tuple((w["when"], w["severity"]) for w in raw.get("severity_when", ())),
        applies_to=raw["applies_to"],
        where=raw.get("where"),
        condition=raw.get("condition"),
        check=raw.get("check"),
        params={k: param_value(v) for k, v in raw.get("params", {}).items()},
        message=raw["message"],
        pass_message=raw.get("pass_message"),
        locate=raw.get("locate"),
        owner=raw.get("owner"),
        due_days_before=raw.get("due_days_before"),
        rationale=raw["rationale"].strip(),
        remediation=raw["remediation"].strip(),
        reference=raw["reference"].strip(),
        pass_examples=example_list("pass"),
        fail_examples=example_list("fail"),
        location=where,
        field_locations=locations,
        not_stated=dict(raw.get("not_stated", {})),
        not_stated_examples=example_list("not_stated"),
    )
