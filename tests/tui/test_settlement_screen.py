"""The daily settlement at the counter: F8 on the lookup screen (or the palette's 日结)
shows the signed-in clerk's day at this counter; F10 asks, Enter closes the day, and the
day takes no more payments."""

import pytest
from textual.widgets import Static

from models.core.errors import DomainError
from models.core.schema import DayClose, Person
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.rules.policy import load_policy_id
from tests.tui.conftest import DEMO_CLERK, SIZE, wait_for, wait_for_screen
from tests.tui.test_login_and_palette import run_command
from tui.modals import ConfirmScreen
from tui.screens.lookup import LookupScreen
from tui.screens.settlement import SettlementScreen
from tui.slip_modal import SlipScreen


def _unpaid_heads(count: int) -> list[int]:
    from models.core.schema import PaymentLine

    paid = PaymentLine.select(PaymentLine.person).where(PaymentLine.benefit_year == 2027)
    return [p.id for p in Person.select().where(Person.relation == "self",
                                                Person.status == "active",
                                                Person.id.not_in(paid))
            .order_by(Person.id).limit(count)]


@pytest.fixture
def paid_today(county, clock):
    policy = load_policy_id("demo-2027")
    heads = _unpaid_heads(3)
    receipts = [pay(clock, DEMO_CLERK, policy, [MemberRequest(h, missed_years=0)], channel)
                for h, channel in zip(heads[:2], ("cash", "qr"), strict=True)]
    return receipts, heads[2]


def _figures(pilot) -> str:
    return str(pilot.app.screen.query_one("#figures", Static).render())


async def test_f8_shows_the_day_and_f10_closes_it(make_app, paid_today, clock):
    receipts, unpaid = paid_today
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LookupScreen)
        await pilot.press("f8")
        await wait_for_screen(pilot, SettlementScreen)
        await wait_for(pilot, lambda: "收据2张" in _figures(pilot), "the day's figures")
        text = _figures(pilot)
        assert receipts[0].receipt_no in text and "✓ 开具收据一致" in text
        assert "本日尚未日结" in text
        await pilot.press("f10")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert "确认结账" in confirm.question and "收据" in confirm.question
        await pilot.press("enter")
        # closed: the day's slip (日结单) prints and shows, then back to the figures
        slip = await wait_for_screen(pilot, SlipScreen, "the settlement slip")
        await wait_for(pilot, lambda: "经办员日结单" in str(
            slip.query_one("#slip", Static).render()), "the settlement slip's lines")
        assert "补打次数" in str(slip.query_one("#slip", Static).render())
        await pilot.press("escape")
        await wait_for_screen(pilot, SettlementScreen)
        await wait_for(pilot, lambda: "已日结" in str(
            app.screen.query_one("#message", Static).render()), "the day closed")
        assert "不能再缴费" in _figures(pilot) and "补打小票：0 张" in _figures(pilot)
        assert DayClose.get().clerk == DEMO_CLERK.username
        await pilot.press("f10")  # a second time: said, not asked
        await wait_for(pilot, lambda: "不能再缴费" in str(
            app.screen.query_one("#message", Static).render()), "already closed")
        assert isinstance(app.screen, SettlementScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
    with pytest.raises(DomainError, match="已日结"):
        pay(clock, DEMO_CLERK, load_policy_id("demo-2027"), [MemberRequest(unpaid)], "cash")


async def test_escape_at_the_question_closes_nothing(make_app, paid_today):
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LookupScreen)
        await run_command(pilot, "日结")
        await wait_for_screen(pilot, SettlementScreen)
        await wait_for(pilot, lambda: "收据2张" in _figures(pilot), "the day's figures")
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, SettlementScreen)
    assert not DayClose.select().exists()
