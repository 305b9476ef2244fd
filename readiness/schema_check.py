"""JSON Schema validation whose errors point at the user's line and column."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from readiness.problems import DataPath, Location, Problem, describe_path
from readiness.resources import schema_path
from readiness.schema_fast import FIRST_DATE, ISO_DATE, LAST_DATE, plan_date, surely_valid
from readiness.yaml_source import LoadedFile, describe_value

if TYPE_CHECKING:
    # Imported when a file fails the fast pass: a valid run never loads jsonschema (~0.1 s).
    from jsonschema import Draft202012Validator, FormatChecker, ValidationError

# Schema problems listed for one file before the rest are summed up in one line.
MAX_PROBLEMS_PER_FILE = 200

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list",
    "object": "a mapping",
    "null": "nothing",
}


def _formats() -> FormatChecker:
    from jsonschema import FormatChecker

    checker = FormatChecker()

    @checker.checks("date")
    def _date(instance: object) -> bool:
        return not isinstance(instance, str) or plan_date(instance)

    return checker


@cache
def _ecma(pattern: str) -> re.Pattern[str]:
    # JSON Schema patterns are ECMA-262, where `$` ends the text; Python's `$` also matches
    # before a final newline, which would let an id such as "epr\n" through.
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def _pattern(
    validator: Any, pattern: str, instance: object, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    from jsonschema import ValidationError

    if isinstance(instance, str) and not _ecma(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def validator(name: str) -> Draft202012Validator:
    """The validator for a shipped schema (`site`, `rules`, `config`), built once."""
    from jsonschema import Draft202012Validator, validators

    extended = validators.extend(Draft202012Validator, {"pattern": _pattern})  # type: ignore[no-untyped-call]
    schema = json.loads(schema_path(name).read_text(encoding="utf-8"))
    built: Draft202012Validator = extended(schema, format_checker=_formats())
    return built


def check_site_file(loaded: LoadedFile) -> list[Problem]:
    """Every schema problem of one site file."""
    return check_data(loaded, "site")


def check_data(loaded: LoadedFile, schema: str) -> list[Problem]:
    """Every problem of `loaded.data` against the named schema, with positions.

    Past MAX_PROBLEMS_PER_FILE the listing stops with a line that says so: a generated file
    can hold hundreds of thousands of errors, and finding them all would take minutes.
    """
    # Most files are valid, and the native pass says so in a hundredth of the time; only a file
    # it does not call valid is walked by jsonschema for every problem and its position.
    if surely_valid(loaded.data, schema):
        return []
    # A value the YAML reader already objected to (`no`, `012`...) is not reported twice.
    flagged = {p.location for p in loaded.problems}
    problems: dict[Problem, None] = {}
    for error in validator(schema).iter_errors(loaded.data):
        for problem in _problems(error, loaded, flagged):
            if len(problems) == MAX_PROBLEMS_PER_FILE:
                problems[_more(loaded)] = None
                return list(problems)
            problems[problem] = None
    return list(problems)


def _more(loaded: LoadedFile) -> Problem:
    return Problem(
        Location(loaded.path),
        f"more problems than the {MAX_PROBLEMS_PER_FILE} listed; fix these and validate again",
        "schema-too-many-problems",
    )


def _leaves(error: ValidationError) -> Iterable[ValidationError]:
    # For oneOf / anyOf, the most specific sub-errors say more than the summary.
    if error.context:
        deepest = max(len(e.absolute_path) for e in error.context)
        if deepest > len(error.absolute_path):
            for sub in error.context:
                if len(sub.absolute_path) == deepest:
                    yield sub
            return
    yield error


def _problems(
    error: ValidationError, loaded: LoadedFile, flagged: set[Location]
) -> Iterable[Problem]:
    for leaf in _leaves(error):
        path: DataPath = tuple(leaf.absolute_path)
        if leaf.validator == "additionalProperties":
            schema = leaf.schema if isinstance(leaf.schema, Mapping) else {}
            allowed = sorted(schema.get("properties", {}))
            extra = (
                sorted(set(leaf.instance) - set(allowed)) if isinstance(leaf.instance, dict) else []
            )
            for key in extra:
                key_path = (*path, key)
                where = loaded.keys.get(key_path) or _where(loaded, key_path)
                if where not in flagged:
                    yield Problem(where, _unknown_key(key, path, allowed), "schema-unknown-key")
            continue
        where = _where(loaded, path)
        # A mapping or list can start where its first key was objected to: still report it.
        if where in flagged and not isinstance(leaf.instance, dict | list):
            continue
        yield Problem(where, _message(leaf, path, loaded), f"schema-{leaf.validator}")


def _where(loaded: LoadedFile, path: DataPath) -> Location:
    while path:
        found = loaded.values.get(path)
        if found is not None:
            return found
        path = path[:-1]
    return loaded.values.get((), Location(loaded.path))


def _unknown_key(key: str, path: DataPath, allowed: list[str]) -> str:
    where = f" in {describe_path(path)}" if path else " at the top level"
    hint = suggest(key, allowed)
    expected = ", ".join(allowed)
    return f"unknown key `{key}`{where}{hint}; expected one of: {expected}"


def _in_calendar(value: object) -> bool:
    try:
        return (
            isinstance(value, str)
            and bool(ISO_DATE.match(value))
            and bool(dt.date.fromisoformat(value))
        )
    except ValueError:
        return False


def suggest(word: str, choices: Iterable[str]) -> str:
    """A ` (did you mean ...?)` hint when a close match exists, else an empty string."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean `{match[0]}`?)" if match else ""


