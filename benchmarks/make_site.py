"""Generate a synthetic, schema-valid site folder of a given size for benchmarks.

The site is modelled on `sample_sites/northgate-general`: the same files, sections and item
shapes, with the list sections scaled up by cloning the sample's items. Hub systems (the EPR,
the integration engine and the national services) are kept once; every other system is
cloned as another departmental "unit" (`lims`, `lims-u2`, `lims-u3`...). Interfaces, workflows,
hazards, defects, cutover tasks and areas are cloned the same way, and every reference in a
clone is rewritten to the clone of the same unit, so the merged site keeps all its references
valid and its graph keeps the sample's shape (every interface routed through the one engine,
workflows crossing the interfaces of their own unit).

A seeded random generator adds realistic gaps: a small share of live interfaces whose
end-to-end test is not yet passed, so that the rules, graph checks and impact analysis have
failures to trace in proportion to the site's size. The same seed gives byte-identical files.

    python benchmarks/make_site.py max out/bench/max          # one of the named sizes
    python benchmarks/make_site.py 300,1200,160,80 out/x2     # systems,interfaces,workflows,cohorts
"""

from __future__ import annotations

import argparse
import copy
import random
import re
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "sample_sites" / "northgate-general"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schemas/site.schema.json\n"

# Systems kept once however large the site: the hub, the engine and national services.
HUB_CATEGORIES = frozenset({"epr", "integration-engine", "national-service"})


@dataclass(frozen=True)
class SiteSize:
    """The four dimensions the product's scale is stated in."""

    name: str
    systems: int
    interfaces: int
    workflows: int
    cohorts: int

    def label(self) -> str:
        """`150 sys / 600 if / 80 wf / 40 coh`."""
        return (
            f"{self.systems} sys / {self.interfaces} if / {self.workflows} wf / {self.cohorts} coh"
        )


# "small" is the template's own size; "max" is the product's stated maximum per site.
SIZES: dict[str, SiteSize] = {
    "small": SiteSize("small", 26, 40, 16, 19),
    "max": SiteSize("max", 150, 600, 80, 40),
    "max-x2": SiteSize("max-x2", 300, 1200, 160, 80),
    "max-x4": SiteSize("max-x4", 600, 2400, 320, 160),
    # 0.25 MB: 200 of these are the 50 MB programme `run.py --programme` compares.
    "programme": SiteSize("programme", 36, 110, 22, 20),
}
# The sizes whose growth `run.py` measures by default.
GROWTH_SIZES = ("small", "max", "max-x2", "max-x4")

Item = dict[str, Any]


def parse_size(text: str) -> SiteSize:
    """A named size (`small`, `max`, `max-x2`, `max-x4`, `programme`) or
    `SYSTEMS,INTERFACES,WORKFLOWS,COHORTS`.

    The four counts must be at least the template's own (26, 40, 16, 17).
    """
    if text in SIZES:
        return SIZES[text]
    parts = text.split(",")
    if len(parts) != 4 or not all(p.strip().isdigit() for p in parts):
        known = ", ".join(SIZES)
        raise ValueError(f"size {text!r}: expected one of {known} or four comma-separated counts")
    s, i, w, c = (int(p) for p in parts)
    return SiteSize(f"{s}-{i}-{w}-{c}", s, i, w, c)


def load_template(folder: Path = TEMPLATE) -> dict[str, dict[str, Any]]:
    """Each file of the template site (by name) with its sections, as plain data."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        if not isinstance(data, dict):
            raise ValueError(f"{path}: expected a mapping of sections")
        files[path.name] = data
    return files


def clone_id(template_id: str, unit: int) -> str:
    """The id of a template item's clone in `unit` (unit 0 keeps the template's id)."""
    return template_id if unit == 0 else f"{template_id}-u{unit + 1}"


def clone_name(name: str, unit: int) -> str:
    """A clone's display name: the template's, marked with its unit after the first."""
    return name if unit == 0 else f"{name} (unit {unit + 1})"


def spread(total: int, templates: int) -> list[int]:
    """How many clones each of `templates` items gets so that they add up to `total`."""
    if templates == 0:
        return []
    if total < templates:
        raise ValueError(f"cannot make {total} items from {templates} templates: too few")
    base, extra = divmod(total, templates)
    return [base + (1 if i < extra else 0) for i in range(templates)]


class Units:
    """Clone counts per template id of one kind, and the id of a clone for a unit."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts

    def ref(self, template_id: str, unit: int) -> str:
        """The clone of `template_id` that a unit's item refers to (wrapping round)."""
        count = self.counts.get(template_id, 1)
        return clone_id(template_id, unit % count)

    def every(self, template_id: str) -> list[str]:
        """Every clone of a template id, in unit order."""
        return [clone_id(template_id, u) for u in range(self.counts.get(template_id, 1))]


