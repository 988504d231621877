"""Opening the database: a SQLite file by default, PostgreSQL for a shared hall."""

import contextlib
import os
import sqlite3
import urllib.parse
from pathlib import Path

import peewee as pw
from playhouse.migrations import Runner
from playhouse.pool import MaxConnectionsExceeded, PooledPostgresqlDatabase

from models.core import app_role as pg_roles
from models.core.errors import DomainError
from models.texts import messages as msg

database = pw.DatabaseProxy()
MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_URL = "sqlite:///yibao.db"
# How long a save waits for another counter's write lock on a SQLite file before it is
# told the database is busy; $YIBAO_DB_BUSY_TIMEOUT (seconds) or open_database's
# busy_timeout sets it (a test need not wait ten seconds).
BUSY_TIMEOUT = 10.0
BUSY_TIMEOUT_ENV = "YIBAO_DB_BUSY_TIMEOUT"
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "normal",
    "cache_size": -64_000,  # 64 MB page cache
    "temp_store": "memory",
}

# What a caller above models/ catches as "the database failed" without importing Peewee:
# every error Peewee raises (it wraps sqlite3's and psycopg2's), and a full connection pool.
# The drivers' own base classes too, for a bare cursor's error (models/registry/bulk's).
try:
    import psycopg2

    _DRIVER_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, psycopg2.Error)
except ImportError:  # a SQLite-only install
    _DRIVER_ERRORS = (sqlite3.Error,)
DATABASE_ERRORS: tuple[type[Exception], ...] = (pw.PeeweeException, MaxConnectionsExceeded,
                                                *_DRIVER_ERRORS)
# PostgreSQL's SQLSTATEs for "run the whole transaction again": deadlock detected,
# serialization failure. Nothing of the failed attempt was kept.
RETRYABLE_SQLSTATES = ("40P01", "40001")


class DatabaseTrouble(DomainError):
    """The database could not do it just now (busy, a conflict that retries did not
    resolve, the connection lost): nothing was saved, and the clerk may try again with
    what they typed. A caller that maps errors to exit codes can tell it apart."""


class DatabaseBusy(DatabaseTrouble):
    """SQLite: another counter held the write lock for longer than the busy timeout."""


class DatabaseConflict(DatabaseTrouble):
    """PostgreSQL: a deadlock or serialization failure on every attempt."""


class ConnectionLost(DatabaseTrouble):
    """The server went away (restarted, say); the next call connects again."""


class DatabaseFailed(DatabaseTrouble):
    """Any other error from the database, in words."""


def open_database(url: str | None = None, migrate: bool = True,
                  create: bool = True, busy_timeout: float | None = None,
                  app_role: str | None = None) -> pw.Database:
    """Open (and by default migrate) the database at `url`, binding every model to it.

    create=False opens only a database that is already there: a SQLite file that is
    missing (its folder too) or a PostgreSQL database without the schema is refused, and
    nothing is made on disk. migrate=False implies it. busy_timeout (seconds, SQLite):
    else $YIBAO_DB_BUSY_TIMEOUT, else ten seconds.

    On PostgreSQL only the owner migrates (models/core/app_role.py): anyone else, a
    counter's app role, is refused before anything changes while a migration is pending,
    and opens as usual when none is. After migrating, or whenever `app_role` is named
    (`yibao init --app-role`), the app role's grants are applied."""
    url = url or os.environ.get("YIBAO_DB") or DEFAULT_URL
    create = create and migrate
    db = _connect(url, create, _busy_timeout(busy_timeout))
    if not create and isinstance(db, pw.SqliteDatabase) and not Path(db.database).exists():
        raise DomainError(msg.DB_MISSING.format(path=db.database, url=url))
    database.initialize(db)
    try:
        db.connect(reuse_if_open=True)
        if not create and "person" not in db.get_tables():
            raise DomainError(msg.DB_NOT_INITIALISED.format(url=_redact(url)))
        if migrate:
            _migrate(db, app_role)
        elif is_postgres(db):
            _refuse_pending(db)
    except pw.OperationalError as e:
        raise DomainError(msg.DB_CANNOT_OPEN.format(url=_redact(url), reason=e)) from None
    return db


