"""Small files of odd shapes load in time linear in their size, with a bounded list of problems.

No timing is asserted (benchmarks measure speed); these inputs took minutes or gigabytes
before, so a regression shows as a suite that does not finish.
"""

from __future__ import annotations

from pathlib import Path

from readiness import schema_check, yaml_source
from readiness.site_files import load_site_source
from readiness.yaml_source import load_file


def test_a_flow_list_of_more_values_than_the_limit_is_refused_before_it_is_built(
    tmp_path: Path,
) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("systems: [" + ",".join(["1"] * (yaml_source.MAX_NODES + 1)) + "]\n")

    loaded = load_file(path, "flow.yaml")

    assert loaded.data is None
    assert [p.render() for p in loaded.problems] == [
        # At the first value past the limit: the mapping, its key and the list count first,
        # so it is item MAX_NODES - 2 of the list, after "systems: [" and two characters a value.
        f"flow.yaml:1:{11 + 2 * (yaml_source.MAX_NODES - 3)}: file holds more than "
        f"{yaml_source.MAX_NODES:,} values; "
        "split the site into several files in one folder [yaml-too-many-values]"
    ]


def test_thousands_of_unknown_top_level_keys_give_a_bounded_list(tmp_path: Path) -> None:
    path = tmp_path / "keys.yaml"
    lines = ["site: {id: x, name: X, go_live: 2027-01-01}"]
    lines += [f"k{i:06d}: 1" for i in range(20_000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    source = load_site_source(path)

    limit = schema_check.MAX_PROBLEMS_PER_FILE
    unknown = [p for p in source.problems if p.code == "schema-unknown-key"]
    assert len(unknown) == limit
    assert unknown[0].location.line == 2
    more = [p for p in source.problems if p.code == "schema-too-many-problems"]
    assert [p.message for p in more] == [
        f"more problems than the {limit} listed; fix these and validate again"
    ]


def test_many_empty_items_are_checked_with_a_bounded_list(tmp_path: Path) -> None:
    path = tmp_path / "items.yaml"
    path.write_text("systems:\n" + "- {}\n" * 50_000, encoding="utf-8")

    source = load_site_source(path)

    assert len(source.problems) <= schema_check.MAX_PROBLEMS_PER_FILE + 2
    assert any(p.code == "schema-too-many-problems" for p in source.problems)


def test_utf32_is_named_as_utf32(tmp_path: Path) -> None:
    path = tmp_path / "site.yaml"
    path.write_bytes("site: {}\n".encode("utf-32"))

    loaded = load_file(path, "site.yaml")

    assert [p.render() for p in loaded.problems] == [
        "site.yaml: file is UTF-32; save it as UTF-8 [file-encoding]"
    ]


def test_the_size_limit_counts_bytes_read_not_the_size_the_file_claims(
    tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(yaml_source, "MAX_FILE_BYTES", 10)
    path = tmp_path / "site.yaml"
    path.write_text("site: {id: a-long-site-id}\n", encoding="utf-8")

    loaded = load_file(path, "site.yaml")

    assert [p.code for p in loaded.problems] == ["file-too-large"]
