"""The settings a check ran under, said on standard error when they differ from the defaults."""

from __future__ import annotations

from pathlib import Path

from readiness.result import Result

NAMED_LIMIT = 10  # rules named before "and N more"


def render(config: Path | None, result: Result) -> str:
    """The configuration used, the rules left out, and each changed threshold or severity."""
    # A verdict reached under changed settings must not pass for one under the defaults.
    lines = [] if config is None else [f"readiness: configuration {config}"]
    skipped = result.left_out
    if skipped:
        names = ", ".join(skipped[:NAMED_LIMIT]) + (
            f" and {len(skipped) - NAMED_LIMIT} more" if len(skipped) > NAMED_LIMIT else ""
        )
        lines.append(f"readiness: {len(skipped)} rules not evaluated: {names}")
    lines.extend(
        f"readiness: {change.rule} {change.name} is {change.value_text} "
        f"(default {change.default_text}), set at {change.source}"
        for change in result.settings_changed
    )
    return "".join(f"{line}\n" for line in lines)
