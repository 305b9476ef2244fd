"""Compiled expressions answer exactly as rule-engine's interpreter does.

Every condition, `where` and `severity_when` of the catalogue runs as closures
(readiness/expression_compiler.py). For any values an item could carry, and for values it
should not (a list for a tuple, a date without a zone, a missing field), the closures must give
the library's result, or the library's error, and must look up the same fields: the fields an
expression reads decide which unstated evidence fails a rule, so a closure that read one field
fewer could turn a "not stated" fail into a pass.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import pytest
import rule_engine
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.config import Config
from readiness.expression_compiler import FastRule
from readiness.expressions import EMPTY, evaluate, make_context
from readiness.fields import Field
from readiness.params import ParamValue
from readiness.rulebook import CompiledRule, build_rulebook
from tests.helpers import REPO

DATES = {"as_of": dt.date(2027, 1, 20), "go_live": dt.date(2027, 3, 1)}
_STRING_LITERAL = re.compile(r"'([^']*)'|\"([^\"]*)\"")
_NAME = re.compile(r"[a-z_][a-z0-9_]*")
_NUMBER_LITERAL = re.compile(r"(?<![\w.$])(\d+(?:\.\d+)?)")


@cache
def _rules() -> tuple[CompiledRule, ...]:
    rulebook, problems = build_rulebook([REPO / "rules"], Config(), DATES)
    assert not problems
    return rulebook.rules


def _expressions() -> list[tuple[str, CompiledRule, FastRule]]:
    found = []
    for rule in _rules():
        named = [("condition", rule.condition), ("where", rule.where)]
        named += [(f"severity_when {i}", w) for i, (w, _) in enumerate(rule.severity_when)]
        found += [(f"{rule.spec.id} {key}", rule, e) for key, e in named if e is not None]
    return found


EXPRESSIONS = _expressions()


@cache
def _library(label: str) -> rule_engine.Rule:
    """The same expression as the interpreter alone runs it, parsed once per test session."""
    expression = next(e for name, _, e in EXPRESSIONS if name == label)
    return rule_engine.Rule(expression.text, context=expression.context)


class _Reads(dict[str, object]):
    def __init__(self, values: dict[str, object]) -> None:
        super().__init__(values)
        self.read: list[str] = []

    def __getitem__(self, name: str) -> object:
        self.read.append(name)
        return super().__getitem__(name)


def _outcome(rule: Any, values: dict[str, object]) -> tuple[object, frozenset[str]]:
    """The answer or the error, and the fields looked up. After an error the rule is reported
    as not evaluable and its reads are not used, so they are compared only with an answer."""
    reads = _Reads(values)
    try:
        return ("result", rule.matches(reads)), frozenset(reads.read)
    except Exception as err:  # the library's error, compared by class and words
        return ("error", type(err).__name__, str(err)), frozenset()


def _value(spec: Field, text: str) -> st.SearchStrategy[object]:
    """Values for one field: the ones the fact builders give, and ones they should not."""
    strings = [a or b for a, b in _STRING_LITERAL.findall(text)] + ["", "other"]
    numbers = [float(n) for n in _NUMBER_LITERAL.findall(text)] + [0.0, 1.0, 0.1, 7.0, 100.0]
    odd = st.sampled_from([None, "text", 3, True, (), ["x"]])
    day = st.dates(dt.date(2026, 1, 1), dt.date(2028, 12, 31))
    typed: dict[str, st.SearchStrategy[object]] = {
        "string": st.sampled_from(strings) | st.text(max_size=3),
        "number": st.sampled_from(numbers)
        | st.floats(-1e6, 1e6, allow_nan=False)
        | st.integers(-5, 500)
        | st.floats(allow_nan=True, allow_infinity=True),
        "boolean": st.booleans(),
        "date": day.map(lambda d: dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC))
        | day.map(lambda d: dt.datetime(d.year, d.month, d.day)),
        "strings": st.lists(st.sampled_from(strings), max_size=3).map(tuple)
        | st.lists(st.sampled_from(strings), max_size=2),
    }
    return (
        st.one_of(typed[spec.type], st.none(), odd)
        if spec.type != "boolean"
        else (st.one_of(typed["boolean"], st.none(), odd))
    )


@st.composite
def _item(draw: st.DrawFn, rule: CompiledRule, text: str) -> dict[str, object]:
    named = set(_NAME.findall(text))
    values: dict[str, object] = {}
    for name, spec in sorted(rule.fields.items()):
        if name not in named:
            values[name] = EMPTY[spec.type]  # not read: drawing it would only slow the test
        elif draw(st.integers(0, 40)) != 0:  # else a field missing altogether
            values[name] = draw(_value(spec, text))
    return values


@pytest.mark.parametrize(
    ("label", "rule", "expression"), EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS]
)
def test_every_catalogue_expression_is_compiled(
    label: str, rule: CompiledRule, expression: FastRule
) -> None:
    assert isinstance(expression, FastRule)
    assert expression.compiled, f"{label} runs through the interpreter: {expression.text}"


@pytest.mark.parametrize(
    ("label", "rule", "expression"), EXPRESSIONS, ids=[e[0] for e in EXPRESSIONS]
)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_closures_answer_as_the_library(
    label: str, rule: CompiledRule, expression: FastRule, data: st.DataObject
) -> None:
    library = _library(label)
    values = data.draw(_item(rule, expression.text))
    assert _outcome(expression, values) == _outcome(library, values), label


# Generated expressions over one typed field of each kind, to reach combinations the catalogue
# does not write (arrays ordered, `in` on text, arithmetic on unstated numbers, `not`).
FIELDS = {
    "s": Field(type="string", description="text"),
    "n": Field(type="number", description="number"),
    "b": Field(type="boolean", description="flag"),
    "d": Field(type="date", description="date"),
    "l": Field(type="strings", description="texts"),
}
_ATOMS = {
    "string": ["s", "'a'", "''"],
    "number": ["n", "2", "0.1", "$limit", "l.length", "s.length"],
    "boolean": ["b", "true", "l.is_empty"],
    "date": ["d", "$as_of", "$go_live"],
    "strings": ["l", "$names", "['a', 'b']"],
}


@st.composite
def _expression(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 2 or draw(st.integers(0, 2)) == 0:
        kind = draw(st.sampled_from(sorted(_ATOMS)))
        left, right = draw(st.sampled_from(_ATOMS[kind])), draw(st.sampled_from(_ATOMS[kind]))
        if kind == "number" and draw(st.booleans()):
            left = f"{left} {draw(st.sampled_from(['*', '/']))} {right}"
        op = draw(st.sampled_from(["==", "!=", "<", "<=", ">", ">="]))
        if kind in ("string", "strings") and draw(st.booleans()):
            member = draw(st.sampled_from(_ATOMS["string"]))
            return f"{member} in {right}"
        if kind == "boolean" and draw(st.booleans()):
            return f"not {left}"
        return f"{left} {op} {right}"
    joiner = draw(st.sampled_from(["and", "or"]))
    return f"({draw(_expression(depth + 1))}) {joiner} ({draw(_expression(depth + 1))})"


@settings(max_examples=200, deadline=None)
@given(text=_expression(), data=st.data())
def test_generated_expressions_answer_as_the_library(text: str, data: st.DataObject) -> None:
    params: dict[str, ParamValue] = {"limit": 3.0, "names": ("a", "c")}
    context = make_context(FIELDS, params, DATES)
    try:
        library = rule_engine.Rule(text, context=context)
    except rule_engine.EngineError:
        return  # a type error when compiling: neither runs it
    fast = FastRule(text, context, constants=params)
    assert fast.compiled, text
    values = {name: data.draw(_value(spec, text)) for name, spec in FIELDS.items()}
    assert _outcome(fast, values) == _outcome(library, values), text


def test_an_expression_outside_the_closures_still_runs_through_the_library() -> None:
    context = make_context(FIELDS, {}, DATES)
    fast = FastRule("s =~ 'a.*' and n > 1", context)
    assert not fast.compiled
    assert evaluate(fast, {"s": "abc", "n": 2.0, "b": False, "d": None, "l": ()})
    assert not evaluate(fast, {"s": "xbc", "n": 2.0, "b": False, "d": None, "l": ()})
