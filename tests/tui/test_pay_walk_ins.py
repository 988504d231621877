"""Whole walk-ins at the counter, from the lookup to a paid receipt, keyboard only, on real
SQLite files and the real payment services (issue 12, point 9)."""

import datetime as dt

from actors import CLERK
from textual.widgets import Input, Select

from models.core.clock import FixedClock
from models.core.schema import Payment, PaymentLine
from models.rules.policy import load_policy_id
from tests.tui.conftest import choose, type_into, wait_for, wait_for_person
from tests.tui.pay_helpers import (
    SIZE,
    CounterApp,
    confirm_and_pay,
    cursor_to,
    only,
    open_pay,
    open_record,
    requoted,
    table_rows,
    text,
)
from tests.tui.walk_ins import Someone, open_walk_in, resident_id
from tui.screens.person import PersonScreen

FATHER = Someone("周建华", "self", "19900315", "013")
MOTHER = Someone("吴丽", "spouse", "19920708", "024")


def app_for(clock, policy_id: str) -> CounterApp:
    return CounterApp(clock=clock, actor=CLERK, policy=load_policy_id(policy_id))


def payment_of(receipt_no: str) -> tuple[Payment, list[PaymentLine]]:
    payment = Payment.get(Payment.receipt_no == receipt_no)
    return payment, list(PaymentLine.select().where(PaymentLine.payment == payment)
                         .order_by(PaymentLine.benefit_year, PaymentLine.id))


async def back_on_person_paid(pilot, person_id: int) -> PersonScreen:
    await pilot.press("enter")  # the receipt closes: the person screen, reloaded
    return await wait_for_person(
        pilot, lambda d: d.id == person_id and any(
            m.id == person_id and m.year_status == "paid" for m in d.household.members),
        "the person's year status to say paid")


async def test_a_newborn_within_90_days_pays_its_birth_year_and_the_next_on_one_receipt(
        tmp_path):
    clock = FixedClock(dt.date(2026, 12, 1))
    baby = Someone("周小满", "child", "20261120", "021", certificate="Q430225777")
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", (FATHER, MOTHER, baby))
    app = app_for(clock, "demo-2027")
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周小满", ids["周小满"])
        screen = await open_pay(pilot)
        assert screen.member_under_cursor() == ids["周小满"]  # the list starts on the baby
        await only(pilot, screen, ids["周小满"])
        await choose(pilot, screen.query_one("#case", Select), "新生儿")
        quote = await requoted(pilot, screen, ids["周小满"],
                               lambda q: q.request.case == "newborn", "the newborn quote")
        assert [line.benefit_year for line in quote.lines] == [2026, 2027]
        assert quote.lines[0].benefit_start == dt.date(2026, 11, 20)  # covered from birth
        rows = table_rows(screen)
        baby_rows = [r for r in rows if r[3] in ("2026", "2027") and r[4] == "新生儿"]
        assert len(baby_rows) == 2 and baby_rows[0][1] == "周小满" and baby_rows[1][1] == ""
        details = text(screen, "#details")
        assert "2026年度" in details and "2027年度" in details and "2026-11-20" in details
        assert "新生儿按登记的出生日期 2026-11-20 计算" in details
        assert screen.query_one("#event_date").parent.has_class("hidden")  # no date to type
        assert "合计：1 人 2 笔，800.00 元" in text(screen, "#total")
        await type_into(pilot, screen.query_one("#tendered", Input), "1000")
        await wait_for(pilot, lambda: "找零 200.00 元" in text(screen, "#total"), "the change")
        question = await confirm_and_pay(pilot, screen)
        assert "周小满" in question and "800.00" in question and "现金" in question
        receipt_no = screen.receipt.receipt_no
        payment, lines = payment_of(receipt_no)
        assert payment.total == 80000 and payment.tendered == 100000
        assert [(line.person_id, line.benefit_year) for line in lines] == [
            (ids["周小满"], 2026), (ids["周小满"], 2027)]
        person = await back_on_person_paid(pilot, ids["周小满"])
        assert receipt_no in [str(c) for c in person.query_one("#payments").get_row_at(0)]
    db.close()


async def test_a_newborn_past_90_days_pays_the_full_rate_from_next_month(tmp_path):
    clock = FixedClock(dt.date(2021, 5, 10))  # born 2021-01-05: day 125
    baby = Someone("周晚晚", "child", "20210105", "021", certificate="Q430225778")
    db, ids = open_walk_in(tmp_path / "w.db", clock, "yanling-2021", (FATHER, baby))
    app = app_for(clock, "yanling-2021")
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周晚晚", ids["周晚晚"])
        screen = await open_pay(pilot)
        await only(pilot, screen, ids["周晚晚"])
        await choose(pilot, screen.query_one("#case", Select), "新生儿")
        quote = await requoted(pilot, screen, ids["周晚晚"],
                               lambda q: q.request.case == "newborn", "the late newborn")
        (line,) = quote.lines
        assert line.rate_kind == "full" and line.gross == 83000
        assert line.benefit_start == dt.date(2021, 6, 1)  # the month after paying
        details = text(screen, "#details")
        assert "筹资标准" in details and "830.00" in details and "2021-06-01" in details
        assert any("90" in c for c in line.clauses)
        await choose(pilot, screen.query_one("#channel", Select), "扫码")
        assert screen.query_one("#tendered").parent.has_class("hidden")
        await confirm_and_pay(pilot, screen)
        payment, lines = payment_of(screen.receipt.receipt_no)
        assert payment.channel == "qr" and payment.total == 83000 and payment.tendered is None
        assert [line.rate_kind for line in lines] == ["full"]
        await back_on_person_paid(pilot, ids["周晚晚"])
    db.close()


