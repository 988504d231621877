"""The daily settlement (日结) of a clerk at a counter: figures by channel, the receipt
numbers used, voids and refunds, cash in the drawer, the four agreements of seed 003
checked (each disagreement said), and closing the day."""

import datetime as dt
import json

import pytest
from actors import CLERK, CLERK_A, SUPERVISOR, SYSTEM, WANG
from payment_rows import SERIES, paid, reversed_

from models.access.clerks import add_clerk
from models.core import audit
from models.core.errors import DomainError
from models.core.schema import AuditEvent, DayClose, Payment, PaymentLine, ReceiptCounter
from models.payments.settlement import close_day, closed_summary, settlement

DAY = dt.date(2026, 11, 22)


def _agreement(figures, name):
    return next(a for a in figures.agreements if a.name == name)


def test_an_empty_day_is_all_zero_and_agrees(db, region):
    day = settlement("li", "T1", DAY)
    assert (day.receipts, day.people, day.net, day.cash_expected) == (0, 0, 0, 0)
    assert day.runs == () and day.channels == ()
    assert [a.name for a in day.agreements] == ["money", "headcount", "roster", "receipts"]
    assert day.agreed and not day.closed


def test_the_day_by_channel_with_a_void_and_a_refund_of_an_older_receipt(db, family):
    head, spouse, child = family
    yesterday = DAY - dt.timedelta(days=1)
    old = paid("li", yesterday, [(child.id, 38000)], channel="qr")
    one = paid("li", DAY, [(head.id, 38000), (spouse.id, 38000)], channel="cash")
    two = paid("li", DAY, [(child.id, 3000)], channel="pos", year=2028)
    three = paid("li", DAY, [(head.id, 38000)], channel="cash", year=2028)
    reversed_(three, "void", "zhao", DAY, reason="收错")
    reversed_(old, "refund", "li", DAY, reason="重复参保")
    paid("wang", DAY, [(spouse.id, 38000)], channel="cash", year=2028)  # another clerk's

    day = settlement("li", "T1", DAY)
    assert (day.receipts, day.valid, day.people) == (3, 2, 3)
    assert (day.collected, day.voided, day.refunded) == (38000 * 3 + 3000, 38000, 38000)
    assert day.net == 38000 * 3 + 3000 - 38000 - 38000
    assert day.cash_expected == 38000 * 2  # two cash receipts, one voided; refund was QR
    channels = {c.channel: c for c in day.channels}
    assert list(channels) == ["cash", "pos", "qr"]
    assert (channels["cash"].receipts, channels["cash"].people, channels["cash"].net) == (
        2, 2, 76000)
    assert (channels["qr"].receipts, channels["qr"].refunded, channels["qr"].net) == (
        0, 38000, -38000)
    assert [v.receipt_no for v in day.voids] == [three.receipt_no]
    assert [r.receipt_no for r in day.refunds] == [old.receipt_no]
    assert day.refunds[0].reason == "重复参保"
    receipts_run = day.runs[0]
    assert (receipts_run.kind, receipts_run.first, receipts_run.last, receipts_run.count) == (
        "payment", one.receipt_no, three.receipt_no, 3)
    assert receipts_run.missing == () and receipts_run.others == 0
    assert [r.kind for r in day.runs] == ["payment", "void", "refund"]
    assert {(r.receipt_no, r.name) for r in day.roster} == {
        (one.receipt_no, "王建国"), (one.receipt_no, "李秀英"), (two.receipt_no, "王小明")}
    assert day.agreed, day.agreements


def test_a_counter_shared_by_two_clerks_is_no_gap(db, family):
    head, spouse, child = family
    paid("li", DAY, [(head.id, 38000)])
    paid("wang", DAY, [(spouse.id, 38000)])
    paid("li", DAY, [(child.id, 38000)])
    run = settlement("li", "T1", DAY).runs[0]
    assert (run.count, run.others, run.missing) == (2, 1, ())
    assert settlement("li", "T1", DAY).agreed


def test_a_hole_in_the_series_is_a_receipts_disagreement_naming_the_numbers(db, family):
    head, spouse, _ = family
    paid("li", DAY, [(head.id, 38000)], seq=1)
    paid("li", DAY, [(spouse.id, 38000)], seq=4)
    ReceiptCounter.update(last=6).where(ReceiptCounter.series == SERIES).execute()
    day = settlement("li", "T1", DAY)
    receipts = _agreement(day, "receipts")
    assert not receipts.holds and not day.agreed
    assert receipts.problems == (
        f"号段{SERIES}-2026缺号：{SERIES}-2026-000002；{SERIES}-2026-000003；"
        f"{SERIES}-2026-000005；{SERIES}-2026-000006",)
    assert day.runs[0].missing_count == 4
    assert _agreement(day, "money").holds


