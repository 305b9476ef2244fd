"""The portfolio a board reads: linked site reports, live and upcoming sites, delivery
confidence, top blockers, the CI gate, and the csv and xlsx exports."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import openpyxl
import pytest

from tests.helpers import REPO, SAMPLES, run_cli

# Mid-May: three of the four go-lives are past, Eastmoor's is three days away.
MAY = ("--as-of", "2027-05-12")
SITES = ("sample_sites",)


class _Page(HTMLParser):
    """The ids a page defines and the links it makes."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(str(found["id"]))
        for name in ("href", "src", "xlink:href"):
            if found.get(name) is not None:
                self.links.append(str(found[name]))


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


class Board:
    """One recorded compare in March, then one in May written every way a board reads it."""

    def __init__(self, out: Path) -> None:
        history = ("--history", str(out / "h.sqlite"))
        march = run_cli(
            "compare", *SITES, "--as-of", "2027-03-04", "--format", "json", "--record", *history
        )
        assert march.returncode == 0, march.stderr
        self.march = json.loads(march.stdout)
        self.folder = out / "out"
        files = {name: out / f"p.{name}" for name in ("csv", "xlsx", "json")}
        options = [word for name, path in files.items() for word in (f"--{name}", str(path))]
        may = run_cli("compare", *SITES, *MAY, "--html-dir", str(self.folder), *options, *history)
        # Two sites are NO-GO: without --fail-on, compare still exits 0.
        assert may.returncode == 0, may.stderr
        self.text = may.stdout.splitlines()
        self.json = json.loads(files["json"].read_text(encoding="utf-8"))
        self.csv = list(csv.reader(io.StringIO(files["csv"].read_text(encoding="utf-8"))))
        self.xlsx = files["xlsx"].read_bytes()
        self.index = (self.folder / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Board:
    return Board(tmp_path_factory.mktemp("board"))


@pytest.fixture(scope="module")
def folder(board: Board) -> Path:
    return board.folder


def test_html_dir_writes_an_index_and_one_report_per_site(folder: Path) -> None:
    files = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert files == [
        "index.html",
        "sites/eastmoor-pacs.html",
        "sites/northgate-general.html",
        "sites/riverside-community.html",
        "sites/westbrook-eprescribing.html",
    ]
    site = (folder / "sites" / "eastmoor-pacs.html").read_text(encoding="utf-8")
    assert "<h1>Eastmoor Royal Infirmary - PACS and VNA replacement</h1>" in site


def test_every_link_of_every_page_resolves(folder: Path) -> None:
    pages = {p: _parse(p) for p in folder.rglob("*.html")}
    index_links = [link for link in pages[folder / "index.html"].links if not link.startswith("#")]
    # Each site is linked from its row in the ranking, the heatmap and the blockers table.
    assert sorted(set(index_links)) == [
        "sites/eastmoor-pacs.html",
        "sites/northgate-general.html",
        "sites/riverside-community.html",
        "sites/westbrook-eprescribing.html",
    ]
    broken = []
    for path, page in pages.items():
        for link in page.links:
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{path}: {link} leaves the folder"
            target = (path.parent / parts.path).resolve() if parts.path else path
            if target not in pages:
                broken.append(f"{path.name}: {link}")
            elif parts.fragment and parts.fragment not in pages[target].ids:
                broken.append(f"{path.name}: {link} (no such id)")
    assert broken == []


def test_sites_already_live_stand_apart_from_upcoming_ones(board: Board) -> None:
    index = board.index
    upcoming, live = index.index('id="upcoming"'), index.index('id="live"')
    assert upcoming < index.index("sites/eastmoor-pacs.html") < live
    for site in ("westbrook-eprescribing", "northgate-general", "riverside-community"):
        assert index.index(f"sites/{site}.html") > live
    assert board.text[2:4] == ["Upcoming go-lives (1):", board.text[3]]
    assert board.text[5:7] == ["", "Already live (3):"]
    assert [(s["rank"], s["site"], s["live"]) for s in board.json["sites"]] == [
        (1, "eastmoor-pacs", False),
        (2, "westbrook-eprescribing", True),
        (3, "northgate-general", True),
        (4, "riverside-community", True),
    ]


def test_delivery_confidence_stands_beside_the_verdict_with_its_legend(board: Board) -> None:
    index = board.index
    assert '<span class="badge rag-red">R Red</span>' in index
    assert (
        '<tr><td><span class="badge rag-amber">A Amber</span></td>'
        "<td>CONDITIONAL GO, no condition past its due date</td></tr>"
    ) in index
    done = run_cli("compare", *SITES, "--as-of", "2027-03-04", "--format", "json")
    ratings = {
        s["site"]: (s["verdict"], s["delivery_confidence"])
        for s in json.loads(done.stdout)["sites"]
    }
    assert ratings == {
        # Its blockers (trial loads due 2027-04-17, reconciliation 2027-05-08) are not yet due.
        "eastmoor-pacs": ("NO-GO", "A/R"),
        "riverside-community": ("NO-GO", "A/R"),
        # Theatres training was due on 2027-02-21.
        "northgate-general": ("CONDITIONAL", "A/R"),
        # Its sequencing blockers were due on 2027-01-18.
        "westbrook-eprescribing": ("NO-GO", "R"),
    }


def test_top_blockers_name_their_owners_most_overdue_first(board: Board) -> None:
    sites = {s["site"]: s for s in board.json["sites"]}
    east = sites["eastmoor-pacs"]["top_blockers"]
    assert [(b["rule"], b["target"], b["days_left"]) for b in east] == [
        ("DM-TRIALS", "eastmoor-pacs", -25),
        ("DM-RECON", "images", -4),
    ]
    west = sites["westbrook-eprescribing"]["top_blockers"]
    assert len(west) == 3
    assert west[0]["owner"] == "Deborah Lowry (Chief Pharmacist)"
    text = board.text
    assert (
        "  eastmoor-pacs: DM-RECON images (Kevin Doran (Imaging Migration Lead), due 2027-05-08, "
        "overdue by 4 days)" in text
    )
    assert "  westbrook-eprescribing: and 10 more" in text


@pytest.mark.parametrize(
    ("sites", "fail_on", "code"),
    [
        (("sample_sites/northgate-general", "sample_sites/westbrook-eprescribing"), "no-go", 1),
        (("sample_sites/northgate-general",), "no-go", 0),
        (("sample_sites/northgate-general",), "conditional", 1),
    ],
)
def test_fail_on_gates_the_portfolio(sites: tuple[str, ...], fail_on: str, code: int) -> None:
    done = run_cli("compare", *sites, "--as-of", "2027-03-04", "--fail-on", fail_on)
    assert done.returncode == code, done.stderr


def test_csv_holds_the_ranking_and_heatmap_of_every_site(board: Board) -> None:
    header, *rows = board.csv
    data = board.json
    assert header[:6] == ["rank", "site", "site_name", "organisation", "status", "verdict"]
    assert [r[1] for r in rows] == [s["site"] for s in data["sites"]]
    for row, site in zip(rows, data["sites"], strict=True):
        record = dict(zip(header, row, strict=True))
        assert record["verdict"] == site["verdict"]
        assert record["delivery_confidence"] == site["delivery_confidence"]
        assert int(record["blockers"]) == site["summary"]["blockers"]
        assert record["status"] == ("live" if site["live"] else "upcoming")
        for cell in site["categories"]:
            assert record[f"{cell['category']} percent"] == str(cell["percent"])
            assert record[f"{cell['category']} rag"] == cell["rag"]


def test_xlsx_has_a_ranking_sheet_and_a_heatmap_sheet_matching_the_csv(board: Board) -> None:
    book = openpyxl.load_workbook(io.BytesIO(board.xlsx))
    assert book.sheetnames == ["Ranking", "Heatmap"]
    ranking = [list(row) for row in book["Ranking"].iter_rows(values_only=True)]
    header = board.csv[0]
    width = len(ranking[0])
    assert ranking[0] == header[:width]
    for sheet_row, csv_row in zip(ranking[1:], board.csv[1:], strict=True):
        assert ["" if v is None else str(v) for v in sheet_row] == csv_row[:width]
    heat = list(book["Heatmap"].iter_rows(values_only=True))
    assert heat[0][0] == "site" and list(heat[0][1:]) == header[width:]
    assert [r[0] for r in heat[1:]] == [r[1] for r in board.csv[1:]]
    assert book["Ranking"].freeze_panes == "B2"
    assert book["Heatmap"]["B2"].fill.fgColor.rgb.endswith(("DCFCE7", "FDECEA", "FEF3C7", "F1F3F5"))


def test_xlsx_bytes_depend_only_on_the_inputs_and_the_date(board: Board, tmp_path: Path) -> None:
    runs = []
    for name in ("first", "second"):
        out = tmp_path / f"{name}.xlsx"
        done = run_cli("compare", "sample_sites/riverside-community", *MAY, "--xlsx", str(out))
        assert done.returncode == 0, done.stderr
        runs.append(out.read_bytes())
    assert runs[0] == runs[1]
    with zipfile.ZipFile(io.BytesIO(board.xlsx)) as archive:
        assert {m.date_time for m in archive.infolist()} == {(2027, 5, 12, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2027-05-12T00:00:00Z") == 2  # created and modified


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    text = (SAMPLES / "riverside-community" / "site.yaml").read_text(encoding="utf-8")
    name = "  name: Riverside Community Services - wave 1\n"
    assert name in text
    for path in (SAMPLES / "riverside-community").iterdir():
        (site / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    (site / "site.yaml").write_text(
        text.replace(name, '  name: "=HYPERLINK(1)"\n'), encoding="utf-8"
    )
    done = run_cli(
        "compare",
        str(site),
        "--as-of",
        "2027-04-16",
        "--csv",
        str(tmp_path / "p.csv"),
        "--xlsx",
        str(tmp_path / "p.xlsx"),
    )
    assert done.returncode == 0, done.stderr
    row = list(csv.reader(io.StringIO((tmp_path / "p.csv").read_text(encoding="utf-8"))))[1]
    assert row[2] == "'=HYPERLINK(1)"
    cell = openpyxl.load_workbook(tmp_path / "p.xlsx")["Ranking"]["C2"]
    assert (cell.value, cell.data_type) == ("=HYPERLINK(1)", "s")


def test_the_portfolio_shows_a_sparkline_and_an_arrow_per_site_with_history(board: Board) -> None:
    page = board.index
    assert page.count('<th scope="col">Trend</th>') == 2  # upcoming and live tables
    # Northgate: one condition in March; eight, after go-live, in May.
    assert (
        'aria-label="Blockers and conditions at 2 assessments, oldest first: 1, 8; '
        'more than at the assessment before"'
    ) in page
    assert '<span aria-hidden="true">↑</span> worse' in page
    assert "<script" not in page
    site = (board.folder / "sites" / "northgate-general.html").read_text(encoding="utf-8")
    assert '<section id="trend" aria-labelledby="trend-h">' in site


def test_an_html_dir_that_is_a_file_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    taken = tmp_path / "out"
    taken.write_text("not a folder")
    csv_out = tmp_path / "p.csv"
    done = run_cli("compare", *SITES, *MAY, "--html-dir", str(taken), "--csv", str(csv_out))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"{taken}: cannot make the folder: a file has that name [output-write-failed]",
        "1 problem: nothing was written",
    ]
    assert not csv_out.exists()


def test_a_workbook_sent_to_standard_output_is_the_workbook_itself(tmp_path: Path) -> None:
    # A real process: the workbook's bytes go to the stdout pipe, not through a text layer.
    site = "sample_sites/riverside-community"
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "compare", site, *MAY, "--xlsx", "-"],
        cwd=REPO,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    file = tmp_path / "p.xlsx"
    assert run_cli("compare", site, *MAY, "--xlsx", str(file)).returncode == 0
    assert done.stdout == file.read_bytes()