async def test_a_household_moved_in_outside_the_window_pays_the_full_financing_rate(tmp_path):
    clock = FixedClock(dt.date(2021, 5, 10))  # the 2021 window closed on 2020-12-31
    db, ids = open_walk_in(tmp_path / "w.db", clock, "yanling-2021", (FATHER, MOTHER))
    app = app_for(clock, "yanling-2021")
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, resident_id(FATHER.birth, FATHER.seq), ids["周建华"])
        screen = await open_pay(pilot)
        for name in ("周建华", "吴丽"):
            await cursor_to(pilot, screen, ids[name])
            await choose(pilot, screen.query_one("#case", Select), "当年新迁入户口")
            await requoted(pilot, screen, ids[name], lambda q: q.request.case == "new_hukou"
                           and q.allowed, f"{name} quoted as moved in")
        assert screen.chosen == {ids["周建华"], ids["吴丽"]}
        assert "合计：2 人 2 笔，1660.00 元" in text(screen, "#total")
        assert all(r[5] == "筹资" for r in table_rows(screen))
        assert "筹资标准（个人+财政补助）" in text(screen, "#details")
        await type_into(pilot, screen.query_one("#tendered", Input), "2000")
        await wait_for(pilot, lambda: "找零 340.00 元" in text(screen, "#total"), "the change")
        await confirm_and_pay(pilot, screen)
        payment, lines = payment_of(screen.receipt.receipt_no)
        assert payment.total == 166000 and len(lines) == 2
        assert {line.case for line in lines} == {"new_hukou"}
        await back_on_person_paid(pilot, ids["周建华"])
    db.close()


async def test_a_family_of_four_with_one_minimum_living_member_pays_less_for_them(
        tmp_path, clock):
    family = (FATHER, MOTHER, Someone("周奶奶", "parent", "19480120", "042",
                                      tag="minimum_living"),
              Someone("周小明", "child", "20150601", "031"))
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", family)
    app = app_for(clock, "demo-2027")
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_pay(pilot)
        assert screen.chosen == set(ids.values())  # every member who may pay, to begin with
        granny = screen.quotes[ids["周奶奶"]]
        (line,) = [x for x in granny.lines if x.kind == "year"]
        assert line.subsidy == 28000 and line.subsidy_category == "minimum_living"
        assert line.payable == 12000
        row = next(r for r in table_rows(screen) if r[1] == "周奶奶")
        assert row[6:9] == ["400.00", "280.00", "120.00"] and "低保" in row[10]
        await cursor_to(pilot, screen, ids["周奶奶"])
        details = text(screen, "#details")
        assert "资助 280.00" in details and "低保" in details
        total = sum(q.payable for q in screen.quotes.values())
        assert "合计：4 人" in text(screen, "#total") and f"{total // 100}.00 元" in \
            text(screen, "#total")
        await choose(pilot, screen.query_one("#channel", Select), "银行卡")
        await confirm_and_pay(pilot, screen)
        payment, lines = payment_of(screen.receipt.receipt_no)
        assert payment.total == total and payment.channel == "pos"
        assert {line.person_id for line in lines} == set(ids.values())
        granny_line = next(x for x in lines if x.person_id == ids["周奶奶"] and x.kind == "year")
        assert granny_line.subsidy == 28000 and granny_line.subsidy_category == "minimum_living"
        await back_on_person_paid(pilot, ids["周建华"])
    db.close()


async def test_a_late_enrollment_pays_back_missed_years_as_lines_of_their_own(tmp_path):
    clock = FixedClock(dt.date(2027, 3, 1))  # after the 2027 window
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", (FATHER,))
    app = app_for(clock, "demo-2027")
    async with app.run_test(size=SIZE) as pilot:
        await open_record(pilot, "周建华", ids["周建华"])
        screen = await open_pay(pilot)
        me = ids["周建华"]
        before = screen.quotes[me]
        assert before.missed_years == 2  # 2025 and 2026: the region's files go back to 2025
        waiting_before = before.lines[-1].waiting_months
        assert waiting_before and "断缴年数 2" in text(screen, "#details")
        await type_into(pilot, screen.query_one("#repaid", Input), "2")
        quote = await requoted(pilot, screen, me, lambda q: q.request.repaid_years == 2,
                               "the quote with two repaid years")
        assert [(x.benefit_year, x.kind) for x in quote.lines] == [
            (2025, "repaid_year"), (2026, "repaid_year"), (2027, "year")]
        assert quote.lines[-1].waiting_months < waiting_before
        rows = table_rows(screen)
        assert [r[4] for r in rows] == ["补缴2025年度", "补缴2026年度", "正常参保（…"]
        assert "补缴2025年度" in text(screen, "#details")
        await confirm_and_pay(pilot, screen)
        payment, lines = payment_of(screen.receipt.receipt_no)
        assert [(x.benefit_year, x.kind) for x in lines] == [
            (2025, "repaid_year"), (2026, "repaid_year"), (2027, "year")]
        assert payment.total == quote.payable
        await back_on_person_paid(pilot, me)
    db.close()


async def test_f9_from_the_household_table_starts_on_the_member_under_its_cursor(
        tmp_path, clock):
    db, ids = open_walk_in(tmp_path / "w.db", clock, "demo", (FATHER, MOTHER))
    app = app_for(clock, "demo-2027")
    async with app.run_test(size=SIZE) as pilot:
        person = await open_record(pilot, "周建华", ids["周建华"])
        household = person.query_one("#household")
        await wait_for(pilot, lambda: household.has_focus and household.row_count == 2,
                       "the household table")
        await pilot.press("down")
        screen = await open_pay(pilot)
        assert screen.member_under_cursor() == ids["吴丽"]
        assert "吴丽（配偶）" in text(screen, "#details")
        assert "户号" in text(screen, "#title")
    db.close()
