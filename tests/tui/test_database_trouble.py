"""The counter when the database cannot save just now, through Pilot on a real database:
a SQLite file another process holds the write lock of, a PostgreSQL deadlock with a
second connection locking in the crossed order, the server dropping the connection.
The clerk reads what happened, the form keeps what was typed, and the save goes
through once the database can take it."""

import os
import threading

import pytest
from db_locks import CrossedLocks, sqlite_write_lock
from textual.widgets import Input, SelectionList, Static

from models.core.db import database, open_database
from models.core.schema import Person
from models.rules.policy import load_policy_id
from models.texts import messages as msg
from tests.tui.conftest import (
    DEMO_CLERK,
    SIZE,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tests.tui.county import build_county
from tui.app import CounterApp
from tui.screens.person_form import PersonFormScreen

_BACKENDS = os.environ.get("YIBAO_TEST_BACKENDS", "sqlite,postgresql").split(",")
NEW_PHONE = "13700001234"


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


on_sqlite = pytest.mark.parametrize("empty_database", [b for b in _BACKENDS if b == "sqlite"],
                                    indirect=True)
on_postgres = pytest.mark.parametrize(
    "empty_database", [b for b in _BACKENDS if b == "postgresql"], indirect=True)

@pytest.fixture
def counter_db(db_url, clock):
    """The small county on the database of `db_url` (a SQLite file or PostgreSQL), a
    SQLite write lock waited for a quarter of a second, not ten."""
    handle = open_database(db_url, busy_timeout=0.25)
    ids = build_county(clock)
    yield handle, ids
    if hasattr(handle, "close_all"):
        handle.close_all()
    else:
        handle.close()


async def _correction_typed(app, pilot, person_id: int) -> PersonFormScreen:
    """The clerk opens the person, F4, types a new phone, ticks a document and a reason."""
    person = Person.get_by_id(person_id)
    await type_into(pilot, app.screen.query_one("#query", Input), person.id_number)
    await wait_for(pilot, lambda: bool(app.screen.query_one("#results").rows), "the result")
    await pilot.press("down", "enter")
    await wait_for_person(pilot, lambda d: d.id == person_id, "the person's record")
    await pilot.press("f4")
    form = await wait_for_screen(pilot, PersonFormScreen, "the correction form")
    await type_into(pilot, form.query_one("#phone", Input), NEW_PHONE)
    documents = form.query_one(SelectionList)
    documents.focus()
    await pilot.press("space")
    await wait_for(pilot, lambda: len(documents.selected) == 1, "a document ticked")
    await type_into(pilot, form.query_one("#reason", Input), "本人来电更换手机号")
    return form


def _app(clock) -> CounterApp:
    return CounterApp(clock=clock, actor=DEMO_CLERK, policy=load_policy_id("demo-2027"))


@on_sqlite
async def test_a_locked_sqlite_file_during_f10_is_a_message_and_the_form_keeps_it(
        counter_db, db_url, clock):
    _, ids = counter_db
    person_id = ids["李秀英"]
    app = _app(clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _correction_typed(app, pilot, person_id)
        with sqlite_write_lock(db_url[len("sqlite:///"):]):
            await pilot.press("f10")
            await wait_for(pilot, lambda: msg.DB_BUSY in message(app), "the busy message")
            assert app.screen is form
            assert form.query_one("#phone", Input).value == NEW_PHONE
            assert form.query_one("#reason", Input).value == "本人来电更换手机号"
            assert len(form.query_one(SelectionList).selected) == 1
        await pilot.press("f10")  # the other counter is done: the same form saves
        await wait_for_person(pilot, lambda d: d.phone == NEW_PHONE, "the corrected record")
    assert Person.get_by_id(person_id).phone == NEW_PHONE


@on_postgres
async def test_a_deadlock_during_f10_on_postgresql_is_retried_and_saved(counter_db, clock):
    _, ids = counter_db
    person_id = ids["李秀英"]
    app = _app(clock)
    async with app.run_test(size=SIZE) as pilot:
        await _correction_typed(app, pilot, person_id)
        other = CrossedLocks(person_id, Person.get_by_id(person_id).household_id)
        other.start()
        await wait_for(pilot, other.holding.is_set, "the other counter holding the person")
        await pilot.press("f10")
        await wait_for(pilot, lambda: getattr(getattr(app.screen, "detail", None), "phone",
                                               None) == NEW_PHONE,
                       "the corrected record, after PostgreSQL's deadlock check", timeout=60)
        other.join(timeout=60)
    # The other connection got the household and committed: the save was the deadlock's
    # victim, ran again, and went through; the clerk saw only the saved record.
    assert other.error is None and other.victim is False
    assert Person.get_by_id(person_id).phone == NEW_PHONE


@on_postgres
async def test_a_lost_connection_is_a_message_and_the_next_f10_reconnects(counter_db, clock):
    _, ids = counter_db
    person_id = ids["李秀英"]
    app = _app(clock)
    async with app.run_test(size=SIZE) as pilot:
        form = await _correction_typed(app, pilot, person_id)
        _terminate_every_other_backend()  # as a server restart does to the counter
        await pilot.press("f10")
        await wait_for(pilot, lambda: msg.DB_CONNECTION_LOST in message(app),
                       "the lost connection in words")
        assert form.query_one("#phone", Input).value == NEW_PHONE
        for _ in range(8):  # each worker thread finds its own dead connection once
            form.query_one("#message", Static).update("")
            await pilot.press("f10")
            await wait_for(pilot, lambda: app.screen is not form or message(app), "an answer")
            if app.screen is not form:
                break
            assert msg.DB_CONNECTION_LOST in message(app)
        await wait_for_person(pilot, lambda d: d.phone == NEW_PHONE, "the corrected record")


def _terminate_every_other_backend() -> None:
    def run():
        database.execute_sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                             "WHERE datname = current_database() AND pid <> pg_backend_pid()")
        database.close()
    killer = threading.Thread(target=run)
    killer.start()
    killer.join()


@on_postgres
async def test_a_lookup_on_a_lost_connection_is_a_message_and_the_next_one_reconnects(
        counter_db, clock):
    _, ids = counter_db
    person = Person.get_by_id(ids["李秀英"])
    app = _app(clock)
    async with app.run_test(size=SIZE) as pilot:
        query = app.screen.query_one("#query", Input)
        results = app.screen.query_one("#results")
        await type_into(pilot, query, person.id_number)
        await wait_for(pilot, lambda: bool(results.rows), "the first result")
        _terminate_every_other_backend()
        answers = []
        for _ in range(8):  # each worker thread finds its own dead connection once
            query.value = ""
            await wait_for(pilot, lambda: not results.rows and not message(app), "a clear box")
            query.value = person.id_number  # pasted: one search, not one per keystroke
            await wait_for(pilot, lambda: message(app), "a lookup answered")
            answers.append("lost" if msg.DB_CONNECTION_LOST in message(app) else "found")
            if answers[-2:] == ["lost", "found"]:
                break
        assert "lost" in answers and answers[-1] == "found", answers
