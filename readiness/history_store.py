"""The history database: every recorded assessment of every site, in one SQLite file.

The file says what it is (`PRAGMA application_id`) and which schema it holds (`PRAGMA
user_version`); opening it migrates an older schema step by step and refuses a newer one,
or a file that is not a readiness history. Writers take SQLite's write lock for the whole of
a recording (`BEGIN IMMEDIATE`) and wait for another writer to finish (the busy timeout), so
two runs recording at once both land. The default rollback journal keeps the history one
file (WAL would add two beside it and does not work on network shares).

One assessment per site and as-of date: recording a site again for a date it already has
replaces that entry, so a re-run after correcting the site files is that day's assessment
and a trend never counts one day twice.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path

from readiness.assessment import Assessment, Count, Failure

APPLICATION_ID = 0x52445948  # "RDYH": a readiness history, whatever the file is called
SCHEMA_VERSION = 1
BUSY_SECONDS = 60.0  # how long a recorder waits for another to finish before giving up

# MIGRATIONS[n] takes a file from schema version n to n + 1; version 0 is a new, empty file.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE assessment (
        id INTEGER PRIMARY KEY,
        site TEXT NOT NULL,
        site_name TEXT NOT NULL,
        as_of TEXT NOT NULL,
        go_live TEXT NOT NULL,
        verdict TEXT NOT NULL,
        blockers INTEGER NOT NULL,
        conditions INTEGER NOT NULL,
        rules_evaluated INTEGER NOT NULL,
        rules_in_catalogue INTEGER NOT NULL,
        tool_version TEXT NOT NULL,
        origin TEXT NOT NULL,
        UNIQUE (site, as_of)
    );
    CREATE TABLE failure (
        assessment INTEGER NOT NULL REFERENCES assessment (id),
        rule TEXT NOT NULL,
        target TEXT NOT NULL,
        severity TEXT NOT NULL,
        category TEXT NOT NULL,
        status TEXT NOT NULL,
        owner TEXT
    );
    CREATE INDEX failure_by_assessment ON failure (assessment);
    CREATE TABLE count (
        assessment INTEGER NOT NULL REFERENCES assessment (id),
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        failed INTEGER NOT NULL,
        waived INTEGER NOT NULL,
        PRIMARY KEY (assessment, kind, name)
    );
    """,
)
assert len(MIGRATIONS) == SCHEMA_VERSION


class HistoryError(Exception):
    """The history file cannot be used; the message says why and what to do."""

    def __init__(self, message: str, code: str = "history-unusable") -> None:
        super().__init__(message)
        self.code = code


@contextmanager
def open_history(path: Path, create: bool = False) -> Iterator[History]:
    """The history in `path`, migrated to this schema; `create` makes a missing file."""
    if not create and not path.is_file():
        raise HistoryError(
            "no history file here; record assessments with `check --record`, "
            "`compare --record` or `history import`",
            "history-missing",
        )
    if path.is_dir():
        raise HistoryError("is a folder; name the history file with --history")
    if create:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            reason = error.strerror or str(error)
            raise HistoryError(f"cannot make the history's folder: {reason}") from None
    mode = "rwc" if create else "rw"
    try:
        connection = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode={mode}",
            uri=True,
            timeout=BUSY_SECONDS,
            isolation_level=None,  # transactions are begun and ended explicitly below
        )
    except sqlite3.Error as error:
        raise HistoryError(f"cannot open the history file: {error}") from None
    with closing(connection):
        try:
            _migrate(connection)
            yield History(connection)
        except sqlite3.DatabaseError as error:
            raise HistoryError(*_reason(error)) from None


def _reason(error: sqlite3.DatabaseError) -> tuple[str, str]:
    text = str(error)
    if "not a database" in text:
        return "not a readiness history: the file is not an SQLite database", "history-foreign"
    if "locked" in text or "busy" in text:
        return (
            f"the history file is still in use after {BUSY_SECONDS:.0f} s; try again",
            "history-busy",
        )
    return f"cannot use the history file: {text}", "history-unusable"


def _header(connection: sqlite3.Connection) -> tuple[int, int, int]:
    application = connection.execute("PRAGMA application_id").fetchone()[0]
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    tables = connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    return int(application), int(version), int(tables)


