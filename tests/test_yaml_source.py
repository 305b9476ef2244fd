"""The strict YAML reader: plain data with positions, YAML 1.1 surprises reported, not coerced."""

from __future__ import annotations

from pathlib import Path

import pytest

from readiness import yaml_source
from readiness.problems import Location, Problem
from readiness.yaml_source import load_file, load_text


def _codes(text: str) -> list[str]:
    return [p.code for p in load_text(text, "f.yaml").problems]


def test_values_and_keys_keep_their_line_and_column() -> None:
    loaded = load_text("site:\n  id: north\nsystems:\n  - id: epr\n    name: EPR\n", "f.yaml")

    assert loaded.problems == []
    assert loaded.data == {"site": {"id": "north"}, "systems": [{"id": "epr", "name": "EPR"}]}
    assert loaded.keys[("site", "id")] == Location("f.yaml", 2, 3)
    assert loaded.values[("site", "id")] == Location("f.yaml", 2, 7)
    assert loaded.values[("systems", 0)] == Location("f.yaml", 4, 5)
    assert loaded.values[("systems", 0, "name")] == Location("f.yaml", 5, 11)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("", None),
        ("42", 42),
        ("-7", -7),
        ("0", 0),
        ("2.5", 2.5),
        ('"2.10"', "2.10"),
        ("'no'", "no"),
        ("!!str 2.10", "2.10"),
        ("2027-03-01", "2027-03-01"),
        ("plain words", "plain words"),
    ],
)
def test_plain_values(text: str, value: object) -> None:
    loaded = load_text(f"a: {text}\n", "f.yaml")

    assert loaded.problems == []
    assert loaded.data == {"a": value}
    assert type(loaded.data["a"]) is type(value)  # type: ignore[index]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("no", "yaml-ambiguous-bool"),
        ("Yes", "yaml-ambiguous-bool"),
        ("on", "yaml-ambiguous-bool"),
        ("OFF", "yaml-ambiguous-bool"),
        ("012", "yaml-leading-zero"),
        ("0x1F", "yaml-leading-zero"),
        ("12:30", "yaml-sexagesimal"),
        (".inf", "yaml-number"),
        ("-.inf", "yaml-number"),
        (".nan", "yaml-number"),
    ],
)
def test_yaml_11_surprises_are_reported_and_kept_as_written(text: str, code: str) -> None:
    loaded = load_text(f"a: {text}\n", "f.yaml")

    assert [p.code for p in loaded.problems] == [code]
    assert loaded.problems[0].location == Location("f.yaml", 1, 4)
    assert loaded.data == {"a": text}


def test_a_number_where_text_is_expected_keeps_its_source_text() -> None:
    loaded = load_text("version: 2.10\n", "f.yaml")

    assert loaded.data == {"version": 2.1}
    assert loaded.raw == {("version",): "2.10"}


def test_duplicate_key_names_both_positions() -> None:
    loaded = load_text("a: 1\nb: 2\na: 3\n", "f.yaml")

    assert loaded.problems == [
        Problem(
            Location("f.yaml", 3, 1),
            "duplicate key `a`: first at line 1, column 1, again at line 3, column 1; "
            "remove one of them",
            "yaml-duplicate-key",
        )
    ]
    assert loaded.data == {"a": 1, "b": 2}


def test_merge_keys_fill_in_without_overriding() -> None:
    loaded = load_text("base: &b {x: 1, y: 2}\nitem:\n  <<: *b\n  y: 3\n", "f.yaml")

    assert loaded.problems == []
    assert loaded.data == {"base": {"x": 1, "y": 2}, "item": {"x": 1, "y": 3}}


@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object/apply:os.system ['true']\n",
        "a: !!python/name:os.system\n",
        "a: !!binary aGk=\n",
        "a: !local x\n",
        "a: !!omap [{b: 1}]\n",
    ],
)
def test_explicit_tags_are_refused(text: str) -> None:
    assert _codes(text) == ["yaml-tag"]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "yaml-empty"),
        ("# only a comment\n", "yaml-empty"),
        ("- a\n", "yaml-top-level"),
        ("just text\n", "yaml-top-level"),
        ("a: 1\n---\nb: 2\n", "yaml-multiple-documents"),
        ("a: [1, 2\n", "yaml-syntax"),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "yaml-too-deep"),
    ],
)
def test_unusable_documents(text: str, code: str) -> None:
    loaded = load_text(text, "f.yaml")

    assert [p.code for p in loaded.problems] == [code]


