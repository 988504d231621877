"""`yibao demo` signs in without a password only on a database demo made (issue 10, point
3). On one made by `yibao init`, or one with accounts, it is refused in Chinese, pointing
at `yibao --db URL` (the login), and writes nothing: no demo clerk, no mark, no event.

Refusals run as real processes (they end before any window opens); the demo that opens
runs in-process with CounterApp.run replaced by a recorder, as test_counter_cli.py does."""

import re

import pytest
from actors import SYSTEM
from cli_process import one_chinese_line, yibao

from models.access import demo_mode
from models.core.db import open_database
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Clerk, DemoMark, Region
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path
from tui.app import CounterApp
from tui.cli import main


@pytest.fixture
def db_url(empty_database):
    """`demo` and `init` make a database: the owner's work on PostgreSQL (the app role
    may not write the demo mark); one URL on SQLite."""
    return empty_database.owner


@pytest.fixture
def opened(monkeypatch):
    apps: list[CounterApp] = []
    monkeypatch.setattr(CounterApp, "run", lambda self, *a, **k: apps.append(self))
    return apps


def what_is_in(url: str) -> tuple:
    db = open_database(url, create=False)
    try:
        return (tuple(Clerk.select(Clerk.username).order_by(Clerk.id).tuples()),
                AuditEvent.select().count(), DemoMark.select().count(),
                Region.select().count())
    finally:
        db.close_all() if hasattr(db, "close_all") else db.close()


def refused(url: str) -> None:
    done = yibao("demo", "--db", url, "--people", "40")
    assert done.returncode == 2, done.stderr
    assert one_chinese_line(done.stderr) and "不是演示库" in done.stderr
    shown = re.sub(r"(//[^/@:]*:)[^/@]*@", r"\1***@", url)  # a password is never printed
    assert f"yibao --db {shown}" in done.stderr
    assert "***@" in shown or "@" not in url


def test_demo_on_an_initialised_database_is_refused_and_writes_nothing(db_url):
    assert yibao("init", "--db", db_url, "--region", "lengshi-2024").returncode == 0
    before = what_is_in(db_url)
    refused(db_url)
    assert what_is_in(db_url) == before
    assert before[0] == () and before[2] == 0  # no clerk, no mark


def test_demo_on_a_database_with_clerks_is_refused_and_adds_no_demo_clerk(db_url):
    assert yibao("init", "--db", db_url, "--region", "demo").returncode == 0
    added = yibao("clerk", "add", "--db", db_url, "--username", "wu_admin", "--role", "admin",
                  "--password-stdin", stdin="admin-pass-1\n")
    assert added.returncode == 0, added.stderr
    before = what_is_in(db_url)
    refused(db_url)
    assert what_is_in(db_url) == before and before[0] == (("wu_admin",),)


def test_demo_makes_a_demo_database_then_reuses_it(db_url, opened, capsys):
    assert main(["demo", "--db", db_url, "--people", "40", "--today", "2026-11-22"]) == 0
    assert "正在生成演示县（40人" in capsys.readouterr().err
    assert demo_mode.database_kind() is demo_mode.DatabaseKind.DEMO
    assert main(["demo", "--db", db_url, "--today", "2026-11-22"]) == 0
    assert "使用已有的演示库" in capsys.readouterr().err
    first, second = opened
    assert first.session.actor.username == second.session.actor.username == "demo"
    assert first.session.actor.clerk_id == second.session.actor.clerk_id
    assert [c.username for c in Clerk.select()] == ["demo"]
    event = AuditEvent.get(AuditEvent.action == "database.demo")
    assert event.seq == 1  # marked before the county went in


def test_a_demo_database_once_given_accounts_is_still_a_demo(db_url, opened):
    """The mark is what counts: an administrator may add accounts to a training database."""
    assert main(["demo", "--db", db_url, "--people", "40", "--today", "2026-11-22"]) == 0
    assert yibao("clerk", "add", "--db", db_url, "--username", "wu_admin", "--role", "admin",
                 "--password-stdin", stdin="admin-pass-1\n").returncode == 0
    assert main(["demo", "--db", db_url, "--today", "2026-11-22"]) == 0
    assert opened[1].session.actor.username == "demo"


def test_a_demo_database_from_before_the_mark_is_recognised(db_url, opened):
    """Migration 0006 marks a database only demo could have made (the demo county, the
    demo's clerk alone), and no other."""
    assert main(["demo", "--db", db_url, "--people", "40", "--today", "2026-11-22"]) == 0
    db = open_database(db_url)
    db.execute_sql("DROP TABLE demo_mark")
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0006_demo_mark'")
    db.close_all() if hasattr(db, "close_all") else db.close()
    assert main(["demo", "--db", db_url, "--today", "2026-11-22"]) == 0
    assert opened[1].session.actor.username == "demo"
    assert DemoMark.select().count() == 1


def test_an_old_database_where_demo_once_let_itself_in_is_not_a_demo(db_url):
    """What the old `yibao demo --db URL` left on a hall's database: its clerks and a demo
    clerk beside them. The migration does not mark it; demo stays refused."""
    assert yibao("init", "--db", db_url, "--region", "demo").returncode == 0
    assert yibao("clerk", "add", "--db", db_url, "--username", "wu_admin", "--role", "admin",
                 "--password-stdin", stdin="admin-pass-1\n").returncode == 0
    assert yibao("clerk", "add", "--db", db_url, "--username", "demo", "--name", "演示经办员",
                 "--password-stdin", stdin="whatever-1234\n").returncode == 0
    db = open_database(db_url)
    db.execute_sql("DROP TABLE demo_mark")
    db.execute_sql("DELETE FROM schema_migration WHERE name = '0006_demo_mark'")
    db.close_all() if hasattr(db, "close_all") else db.close()
    refused(db_url)
    assert what_is_in(db_url)[2] == 0


def test_the_demo_clerk_is_only_handed_out_in_a_demo_database(db, clock):
    assert demo_mode.database_kind() is demo_mode.DatabaseKind.EMPTY
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    assert demo_mode.database_kind() is demo_mode.DatabaseKind.OTHER
    with pytest.raises(DomainError) as e:
        demo_mode.demo_clerk(clock, "T1", "here")
    assert "不是演示库" in e.value.message
    with pytest.raises(DomainError):
        demo_mode.make_demo_database(clock, SYSTEM, "here")
    assert not Clerk.select().exists() and not DemoMark.select().exists()
