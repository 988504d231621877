"""The command palette in Chinese with only the counter's commands, and account
administration from it for an administrator only (issue 9, points 11 and 14)."""

import pytest
from actors import SYSTEM
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList, Static

from models.access import clerks
from models.core.errors import DomainError
from models.core.schema import AuditEvent
from tests.tui.conftest import SIZE, wait_for, wait_for_screen
from tests.tui.test_login_and_palette import run_command
from tui.screens.clerk_admin import ClerkActionsScreen, ClerkAdminScreen, PasswordScreen
from tui.screens.lookup import LookupScreen

OURS = ["新立户登记", "校验审计链", "按键帮助", "当前经办员", "作废/退费", "日结", "打印队列",
        "重复审核", "征缴进度", "导出报表", "退出"]
TEXTUAL_OWN = ["Theme", "Keys", "Screenshot", "Quit", "Maximize", "Minimize"]


@pytest.fixture
def accounts(county, clock):
    """An administrator and a clerk (zhou), zhou locked out by five wrong passwords."""
    clerks.add_clerk(clock, SYSTEM, username="wu_admin", display_name="吴管理", role="admin",
                     password="admin-pass-1")
    clerks.add_clerk(clock, SYSTEM, username="zhou", display_name="周经办", role="clerk",
                     password="counter-2027")
    for _ in range(clerks.MAX_FAILED_ATTEMPTS):
        with pytest.raises(DomainError):
            clerks.authenticate(clock, "zhou", "guess-1234")
    return {"admin": clerks.authenticate(clock, "wu_admin", "admin-pass-1"),
            "clerk": clerks.acting_as("zhou")}


def offered(app) -> list[str]:
    """The palette's list as it stands: each option's text (name, then help)."""
    commands = app.screen.query_one(CommandList)
    return [str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)]


async def open_palette(pilot, typed: str = ""):
    await pilot.press("ctrl+p")
    await wait_for_screen(pilot, CommandPalette, "the command palette")
    if typed:
        await pilot.press(*typed)


def can_sign_in(clock, password: str) -> bool:
    try:
        return clerks.authenticate(clock, "zhou", password).username == "zhou"
    except DomainError:
        return False


@pytest.mark.parametrize(("who", "extra"), [("clerk", []), ("admin", ["导入参保底表", "账号管理"])])
async def test_the_palette_offers_only_the_counters_commands(make_app, accounts, who, extra):
    app = make_app(actor=accounts[who])
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot)
        expected = OURS + extra
        await wait_for(pilot, lambda: len(offered(app)) == len(expected), "the command list")
        shown = offered(app)
        for name in expected:
            assert any(name in text for text in shown), (name, shown)
        assert not any(own in text for own in TEXTUAL_OWN for text in shown), shown


