"""rule-engine, imported with its parser tables read from data shipped here instead of built.

rule-engine builds its LALR parser (PLY) when it is imported, about 0.4 s: most of the
start-up of a check. The tables depend only on its grammar, so they are generated once
(`python -m readiness.parser_tables`) into `parser_tables.json` and read at import. PLY takes
them only when the grammar's signature they were made for equals the installed grammar's, and
builds its own otherwise: a newer rule-engine starts slower, never parses differently. The file
is JSON, data only; nothing in it is executed. tests/test_parser_tables.py checks that it is
current.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

TABLES = Path(__file__).with_name("parser_tables.json")
# Where PLY looks for tables made for rule-engine's parser (its package's `parsetab`).
_TABLE_MODULE = "rule_engine.parser.parsetab"


def import_rule_engine() -> None:
    """Import rule-engine (once per process), its parser made from the shipped tables."""
    if "rule_engine" in sys.modules:
        return
    sys.modules[_TABLE_MODULE] = _table_module(json.loads(TABLES.read_text(encoding="utf-8")))
    try:
        import rule_engine  # noqa: F401
    finally:
        # Only this one import reads them; a parser built later is PLY's own.
        del sys.modules[_TABLE_MODULE]


def _table_module(tables: dict[str, Any]) -> types.ModuleType:
    """The tables as PLY's `LRTable.read_table` reads them from a table module."""
    module = types.ModuleType(_TABLE_MODULE)
    module._tabversion = tables["tabversion"]  # type: ignore[attr-defined]
    module._lr_method = tables["method"]  # type: ignore[attr-defined]
    module._lr_signature = tables["signature"]  # type: ignore[attr-defined]
    # JSON keys are text; PLY's states are numbers.
    module._lr_action = {int(s): row for s, row in tables["action"].items()}  # type: ignore[attr-defined]
    module._lr_goto = {int(s): row for s, row in tables["goto"].items()}  # type: ignore[attr-defined]
    module._lr_productions = [tuple(p) for p in tables["productions"]]  # type: ignore[attr-defined]
    return module


def built_tables() -> dict[str, Any]:
    """The tables PLY builds from the installed rule-engine's grammar, as JSON data."""
    from rule_engine._vendor.ply import yacc
    from rule_engine.parser import Parser

    parser = Parser()  # no table module is registered now, so PLY builds from the grammar
    built = parser._parser
    # What yacc() reads its grammar from, so that the signature is the one it compares.
    grammar = {name: getattr(parser, name) for name in dir(parser)}
    grammar["__file__"] = sys.modules[type(parser).__module__].__file__
    reflected = yacc.ParserReflect(grammar, log=yacc.NullLogger())
    reflected.get_all()
    return {
        "tabversion": yacc.__tabversion__,
        "method": "LALR",
        "signature": reflected.signature(),
        "action": {str(state): row for state, row in built.action.items()},
        "goto": {str(state): row for state, row in built.goto.items()},
        # As PLY writes a table module: the source file by its base name only.
        "productions": [
            [p.str, p.name, p.len, p.func, Path(p.file).name if p.file else p.file, p.line]
            for p in built.productions
        ],
    }


def write_tables() -> None:
    """Write the tables of the installed rule-engine to TABLES."""
    text = json.dumps(built_tables(), sort_keys=True, indent=1, ensure_ascii=True)
    TABLES.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    write_tables()
