"""Rule expressions turned into Python closures once, for the common case.

rule-engine parses and type-checks every expression; this module then walks the tree it built
and makes one closure per node, so that judging an item costs a few function calls instead of
the library's symbol resolution, type lookup and coercion per node. The closures reproduce the
library's semantics exactly for the values readiness feeds them (text, booleans, numbers as
decimals, dates, tuples of text); whenever a value is not one of those, or an operation would
raise, the closure gives up and the whole expression is evaluated again by the library, so
results, errors and the fields an expression reads are the library's own. An expression using
anything not handled here (regular expressions, comprehensions, ternaries, other attributes)
is never compiled and always goes to the library.

tests/properties/test_expression_compiler.py holds the two to the same answer on every rule of
the catalogue and on generated expressions.
"""

from __future__ import annotations

import datetime as dt
import decimal
import operator
from collections.abc import Callable, Collection, Mapping
from typing import Any

from readiness.parser_tables import import_rule_engine

import_rule_engine()  # first, so that rule-engine reads its parser instead of building it
import rule_engine  # noqa: E402
from rule_engine import ast  # noqa: E402
from rule_engine.builtins import Builtins  # noqa: E402
from rule_engine.types import DataType  # noqa: E402

Closure = Callable[[Mapping[str, object]], Any]


class _Slow(Exception):
    """This evaluation is for the library: a value or operation the closures do not cover."""


class _Unsupported(Exception):
    """The expression uses a node the closures do not cover."""


class FastRule(rule_engine.Rule):  # type: ignore[misc]
    """A rule-engine rule whose `matches` runs compiled closures where it can."""

    def __init__(
        self,
        text: str,
        context: rule_engine.Context,
        constants: Collection[str] = (),
    ) -> None:
        super().__init__(text, context=context)
        self._decimals = context.decimal_context
        try:
            self._fast: Closure | None = _Compiler(self._decimals, constants).node(
                self.statement.expression
            )
        except _Unsupported:
            self._fast = None

    @property
    def compiled(self) -> bool:
        """Whether the expression runs as closures (else always through the library)."""
        return self._fast is not None

    def matches(self, thing: Any) -> bool:
        if self._fast is not None:
            try:
                return bool(self._fast(thing))
            except _Slow:
                pass
        return bool(super().matches(thing))


_ORDER = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt}
_BOTH_NULL = {"ge": True, "le": True, "gt": False, "lt": False}