async def test_no_match_is_said_in_chinese_and_a_clerk_cannot_find_accounts(make_app, accounts):
    app = make_app(actor=accounts["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "账号")
        await wait_for(pilot, lambda: any("没有这个命令" in text for text in offered(app)),
                       "the palette to say there is no such command")
        assert not any("No matches" in text or "账号管理" in text for text in offered(app))


async def test_quit_from_the_palette(make_app, accounts):
    app = make_app(actor=accounts["clerk"])
    async with app.run_test(size=SIZE) as pilot:
        await open_palette(pilot, "退出")
        await wait_for(pilot, lambda: "退出" in offered(app)[0], "the palette to offer 退出")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.return_code == 0, "the app to quit")


def table(app) -> list[str]:
    results = app.screen.query_one("#clerks", OptionList)
    return [str(results.get_option_at_index(i).prompt) for i in range(results.option_count)]


def message(app) -> str:
    return str(app.screen.query_one("#message", Static).render())


async def pick(pilot, screen_type, option_id: str) -> None:
    """On a list (the accounts or the actions), move to the option with this id, Enter."""
    options = pilot.app.screen.query_one(OptionList)
    index = next(i for i in range(options.option_count)
                 if options.get_option_at_index(i).id == option_id)
    options.focus()
    options.highlighted = index
    await pilot.press("enter")


async def open_actions(pilot, username: str) -> ClerkActionsScreen:
    await wait_for_screen(pilot, ClerkAdminScreen)
    await wait_for(pilot, lambda: any(username in row for row in table(pilot.app)),
                   f"{username} in the accounts")
    await pick(pilot, ClerkAdminScreen, username)
    return await wait_for_screen(pilot, ClerkActionsScreen)


def actions(screen) -> list[str]:
    options = screen.query_one("#actions", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_an_administrator_unlocks_resets_and_disables_from_the_palette(
        make_app, accounts, clock):
    app = make_app(actor=accounts["admin"])
    async with app.run_test(size=SIZE) as pilot:
        await run_command(pilot, "账号管理")
        admin_screen = await wait_for_screen(pilot, ClerkAdminScreen)
        await wait_for(pilot, lambda: len(table(app)) == 2, "the two accounts")
        zhou_row = next(row for row in table(app) if "zhou" in row)
        assert "周经办" in zhou_row and "经办员" in zhou_row and "2026-11-22 09:15" in zhou_row

        # unlock
        screen = await open_actions(pilot, "zhou")
        assert actions(screen) == ["解除锁定", "停用账号", "重设密码"]
        await pick(pilot, ClerkActionsScreen, "unlock")
        await wait_for(pilot, lambda: app.screen is admin_screen
                       and "已解除 zhou 的锁定" in message(app), "the unlock")
        assert "09:15" not in next(row for row in table(app) if "zhou" in row)
        assert can_sign_in(clock, "counter-2027")

        # a new password, typed twice (a mismatch is said, and asked again)
        await open_actions(pilot, "zhou")
        await pick(pilot, ClerkActionsScreen, "passwd")
        form = await wait_for_screen(pilot, PasswordScreen)
        await pilot.press(*"new-secret-9", "enter", *"new-secret-8", "enter")
        await wait_for(pilot, lambda: "两次输入的密码不一致" in
                       str(form.query_one("#message", Static).render()), "the mismatch")
        assert app.focused is form.query_one("#new", Input)
        await pilot.press(*"new-secret-9", "enter", *"new-secret-9", "enter")
        await wait_for(pilot, lambda: app.screen is admin_screen
                       and "已为 zhou 设置新密码" in message(app), "the new password")
        assert can_sign_in(clock, "new-secret-9") and not can_sign_in(clock, "counter-2027")

        # disable, after a confirmation
        screen = await open_actions(pilot, "zhou")
        await pick(pilot, ClerkActionsScreen, "disable")
        await wait_for(pilot, lambda: "确认停用 zhou" in actions(screen)[0], "the confirmation")
        await pick(pilot, ClerkActionsScreen, "disable_confirmed")
        await wait_for(pilot, lambda: "已停用 zhou" in message(app), "the disable")
        assert "已停用" in next(row for row in table(app) if "zhou" in row)
        assert not can_sign_in(clock, "new-secret-9")
        await pick(pilot, ClerkAdminScreen, "zhou")
        await wait_for(pilot, lambda: "没有可办的操作" in message(app), "nothing left to do")

        # one's own account: no disabling it
        screen = await open_actions(pilot, "wu_admin")
        assert actions(screen) == ["重设密码"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is admin_screen, "back to the accounts")
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)

    done = [e.action for e in AuditEvent.select().order_by(AuditEvent.seq)
            if e.action in ("clerk.unlock", "clerk.passwd", "clerk.disable")]
    assert done == ["clerk.unlock", "clerk.passwd", "clerk.disable"]
    assert {e.clerk for e in AuditEvent.select().where(AuditEvent.action.in_(done))} == {
        "wu_admin"}