def _scaled(count: int, factor: float) -> int:
    return max(count, round(count * factor))


def _section_items(files: dict[str, dict[str, Any]], *path: str) -> list[Item]:
    items: list[Item] = []
    for data in files.values():
        value: Any = data
        for part in path:
            value = value.get(part) if isinstance(value, dict) else None
        if isinstance(value, list):
            items.extend(value)
    return items


def _units_for(items: list[Item], key: str, total: int, fixed: Iterable[str] = ()) -> Units:
    """Spread `total` clones over the items not in `fixed` (those are kept once)."""
    keep = set(fixed)
    scaled = [i[key] for i in items if i[key] not in keep]
    counts = dict(zip(scaled, spread(total - len(keep), len(scaled)), strict=True))
    counts.update(dict.fromkeys(keep, 1))
    return Units(counts)


def _clones(
    items: list[Item], key: str, units: Units, rewrite: Callable[[Item, int], None]
) -> list[Item]:
    """Every clone of `items`, unit by unit, each rewritten for its unit."""
    out: list[Item] = []
    rounds = max((units.counts.get(i[key], 1) for i in items), default=0)
    for unit in range(rounds):
        for item in items:
            if unit < units.counts.get(item[key], 1):
                clone = copy.deepcopy(item)
                clone[key] = clone_id(item[key], unit) if key == "id" else clone[key]
                rewrite(clone, unit)
                out.append(clone)
    return out