def test_alias_expansion_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    # The shipped limit is met by tests/bad_inputs/alias_bomb.yaml; a lower one is quicker here.
    monkeypatch.setattr(yaml_source, "MAX_NODES", 10_000)
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]

    loaded = load_text("\n".join(lines) + "\n", "f.yaml")

    assert [p.code for p in loaded.problems] == ["yaml-alias-expansion"]
    assert loaded.data is None


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\nb: x\n")

    loaded = load_file(path, "site.yaml")

    assert loaded.problems == []
    assert loaded.data == {"a": 1, "b": "x"}
    assert loaded.values[("b",)] == Location("site.yaml", 2, 4)


@pytest.mark.parametrize(
    ("blob", "problem"),
    [
        (
            "a: 1\n".encode("utf-16"),
            Problem(Location("s.yaml"), "file is UTF-16; save it as UTF-8", "file-encoding"),
        ),
        (
            b"a: 1\nb: caf\xe9\n",
            Problem(
                Location("s.yaml", 2, 7),
                "byte 0xe9 is not valid UTF-8; save the file as UTF-8",
                "file-encoding",
            ),
        ),
    ],
    ids=["utf-16", "latin-1"],
)
def test_files_that_are_not_utf8(tmp_path: Path, blob: bytes, problem: Problem) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes(blob)

    assert load_file(path, "s.yaml").problems == [problem]


def test_file_over_the_size_limit_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 10)
    path = tmp_path / "site.yaml"
    path.write_text("a: 12345678901\n", encoding="utf-8")

    loaded = load_file(path, "s.yaml")

    assert [p.code for p in loaded.problems] == ["file-too-large"]
    assert loaded.data is None


# Below: behaviour that is wrong today (see the Foundation item 10 report).


def test_hex_number_message_names_hexadecimal() -> None:
    [problem] = load_text("a: 0x1F\n", "f.yaml").problems

    assert "hexadecimal" in problem.message
    assert "leading zero" not in problem.message


def test_underscore_number_message_names_underscores() -> None:
    [problem] = load_text("a: 1_000\n", "f.yaml").problems

    assert "underscore" in problem.message
    assert "leading zero" not in problem.message


def test_overflowing_float_is_reported_as_not_finite() -> None:
    loaded = load_text("a: 1e400\n", "f.yaml")

    assert loaded.problems == [
        Problem(
            Location("f.yaml", 1, 4),
            "`1e400` is not a finite number; write a number",
            "yaml-number",
        )
    ]


def test_control_character_has_a_line_and_column_and_one_line_message() -> None:
    [problem] = load_text("a: 1\nb: x\x07y\n", "f.yaml").problems

    assert problem.code == "yaml-syntax"
    assert problem.location == Location("f.yaml", 2, 5)
    assert "\n" not in problem.message
    assert "<unicode string>" not in problem.message


def test_recursive_merge_is_reported_not_raised() -> None:
    loaded = load_text("site: &s\n  id: x\n  <<: *s\n", "f.yaml")

    assert [p.code for p in loaded.problems] == ["yaml-recursive-alias"]
    assert loaded.problems[0].location == Location("f.yaml", 1, 7)


def test_recursive_alias_is_named_as_such() -> None:
    loaded = load_text("a: &x\n  - *x\n", "f.yaml")

    assert [p.code for p in loaded.problems] == ["yaml-recursive-alias"]
    assert loaded.problems[0].location == Location("f.yaml", 1, 4)


def test_many_values_without_aliases_are_not_called_an_alias_bomb(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A lower limit makes the same point without parsing 300,000 values.
    monkeypatch.setattr(yaml_source, "MAX_NODES", 1_000)
    text = "a: [" + ", ".join(["0"] * 1_001) + "]\n"

    problems = load_text(text, "f.yaml").problems

    assert [p.code for p in problems] == ["yaml-too-many-values"]
    assert "more than 1,000 values" in problems[0].message
    assert all("alias" not in p.message for p in problems), problems


def test_syntax_error_at_the_end_of_text_without_a_newline_points_into_the_text() -> None:
    [problem] = load_text("a: [1, 2", "f.yaml").problems

    assert problem.code == "yaml-syntax"
    assert problem.location == Location("f.yaml", 1, 9)
