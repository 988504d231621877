"""A small generated county on a real SQLite file, and the counter app over it."""

import pytest
from actors import SYSTEM
from textual.widgets import DataTable, Select

from models.core.actor import Actor
from models.core.db import open_database
from models.demo.generator import generate_county
from models.registry.regions import load_region
from models.rules.policy import load_policy_id
from models.rules.region_file import read_region_file, resolve_region_path
from tui.app import CounterApp

SIZE = (130, 42)
DEMO_CLERK = Actor(1, "demo", "clerk", "T1", "演示经办员")


@pytest.fixture
def county(tmp_path, clock):
    db = open_database(f"sqlite:///{tmp_path / 'counter.db'}")
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    generate_county(clock, SYSTEM, 800, seed=4)
    yield db
    db.close()


@pytest.fixture
def make_app(county, clock):
    def make(actor=DEMO_CLERK, keymap=None):
        return CounterApp(clock=clock, actor=actor, policy=load_policy_id("demo-2027"),
                          keymap=keymap)
    return make


async def settle(pilot, until, tries=100):
    """Wait for a worker's result: `until()` becomes true."""
    for _ in range(tries):
        await pilot.pause(0.03)
        if until():
            return
    raise AssertionError("the screen did not get there")


async def type_into(pilot, widget, text):
    widget.focus()
    await pilot.pause()
    widget.value = ""
    await pilot.press(*text)


async def choose(pilot, select: Select, label: str):
    """Pick an option by keyboard: open the list, arrow to the label, Enter."""
    select.focus()
    await pilot.press("enter")
    await pilot.pause()
    for _ in range(200):
        overlay = select.query_one("SelectOverlay")
        highlighted = overlay.highlighted
        if highlighted is not None and str(overlay.get_option_at_index(highlighted).prompt) \
                == label:
            await pilot.press("enter")
            await pilot.pause()
            return
        await pilot.press("down")
    raise AssertionError(f"no option {label}")


def rows(table: DataTable) -> list[list[str]]:
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
