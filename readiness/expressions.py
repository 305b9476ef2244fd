"""Rule conditions compiled by the `rule-engine` expression library (never eval/exec).

Each kind's declared fields become the expression's typed symbols, so a misspelt field fails
when rules load, with the library's suggestion. Parameters are `$name` built-ins.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping

from readiness.fields import Field
from readiness.params import ParamValue
from readiness.parser_tables import import_rule_engine

import_rule_engine()  # first, so that rule-engine reads its parser instead of building it
import rule_engine  # noqa: E402
from rule_engine.builtins import Builtins, BuiltinValueGenerator  # noqa: E402

from readiness.expression_compiler import FastRule  # noqa: E402

_TYPES = {
    "string": rule_engine.DataType.STRING,
    "number": rule_engine.DataType.FLOAT,
    "boolean": rule_engine.DataType.BOOLEAN,
    "date": rule_engine.DataType.DATETIME,
    "strings": rule_engine.DataType.ARRAY(rule_engine.DataType.STRING),
}
# A parameter's type in expressions follows its default: 90 is a number, [a, b] an array.
_PARAM_TYPES = {float: _TYPES["number"], str: _TYPES["string"], tuple: _TYPES["strings"]}
_BUILTIN_REF = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# The run's dates; the library's own $today / $now would make results depend on the clock.
RUN_DATES = ("as_of", "go_live")
# The dates of the site being evaluated, bound around its evaluation (`run_dates`), so that
# rules compiled once serve every site of a run whatever its go-live.
_BOUND_DATES: contextvars.ContextVar[Mapping[str, dt.datetime]] = contextvars.ContextVar(
    "readiness_run_dates"
)


class ExpressionError(Exception):
    """An expression that cannot be compiled, with a sentence saying why."""


def make_context(
    fields: Mapping[str, Field],
    params: Mapping[str, ParamValue],
    dates: Mapping[str, dt.date],
) -> rule_engine.Context:
    """A typed context for one kind, with parameters and run dates as `$` built-ins."""
    types = {name: _TYPES[f.type] for name, f in fields.items()}
    context = rule_engine.Context(
        type_resolver=rule_engine.type_resolver_from_dict(types),
        default_timezone=dt.UTC,
    )
    values: dict[str, object] = dict(params)
    value_types = {name: _PARAM_TYPES[type(value)] for name, value in params.items()}
    compiled = {name: to_datetime(dates[name]) for name in RUN_DATES}
    for name in RUN_DATES:
        values[name] = BuiltinValueGenerator(_date_reader(name, compiled[name]))
        value_types[name] = rule_engine.DataType.DATETIME
    context.builtins = Builtins.from_defaults(values, value_types=value_types)
    return context


def _date_reader(name: str, compiled: dt.datetime) -> Callable[[Builtins], dt.datetime]:
    """`$name` as the bound run dates give it, else the date the rule was compiled with."""

    def read(_builtins: Builtins) -> dt.datetime:
        bound = _BOUND_DATES.get(None)
        return compiled if bound is None else bound[name]

    return read


@contextlib.contextmanager
def run_dates(as_of: dt.date, go_live: dt.date) -> Iterator[None]:
    """Evaluate expressions inside the block against these dates, whatever they were compiled
    with."""
    token = _BOUND_DATES.set({"as_of": to_datetime(as_of), "go_live": to_datetime(go_live)})
    try:
        yield
    finally:
        _BOUND_DATES.reset(token)


def compile_expression(
    text: str, context: rule_engine.Context, params: Mapping[str, ParamValue]
) -> rule_engine.Rule:
    """Compile an expression or raise ExpressionError with a readable reason."""
    for name in _BUILTIN_REF.findall(text):
        if name not in params and name not in RUN_DATES:
            known = ", ".join(f"${n}" for n in (*sorted(params), *RUN_DATES))
            raise ExpressionError(f"unknown parameter `${name}`; known: {known}")
    try:
        return FastRule(text, context, constants=params)
    except rule_engine.SymbolResolutionError as err:
        hint = f" (did you mean `{err.suggestion}`?)" if err.suggestion else ""
        raise ExpressionError(f"unknown field `{err.symbol_name}`{hint}") from None
    except rule_engine.AttributeResolutionError as err:
        hint = f" (did you mean `{err.suggestion}`?)" if err.suggestion else ""
        raise ExpressionError(f"unknown attribute `{err.attribute_name}`{hint}") from None
    except rule_engine.RuleSyntaxError as err:
        raise ExpressionError(f"syntax: {err.message}") from None
    except rule_engine.EngineError as err:
        raise ExpressionError(getattr(err, "message", str(err))) from None
    except RecursionError:
        raise ExpressionError(TOO_DEEP) from None


TOO_DEEP = "the expression is nested too deeply; write it with fewer brackets"


def to_datetime(day: dt.date) -> dt.datetime:
    """A date as midnight UTC, the form the expression library compares."""
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def expression_values(
    values: Mapping[str, object], fields: Mapping[str, Field]
) -> dict[str, object]:
    """Fact values in the library's types: dates as datetimes, absent fields empty."""
    out: dict[str, object] = {}
    for name, spec in fields.items():
        value = values.get(name)
        if spec.type == "date":
            if isinstance(value, str):
                value = dt.date.fromisoformat(value)
            out[name] = to_datetime(value) if isinstance(value, dt.date) else None
        elif value is None:
            out[name] = EMPTY[spec.type]
        elif (
            spec.type == "number" and isinstance(value, int | float) and not isinstance(value, bool)
        ):
            out[name] = float(value)
        elif spec.type == "strings" and isinstance(value, list | tuple):
            out[name] = tuple(value)
        else:
            out[name] = value
    return out


# What an unstated field reads as: rules never meet a null number, text or list.
EMPTY: Mapping[str, object] = {
    "string": "",
    "number": 0.0,
    "boolean": False,
    "date": None,
    "strings": (),
}


def evaluate(rule: rule_engine.Rule, values: Mapping[str, object]) -> bool:
    """True when the compiled expression holds for the values."""
    try:
        return bool(rule.matches(values))
    except rule_engine.EngineError as err:
        raise ExpressionError(getattr(err, "message", str(err))) from None
    except RecursionError:
        raise ExpressionError(TOO_DEEP) from None