def _migrate(connection: sqlite3.Connection) -> None:
    # One read transaction, so the three reads see one state of the file: read one by one,
    # another process creating the file between them made a new history look foreign.
    connection.execute("BEGIN")
    try:
        application, version, tables = _header(connection)
    finally:
        connection.execute("COMMIT")
    _refuse_foreign(application, version, tables)
    if version == SCHEMA_VERSION:
        return
    # The write lock first, then a fresh look: another process may have migrated meanwhile.
    connection.execute("BEGIN IMMEDIATE")
    try:
        application, version, tables = _header(connection)
        _refuse_foreign(application, version, tables)
        for step in range(version, SCHEMA_VERSION):
            # Statement by statement: executescript would commit, ending the lock's transaction.
            for statement in MIGRATIONS[step].split(";"):
                if statement.strip():
                    connection.execute(statement)
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise


def _refuse_foreign(application: int, version: int, tables: int) -> None:
    if application != APPLICATION_ID and (application or version or tables):
        raise HistoryError(
            "not a readiness history: an SQLite database written by another program; "
            "name a new file with --history",
            "history-foreign",
        )
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"written by a newer readiness (history schema version {version}; this readiness "
            f"reads versions up to {SCHEMA_VERSION}); upgrade readiness to use it",
            "history-newer",
        )


class History:
    """An open history file: record assessments, read them back."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._db = connection

    def record(self, assessments: Sequence[Assessment]) -> None:
        """Add the assessments in one transaction, each replacing its site's entry for its date."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for a in assessments:
                self._replace(a)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _replace(self, a: Assessment) -> None:
        old = self._db.execute(
            "SELECT id FROM assessment WHERE site = ? AND as_of = ?", (a.site, a.as_of.isoformat())
        ).fetchone()
        if old is not None:
            for table in ("failure", "count"):
                self._db.execute(f"DELETE FROM {table} WHERE assessment = ?", old)
            self._db.execute("DELETE FROM assessment WHERE id = ?", old)
        row = self._db.execute(
            "INSERT INTO assessment (site, site_name, as_of, go_live, verdict, blockers, "
            "conditions, rules_evaluated, rules_in_catalogue, tool_version, origin) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                a.site,
                a.site_name,
                a.as_of.isoformat(),
                a.go_live.isoformat(),
                a.verdict,
                a.blockers,
                a.conditions,
                a.rules_evaluated,
                a.rules_in_catalogue,
                a.tool_version,
                a.origin,
            ),
        )
        key = row.lastrowid
        self._db.executemany(
            "INSERT INTO failure (assessment, rule, target, severity, category, status, owner) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (key, f.rule, f.target, f.severity, f.category, f.status, f.owner)
                for f in a.failures
            ],
        )
        self._db.executemany(
            "INSERT INTO count (assessment, kind, name, failed, waived) VALUES (?, ?, ?, ?, ?)",
            [(key, c.kind, c.name, c.failed, c.waived) for c in a.counts],
        )

    def sites(self) -> list[str]:
        """Every site id the history holds, in order."""
        rows = self._db.execute("SELECT DISTINCT site FROM assessment ORDER BY site")
        return [str(site) for (site,) in rows]

    def assessments(self, site: str) -> list[Assessment]:
        """Every assessment of the site, oldest first."""
        rows = self._db.execute(
            "SELECT id, site, site_name, as_of, go_live, verdict, blockers, conditions, "
            "rules_evaluated, rules_in_catalogue, tool_version, origin "
            "FROM assessment WHERE site = ? ORDER BY as_of",
            (site,),
        ).fetchall()
        return [self._assessment(row) for row in rows]

    def _assessment(self, row: tuple[object, ...]) -> Assessment:
        key, site, name, as_of, go_live, verdict, blockers, conditions, done, of, tool, origin = row
        failures = tuple(
            Failure(str(rule), str(target), str(severity), str(category), str(status), owner)
            for rule, target, severity, category, status, owner in self._db.execute(
                "SELECT rule, target, severity, category, status, owner FROM failure "
                "WHERE assessment = ? ORDER BY rowid",
                (key,),
            )
        )
        counts = tuple(
            Count(str(kind), str(n), int(failed), int(waived))
            for kind, n, failed, waived in self._db.execute(
                "SELECT kind, name, failed, waived FROM count WHERE assessment = ? ORDER BY rowid",
                (key,),
            )
        )
        return Assessment(
            site=str(site),
            site_name=str(name),
            as_of=dt.date.fromisoformat(str(as_of)),
            go_live=dt.date.fromisoformat(str(go_live)),
            verdict=str(verdict),
            blockers=_int(blockers),
            conditions=_int(conditions),
            rules_evaluated=_int(done),
            rules_in_catalogue=_int(of),
            counts=counts,
            failures=failures,
            tool_version=str(tool),
            origin=str(origin),
        )


def _int(value: object) -> int:
    if not isinstance(value, int):
        raise HistoryError(f"the history file holds {value!r} where a count belongs")
    return value
