"""readiness: evidence-based go / no-go checks for clinical-system go-lives."""

from __future__ import annotations


def _version() -> str:
    """The installed package's version; in a source checkout never installed, pyproject's."""
    # Imported here: importlib.metadata alone takes longer than `readiness --help` needs.
    import tomllib
    from importlib import metadata
    from pathlib import Path

    try:
        return metadata.version("readiness")
    except metadata.PackageNotFoundError:
        pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
        try:
            project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
        except (OSError, KeyError, tomllib.TOMLDecodeError):
            return "0+unknown"
        return str(project.get("version", "0+unknown"))


def __getattr__(name: str) -> str:
    """`__version__`, looked up the first time it is read."""
    if name != "__version__":
        raise AttributeError(f"module 'readiness' has no attribute {name!r}")
    version = _version()
    globals()[name] = version
    return version
