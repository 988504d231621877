"""SVG snapshots of each screen at a fixed size (pytest-textual-snapshot).

Update after a deliberate change of layout with: pytest tests/tui/test_snapshots.py
--snapshot-update, and look at the SVGs before committing them.
"""

from textual.widgets import DataTable, Input

from models.core.schema import Person
from tests.tui.conftest import SIZE, settle, type_into
from tui.screens.person import PersonScreen
from tui.widgets import ResultList


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
        results = pilot.app.screen.query_one("#results", ResultList)
        await settle(pilot, lambda: bool(results.rows))

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_person_screen(make_app, snap_compare):
    person = first_household_member()

    async def run_before(pilot):
        await type_into(pilot, pilot.app.screen.query_one("#query", Input), person.id_number)
        results = pilot.app.screen.query_one("#results", ResultList)
        await settle(pilot, lambda: bool(results.rows))
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(pilot.app.screen, PersonScreen)
                     and pilot.app.screen.detail is not None)
        household = pilot.app.screen.query_one("#household", DataTable)
        await settle(pilot, lambda: household.has_focus and household.row_count > 0
                     and household.cursor_row == 1)  # the spouse's row, below the head
        tables = list(pilot.app.screen.query(DataTable))
        await settle(pilot, lambda: pilot.app.screen.detail.enrollments and all(
            not table._require_update_dimensions for table in tables))  # columns measured
        await pilot.pause(0.2)  # and painted, before the picture

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_register_form_with_a_checked_id(make_app, snap_compare):
    async def run_before(pilot):
        await pilot.press("f3")
        await pilot.pause()
        no_blink(pilot.app)
        await pilot.press(*"赵新民", "enter", "tab", *"430225198503121379")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help_screen(make_app, snap_compare, monkeypatch):
    monkeypatch.setenv("YIBAO_KEYMAP", "/etc/yibao/keymap.toml")  # shown: not $HOME's
    assert snap_compare(make_app(), terminal_size=SIZE, press=["f1"])


def test_login_screen(make_app, snap_compare):
    async def run_before(pilot):
        no_blink(pilot.app)
        await pilot.pause()

    assert snap_compare(make_app(actor=None), terminal_size=SIZE, run_before=run_before)