def _pending(db: pw.Database, runner: Runner) -> list[str]:
    if not is_postgres(db):
        return _not_applied(runner.status())
    try:
        with db.atomic():  # a refused read must not leave the pooled connection aborted
            status = runner.status()
    except pw.ProgrammingError as e:
        if getattr(e.orig, "pgcode", None) == pg_roles.INSUFFICIENT_PRIVILEGE:
            pg_roles.refuse_without_rights(db)  # it cannot even read the history
        raise
    return _not_applied(status)


def _not_applied(status: list) -> list[str]:
    return [m.name for m in status if m.path is not None and not m.applied]


def _refuse_pending(db: pw.Database) -> None:
    """migrate=False on PostgreSQL: the schema is not upgraded here either, but a counter
    that may not upgrade it is told so instead of meeting a missing column later."""
    pending = _pending(db, Runner(db, str(MIGRATIONS)))
    if pending:
        pg_roles.refuse_unless_owner(db, pending)


def _migrate(db: pw.Database, role: str | None) -> None:
    runner = Runner(db, str(MIGRATIONS))
    pending = _pending(db, runner)
    if not is_postgres(db):
        if pending:
            runner.up()
        return
    if not pending and role is None:
        return
    pg_roles.refuse_unless_owner(db, pending)
    role = role or pg_roles.stored_app_role(db) or pg_roles.default_app_role()
    pg_roles.check_app_role(db, role)
    runner.up()
    pg_roles.grant(db, role)


def sqlite_file(url: str | None = None) -> Path | None:
    """The file a SQLite URL names (`url`, else $YIBAO_DB, else the default), None for
    any other kind of URL."""
    url = url or os.environ.get("YIBAO_DB") or DEFAULT_URL
    if not url.startswith("sqlite:///") or len(url) == len("sqlite:///"):
        return None
    return Path(url[len("sqlite:///"):]).expanduser()


def is_postgres(db: pw.Database | None = None) -> bool:
    db = db or database.obj
    return isinstance(db, pw.PostgresqlDatabase)


def _busy_timeout(given: float | None) -> float:
    if given is not None:
        return given
    text = os.environ.get(BUSY_TIMEOUT_ENV, "").strip()
    if not text:
        return BUSY_TIMEOUT
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 3600:
        raise DomainError(msg.DB_BAD_BUSY_TIMEOUT.format(name=BUSY_TIMEOUT_ENV, value=text))
    return value


def _connect(url: str, create: bool, busy_timeout: float = BUSY_TIMEOUT) -> pw.Database:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme == "sqlite":
        path = sqlite_file(url)
        if path is None:
            raise DomainError(msg.DB_BAD_URL.format(url=url))
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        return pw.SqliteDatabase(
            str(path),
            pragmas=SQLITE_PRAGMAS,
            timeout=busy_timeout,  # seconds: another counter may hold the write lock
            lock_type="IMMEDIATE",
        )
    if parsed.scheme in ("postgres", "postgresql"):
        if not parsed.path.strip("/"):
            raise DomainError(msg.DB_BAD_URL.format(url=_redact(url)))
        _require_postgres_driver()
        params = {
            "user": urllib.parse.unquote(parsed.username or "") or None,
            "password": urllib.parse.unquote(parsed.password or "") or None,
            "host": parsed.hostname or None,
            "port": parsed.port or None,
        }
        for key, values in urllib.parse.parse_qs(parsed.query).items():
            params[key] = values[-1]
        params = {k: v for k, v in params.items() if v is not None}
        return PooledPostgresqlDatabase(
            parsed.path.strip("/"), max_connections=8, stale_timeout=300, **params
        )
    raise DomainError(msg.DB_BAD_URL.format(url=_redact(url)))


def _require_postgres_driver() -> None:
    """peewee says "psycopg2 postgres driver not found", in English, at the first query."""
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        raise DomainError(msg.PG_DRIVER_MISSING) from None


