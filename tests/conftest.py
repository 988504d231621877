"""Shared fixtures. Database tests run twice: on a SQLite file and on PostgreSQL.

PostgreSQL comes from YIBAO_TEST_PG_URL, or else a throwaway server started here
from Debian's postgresql packages. A machine without either fails loudly rather
than skipping; YIBAO_TEST_BACKENDS=sqlite runs the SQLite half alone, on purpose.

On PostgreSQL the tests run as a hall does: each database is owned and migrated by an
owner role, and the test gets the URL of the app role every counter uses (no superuser).
"""

import contextlib
import datetime as dt
import os
import sys
import urllib.parse
import uuid
from dataclasses import dataclass
from pathlib import Path

import peewee as pw
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from throwaway_pg import ThrowawayPostgres

from models.core.clock import FixedClock
from models.core.db import database, open_database

TODAY = dt.date(2026, 11, 22)
BACKENDS = [b for b in os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",") if b]


@pytest.fixture(autouse=True)
def no_counter_config(monkeypatch, tmp_path_factory):
    """The counter id comes from config: keep the developer's own out of the tests."""
    monkeypatch.delenv("YIBAO_COUNTER", raising=False)
    monkeypatch.setenv("YIBAO_CONFIG", str(tmp_path_factory.getbasetemp() / "no-config.toml"))


@pytest.fixture(autouse=True)
def own_audit_key(tmp_path_factory):
    """Each test its own audit key file and anchor file (created on the first write),
    never the developer's; the environment reaches the `yibao` processes too. Its own
    MonkeyPatch: a test's monkeypatch.undo() must not hand it the developer's key."""
    from models.core import audit_key

    folder = tmp_path_factory.mktemp("audit")
    patch = pytest.MonkeyPatch()
    patch.setenv("YIBAO_AUDIT_KEY", str(folder / "audit.key"))
    patch.setenv("YIBAO_ANCHOR_FILE", str(folder / "anchors.json"))
    patch.setenv("YIBAO_SLIP_KEY", str(folder / "slip.key"))  # the slips' QR check key
    audit_key.forget()
    yield
    patch.undo()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture(scope="session")
def pg_server_url():
    """A URL that may create roles and databases: the throwaway server's superuser, or
    YIBAO_TEST_PG_URL (a superuser, or a role with CREATEROLE and CREATEDB)."""
    url = os.environ.get("YIBAO_TEST_PG_URL")
    if url:
        yield url
        return
    server = ThrowawayPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@dataclass(frozen=True)
class Roles:
    owner: str
    app: str
    password: str


@dataclass(frozen=True)
class Urls:
    """One test database as its owner (init, upgrades, a tamperer with the owner's
    password) and as the app role (every counter) sees it. On SQLite both are the file."""
    owner: str
    app: str


@pytest.fixture(scope="session")
def pg_roles(pg_server_url):
    """The hall's two roles, as the README has a hall's IT person create them: an owner
    and an app role, neither a superuser nor able to create databases or roles. On the
    throwaway server they carry the README's names; on a server of the developer's own
    (YIBAO_TEST_PG_URL), names of this run only, dropped at the end."""
    throwaway = not os.environ.get("YIBAO_TEST_PG_URL")
    suffix = "" if throwaway else "_" + uuid.uuid4().hex[:8]
    roles = Roles(f"yibao_owner{suffix}", f"yibao_app{suffix}", uuid.uuid4().hex)
    admin = _pg_admin(pg_server_url)
    for role in (roles.owner, roles.app):
        admin.execute_sql(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE '
                          f"PASSWORD '{roles.password}'")
    if not _is_superuser(admin):
        # CREATE DATABASE ... OWNER, and DROP DATABASE ... WITH (FORCE) ending the app
        # role's connections, take membership in both roles
        admin.execute_sql(f'GRANT "{roles.owner}", "{roles.app}" TO CURRENT_USER')
    admin.close()
    previous = os.environ.get("YIBAO_APP_ROLE")
    if not throwaway:  # `yibao init`'s default, in the CLI tests' processes too
        os.environ["YIBAO_APP_ROLE"] = roles.app
    yield roles
    if not throwaway:
        _restore_env("YIBAO_APP_ROLE", previous)
        admin = _pg_admin(pg_server_url)
        for role in (roles.app, roles.owner):
            admin.execute_sql(f'DROP ROLE IF EXISTS "{role}"')
        admin.close()


@pytest.fixture(params=BACKENDS)
def empty_database(request, tmp_path) -> Urls:
    """A new, empty database: on PostgreSQL created owned by the owner role, nothing in it
    (for `yibao init` and the refusals of a database without the schema)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'yibao.db'}"
        yield Urls(url, url)
        return
    base = request.getfixturevalue("pg_server_url")
    roles = request.getfixturevalue("pg_roles")
    name = "t_" + uuid.uuid4().hex[:12]
    server = _pg_admin(base)
    server.execute_sql(f'CREATE DATABASE "{name}" OWNER "{roles.owner}"')
    server.close()
    url = _with_database(base, name)
    yield Urls(_as_role(url, roles.owner, roles.password), _as_role(url, roles.app, roles.password))
    server = _pg_admin(base)
    server.execute_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


@pytest.fixture
def db_urls(empty_database) -> Urls:
    """A database migrated by its owner, as `yibao init` leaves it."""
    _close(open_database(empty_database.owner))
    return empty_database


@pytest.fixture
def db_url(db_urls) -> str:
    """A migrated database as a counter opens it: on PostgreSQL, as the app role."""
    return db_urls.app


@pytest.fixture
def db(db_url):
    handle = open_database(db_url)
    yield handle
    _close(handle)


@pytest.fixture
def as_owner(db, db_urls):
    """`with as_owner():` binds the models to the owner's connection for a while (what a
    tamperer holding the owner's password could do); SQLite has the one file."""

    @contextlib.contextmanager
    def owner():
        if db_urls.owner == db_urls.app:
            yield db
            return
        handle = open_database(db_urls.owner)
        try:
            yield handle
        finally:
            _close(handle)
            database.initialize(db)

    return owner


def _close(handle: pw.Database) -> None:
    if hasattr(handle, "close_all"):
        handle.close_all()  # pooled PostgreSQL connections
    else:
        handle.close()


def _is_superuser(admin: pw.Database) -> bool:
    return admin.execute_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
                             ).fetchone()[0]


def _restore_env(name: str, value: str | None) -> None:
    if value is None:
        os.environ.pop(name, None)
    else:
        os.environ[name] = value


def _pg_admin(url: str) -> pw.PostgresqlDatabase:
    parts = urllib.parse.urlsplit(url)
    params = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query).items()}
    if parts.hostname:
        params["host"] = parts.hostname
    if parts.port:
        params["port"] = parts.port
    if parts.username:
        params["user"] = urllib.parse.unquote(parts.username)
    if parts.password:
        params["password"] = urllib.parse.unquote(parts.password)
    admin = pw.PostgresqlDatabase(parts.path.strip("/") or "postgres", autoconnect=True, **params)
    admin.connect()
    admin.connection().autocommit = True
    return admin


def _with_database(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))


def _as_role(url: str, user: str, password: str) -> str:
    parts = urllib.parse.urlsplit(url)
    host = parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))
