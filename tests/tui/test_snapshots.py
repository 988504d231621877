"""SVG snapshots of each screen at a fixed size (pytest-textual-snapshot), on the small
hand-written county of tests/tui/county.py, so a picture changes only when a screen does.

Update after a deliberate change of layout with: pytest tests/tui/test_snapshots.py
--snapshot-update, and look at the SVGs before committing them.
"""

import pytest
from textual.widgets import DataTable, Input

from tests.tui.conftest import SIZE, type_into, wait_for, wait_for_person, wait_for_screen
from tui.screens.help import HelpScreen
from tui.screens.person_form import PersonFormScreen
from tui.widgets import ResultList, VillageSelect


@pytest.fixture
def county(small_county):
    """make_app opens the counter on the small county for every test here."""
    return small_county


def no_blink(app) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


async def tables_drawn(pilot) -> None:
    """Every table's columns measured, so the picture has them at their final widths."""
    tables = list(pilot.app.screen.query(DataTable))
    await wait_for(pilot, lambda: all(not t._require_update_dimensions for t in tables),
                   "the tables' columns measured")
    await pilot.wait_for_scheduled_animations()


def test_lookup_screen_with_results(make_app, snap_compare):
    async def run_before(pilot):
        no_blink(pilot.app)
        await type_into(pilot, pilot.app.screen.query_one("#query", Input), "w")
        results = pilot.app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 3, "王建国, 王芳, 王小禾 found by w")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_person_screen(make_app, snap_compare):
    """刘桂兰: the spouse in her household, a 低保 tag, two years paid, a correction."""

    async def run_before(pilot):
        await type_into(pilot, pilot.app.screen.query_one("#query", Input), "刘桂兰")
        results = pilot.app.screen.query_one("#results", ResultList)
        await wait_for(pilot, lambda: len(results.rows) == 1, "刘桂兰 in the results")
        await pilot.press("down", "enter")
        screen = await wait_for_person(pilot, lambda d: d.name == "刘桂兰", "刘桂兰's record")
        household = screen.query_one("#household", DataTable)
        await wait_for(pilot, lambda: household.has_focus and household.row_count == 2
                       and household.cursor_row == 1, "the cursor on her row, below the head")
        await tables_drawn(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_register_form_with_a_checked_id(make_app, snap_compare):
    async def run_before(pilot):
        await pilot.press("f3")
        form = await wait_for_screen(pilot, PersonFormScreen, "the registration form")
        villages = form.query_one("#village", VillageSelect)
        await wait_for(pilot, lambda: villages.loaded, "the village list")
        no_blink(pilot.app)
        await pilot.press(*"赵新民", "enter", "tab", *"430225198503121379")
        await wait_for(pilot, lambda: "1985-03-12" in str(form.query_one("#id_check").render()),
                       "the ID check line")

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("YIBAO_KEYMAP", "/etc/yibao/keymap.toml")  # shown: not $HOME's

    async def run_before(pilot):
        await pilot.press("f1")
        await wait_for_screen(pilot, HelpScreen)
        await tables_drawn(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_login_screen(make_app, snap_compare):
    async def run_before(pilot):
        no_blink(pilot.app)
        message = pilot.app.screen.query_one("#message")
        await wait_for(pilot, lambda: "yibao clerk add" in str(message.render()),
                       "the no-accounts hint")  # the account check has answered

    assert snap_compare(make_app(actor=None), terminal_size=SIZE, run_before=run_before)
