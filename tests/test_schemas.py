"""Every shipped JSON Schema is itself valid and documents its top-level properties."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.helpers import REPO

SCHEMAS = sorted((REPO / "schemas").glob("*.json"))


def _load(path: Path) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return schema


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    # Only local references (`#/$defs/name`) are used by our schemas.
    ref = node.get("$ref")
    if not isinstance(ref, str) or not ref.startswith("#/"):
        return node
    target: Any = schema
    for part in ref[2:].split("/"):
        target = target[part]
    return target if isinstance(target, dict) else node


def test_schemas_are_found() -> None:
    assert "site.schema.json" in [p.name for p in SCHEMAS]


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_passes_its_metaschema(path: Path) -> None:
    schema = _load(path)

    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_top_level_properties_have_descriptions(path: Path) -> None:
    schema = _load(path)
    properties: dict[str, dict[str, Any]] = schema.get("properties", {})

    # A description may sit on the property or on the definition it refers to.
    undescribed = [
        name
        for name, node in properties.items()
        if not node.get("description") and not _resolve(schema, node).get("description")
    ]

    assert properties
    assert undescribed == []
