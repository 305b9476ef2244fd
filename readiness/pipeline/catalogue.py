"""The rule catalogue: rule folders loaded and compiled as a check would, and the item kinds."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from readiness.config import Config
from readiness.facts.base import Kind
from readiness.facts.registry import KINDS
from readiness.graph_checks import GRAPH_CHECKS
from readiness.pipeline.examples import EXAMPLE_DATES
from readiness.pipeline.site import rule_inputs, unique
from readiness.problems import Problem
from readiness.resources import rules_dir
from readiness.rulebook import CompiledRule, build_rulebook
from readiness.schema_check import suggest


@dataclass(frozen=True)
class Catalogue:
    """The compiled rules of some folders, in id order, every problem, and the files read."""

    rules: tuple[CompiledRule, ...]
    problems: tuple[Problem, ...]
    inputs: tuple[Path, ...]

    def find(self, rule_id: str) -> CompiledRule | None:
        """The rule with this id (any case), or None."""
        return next((r for r in self.rules if r.info.id == rule_id.upper()), None)

    def hint(self, rule_id: str) -> str:
        """A ` (did you mean ...?)` hint for an unknown id, or nothing."""
        return suggest(rule_id.upper(), [r.info.id for r in self.rules])


@dataclass(frozen=True)
class Kinds:
    """What rules can apply to: the kinds of item with their fields, and the graph checks."""

    kinds: Mapping[str, Kind]
    checks: tuple[str, ...]

    def hint(self, name: str) -> str:
        """A ` (did you mean ...?)` hint for an unknown kind, or nothing."""
        return suggest(name, self.kinds)


def build_catalogue(folders: Sequence[Path] = (), shipped: bool = True) -> Catalogue:
    """The rules of the folders (after the shipped ones unless `shipped` is false), compiled."""
    every = [rules_dir(), *folders] if shipped else list(folders)
    # Rules are compiled on the examples' fixed date, as `rules test` judges them.
    dates = EXAMPLE_DATES
    book, problems = build_rulebook(every, Config(), dates)
    return Catalogue(book.rules, tuple(problems), unique(rule_inputs(every)))


def describe_kinds() -> Kinds:
    """Every kind of item and every graph check, by name."""
    return Kinds(KINDS, tuple(sorted(GRAPH_CHECKS)))