def _redact(url: str) -> str:
    parsed = urllib.parse.urlsplit(url)
    if parsed.password:
        return url.replace(":" + parsed.password + "@", ":***@")
    return url


def read_snapshot():
    """A transaction that reads one consistent state without blocking the counters:
    SQLite's default here is an IMMEDIATE (write-locking) transaction, wrong for a long
    read such as walking the audit chain."""
    db = database.obj
    if isinstance(db, pw.SqliteDatabase):
        return db.atomic("DEFERRED")
    return db.atomic("REPEATABLE READ")


def native(text: str) -> str:
    """SQL written with `?` placeholders, in the open database's own style (a hot path's
    fixed statements: their text is not rebuilt by Peewee each time)."""
    return text.replace("?", database.param) if is_postgres() else text


def for_update(query):
    """The query's rows locked against other counters until COMMIT. PostgreSQL only:
    SQLite has no FOR UPDATE, and its IMMEDIATE transaction already holds the database."""
    return query.for_update() if is_postgres() else query


# --- when the database fails ---------------------------------------------------


def is_retryable(error: BaseException) -> bool:
    """A PostgreSQL deadlock or serialization failure: the transaction was rolled back
    whole, and running it again from the start is safe."""
    driver_error = getattr(error, "orig", error)  # Peewee's wraps the driver's
    return getattr(driver_error, "pgcode", None) in RETRYABLE_SQLSTATES


def is_not_allowed(error: BaseException) -> bool:
    """PostgreSQL refused the app role something only the owner may do (a demo mark, a
    migration): permission denied, SQLSTATE 42501."""
    driver_error = getattr(error, "orig", error)
    return getattr(driver_error, "pgcode", None) == pg_roles.INSUFFICIENT_PRIVILEGE


def is_busy(error: BaseException) -> bool:
    """SQLite's "database is locked" (or "busy"), after the busy timeout."""
    text = str(error).lower()
    return isinstance(error, (pw.OperationalError, sqlite3.OperationalError)) and (
        "database is locked" in text or "database is busy" in text)


def drop_broken_connection() -> bool:
    """Close this thread's connection if the server is gone, so the next call opens a
    fresh one (the pool discards the dead one). True when it was broken. Outside a
    transaction only: inside one, the caller's rollback comes first."""
    db = database.obj
    if db is None or db.is_closed() or db.in_transaction() or db.is_connection_usable():
        return False
    with contextlib.suppress(*DATABASE_ERRORS):  # closing a dead one may fail too: gone
        db.close()
    return True


def known_trouble(error: BaseException, attempts: int = 1) -> "DatabaseTrouble | None":
    """The error in words a clerk can act on, when it is one of the database's passing
    troubles (busy, a conflict, the connection lost); None for any other. A connection
    found broken is dropped, so the clerk's next action reconnects."""
    if isinstance(error, DatabaseTrouble):
        return error
    if drop_broken_connection():
        return ConnectionLost(msg.DB_CONNECTION_LOST)
    if is_busy(error):
        return DatabaseBusy(msg.DB_BUSY)
    if is_retryable(error):
        return DatabaseConflict(msg.DB_CONFLICT.format(attempts=attempts))
    return None


def database_trouble(error: BaseException, attempts: int = 1) -> DatabaseTrouble:
    """Any error from the database, in words (for a caller above models/, which catches
    DATABASE_ERRORS around a read or a write)."""
    known = known_trouble(error, attempts)
    if known is not None:
        return known
    reason = " ".join(line.strip() for line in str(error).splitlines() if line.strip())
    if is_not_allowed(error):
        return DatabaseFailed(msg.DB_NOT_ALLOWED.format(reason=reason))
    return DatabaseFailed(msg.DB_FAILED.format(reason=reason or type(error).__name__))


def unfit_text(error: BaseException) -> bool:
    """What the drivers raise for text they cannot send: psycopg2's ValueError for a NUL
    character, an encoding error for a lone surrogate (both drivers)."""
    return isinstance(error, UnicodeEncodeError) or (
        isinstance(error, ValueError) and "NUL" in str(error))
