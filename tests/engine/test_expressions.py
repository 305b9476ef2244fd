"""Rule expressions: typed fields, `$` parameters and run dates, readable compile errors."""

from __future__ import annotations

import datetime as dt

import pytest

from readiness.expressions import (
    ExpressionError,
    compile_expression,
    evaluate,
    expression_values,
    make_context,
)
from readiness.facts.base import Field

FIELDS = {
    "headcount": Field("number", "Staff in the cohort."),
    "trained_percent": Field("number", "Percent trained."),
    "name": Field("string", "Cohort name."),
    "signed_on": Field("date", "When it was signed."),
    "roles": Field("strings", "Roles covered."),
    "ready": Field("boolean", "Whether it is ready."),
}
PARAMS = {"min_percent": 90.0}
DATES = {"as_of": dt.date(2027, 1, 15), "go_live": dt.date(2027, 3, 1)}


def _holds(text: str, **values: object) -> bool:
    rule = compile_expression(text, make_context(FIELDS, PARAMS, DATES), PARAMS)
    return evaluate(rule, expression_values(values, FIELDS))


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        ("trained_percent >= $min_percent", {"trained_percent": 90}, True),
        ("trained_percent >= $min_percent", {"trained_percent": 89.96}, False),
        ("headcount > 0 and name == 'Ward 7'", {"headcount": 3, "name": "Ward 7"}, True),
        ("'nurse' in roles", {"roles": ["doctor", "nurse"]}, True),
        ("ready", {"ready": True}, True),
        # Dates compare with the run's dates, whether written as text or as dates.
        ("signed_on <= $as_of", {"signed_on": "2027-01-15"}, True),
        ("signed_on <= $as_of", {"signed_on": dt.date(2027, 1, 16)}, False),
        ("signed_on < $go_live", {"signed_on": dt.date(2027, 2, 28)}, True),
    ],
)
def test_expressions_hold_for_the_values(
    text: str, values: dict[str, object], expected: bool
) -> None:
    assert _holds(text, **values) is expected


def test_an_unstated_field_reads_as_empty_never_as_null() -> None:
    assert _holds("headcount == 0 and name == '' and not ready and roles == []")
    assert _holds("signed_on == null")


def test_values_take_the_expression_library_types() -> None:
    values = expression_values(
        {"headcount": 4, "roles": ["a"], "signed_on": "2027-01-02", "extra": 1}, FIELDS
    )
    assert values["headcount"] == 4.0 and isinstance(values["headcount"], float)
    assert values["roles"] == ("a",)
    assert values["signed_on"] == dt.datetime(2027, 1, 2, tzinfo=dt.UTC)
    assert "extra" not in values
    assert set(values) == set(FIELDS)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "trained_precent >= 90",
            "unknown field `trained_precent` (did you mean `trained_percent`?)",
        ),
        ("headcount > $max", "unknown parameter `$max`; known: $min_percent, $as_of, $go_live"),
        # The library's own clock would make a result depend on the day it runs.
        ("signed_on < $today", "unknown parameter `$today`; known: $min_percent, $as_of, $go_live"),
    ],
)
def test_a_bad_expression_says_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ExpressionError) as raised:
        compile_expression(text, make_context(FIELDS, PARAMS, DATES), PARAMS)
    assert str(raised.value) == message


def test_a_syntax_error_is_an_expression_error() -> None:
    with pytest.raises(ExpressionError, match=r"^syntax: "):
        compile_expression("headcount >", make_context(FIELDS, PARAMS, DATES), PARAMS)


def test_a_type_mismatch_is_caught_when_the_rule_compiles() -> None:
    with pytest.raises(ExpressionError):
        compile_expression("name > 3", make_context(FIELDS, PARAMS, DATES), PARAMS)
