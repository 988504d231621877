"""What the database cannot do just now reaches the clerk as words, never as a driver's
exception: a busy SQLite file, a deadlock or serialization failure (run again, a few
times), the server gone away (the next call connects again), text the driver refuses."""

import os
import threading

import pytest
from actors import CLERK, WANG
from db_locks import CrossedLocks, sqlite_write_lock
from registry_helpers import DOCS

from models.core.db import (
    ConnectionLost,
    DatabaseBusy,
    DatabaseConflict,
    database,
    open_database,
    sqlite_file,
)
from models.core.errors import DomainError
from models.core.schema import AuditEvent, Township
from models.core.unit_of_work import ATTEMPTS, retry_on_conflict, unit_of_work
from models.registry.people import person_detail
from models.registry.registration import correct_person
from models.rules.person import PersonInput
from models.texts import messages as msg

_BACKENDS = os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",")
on_sqlite = pytest.mark.parametrize("empty_database", [b for b in _BACKENDS if b == "sqlite"],
                                    indirect=True)
on_postgres = pytest.mark.parametrize(
    "empty_database", [b for b in _BACKENDS if b == "postgresql"], indirect=True)
BUSY = "数据库正忙（另一个窗口正在保存），请稍后再试；已填写的内容保留"


def _renamed(detail, name: str) -> PersonInput:
    return PersonInput(**{**detail.as_input().__dict__, "name": name})


def _fail_with(sqlstate: str) -> None:
    """The server itself raises the error, as it would on a real deadlock."""
    database.execute_sql(
        f"DO $$ BEGIN RAISE EXCEPTION 'forced' USING ERRCODE = '{sqlstate}'; END $$")


@on_sqlite
def test_a_busy_sqlite_file_is_a_message_and_the_save_works_once_it_is_free(
        db_url, family, clock, monkeypatch):
    child = family[2]
    open_database(db_url, busy_timeout=0.2)
    with sqlite_write_lock(sqlite_file(db_url)), pytest.raises(DatabaseBusy) as refused:
        correct_person(clock, WANG, child.id, child.version, _renamed(child, "王晓明"),
                       reason="姓名错字", documents=DOCS)
    assert refused.value.message == BUSY == msg.DB_BUSY
    assert isinstance(refused.value, DomainError)
    assert person_detail(child.id, clock.today(), None).name == "王小明"
    done = correct_person(clock, WANG, child.id, child.version, _renamed(child, "王晓明"),
                          reason="姓名错字", documents=DOCS)
    assert done.name == "王晓明"


@on_sqlite
def test_the_busy_timeout_comes_from_the_environment(db_url, monkeypatch):
    monkeypatch.setenv("YIBAO_DB_BUSY_TIMEOUT", "0.25")
    db = open_database(db_url)
    assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] == 250  # milliseconds
    monkeypatch.setenv("YIBAO_DB_BUSY_TIMEOUT", "soon")
    with pytest.raises(DomainError, match="YIBAO_DB_BUSY_TIMEOUT"):
        open_database(db_url)


@on_sqlite
def test_a_busy_file_is_not_waited_for_again_and_again(db_url, db, clock):
    open_database(db_url, busy_timeout=0.1)
    calls = []

    @retry_on_conflict
    def write():
        calls.append(1)
        with unit_of_work(clock, CLERK):
            Township.create(name="青石镇", code="001")

    with sqlite_write_lock(sqlite_file(db_url)), pytest.raises(DatabaseBusy):
        write()
    assert calls == [1]


@on_postgres
def test_a_deadlock_runs_the_whole_unit_of_work_again_and_after_commit_once(db, clock):
    attempts, printed = [], []

    @retry_on_conflict
    def write():
        attempts.append(1)
        with unit_of_work(clock, CLERK) as uow:
            Township.create(name="青石镇", code=f"{len(attempts):03d}")
            uow.audit("test.write", "township", 1)
            uow.after_commit(lambda: printed.append(len(attempts)))
            if len(attempts) < 3:
                _fail_with("40P01" if len(attempts) == 1 else "40001")

    write()
    assert len(attempts) == 3 and printed == [3]
    assert [t.code for t in Township.select()] == ["003"]  # the failed attempts left nothing
    assert AuditEvent.select().where(AuditEvent.action == "test.write").count() == 1


@on_postgres
def test_a_conflict_on_every_attempt_is_a_message(db, clock):
    attempts = []

    @retry_on_conflict
    def write():
        attempts.append(1)
        with unit_of_work(clock, CLERK):
            _fail_with("40P01")

    with pytest.raises(DatabaseConflict) as refused:
        write()
    assert len(attempts) == ATTEMPTS
    assert refused.value.message == msg.DB_CONFLICT.format(attempts=ATTEMPTS)


@on_postgres
def test_a_use_case_inside_another_leaves_the_retry_to_the_outer_one(db, clock):
    inner_calls = []

    @retry_on_conflict
    def inner():
        inner_calls.append(1)
        with unit_of_work(clock, CLERK):
            _fail_with("40P01")

    @retry_on_conflict
    def outer():
        with unit_of_work(clock, CLERK):
            inner()

    with pytest.raises(DatabaseConflict):
        outer()
    assert len(inner_calls) == ATTEMPTS  # once per outer attempt, never retried inside


@on_postgres
def test_a_real_deadlock_during_a_correction_is_retried_and_saved(db, family, clock):
    child = family[2]
    other = CrossedLocks(child.id, child.household.id)
    other.start()
    other.holding.wait(timeout=30)
    done = correct_person(clock, WANG, child.id, child.version, _renamed(child, "王晓明"),
                          reason="姓名错字", documents=DOCS)
    other.join(timeout=60)
    assert other.error is None and other.victim is False  # the save was the one aborted
    assert done.name == "王晓明" and done.version == child.version + 1


@on_postgres
def test_a_lost_connection_is_a_message_and_the_next_call_reconnects(db, family, clock):
    child = family[2]
    pid = database.connection().get_backend_pid()
    killer = threading.Thread(target=lambda: (database.execute_sql(
        "SELECT pg_terminate_backend(%s)", (pid,)), database.close()))
    killer.start()
    killer.join()
    with pytest.raises(ConnectionLost) as refused:
        correct_person(clock, WANG, child.id, child.version, _renamed(child, "王晓明"),
                       reason="姓名错字", documents=DOCS)
    assert refused.value.message == msg.DB_CONNECTION_LOST
    done = correct_person(clock, WANG, child.id, child.version, _renamed(child, "王晓明"),
                          reason="姓名错字", documents=DOCS)
    assert done.name == "王晓明"


def test_every_service_that_opens_a_unit_of_work_is_retried():
    """A `with unit_of_work(...)` cannot run again by itself: the function holding it
    must be decorated, or a deadlock there would reach the clerk."""
    import ast
    from pathlib import Path

    import models

    root = Path(models.__file__).parent
    undecorated = []
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef):
                continue
            opens = any(isinstance(w, ast.With) and any(
                isinstance(i.context_expr, ast.Call)
                and getattr(i.context_expr.func, "id", None) == "unit_of_work"
                for i in w.items) for w in ast.walk(node))
            decorated = any(getattr(d, "id", None) == "retry_on_conflict"
                            for d in node.decorator_list)
            if opens and not decorated:
                undecorated.append(f"{path.relative_to(root)}:{node.name}")
    assert undecorated == []
