"""Where the shipped rules and schemas are: in the wheel, or beside the package in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def rules_dir() -> Path:
    """The folder of the shipped rule catalogue."""
    return _data_dir("rules")


def schema_path(name: str) -> Path:
    """The shipped JSON Schema called `name` (site, rules, config)."""
    return _data_dir("schemas") / f"{name}.schema.json"
