"""readiness: evidence-based go / no-go checks for clinical-system go-lives."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path


def _version() -> str:
    """The installed package's version; in a source checkout never installed, pyproject's."""
    try:
        return metadata.version("readiness")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"
        return str(project.get("version", "0+unknown"))


__version__ = _version()
