"""Every field a site can state is read by some rule, or is on a short list of descriptive ones.

A fact in the schema that no rule reads is a promise the tool does not keep: a site states its
last downtime drill and the verdict ignores it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from readiness.config import Config
from readiness.facts.registry import KINDS
from readiness.graph_checks import GRAPH_CHECKS
from readiness.model import STRUCTURE
from readiness.rulebook import build_rulebook
from tests.helpers import REPO

# Descriptive fields: names, notes and labels a person reads; no rule judges them. An entry
# without a dot is a field name, descriptive wherever it appears (every `title`).
DESCRIPTIVE = {
    "name": "what a person calls the item",
    "title": "what a person calls the item",
    "notes": "free text for people",
    "vendor": "who sells a system",
    "site.organisation": "the trust's name",
    "site.intended_verdict": "what the sample's author meant it to show",
    "site.programme": "the programme's name",
    "site.wave": "the rollout wave's label",
    "site.change": "what changes, in words",
    "site.beds": "the site's size, for people; rules count staff and users",
    "systems[].product_version": "the build's label; releases are judged on the site's release",
    "clinical_safety.risk_management_plan.version": "the document's version label",
    "governance.communications[].channel": "how a message went out; its date is judged",
    "workflows[].build.items": "what was built, in words; the sign-off is judged",
    "training.curricula[].downtime_module": "a flag the counts of staff trained outrank",
}
_NAME = re.compile(r"[a-z_][a-z0-9_]*")


def _schema_paths() -> set[str]:
    schema: dict[str, Any] = json.loads((REPO / "schemas" / "site.schema.json").read_text())
    defs = schema["$defs"]

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            rest = {k: v for k, v in node.items() if k != "$ref"}
            node = {**defs[node["$ref"].rsplit("/", 1)[1]], **rest}
        return node

    found: set[str] = set()

    def walk(node: dict[str, Any], path: str, depth: int) -> None:
        node = resolve(node)
        variants = [
            node,
            *(resolve(v) for k in ("oneOf", "anyOf", "allOf") for v in node.get(k, [])),
        ]
        if path:
            found.add(path)
        if depth > 12:
            return
        for variant in variants:
            for key, inner in variant.get("properties", {}).items():
                walk(inner, f"{path}.{key}" if path else key, depth + 1)
            if isinstance(variant.get("items"), dict):
                walk(variant["items"], f"{path}[]", depth + 1)

    walk(schema, "", 0)
    return {p for p in found if not p.endswith("[]")}


def _full(base: str, source: str) -> str:
    if source.startswith("/"):
        return source[1:]
    return f"{base}.{source}" if base else source


def _read_paths() -> set[str]:
    dates = {
        "as_of": dt.date(2027, 1, 1),
        "go_live": dt.date(2027, 3, 1),
    }
    book, problems = build_rulebook([REPO / "rules"], Config(), dates)
    assert problems == []
    read: set[str] = set(STRUCTURE)
    for rule in book.rules:
        spec = rule.spec
        if spec.check is not None:
            read.update(GRAPH_CHECKS[spec.check].reads)
            continue
        texts = [spec.where or "", spec.condition or "", *(w for w, _ in spec.severity_when)]
        names = set(_NAME.findall(" ".join(texts))) & set(rule.fields)
        kind = KINDS[spec.applies_to]
        for name in names:
            for source in rule.fields[name].sources:
                read.update(_full(base, source) for base in kind.base)
    return read


def _covered(path: str, read: set[str]) -> bool:
    return any(
        path == r
        or r.startswith(path + ".")
        or r.startswith(path + "[]")
        or path.startswith(r + ".")
        or path.startswith(r + "[]")
        for r in read
    )


def _descriptive(path: str) -> bool:
    return path in DESCRIPTIVE or path.rsplit(".", 1)[-1] in DESCRIPTIVE


def test_the_descriptive_list_is_short_and_every_entry_is_used() -> None:
    assert len(DESCRIPTIVE) <= 20
    paths = _schema_paths()
    assert [
        e
        for e in DESCRIPTIVE
        if not any(_descriptive(p) and e in (p, p.rsplit(".", 1)[-1]) for p in paths)
    ] == []


def test_every_schema_field_is_read_by_a_rule_or_descriptive() -> None:
    read = _read_paths()
    unread = sorted(p for p in _schema_paths() if not _covered(p, read) and not _descriptive(p))
    assert unread == []


def test_every_field_source_names_a_place_in_the_site_schema() -> None:
    # A source that names no schema path is never deleted by the evidence property test and
    # never counted here: a typo or a missing `/` (a site fact read by an item) would hide.
    known = _schema_paths()
    wrong = [
        f"{kind_name}.{name}: {source}"
        for kind_name, kind in KINDS.items()
        for name, field in kind.fields.items()
        for source in field.sources
        if not any(_full(base, source).removesuffix("[]") in known for base in kind.base)
    ]
    assert wrong == []