def _message(error: ValidationError, path: DataPath, loaded: LoadedFile) -> str:
    field = describe_path(path)
    value = error.instance
    kind = error.validator
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    wanted_value: Any = error.validator_value
    if kind == "type":
        expected = wanted_value
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        raw = loaded.raw.get(path)
        got = (
            describe_value(value)
            if not isinstance(value, dict | list)
            else _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
        )
        if raw is not None and "string" in names:
            return f'{field}: `{raw}` is read as {got}, but text is expected; quote it: "{raw}"'
        return f"{field}: expected {wanted}, got {got}"
    if kind == "required":
        missing = [m for m in wanted_value if error.message.startswith(repr(m))]
        return f"{field}: missing required key `{missing[0] if missing else error.message}`"
    if kind == "enum":
        options = [str(o) for o in wanted_value]
        hint = suggest(str(value), options)
        return f"{field}: `{value}` is not allowed{hint}; expected one of: {', '.join(options)}"
    if kind == "format":
        if error.validator_value == "date":
            if _in_calendar(value):
                return (
                    f"{field}: `{value}` is outside the dates a plan can hold; expected a date "
                    f"from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}"
                )
            return f"{field}: `{value}` is not a valid date; expected YYYY-MM-DD"
        return f"{field}: `{value}` is not a valid {error.validator_value}"
    if kind == "pattern":
        description = schema.get("description") or f"expected to match {error.validator_value}"
        return f"{field}: `{value}` is not valid: {description}"
    if kind == "minimum":
        return f"{field}: {value} is below the minimum of {error.validator_value}"
    if kind == "maximum":
        return f"{field}: {value} is above the maximum of {error.validator_value}"
    if kind == "minLength":
        return f"{field}: must not be empty"
    if kind == "maxLength":
        return f"{field}: is longer than {error.validator_value} characters"
    if kind == "minItems":
        return f"{field}: needs at least {error.validator_value} item(s)"
    if kind == "uniqueItems":
        return f"{field}: lists an item more than once"
    if kind in ("oneOf", "anyOf"):
        return f"{field}: matches none of the allowed forms"
    if kind == "const":
        return f"{field}: expected `{error.validator_value}`"
    return f"{field}: {error.message}"
