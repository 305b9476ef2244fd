"""Writing outputs: never over an input, all or nothing, no partial file after a failure."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from readiness.output_files import write_outputs
from readiness.problems import Location, Problem


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "site.yaml").write_text("site: {id: a}\n")
    (folder / "systems.yaml").write_text("systems: []\n")
    return folder


def _listing(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_writes_every_output(tmp_path: Path, site: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    outputs = {out / "report.html": "<p>é</p>\n", out / "out.json": "{}\n"}
    assert write_outputs(outputs, [site]) == []
    assert (out / "report.html").read_bytes() == "<p>é</p>\n".encode()
    assert sorted(p.name for p in out.iterdir()) == ["out.json", "report.html"]


def test_replaces_an_existing_output(tmp_path: Path, site: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old")
    assert write_outputs({target: "new\n"}, [site]) == []
    assert target.read_text() == "new\n"


def test_new_files_get_the_usual_permissions(tmp_path: Path, site: Path) -> None:
    target = tmp_path / "report.html"
    old = os.umask(0o022)
    try:
        assert write_outputs({target: "x"}, [site]) == []
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644


def test_refuses_an_input_file_and_writes_nothing(tmp_path: Path, site: Path) -> None:
    before = _listing(tmp_path)
    other = tmp_path / "report.html"
    problems = write_outputs({other: "html", site / "site.yaml": "{}"}, [site / "site.yaml"])
    assert problems == [
        Problem(
            Location(str(site / "site.yaml")),
            f"output would overwrite the input file {site / 'site.yaml'}",
            "output-is-input",
        )
    ]
    assert _listing(tmp_path) == before


def test_refuses_an_input_reached_another_way(tmp_path: Path, site: Path) -> None:
    before = _listing(site)
    link = tmp_path / "link.json"
    link.symlink_to(site / "site.yaml")
    hard = tmp_path / "hard.json"
    os.link(site / "systems.yaml", hard)
    dotted = site / ".." / "site" / "site.yaml"
    problems = write_outputs({link: "x", hard: "y", dotted: "z"}, [site])
    assert [p.code for p in problems] == ["output-is-input"] * 3
    assert _listing(site) == before


def test_refuses_yaml_inside_an_input_folder(tmp_path: Path, site: Path) -> None:
    problems = write_outputs({site / "results.yaml": "a: 1\n"}, [site])
    assert [p.code for p in problems] == ["output-is-input"]
    assert problems[0].message == "output would be a YAML file inside an input folder"
    assert not (site / "results.yaml").exists()
    # Other formats may sit beside the site files.
    assert write_outputs({site / "report.html": "x"}, [site]) == []


def test_refuses_the_same_output_twice(tmp_path: Path, site: Path) -> None:
    a = tmp_path / "out.json"
    problems = write_outputs({a: "1", site / ".." / "out.json": "2"}, [site])
    assert [p.code for p in problems] == ["output-duplicate"]
    assert not a.exists()


def test_a_failed_write_leaves_no_partial_file(tmp_path: Path, site: Path) -> None:
    good = tmp_path / "report.html"
    good.write_text("previous report")
    missing = tmp_path / "no-such-folder" / "out.json"
    problems = write_outputs({good: "new report", missing: "{}"}, [site])
    assert [p.code for p in problems] == ["output-write-failed"]
    assert problems[0].location == Location(str(missing))
    assert good.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "site"]


def test_a_crash_while_flushing_leaves_no_temp_file(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    target = tmp_path / "report.html"
    target.write_text("previous report")
    problems = write_outputs({target: "x" * 100_000}, [site])
    assert problems[0].message == "cannot write the output: No space left on device"
    assert target.read_text() == "previous report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html", "site"]


def test_a_failed_rename_keeps_earlier_complete_files(
    tmp_path: Path, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = Path.replace
    calls: list[Path] = []

    def flaky_replace(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:
            raise OSError(13, "Permission denied")
        return real_replace(self, target)

    monkeypatch.setattr(Path, "replace", flaky_replace)
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    problems = write_outputs({first: "complete\n", second: "never\n"}, [site])
    assert [p.code for p in problems] == ["output-write-failed"]
    assert first.read_text() == "complete\n"
    assert not second.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "site"]
