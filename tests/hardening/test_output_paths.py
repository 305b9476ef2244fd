"""Reports go where the user points, all or nothing, never over an input or a special file."""

from __future__ import annotations

import os
import signal
import stat
import threading
from pathlib import Path

import pytest

from readiness import cli, output_files
from readiness.output_files import write_outputs
from tests.helpers import SAMPLES, run_cli

SITE = str(SAMPLES / "riverside-community")


def test_a_folder_among_the_outputs_means_nothing_is_written(tmp_path: Path) -> None:
    report = tmp_path / "ok.html"
    folder = tmp_path / "existing-dir"
    folder.mkdir()

    done = run_cli(
        "check", SITE, "--as-of", "2027-04-16", "--html", str(report), "--json", str(folder)
    )

    assert done.returncode == 2
    assert f"{folder}: is a folder; name a file [output-is-folder]" in done.stderr
    assert not report.exists()
    assert list(tmp_path.iterdir()) == [folder]


def test_a_fifo_is_written_through_not_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    problems = write_outputs({fifo: '{"verdict": "GO"}\n'}, [])

    reader.join(timeout=30)
    assert problems == []
    assert received == [b'{"verdict": "GO"}\n']
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_character_device_is_written_through_not_replaced(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # the same device as /dev/null

    assert write_outputs({null: "report\n"}, []) == []

    assert stat.S_ISCHR(null.stat().st_mode)


def test_a_link_keeps_pointing_at_its_file_which_gets_the_report(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "latest.json"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.json"
    link.symlink_to(real)

    assert write_outputs({link: "new\n"}, []) == []

    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == "new\n"
    assert sorted(p.name for p in real.parent.iterdir()) == ["latest.json"]


def test_the_temporary_name_fits_beside_the_longest_legal_name(tmp_path: Path) -> None:
    longest = tmp_path / ("r" * 250 + ".json")

    assert write_outputs({longest: "{}\n"}, []) == []

    assert longest.read_text(encoding="utf-8") == "{}\n"


def test_an_interruption_while_writing_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_stage = output_files._stage
    calls: list[Path] = []

    def stage_then_terminate(path: Path, content: str) -> Path:
        calls.append(path)
        if len(calls) == 2:
            raise cli.Terminated
        return real_stage(path, content)

    monkeypatch.setattr(output_files, "_stage", stage_then_terminate)
    outputs = {tmp_path / "a.html": "a", tmp_path / "b.json": "b"}

    with pytest.raises(cli.Terminated):
        write_outputs(outputs, [])

    assert list(tmp_path.iterdir()) == []


def test_sigterm_unwinds_like_ctrl_c_and_exits_143(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from readiness.commands import graph

    def terminated(args: object) -> int:
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("SIGTERM did not interrupt the command")

    monkeypatch.setattr(graph, "run", terminated)

    assert cli.main(["graph", SITE]) == 143
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_report_over_the_configuration_it_read_is_refused(tmp_path: Path) -> None:
    sites = tmp_path / "sites"
    (sites / "riverside").mkdir(parents=True)
    for part in (SAMPLES / "riverside-community").iterdir():
        (sites / "riverside" / part.name).write_bytes(part.read_bytes())
    config = sites / "readiness.yaml"
    config.write_text("thresholds:\n  TR-COMPLETE:\n    min_percent: 85\n", encoding="utf-8")
    before = config.read_bytes()

    done = run_cli(
        "check", str(sites / "riverside"), "--as-of", "2027-04-16", "--json", str(config)
    )

    assert done.returncode == 2
    assert "output would overwrite the input file" in done.stderr
    assert config.read_bytes() == before
