"""Logging in on a real database, and the command palette's rare actions."""

import pytest
from actors import SYSTEM
from textual.command import CommandInput, CommandList, CommandPalette
from textual.widgets import Input, Static

from models.access.clerks import add_clerk
from tests.tui.conftest import SIZE, type_into, wait_for, wait_for_screen
from tui.screens.help import HelpScreen
from tui.screens.login import LoginScreen
from tui.screens.lookup import LookupScreen
from tui.screens.person_form import PersonFormScreen


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


def top_command(app) -> str:
    """The command the palette would run on Enter."""
    commands = app.screen.query_one(CommandList)
    if commands.highlighted is None:
        return ""
    return str(commands.get_option_at_index(commands.highlighted).prompt)


async def run_command(pilot, name: str) -> None:
    """Ctrl+P, type the command's name, Enter once the palette offers it."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette, "the command palette")
    await pilot.press(*name)
    await wait_for(pilot, lambda: name in top_command(pilot.app), f"the palette to offer {name}")
    await pilot.press("enter")
    await wait_for(pilot, lambda: pilot.app.screen is not palette, "the palette to close")


@pytest.fixture
def clerk(county, clock):
    return add_clerk(clock, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password="counter-2027")


async def login(pilot, app, username, password):
    await type_into(pilot, app.screen.query_one("#username", Input), username)
    await pilot.press("enter")
    await pilot.press(*password)
    await pilot.press("enter")


async def test_login_wrong_password_then_right(make_app, clerk):
    app = make_app(actor=None)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, LoginScreen)
        await login(pilot, app, "zhou", "guess-1234")
        await wait_for(pilot, lambda: "用户名或密码错误" in message(app), "the refusal")
        assert app.screen.query_one("#password", Input).value == ""
        await login(pilot, app, "zhou", "counter-2027")
        await wait_for_screen(pilot, LookupScreen)
        assert app.session.actor.username == "zhou" and app.sub_title == "周经办"
        assert app.session.actor.counter == "01"  # no counter configured: the default
        assert app.focused is app.screen.query_one("#query", Input)


async def test_lock_out_after_repeated_failures(make_app, clerk):
    app = make_app(actor=None)
    async with app.run_test(size=SIZE) as pilot:
        password = app.screen.query_one("#password", Input)
        for attempt in range(5):
            await login(pilot, app, "zhou", "guess-1234")
            await wait_for(pilot, lambda: password.value == "", f"refusal {attempt + 1}")
        await wait_for(pilot, lambda: "已锁定" in message(app), "the lock-out message")
        await login(pilot, app, "zhou", "counter-2027")
        await wait_for(pilot, lambda: password.value == "", "the right password refused")
        assert "已锁定" in message(app)
        assert isinstance(app.screen, LoginScreen)


async def test_a_database_without_accounts_says_how_to_make_one(make_app):
    app = make_app(actor=None)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: "yibao clerk add" in message(app), "how to add a clerk")


async def test_palette_runs_the_audit_check_and_opens_help(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette, "the command palette")
        assert "审计" in app.screen.query_one(CommandInput).placeholder
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await run_command(pilot, "审计")
        await wait_for(pilot, lambda: any("审计链完好" in str(n.message)
                                          for n in app._notifications), "the audit report")
        await run_command(pilot, "按键")
        await wait_for_screen(pilot, HelpScreen)


async def test_palette_registers_a_new_household(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "新立户")
        form = await wait_for_screen(pilot, PersonFormScreen)
        assert form.household is None and form.correcting is None
        assert app.focused is form.query_one("#name", Input)
