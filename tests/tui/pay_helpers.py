"""Pilot steps of a walk-in at the pay screen, keyboard only: lookup → person → F9 →
the members → F10 → the confirmation → the receipt."""

from textual.widgets import DataTable, Input, Static

from tests.tui.conftest import SIZE, type_into, wait_for, wait_for_person, wait_for_screen
from tui.app import CounterApp
from tui.modals import ConfirmScreen, RecordScreen
from tui.screens.pay import PayScreen
from tui.widgets import ResultList

__all__ = ["SIZE", "CounterApp"]


def text(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_record(pilot, query: str, person_id: int):
    """Type `query` into the lookup, open the person with `person_id`."""
    app = pilot.app
    await type_into(pilot, app.screen.query_one("#query", Input), query)
    results = app.screen.query_one("#results", ResultList)
    key = str(person_id)
    await wait_for(pilot, lambda: key in results.keys, f"person {person_id} in the results")
    await pilot.press("down")
    for _ in range(results.keys.index(key)):
        await pilot.press("down")
    await pilot.press("enter")
    return await wait_for_person(pilot, lambda d: d.id == person_id, f"person {person_id}")


async def open_pay(pilot) -> PayScreen:
    """F9 on the person screen; the pay screen with every member quoted."""
    await pilot.press("f9")
    screen = await wait_for_screen(pilot, PayScreen)
    await wait_for(pilot, lambda: screen.quotes and not screen.pending, "the members quoted")
    return screen


async def cursor_to(pilot, screen: PayScreen, member: int) -> None:
    table = screen.query_one("#members", DataTable)
    table.focus()
    await wait_for(pilot, lambda: table.has_focus, "focus on the members")
    for _ in range(len(screen.row_members) + 1):
        if screen.member_under_cursor() == member:
            return
        await pilot.press("up" if screen.row_members.index(member) < table.cursor_row
                          else "down")
    raise AssertionError(f"the cursor never reached member {member}")


async def only(pilot, screen: PayScreen, *members: int) -> None:
    """Space on every chosen member but `members`, and on those of them who may pay and
    are not chosen, so that only they are paid for (one refused as "regular" is chosen
    by a case that allows them); the cursor back on the first of them."""
    for member in list(screen.order):
        may_pay = screen.quotes[member].allowed
        if (member in screen.chosen) != (member in members) and may_pay:
            await cursor_to(pilot, screen, member)
            await pilot.press("space")
            await wait_for(pilot, lambda m=member: (m in screen.chosen) == (m in members),
                           f"member {member} toggled")
    await cursor_to(pilot, screen, members[0])


async def requoted(pilot, screen: PayScreen, member: int, condition, what: str):
    await wait_for(pilot, lambda: member not in screen.pending
                   and condition(screen.quotes[member]), what)
    return screen.quotes[member]


async def confirm_and_pay(pilot, screen: PayScreen) -> str:
    """F10, the confirmation's text, Enter; returns the question the clerk read."""
    await pilot.press("f10")
    confirm = await wait_for_screen(pilot, ConfirmScreen, "the payment's confirmation")
    question = text(confirm, "#question")
    await pilot.press("enter")
    await wait_for_screen(pilot, RecordScreen, "the receipt")
    return question


def table_rows(screen) -> list[list[str]]:
    table = screen.query_one("#members", DataTable)
    return [[str(c) for c in table.get_row_at(i)] for i in range(table.row_count)]
