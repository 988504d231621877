"""SVG snapshots of each screen at a fixed size (pytest-textual-snapshot).

Update after a deliberate change of layout with: pytest tests/tui/test_snapshots.py
--snapshot-update, and look at the SVGs before committing them.
"""

from textual.widgets import DataTable, Input

from models.schema import Person
from tests.tui.conftest import SIZE, settle, type_into
from tui.screens.person import PersonScreen


def no_blink(app) -> None:
    for widget in app.screen.query(Input):
        widget.cursor_blink = False


def first_household_member() -> Person:
    return Person.select().where(Person.relation == "spouse",
                                 Person.id_type == "resident").order_by(Person.id).first()


def test_lookup_screen_with_results(make_app, snap_compare):
    async def run_before(pilot):
        no_blink(pilot.app)
        await type_into(pilot, pilot.app.screen.query_one("#query", Input), "wf")
        table = pilot.app.screen.query_one("#results", DataTable)
        await settle(pilot, lambda: table.row_count > 0)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_person_screen(make_app, snap_compare):
    person = first_household_member()

    async def run_before(pilot):
        await type_into(pilot, pilot.app.screen.query_one("#query", Input), person.id_number)
        table = pilot.app.screen.query_one("#results", DataTable)
        await settle(pilot, lambda: table.row_count > 0)
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(pilot.app.screen, PersonScreen)
                     and pilot.app.screen.detail is not None)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_register_form_with_a_checked_id(make_app, snap_compare):
    async def run_before(pilot):
        await pilot.press("f3")
        await pilot.pause()
        no_blink(pilot.app)
        await pilot.press(*"赵新民", "enter", "tab", *"430225198503121379")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(make_app, snap_compare):
    assert snap_compare(make_app(), terminal_size=SIZE, press=["f1"])


def test_login_screen(make_app, snap_compare):
    async def run_before(pilot):
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(clerk=None), terminal_size=SIZE, run_before=run_before)

