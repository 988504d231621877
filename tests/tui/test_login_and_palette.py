"""Logging in on a real database, and the command palette's rare actions."""

import pytest
from actors import SYSTEM
from textual.widgets import Input, Static

from models.access.clerks import add_clerk
from tests.tui.conftest import SIZE, settle, type_into
from tui.screens.help import HelpScreen
from tui.screens.login import LoginScreen
from tui.screens.lookup import LookupScreen


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


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
        await settle(pilot, lambda: "用户名或密码错误" in message(app))
        assert app.screen.query_one("#password", Input).value == ""
        await login(pilot, app, "zhou", "counter-2027")
        await settle(pilot, lambda: isinstance(app.screen, LookupScreen))
        assert app.session.actor.username == "zhou" and app.sub_title == "周经办"
        assert app.session.actor.counter == "01"  # no counter configured: the default
        assert app.focused is app.screen.query_one("#query", Input)


async def test_lock_out_after_repeated_failures(make_app, clerk):
    app = make_app(actor=None)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(5):
            await login(pilot, app, "zhou", "guess-1234")
            await pilot.pause(0.2)
        await settle(pilot, lambda: "已锁定" in message(app))
        await login(pilot, app, "zhou", "counter-2027")
        await settle(pilot, lambda: "已锁定" in message(app))
        assert isinstance(app.screen, LoginScreen)


async def test_a_database_without_accounts_says_how_to_make_one(make_app):
    app = make_app(actor=None)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot, lambda: "yibao clerk add" in message(app))


async def test_palette_runs_the_audit_check_and_opens_help(make_app):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        from textual.command import CommandInput

        assert "审计" in app.screen.query_one(CommandInput).placeholder
        await pilot.press(*"审计")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, lambda: any("审计链完好" in str(n.message)
                                        for n in app._notifications))
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"按键")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, HelpScreen))