class SiteMaker:
    """Builds the files of one synthetic site from the template's data."""

    def __init__(
        self, size: SiteSize, seed: int, gap_rate: float, site_id: str | None = None
    ) -> None:
        self.size = size
        self.site_id = site_id
        self.rng = random.Random(seed)
        self.gap_rate = gap_rate
        self.files = load_template()
        self.template_systems = len(_section_items(self.files, "systems"))
        self._plan()

    def _plan(self) -> None:
        size, files = self.size, self.files
        systems = _section_items(files, "systems")
        hubs = [s["id"] for s in systems if s.get("category") in HUB_CATEGORIES]
        self.systems = _units_for(systems, "id", size.systems, hubs)
        self.interfaces = _units_for(_section_items(files, "interfaces"), "id", size.interfaces)
        workflows = _section_items(files, "workflows")
        self.workflows = _units_for(workflows, "id", size.workflows)
        cohorts = _section_items(files, "staff_cohorts")
        self.cohorts = _units_for(cohorts, "id", size.cohorts)
        # Lists without a stated maximum grow with the dimension they belong to.
        by_systems = size.systems / self.template_systems
        by_workflows = size.workflows / len(workflows)
        by_cohorts = size.cohorts / len(cohorts)
        self.hazards = self._units("hazards", "id", by_workflows)
        self.defects = self._units("defects", "id", by_systems)
        self.raid = self._units("raid", "id", by_systems)
        self.tasks = self._units_at(("cutover", "tasks"), "id", by_systems)
        area_names = {
            i["area"]
            for path in (("support", "areas"), ("downtime",), ("infrastructure", "areas"))
            for i in _section_items(files, *path)
        }
        count = _scaled(1, by_cohorts)
        self.areas = Units(dict.fromkeys(area_names, count))

    def _units(self, section: str, key: str, factor: float) -> Units:
        return self._units_at((section,), key, factor)

    def _units_at(self, path: tuple[str, ...], key: str, factor: float) -> Units:
        items = _section_items(self.files, *path)
        return _units_for(items, key, _scaled(len(items), factor))

    # ------------------------------------------------------------------ rewriting clones

    def _area(self, name: str, unit: int) -> str:
        count = self.areas.counts.get(name)
        if count is None:
            return clone_name(name, unit)
        return clone_name(name, unit % count)

    def _system(self, item: Item, unit: int) -> None:
        item["name"] = clone_name(item["name"], unit)
        if "go_live_after" in item:
            item["go_live_after"] = [self.systems.ref(s, unit) for s in item["go_live_after"]]

    def _interface(self, item: Item, unit: int) -> None:
        item["name"] = clone_name(item["name"], unit)
        for key in ("source", "target", "via"):
            if key in item:
                item[key] = self.systems.ref(item[key], unit)
        if "hazards" in item:
            item["hazards"] = [self.hazards.ref(h, unit) for h in item["hazards"]]
        tests = item.get("tests")
        live = item.get("lifecycle") != "retired"
        if live and isinstance(tests, dict) and self.rng.random() < self.gap_rate:
            tests["e2e"] = self.rng.choice(("in-progress", "failed", "not-run"))

    def _workflow(self, item: Item, unit: int) -> None:
        item["name"] = clone_name(item["name"], unit)
        for step in item.get("steps") or ():
            if "system" in step:
                step["system"] = self.systems.ref(step["system"], unit)
            if "interface" in step:
                step["interface"] = self.interfaces.ref(step["interface"], unit)
        if "hazards" in item:
            item["hazards"] = [self.hazards.ref(h, unit) for h in item["hazards"]]
        hybrid = item.get("hybrid")
        if isinstance(hybrid, dict) and "hazard" in hybrid:
            hybrid["hazard"] = self.hazards.ref(hybrid["hazard"], unit)

    def _cohort(self, item: Item, unit: int) -> None:
        item["name"] = clone_name(item["name"], unit)
        if "area" in item:
            item["area"] = self._area(item["area"], unit)

    def _hazard(self, item: Item, unit: int) -> None:
        item["title"] = clone_name(item["title"], unit)
        for key, units in (
            ("workflows", self.workflows),
            ("interfaces", self.interfaces),
            ("systems", self.systems),
        ):
            if key in item:
                item[key] = [units.ref(x, unit) for x in item[key]]

    def _defect(self, item: Item, unit: int) -> None:
        if "system" in item:
            item["system"] = self.systems.ref(item["system"], unit)
        if "hazard" in item:
            item["hazard"] = self.hazards.ref(item["hazard"], unit)

    def _raid(self, item: Item, unit: int) -> None:
        item["title"] = clone_name(item["title"], unit)

    def _task(self, item: Item, unit: int) -> None:
        item["name"] = clone_name(item["name"], unit)
        if "predecessors" in item:
            item["predecessors"] = [self.tasks.ref(p, unit) for p in item["predecessors"]]

    def _area_item(self, item: Item, unit: int) -> None:
        item["area"] = self._area(item["area"], unit)

    def _campaign(self, item: Item) -> Item:
        # Campaigns are not cloned: a campaign covers every unit of what it lists.
        out = copy.deepcopy(item)
        if "interfaces" in out:
            out["interfaces"] = [c for i in out["interfaces"] for c in self.interfaces.every(i)]
        if "workflows" in out:
            out["workflows"] = [c for w in out["workflows"] for c in self.workflows.every(w)]
        return out

    # ------------------------------------------------------------------ whole site

    def site_section(self, site: Item) -> Item:
        """The `site` section, renamed so the report says what it is."""
        out = copy.deepcopy(site)
        out["id"] = self.site_id or f"synthetic-{self.size.name}"
        named = f" {self.site_id}" if self.site_id else ""
        out["name"] = f"Synthetic benchmark site{named} ({self.size.label()})"
        out.pop("intended_verdict", None)
        out["notes"] = (
            "Generated by benchmarks/make_site.py from sample_sites/northgate-general; "
            "not a real site."
        )
        return out

    def build(self) -> dict[str, dict[str, Any]]:
        """Every file of the synthetic site, as plain data keyed by file name."""
        out: dict[str, dict[str, Any]] = {}
        for name, data in self.files.items():
            out[name] = {section: self._section(section, v) for section, v in data.items()}
        return out

    def _section(self, section: str, value: Any) -> Any:
        plain = {
            "systems": (self.systems, self._system),
            "interfaces": (self.interfaces, self._interface),
            "workflows": (self.workflows, self._workflow),
            "staff_cohorts": (self.cohorts, self._cohort),
            "hazards": (self.hazards, self._hazard),
            "defects": (self.defects, self._defect),
            "raid": (self.raid, self._raid),
        }
        if section in plain:
            units, rewrite = plain[section]
            return _clones(value, "id", units, rewrite)
        if section == "site":
            return self.site_section(value)
        if section == "test_campaigns":
            return [self._campaign(c) for c in value]
        if section == "downtime":
            return _clones(value, "area", self.areas, self._area_item)
        out = copy.deepcopy(value)
        if section == "cutover":
            out["tasks"] = _clones(value["tasks"], "id", self.tasks, self._task)
        elif section in ("support", "infrastructure"):
            out["areas"] = _clones(value["areas"], "area", self.areas, self._area_item)
        return out


