"""The argument parser every command is built on: the command-line conventions in one place.

Every parser and sub-parser is a `Parser`, so each command gets, without asking: options never
abbreviated (`--versio` is an error, not `--version`), "did you mean" for a mistyped command,
choice or option, the terminal options (`-q`, `-v`, `--color`), and help that keeps the
examples and exit codes of its epilog as written.
"""

from __future__ import annotations

import argparse
import difflib
import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from readiness.commands.terminal import add_terminal_options

# Every command exits 3 on an internal error; the commands list their own codes beside it.
INTERNAL_EXIT = (3, "internal error (a bug: please report it), or standard output not written")


class HelpFormatter(argparse.HelpFormatter):
    """Wraps prose paragraphs, and keeps indented lines (examples, exit codes) as written."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            if any(line.startswith(" ") for line in paragraph.splitlines()):
                paragraphs.append(textwrap.indent(paragraph, indent))
            else:
                paragraphs.append(
                    textwrap.fill(
                        " ".join(paragraph.split()),
                        width,
                        initial_indent=indent,
                        subsequent_indent=indent,
                    )
                )
        return "\n\n".join(paragraphs)


class Parser(argparse.ArgumentParser):
    """An argument parser with the project's conventions (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["allow_abbrev"] = False
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
        self.register("action", "parsers", Commands)
        add_terminal_options(self)

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse, and refuse anything left over here, where this command's options are known."""
        parsed, extras = super().parse_known_args(args, namespace)
        if extras:
            self.error(f"unrecognized arguments: {' '.join(extras)}{self._suggestion(extras)}")
        return parsed, extras

    def _suggestion(self, extras: Sequence[str]) -> str:
        known = [s for a in self._actions for s in a.option_strings if s.startswith("--")]
        for word in extras:
            if word.startswith("--"):
                close = difflib.get_close_matches(word.partition("=")[0], known, n=1)
                if close:
                    return f" (did you mean {close[0]}?)"
        return ""

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # The same check as argparse's, with the nearest choice suggested.
        if action.choices is not None and value not in action.choices:
            names = [str(choice) for choice in action.choices]
            close = difflib.get_close_matches(str(value), names, n=1)
            hint = f" (did you mean {close[0]}?)" if close else ""
            raise argparse.ArgumentError(
                action, f"invalid choice: {value!r}{hint}; choose from {', '.join(names)}"
            )


class Commands(argparse._SubParsersAction):  # type: ignore[type-arg]
    """The sub-command table: each command's parser is a `Parser` too."""

    def add_parser(self, name: str, **kwargs: Any) -> Parser:
        """A sub-command's parser, with the project's conventions."""
        kwargs.setdefault("formatter_class", HelpFormatter)
        parser: Parser = super().add_parser(name, **kwargs)
        return parser


def epilog(examples: Sequence[str], exits: Mapping[int, str]) -> str:
    """The end of a command's help: examples to copy, and what each exit code means."""
    codes = {**exits, INTERNAL_EXIT[0]: INTERNAL_EXIT[1]}
    width = max(len(str(code)) for code in codes)
    return (
        "examples:\n"
        + "\n".join(f"  {example}" for example in examples)
        + "\n\nexit codes:\n"
        + "\n".join(f"  {code:>{width}}  {meaning}" for code, meaning in sorted(codes.items()))
    )
