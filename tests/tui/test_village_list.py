"""The village list a form needs is read in a worker: the form is there, and usable, first."""

import threading

import pytest
from textual.widgets import Checkbox, Input, Select

from models.core.db import open_database
from models.registry import people
from models.texts import counter as t
from models.texts import messages
from tests.tui.conftest import (
    DEMO_CLERK,
    SIZE,
    choose,
    type_into,
    wait_for,
    wait_for_person,
    wait_for_screen,
)
from tests.tui.test_counter_flows import tick_documents
from tui import widgets
from tui.app import CounterApp
from tui.screens.household_forms import MoveScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import VillageSelect


class HeldVillages:
    """The real village query, held back until the test lets it go; notes its thread."""

    def __init__(self):
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self):
        self.threads.append(threading.current_thread())
        if not self.release.wait(timeout=30):
            raise TimeoutError("the test never released the village list")
        return people.villages()


@pytest.fixture
def held(monkeypatch):
    held = HeldVillages()
    monkeypatch.setattr(widgets, "villages", held)
    yield held
    held.release.set()


@pytest.fixture
def county(small_county):
    return small_county


async def test_registration_form_opens_before_its_village_list(make_app, held):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        village = form.query_one("#village", VillageSelect)
        await wait_for(pilot, lambda: held.threads, "the village query to start")
        assert held.threads[0] is not threading.main_thread()
        assert village.disabled and village.prompt == t.VILLAGES_LOADING
        # the clerk types on meanwhile; Tab passes over the list that is not there yet
        assert app.focused is form.query_one("#name", Input)
        await pilot.press(*"赵新民", "enter")
        assert app.focused is form.query_one("#id_type", Select)
        form.query_one("#placeholder", Checkbox).focus()
        await pilot.press("tab")
        assert app.focused is form.query_one("#address", Input)

        held.release.set()
        await wait_for(pilot, lambda: village.loaded, "the village list")
        assert not village.disabled and village.prompt == t.FIELD_SELECT
        assert form.query_one("#name", Input).value == "赵新民"  # nothing typed was lost
        form.query_one("#placeholder", Checkbox).focus()
        await pilot.press("tab")
        assert app.focused is village
        await choose(pilot, village, "桃源乡 竹园村")
        assert app.focused is form.query_one("#address", Input)  # a choice moves on


async def test_move_form_opens_before_its_village_list(make_app, held):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await type_into(pilot, app.screen.query_one("#query", Input), "王芳")
        await wait_for(pilot, lambda: app.screen.query_one("#results").rows, "王芳 found")
        await pilot.press("down", "enter")
        await wait_for_person(pilot, lambda d: d.name == "王芳", "王芳's record")
        assert not held.threads  # only the forms that need it read the list
        await pilot.press("f6")
        form = await wait_for_screen(pilot, MoveScreen, "the move form")
        village = form.query_one("#village", VillageSelect)
        await wait_for(pilot, lambda: held.threads, "the village query to start")
        assert village.disabled and village.prompt == t.VILLAGES_LOADING
        assert app.focused is form.query_one("#target", Input)
        held.release.set()
        await wait_for(pilot, lambda: village.loaded, "the village list")
        await choose(pilot, village, "青石镇 龙潭村")
        assert village.value == dict((label, vid) for vid, label in people.villages())[
            "青石镇 龙潭村"]


async def test_no_villages_yet_says_so_and_saving_is_refused(tmp_path, clock):
    db = open_database(f"sqlite:///{tmp_path / 'empty.db'}")  # no region loaded
    try:
        app = CounterApp(clock=clock, actor=DEMO_CLERK)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f3")
            form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
            village = form.query_one("#village", VillageSelect)
            await wait_for(pilot, lambda: village.loaded, "the (empty) village list")
            assert village.disabled and village.prompt == t.VILLAGES_NONE
            await pilot.press(*"赵新民")
            # Everything else right: the village is what the service refuses.
            await type_into(pilot, form.query_one("#id_number", Input), "430225199008051013")
            await tick_documents(pilot, app)
            await pilot.press("f10")
            await wait_for(pilot, lambda: messages.VILLAGE_NOT_FOUND in str(
                form.query_one("#message").render()), "the refusal naming the village")
            assert isinstance(app.screen, PersonFormScreen)
    finally:
        db.close()
