"""The pay screen when something is not right: a refused case and member, a wrong amount
tendered, Esc half-way, and a payment voided the same day or refunded (issue 12, points 2,
6, 9), keyboard only, on real SQLite files and the real payment services."""

import datetime as dt

from actors import CLERK, SUPERVISOR
from textual.command import CommandList, CommandPalette
from textual.widgets import DataTable, Input, Select

from models.core.schema import Payment, PaymentLine, Reversal
from models.registry.households import mark_left
from models.registry.people import person_detail
from models.rules.policy import load_policy_id
from tests.tui.conftest import choose, type_into, wait_for, wait_for_person, wait_for_screen
from tests.tui.pay_helpers import (
    SIZE,
    CounterApp,
    confirm_and_pay,
    cursor_to,
    open_pay,
    open_record,
    requoted,
    table_rows,
    text,
)
from tests.tui.walk_ins import Someone, open_walk_in
from tui.modals import ConfirmScreen
from tui.screens.lookup import LookupScreen
from tui.screens.pay import PayScreen
from tui.screens.reverse import ReversalScreen
from tui.slip_modal import SlipScreen

FAMILY = (Someone("周建华", "self", "19900315", "013"),
          Someone("吴丽", "spouse", "19920708", "024"),
          Someone("周老汉", "parent", "19400101", "051"))


def app_for(clock, actor=CLERK) -> CounterApp:
    return CounterApp(clock=clock, actor=actor, policy=load_policy_id("demo-2027"))


