"""The problems `validate` found, one line each, as compilers and linters print them."""

from __future__ import annotations

from readiness.pipeline.validate import ValidateRun


def render(run: ValidateRun) -> str:
    """Each problem on its own line; nothing when every site is valid."""
    return "".join(f"{problem.render()}\n" for problem in run.problems)