class _Dumper(yaml.CSafeDumper):
    """The C emitter, writing short leaf lists and mappings inline as the samples do."""


FLOW_MAX = 120  # characters of keys and values below which a leaf collection is inline


def _leaf_width(values: Iterable[object]) -> int | None:
    total = 0
    for value in values:
        if isinstance(value, dict | list):
            return None
        total += len(str(value)) + 2
    return total


def _represent_dict(dumper: _Dumper, data: dict[str, Any]) -> yaml.Node:
    width = _leaf_width([*data.keys(), *data.values()])
    inline = width is not None and width <= FLOW_MAX
    return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=inline)


def _represent_list(dumper: _Dumper, data: list[Any]) -> yaml.Node:
    width = _leaf_width(data)
    inline = width is not None and width <= FLOW_MAX
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=inline)


_Dumper.add_representer(dict, _represent_dict)
_Dumper.add_representer(list, _represent_list)


def render(data: dict[str, Any], header: str) -> str:
    """YAML text in the samples' style: block items, short leaf lists and mappings inline."""
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
    # A blank line between top-level sections, as the samples are written.
    body = re.sub(r"\n(?=[a-z_]+:)", "\n\n", body)
    return SCHEMA_LINE + header + "\n" + body


def make_site(
    size: SiteSize, out: Path, seed: int = 7, gap_rate: float = 0.05, site_id: str | None = None
) -> list[Path]:
    """Write the synthetic site's files into `out` (created; old YAML files removed).

    `site_id` names the site (default `synthetic-SIZE`): sites compared together need their own.
    """
    maker = SiteMaker(size, seed, gap_rate, site_id)
    files = maker.build()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.yaml"):
        old.unlink()
    written: list[Path] = []
    header = (
        f"# Synthetic benchmark site {size.name} ({size.label()}), seed {seed}.\n"
        "# Generated by benchmarks/make_site.py; do not edit.\n"
    )
    for name, data in files.items():
        path = out / name
        path.write_text(render(data, header), encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: `make_site.py SIZE OUT [--seed N] [--gap-rate R]`."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", help=f"one of {', '.join(SIZES)} or S,I,W,C counts")
    parser.add_argument("out", type=Path, help="the site folder to write")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument(
        "--gap-rate",
        type=float,
        default=0.05,
        help="share of live interfaces whose E2E test has not passed (default 0.05)",
    )
    parser.add_argument("--id", help="the site's id (default synthetic-SIZE)")
    args = parser.parse_args(argv)
    try:
        size = parse_size(args.size)
    except ValueError as err:
        parser.error(str(err))
    paths = make_site(size, args.out, args.seed, args.gap_rate, args.id)
    total = sum(p.stat().st_size for p in paths)
    print(f"{args.out}: {len(paths)} files, {total / 1e6:.2f} MB ({size.label()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