def test_a_receipt_past_the_counter_is_a_disagreement(db, family):
    paid("li", DAY, [(family[0].id, 38000)], seq=3, draw=False)
    ReceiptCounter.create(series=SERIES, year=2026, kind="payment", last=2)
    problems = _agreement(settlement("li", "T1", DAY), "receipts").problems
    assert f"号段{SERIES}-2026已取号到2，最后一张收据为{SERIES}-2026-000003" in problems


def test_money_that_does_not_add_up_is_named_by_receipt(db, family):
    bad = paid("li", DAY, [(family[0].id, 38000)], total=40000)
    money = _agreement(settlement("li", "T1", DAY), "money")
    assert not money.holds
    assert f"收据{bad.receipt_no}金额400.00元，明细合计380.00元" in money.problems


def test_a_line_left_paid_on_a_voided_receipt_is_a_money_disagreement(db, family):
    receipt = paid("li", DAY, [(family[0].id, 38000)])
    reversed_(receipt, "void", "zhao", DAY)
    PaymentLine.update(status="paid").execute()
    money = _agreement(settlement("li", "T1", DAY), "money")
    assert f"收据{receipt.receipt_no}状态为void，其明细王建国状态为paid" in money.problems


def test_a_paid_year_without_its_enrollment_breaks_roster_and_headcount(db, family):
    head, spouse, _ = family
    receipt = paid("li", DAY, [(head.id, 38000), (spouse.id, 38000)])
    PaymentLine.update(enrollment=None).where(PaymentLine.person == spouse.id).execute()
    day = settlement("li", "T1", DAY)
    assert _agreement(day, "headcount").problems == ("收据明细2人，参保登记1人",)
    assert _agreement(day, "roster").problems == (
        f"收据{receipt.receipt_no}的李秀英（2027年度）没有参保登记",)
    assert _agreement(day, "money").holds and _agreement(day, "receipts").holds


def test_closing_keeps_the_figures_and_audits_them(db, family, clock):
    paid("li", DAY, [(family[0].id, 38000)], channel="cash")
    closed = close_day(clock, CLERK, "li", "T1", DAY)
    assert closed.closed and closed.closed_by == "li"
    row = DayClose.get(clerk="li", counter="T1", day=DAY)
    kept = json.loads(row.summary)
    assert kept == closed_summary("li", "T1", DAY) == closed.summary()
    assert (kept["net"], kept["cash_expected"], kept["receipts"]) == (38000, 38000, 1)
    event = AuditEvent.get(AuditEvent.seq == row.audit_seq)
    assert (event.action, event.clerk, event.entity) == ("day.close", "li", "day_close")
    assert json.loads(event.after)["net"] == 38000
    assert audit.verify().ok
    again = settlement("li", "T1", DAY)
    assert again.closed and again.closed_at == closed.closed_at


def test_a_day_closes_once_even_a_day_with_nothing_taken(db, family, clock):
    add_clerk(clock, SYSTEM, username="clerk_a", display_name="甲窗口", role="clerk",
              password="Counter-2026-a")
    assert close_day(clock, CLERK_A, "clerk_a", "T1", DAY).receipts == 0
    with pytest.raises(DomainError, match="不能重复日结"):
        close_day(clock, SUPERVISOR, "clerk_a", "T1", DAY)
    assert DayClose.select().count() == 1


def test_closing_the_day_of_nobody_is_refused(db, region, clock):
    with pytest.raises(DomainError, match="没有用户名为“nobody”的经办人"):
        close_day(clock, SUPERVISOR, "nobody", "T1", DAY)


def test_a_clerk_closes_only_their_own_day_a_supervisor_anyones(db, family, clock):
    paid("wang", DAY, [(family[0].id, 38000)])
    with pytest.raises(DomainError, match="审核员"):
        close_day(clock, CLERK, "wang", "T1", DAY)
    assert close_day(clock, SUPERVISOR, "wang", "T1", DAY).closed_by == "zhao"
    with pytest.raises(DomainError, match="还没有到"):
        close_day(clock, WANG, "wang", "T1", DAY + dt.timedelta(days=1))