class _Compiler:
    def __init__(self, decimals: decimal.Context, constants: Collection[str]) -> None:
        self.decimals = decimals
        self.constants = frozenset(constants)

    def node(self, node: ast.ExpressionBase) -> Closure:
        if isinstance(node, ast.SymbolExpression):
            return self.symbol(node)
        if isinstance(node, ast.LogicExpression):
            return self.logic(node)
        if isinstance(node, ast.ArithmeticComparisonExpression):
            return self.order(node)
        if isinstance(node, ast.FuzzyComparisonExpression):
            raise _Unsupported
        if isinstance(node, ast.ComparisonExpression):
            return self.equality(node)
        if isinstance(node, ast.ArithmeticExpression):
            return self.arithmetic(node)
        if isinstance(node, ast.UnaryExpression) and node.type == "not":
            right = self.node(node.right)
            return lambda thing: not right(thing)
        if isinstance(node, ast.ContainsExpression):
            return self.contains(node)
        if isinstance(node, ast.GetAttributeExpression):
            return self.attribute(node)
        if isinstance(node, ast.ArrayExpression | ast.SetExpression):
            if not all(_literal(member) for member in node.value):
                raise _Unsupported
            return _constant(node.evaluate(None))
        if _literal(node):
            return _constant(node.evaluate(None))
        raise _Unsupported

    def symbol(self, node: ast.SymbolExpression) -> Closure:
        if node.scope is not None:
            if node.scope != Builtins.scope_name:
                raise _Unsupported
            if node.name in self.constants:
                # A rule's parameter cannot change after compiling: read it once.
                return _constant(node.evaluate(None))
            run_date: Closure = node.evaluate  # a run date, bound per site: the library reads it
            return run_date
        name = node.name
        key = _type_key(node.result_type)
        check = None if key is None else _CHECKS.get(key)
        if check is None:
            raise _Unsupported

        def read(thing: Mapping[str, object]) -> Any:
            try:
                value = thing[name]
            except KeyError:
                raise _Slow from None
            return check(value)

        return read

    def logic(self, node: ast.LogicExpression) -> Closure:
        left, right = self.node(node.left), self.node(node.right)
        if node.type == "and":
            return lambda thing: bool(left(thing) and right(thing))
        if node.type == "or":
            return lambda thing: bool(left(thing) or right(thing))
        raise _Unsupported

    def equality(self, node: ast.ComparisonExpression) -> Closure:
        left, right = self.node(node.left), self.node(node.right)
        if node.type == "eq":

            def eq(thing: Mapping[str, object]) -> bool:
                a, b = left(thing), right(thing)
                return type(a) is type(b) and bool(a == b)

            return eq
        if node.type == "ne":

            def ne(thing: Mapping[str, object]) -> bool:
                a, b = left(thing), right(thing)
                return type(a) is not type(b) or bool(a != b)

            return ne
        raise _Unsupported

    def order(self, node: ast.ArithmeticComparisonExpression) -> Closure:
        left, right = self.node(node.left), self.node(node.right)
        op = _ORDER.get(node.type)
        if op is None:
            raise _Unsupported
        both_null = _BOTH_NULL[node.type]

        def compare(thing: Mapping[str, object]) -> bool:
            a, b = left(thing), right(thing)
            if a is None and b is None:
                return both_null
            if type(a) is not type(b) or type(a) is tuple:
                raise _Slow  # a type mismatch error, or an element-wise array order
            try:
                return bool(op(a, b))
            except ArithmeticError:
                raise _Slow from None  # a NaN: the library's decimal context decides

        return compare

    def arithmetic(self, node: ast.ArithmeticExpression) -> Closure:
        left, right = self.node(node.left), self.node(node.right)
        ops = {"mul": self.decimals.multiply, "tdiv": self.decimals.divide}
        op = ops.get(node.type)
        if op is None:
            raise _Unsupported

        def calculate(thing: Mapping[str, object]) -> decimal.Decimal:
            a = left(thing)
            b = right(thing)
            if type(a) is not decimal.Decimal or type(b) is not decimal.Decimal:
                raise _Slow
            try:
                return op(a, b)
            except ArithmeticError:
                raise _Slow from None  # the library words the error

        return calculate

    def contains(self, node: ast.ContainsExpression) -> Closure:
        container, member = self.node(node.container), self.node(node.member)

        def contains(thing: Mapping[str, object]) -> bool:
            within = container(thing)
            item = member(thing)
            kind = type(within)
            if kind is tuple or (kind is str and type(item) is str):
                return item in within
            raise _Slow

        return contains

    def attribute(self, node: ast.GetAttributeExpression) -> Closure:
        if node.safe or node.name not in ("length", "is_empty"):
            raise _Unsupported
        target = self.node(node.object)
        empty = node.name == "is_empty"

        def attribute(thing: Mapping[str, object]) -> Any:
            value = target(thing)
            if type(value) is not tuple and type(value) is not str:
                raise _Slow
            return len(value) == 0 if empty else decimal.Decimal(len(value))

        return attribute


def _literal(node: ast.ExpressionBase) -> bool:
    return isinstance(
        node,
        ast.BooleanExpression
        | ast.FloatExpression
        | ast.StringExpression
        | ast.NullExpression
        | ast.DatetimeExpression,
    )


def _constant(value: Any) -> Closure:
    return lambda _thing: value


def _type_key(data_type: Any) -> str | None:
    if data_type == DataType.STRING:
        return "string"
    if data_type == DataType.BOOLEAN:
        return "boolean"
    if data_type == DataType.FLOAT:
        return "number"
    if data_type == DataType.DATETIME:
        return "date"
    if data_type == DataType.ARRAY(DataType.STRING):
        return "strings"
    return None


def _string(value: object) -> object:
    if value is None or type(value) is str:
        return value
    raise _Slow


def _boolean(value: object) -> object:
    if value is None or type(value) is bool:
        return value
    raise _Slow


def _number(value: object) -> object:
    kind = type(value)
    if kind is float:
        return decimal.Decimal(repr(value))
    if kind is int:
        return decimal.Decimal(value)  # type: ignore[arg-type]
    if value is None or kind is decimal.Decimal:
        return value
    raise _Slow


def _date(value: object) -> object:
    if value is None or (type(value) is dt.datetime and value.tzinfo is not None):
        return value
    raise _Slow


def _strings(value: object) -> object:
    if value is None:
        return value
    if type(value) is tuple and all(type(v) is str for v in value):
        return value
    raise _Slow


_CHECKS: Mapping[str, Callable[[object], object]] = {
    "string": _string,
    "boolean": _boolean,
    "number": _number,
    "date": _date,
    "strings": _strings,
}
