"""Shared fixtures. Database tests run twice: on a SQLite file and on PostgreSQL.

PostgreSQL comes from YIBAO_TEST_PG_URL, or else a throwaway server started here
from Debian's postgresql packages. A machine without either fails loudly rather
than skipping; YIBAO_TEST_BACKENDS=sqlite runs the SQLite half alone, on purpose.
"""

import datetime as dt
import os
import sys
import uuid
from pathlib import Path

import peewee as pw
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from throwaway_pg import ThrowawayPostgres

from models.core.clock import FixedClock
from models.core.db import open_database

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
    audit_key.forget()
    yield
    patch.undo()


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(TODAY)


@pytest.fixture(scope="session")
def pg_server_url():
    url = os.environ.get("YIBAO_TEST_PG_URL")
    if url:
        yield url
        return
    server = ThrowawayPostgres()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path):
    """A fresh, empty database URL of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'yibao.db'}"
        return
    base = request.getfixturevalue("pg_server_url")
    name = "t_" + uuid.uuid4().hex[:12]
    server = _pg_admin(base)
    server.execute_sql(f'CREATE DATABASE "{name}"')
    server.close()
    yield _with_database(base, name)
    server = _pg_admin(base)
    server.execute_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    server.close()


@pytest.fixture
def db(db_url):
    handle = open_database(db_url)
    yield handle
    if hasattr(handle, "close_all"):
        handle.close_all()  # pooled PostgreSQL connections
    else:
        handle.close()


def _pg_admin(url: str) -> pw.PostgresqlDatabase:
    import urllib.parse

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
    import urllib.parse

    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/" + name))