def test_a_day_with_a_disagreement_still_closes_and_keeps_it(db, family, clock):
    paid("li", DAY, [(family[0].id, 38000)], total=1)
    closed = close_day(clock, CLERK, "li", "T1", DAY)
    kept = closed_summary("li", "T1", DAY)
    money = next(a for a in kept["agreements"] if a["name"] == "money")
    assert money["holds"] is False and money["problems"]
    assert not closed.agreed
    assert Payment.select().count() == 1


# --- with the real payments ----------------------------------------------------------


def test_real_payments_settle_and_a_closed_day_takes_no_more(db, region, clock):
    from payments_helpers import family_of_four, policy

    from models.core.schema import Enrollment
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest

    ids = list(family_of_four(clock, region).values())
    cash = pay(clock, CLERK, policy(), [MemberRequest(i, missed_years=0) for i in ids[:2]],
               "cash", tendered=100000)
    qr = pay(clock, CLERK, policy(), [MemberRequest(ids[2], missed_years=0)], "qr")
    day = settlement("li", "T1", clock.today())
    assert day.agreed, day.agreements
    assert (day.receipts, day.people, day.net) == (2, 3, cash.total + qr.total)
    assert day.cash_expected == cash.total  # the change went back: the total stays
    assert (day.runs[0].first, day.runs[0].last) == (cash.receipt_no, qr.receipt_no)
    assert {r.name for r in day.roster} == {m.name for m in (*cash.members, *qr.members)}

    close_day(clock, CLERK, "li", "T1", clock.today())
    before = [m.select().count() for m in (Payment, PaymentLine, Enrollment, AuditEvent)]
    drawn = ReceiptCounter.get(kind="payment").last
    with pytest.raises(DomainError, match="日结"):
        pay(clock, CLERK, policy(), [MemberRequest(ids[3], missed_years=0)], "cash")
    assert [m.select().count() for m in (Payment, PaymentLine, Enrollment, AuditEvent)] \
        == before
    assert ReceiptCounter.get(kind="payment").last == drawn  # the number was given back
    # another clerk's day at the same counter is still open
    other = pay(clock, SUPERVISOR, policy(), [MemberRequest(ids[3], missed_years=0)], "pos")
    assert other.receipt_no.endswith("-000003") and settlement("li", "T1", clock.today()).agreed


def test_real_voids_and_refunds_settle_and_a_closed_day_takes_neither(db, region, clock):
    from payments_helpers import family_of_four, policy

    from models.core.schema import Reversal
    from models.payments.paying import pay
    from models.payments.quoting import MemberRequest
    from models.payments.reversals import refund_payment, void_payment

    ids = list(family_of_four(clock, region).values())
    kept = pay(clock, CLERK, policy(), [MemberRequest(ids[0], missed_years=0)], "cash")
    voided = pay(clock, CLERK, policy(), [MemberRequest(ids[1], missed_years=0)], "cash")
    refunded = pay(clock, CLERK, policy(), [MemberRequest(ids[2], missed_years=0)], "pos")
    later = pay(clock, CLERK, policy(), [MemberRequest(ids[3], missed_years=0)], "qr")
    void_payment(clock, SUPERVISOR, voided.receipt_no, "收错")
    refund_payment(clock, CLERK, refunded.receipt_no, "两条记录实为同一人")
    day = settlement("li", "T1", clock.today())
    assert day.agreed, day.agreements
    assert (day.receipts, day.valid) == (4, 2)
    assert day.cash_expected == kept.total
    assert day.net == kept.total + later.total
    assert [v.receipt_no for v in day.voids] == [voided.receipt_no]
    assert [r.receipt_no for r in day.refunds] == [refunded.receipt_no]
    assert [r.kind for r in day.runs] == ["payment", "void", "refund"]

    close_day(clock, CLERK, "li", "T1", clock.today())
    with pytest.raises(DomainError, match="已日结"):
        void_payment(clock, SUPERVISOR, later.receipt_no, "收错")
    with pytest.raises(DomainError, match="已日结"):
        refund_payment(clock, CLERK, later.receipt_no, "迁出")
    assert Reversal.select().count() == 2 and Payment.get(receipt_no=later.receipt_no).status \
        == "paid"
    assert settlement("li", "T1", clock.today()).summary() == {
        **closed_summary("li", "T1", clock.today())}