async def test_refused_members_say_why_and_stay_out_of_the_total(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", FAMILY)
    old = person_detail(ids["周老汉"], clock.today(), 2027)
    mark_left(clock, CLERK, old.id, old.version, status="deceased", on=dt.date(2026, 11, 1),
              documents=("death_certificate",), reason="家属告知", benefit_year=2027)
    app = app_for(clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_pay(pilot)
        dead = screen.quotes[ids["周老汉"]]
        assert not dead.allowed and dead.reason and ids["周老汉"] not in screen.chosen
        row = next(r for r in table_rows(screen) if r[1] == "周老汉")
        assert row[0] == "✗" and row[10].startswith("不能缴费：")
        await cursor_to(pilot, screen, ids["周老汉"])
        await pilot.press("space")  # cannot be chosen: the message says why
        await wait_for(pilot, lambda: "周老汉 不能缴费" in text(screen, "#message"),
                       "why the member cannot be chosen")
        assert dead.reason in text(screen, "#details")
        assert "合计：2 人 2 笔，800.00 元" in text(screen, "#total")

        # A case the policy refuses today (moved in: only after the window) is refused
        # for that member, who leaves the total; back to regular, they are in again.
        await cursor_to(pilot, screen, ids["吴丽"])
        await choose(pilot, screen.query_one("#case", Select), "当年新迁入户口")
        refused = await requoted(pilot, screen, ids["吴丽"],
                                 lambda q: q.request.case == "new_hukou", "the refused case")
        assert not refused.allowed and refused.reason in text(screen, "#details")
        assert "合计：1 人 1 笔，400.00 元" in text(screen, "#total")
        await choose(pilot, screen.query_one("#case", Select), "正常参保（集中缴费期）")
        await requoted(pilot, screen, ids["吴丽"], lambda q: q.allowed, "regular again")
        assert ids["吴丽"] in screen.chosen

        # Nobody chosen who may pay: F10 says so and pays nothing.
        for name in ("周建华", "吴丽"):
            await cursor_to(pilot, screen, ids[name])
            await pilot.press("space")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "没有选中可缴费的成员" in text(screen, "#message"),
                       "nobody to pay for")
        assert isinstance(app.screen, PayScreen) and Payment.select().count() == 0
    db.close()


async def test_a_wrong_tendered_amount_is_said_and_the_form_kept(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", FAMILY[:2])
    app = app_for(clock)
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_pay(pilot)
        tendered = screen.query_one("#tendered", Input)
        await type_into(pilot, tendered, "500")
        await wait_for(pilot, lambda: "还差 300.00 元" in text(screen, "#total"), "short")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "实收 500.00 元不足应收 800.00 元"
                       in text(screen, "#message"), "the short tender refused")
        assert isinstance(app.screen, PayScreen) and tendered.value == "500"
        await type_into(pilot, tendered, "8OO")
        await wait_for(pilot, lambda: "实收金额格式不对：8OO" in text(screen, "#total"), "bad")
        await pilot.press("f10")
        await wait_for(pilot, lambda: text(screen, "#message") not in ("", "实收 500.00 元不足"
                       "应收 800.00 元"), "the bad amount refused")
        assert isinstance(app.screen, PayScreen) and Payment.select().count() == 0
        await type_into(pilot, tendered, "800.5")
        await wait_for(pilot, lambda: "找零 0.50 元" in text(screen, "#total"), "change 0.50")

        # Esc at the confirmation: back to the form, everything kept, nothing paid.
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, PayScreen)
        assert tendered.value == "800.5" and Payment.select().count() == 0
        # Esc on the form with changes asks first; Esc again keeps the form.
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen, "the discard question")
        await pilot.press("escape")
        await wait_for_screen(pilot, PayScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        await wait_for_person(pilot, lambda d: d.id == ids["周建华"])
        assert Payment.select().count() == 0
    db.close()


async def pay_for_two(pilot, ids) -> str:
    await open_record(pilot, "周建华", ids["周建华"])
    screen = await open_pay(pilot)
    await confirm_and_pay(pilot, screen)
    await pilot.press("enter")
    await wait_for_person(pilot, lambda d: d.id == ids["周建华"])
    return screen.receipt.receipt_no


async def open_payment_row(pilot, receipt_no: str) -> ReversalScreen:
    person = pilot.app.screen
    table = person.query_one("#payments", DataTable)
    await wait_for(pilot, lambda: table.row_count > 0, "the person's payments")
    table.focus()
    await wait_for(pilot, lambda: table.has_focus, "focus on the payments")
    assert str(table.get_row_at(table.cursor_row)[0]) == receipt_no
    await pilot.press("enter")
    screen = await wait_for_screen(pilot, ReversalScreen)
    await wait_for(pilot, lambda: screen.receipt is not None, "the receipt read")
    return screen


async def test_a_clerk_may_not_void_and_a_supervisor_voids_the_same_day(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", FAMILY[:2])
    async with app_for(clock).run_test(size=SIZE) as pilot:
        receipt_no = await pay_for_two(pilot, ids)
        screen = await open_payment_row(pilot, receipt_no)
        assert receipt_no in text(screen, "#receipt_view")
        await choose(pilot, screen.query_one("#kind", Select), "当日作废（需主管）")
        await type_into(pilot, screen.query_one("#reason", Input), "收错人")
        await pilot.press("f10")
        await wait_for(pilot, lambda: "不是主管" in text(screen, "#message"),
                       "the clerk told a void is a supervisor's")
        assert Payment.get(Payment.receipt_no == receipt_no).status == "paid"
    async with app_for(clock, SUPERVISOR).run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_payment_row(pilot, receipt_no)
        assert screen.query_one("#kind", Select).value == "void"
        await type_into(pilot, screen.query_one("#reason", Input), "收错人")
        await pilot.press("f10")
        confirm = await wait_for_screen(pilot, ConfirmScreen)
        assert receipt_no in text(confirm, "#question") and "作废" in text(confirm, "#question")
        await pilot.press("enter")
        slip = await wait_for_screen(pilot, SlipScreen, "the void's slip")
        await wait_for(pilot, lambda: "作废凭证" in text(slip, "#slip"), "the void slip shown")
        assert receipt_no in text(slip, "#slip") and "没有配置打印机" in text(slip, "#outcome")
        await pilot.press("escape")
        person = await wait_for_person(pilot, lambda d: all(
            m.year_status != "paid" for m in d.household.members), "the year unpaid again")
        await wait_for(pilot, lambda: "已作废" in [str(c) for c in person.query_one(
            "#payments", DataTable).get_row_at(0)], "the payment shown void")
        history = [[str(c) for c in person.query_one("#history", DataTable).get_row_at(i)]
                   for i in range(person.query_one("#history", DataTable).row_count)]
        assert any(row[2] == "作废缴费" and receipt_no in row[5] for row in history)
        assert any(row[2] == "缴费" and "金额 800.00" in row[5] for row in history)
        assert Payment.get(Payment.receipt_no == receipt_no).status == "void"
        assert {x.status for x in PaymentLine.select()} == {"void"}
        (void,) = Reversal.select()
        assert void.kind == "void" and void.reason == "收错人" and "-V" in void.number
    db.close()


async def test_a_refund_by_receipt_number_from_the_palette_needs_a_reason(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", FAMILY[:2])
    async with app_for(clock).run_test(size=SIZE) as pilot:
        receipt_no = await pay_for_two(pilot, ids)
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette, "the command palette")
        await pilot.press(*"作废")
        commands = palette.query_one(CommandList)
        await wait_for(pilot, lambda: commands.option_count and "作废/退费" in str(
            commands.get_option_at_index(0).prompt), "the palette to offer 作废/退费")
        await pilot.press("enter")
        screen = await wait_for_screen(pilot, ReversalScreen, "the void/refund screen")
        await type_into(pilot, screen.query_one("#receipt", Input), receipt_no)
        await pilot.press("enter")  # on to the next field: the receipt is read
        await wait_for(pilot, lambda: screen.receipt is not None, "the receipt read")
        assert screen.query_one("#kind", Select).value == "refund"  # a clerk: refund first
        await pilot.press("f10")
        await wait_for(pilot, lambda: "请填写退费原因" in text(screen, "#message"), "reason")
        await type_into(pilot, screen.query_one("#reason", Input), "两条记录为同一人，重复缴费")
        await pilot.press("f10")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("enter")
        slip = await wait_for_screen(pilot, SlipScreen, "the refund's slip")
        await wait_for(pilot, lambda: "退费凭证" in text(slip, "#slip"), "the refund slip shown")
        await pilot.press("escape")
        await wait_for_screen(pilot, LookupScreen, "back where the palette was opened")
        assert Payment.get(Payment.receipt_no == receipt_no).status == "refunded"
        (refund,) = Reversal.select()
        assert refund.kind == "refund" and "-R" in refund.number
    db.close()



async def test_a_case_that_needs_a_date_waits_for_it_and_a_bad_one_is_said(tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", FAMILY[:2])
    async with app_for(clock).run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_pay(pilot)
        wife = ids["吴丽"]
        await cursor_to(pilot, screen, wife)
        date_row = screen.query_one("#event_date").parent
        assert date_row.has_class("hidden")  # regular needs no date
        await choose(pilot, screen.query_one("#case", Select), "职工医保断保转居民医保")
        await wait_for(pilot, lambda: not date_row.has_class("hidden"), "the date row shown")
        await wait_for(pilot, lambda: wife in screen.problems, "the member waiting for a date")
        assert wife not in screen.chosen and "请录入“职工医保断保转居民医保”需要的事件日期" \
            in text(screen, "#details")
        assert "合计：1 人 1 笔，400.00 元" in text(screen, "#total")
        await pilot.press("f10")
        await wait_for(pilot, lambda: text(screen, "#message").startswith("吴丽：请录入"),
                       "F10 names the member still to be filled in")
        # Away and back while the date is missing: the case chosen is kept, still waiting.
        await cursor_to(pilot, screen, ids["周建华"])
        await wait_for(pilot, lambda: date_row.has_class("hidden"), "his row: no date")
        await cursor_to(pilot, screen, wife)
        await wait_for(pilot, lambda: not date_row.has_class("hidden"), "her date row")
        assert screen.query_one("#case", Select).value == "employee_lapse"
        await pilot.pause()
        assert wife in screen.problems and wife not in screen.chosen
        date = screen.query_one("#event_date", Input)
        await type_into(pilot, date, "2026-13-01")
        await wait_for(pilot, lambda: "日期格式不对：2026-13-01" in text(screen, "#details"),
                       "the bad date said")
        await type_into(pilot, date, "2026-10-15")
        quote = await requoted(pilot, screen, wife, lambda q: q.request.event_date
                               == dt.date(2026, 10, 15), "the quote with the date")
        assert quote.allowed and wife in screen.chosen and wife not in screen.problems
        assert "2026-10-15" in text(screen, "#details")
        # Away and back: the member's case and date are still theirs.
        await cursor_to(pilot, screen, ids["周建华"])
        await wait_for(pilot, lambda: date_row.has_class("hidden"), "his row: no date")
        await cursor_to(pilot, screen, wife)
        await wait_for(pilot, lambda: date.value == "2026-10-15", "her date back")
        assert screen.query_one("#case", Select).value == "employee_lapse"
        await confirm_and_pay(pilot, screen)
        lines = list(PaymentLine.select().where(PaymentLine.person == wife))
        assert lines and {x.case for x in lines} == {"employee_lapse"}
    db.close()
