"""The counter's lookup screen, driven through Pilot on a real SQLite file."""

import pytest
from textual.widgets import DataTable, Input, Static

from models.clerks import ClerkInfo
from models.db import open_database
from models.generator import generate_county
from models.regions import load_region, read_region_file, resolve_region_path
from models.schema import Person
from tui.app import CounterApp


@pytest.fixture
def app(tmp_path, clock):
    db = open_database(f"sqlite:///{tmp_path / 'counter.db'}")
    load_region(clock, read_region_file(resolve_region_path("demo")))
    generate_county(clock, 1500, seed=4)
    yield CounterApp(clock=clock, clerk=ClerkInfo(1, "demo", "演示经办员", "clerk"))
    db.close()


async def wait_for_rows(pilot, table):
    for _ in range(100):
        await pilot.pause(0.05)
        if table.row_count:
            return


async def test_lookup_field_has_focus_and_typing_finds_people(app):
    person = Person.select().where(Person.id_type == "resident").order_by(Person.id).first()
    async with app.run_test(size=(120, 36)) as pilot:
        query = app.screen.query_one("#query", Input)
        assert app.focused is query
        await pilot.press(*person.name)
        table = app.screen.query_one(DataTable)
        await wait_for_rows(pilot, table)
        first = table.get_row_at(0)
        assert first[0] == person.name
        assert "*" in first[1]  # the ID is masked on screen
        assert "找到" in str(app.screen.query_one("#message", Static).render())


async def test_bad_query_shows_a_message_not_a_crash(app):
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.press("1", "2", "3")
        for _ in range(40):
            await pilot.pause(0.05)
            text = str(app.screen.query_one("#message", Static).render())
            if text:
                break
        assert "至少输入后6位" in text
