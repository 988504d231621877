"""Voids and refunds (issue 12, point 6): numbered, audited, in the person's history,
never a delete; a void the same day by a supervisor only, a refund with a reason."""

import dataclasses
import datetime as dt

import pytest
from actors import CLERK, SUPERVISOR
from payments_helpers import RATE, family_of_four, policy

from models.core.clock import FixedClock
from models.core.errors import DomainError
from models.core.schema import AuditEvent, DayClose, Payment, PaymentLine, Reversal
from models.payments import reversals
from models.payments.paying import pay, payment_by_receipt
from models.payments.quoting import MemberRequest, members_to_pay
from models.payments.reversals import refund_payment, void_payment
from models.registry.lookup import year_statuses
from models.registry.people import person_detail
from models.rules.policy import load_policy_id


@pytest.fixture
def paid(region, clock):
    ids = family_of_four(clock, region)
    receipt = pay(clock, CLERK, policy(),
                  [MemberRequest(ids["王建国"]), MemberRequest(ids["王小明"])], "cash")
    return ids, receipt


def test_a_supervisor_voids_a_payment_the_same_day(paid, clock):
    ids, receipt = paid
    with pytest.raises(DomainError, match="审核员"):
        void_payment(clock, CLERK, receipt.receipt_no, "收错人")
    assert Payment.get().status == "paid"
    view = void_payment(clock, SUPERVISOR, receipt.receipt_no, "收错人")
    assert view.number == "430225-T1-2026-V000001" and view.kind == "void"
    assert (view.amount, view.clerk, view.reason) == (2 * RATE, "zhao", "收错人")
    assert Payment.get().status == "void"
    assert {x.status for x in PaymentLine.select()} == {"void"}
    assert Payment.select().count() == 1 and PaymentLine.select().count() == 2  # no delete
    row = Reversal.get()
    assert (row.payment_id, row.amount, row.counter, row.clerk) == (receipt.payment_id,
                                                                     2 * RATE, "T1", "zhao")
    event = AuditEvent.get(AuditEvent.seq == row.audit_seq)
    assert event.action == "payment.void" and event.reason == "收错人"
    again = payment_by_receipt(receipt.receipt_no)
    assert again.status == "void" and [r.number for r in again.reversals] == [view.number]
    # the year is open again, and the person's record shows it all
    assert year_statuses([ids["王建国"]], 2027) == {}
    detail = person_detail(ids["王建国"], clock.today(), 2027)
    assert detail.household.members[0].year_status == "unpaid"
    assert [(e.benefit_year, e.status, e.receipt_no) for e in detail.enrollments] == [
        (2027, "void", receipt.receipt_no)]
    assert [h.action for h in detail.history][:2] == ["payment.void", "payment.pay"]
    voided, paid_event = detail.history[:2]
    assert voided.after == {"receipt_no": receipt.receipt_no, "status": "void",
                            "number": view.number, "amount": "800.00"}
    assert paid_event.after == {"receipt_no": receipt.receipt_no, "channel": "cash",
                                "total": "800.00", "years": [2027]}  # this person's only
    assert members_to_pay(ids["王建国"], clock.today(), policy())[0].allowed
    with pytest.raises(DomainError, match="不能再作废"):
        void_payment(clock, SUPERVISOR, receipt.receipt_no, "")
    second = pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")
    assert second.receipt_no == "430225-T1-2026-000002"


def test_a_void_is_for_the_same_day_only_and_not_in_a_closed_day(paid, clock):
    _ids, receipt = paid
    tomorrow = FixedClock(clock.today() + dt.timedelta(days=1))
    with pytest.raises(DomainError, match="只能当天作废"):
        void_payment(tomorrow, SUPERVISOR, receipt.receipt_no, "")
    DayClose.create(clerk="li", counter="T1", day=clock.today(), closed_at=clock.now(),
                    closed_by="zhao")
    with pytest.raises(DomainError, match="已日结"):
        void_payment(clock, SUPERVISOR, receipt.receipt_no, "")
    assert Payment.get().status == "paid" and not Reversal.select().exists()
    with pytest.raises(DomainError, match="没有收据号"):
        void_payment(clock, SUPERVISOR, "430225-T1-2026-999999", "")


def test_a_refund_needs_a_reason_and_keeps_to_the_policy(paid, clock):
    ids, receipt = paid
    with pytest.raises(DomainError, match="原因"):
        refund_payment(clock, CLERK, receipt.receipt_no, "  ")
    view = refund_payment(clock, CLERK, receipt.receipt_no, "两条记录实为同一人，重复缴费")
    assert view.number == "430225-T1-2026-R000001" and view.kind == "refund"
    assert Payment.get().status == "refunded"
    assert {x.status for x in PaymentLine.select()} == {"refunded"}
    detail = person_detail(ids["王小明"], clock.today(), 2027)
    assert detail.enrollments[0].status == "refunded"
    assert detail.history[0].action == "payment.refund"
    assert detail.history[0].reason == "两条记录实为同一人，重复缴费"
    with pytest.raises(DomainError, match="不能退费"):
        refund_payment(clock, CLERK, receipt.receipt_no, "再退一次")


def test_a_refund_after_the_policy_allows_is_refused(paid, clock, monkeypatch):
    _ids, receipt = paid
    later = FixedClock(dt.date(2027, 6, 1))
    assert policy().refund is None  # demo-2027 sets no deadline: nothing refuses it
    rule = load_policy_id("yangcheng-2021").refund  # seed 004: within the window
    strict = dataclasses.replace(policy(), refund=rule)
    monkeypatch.setattr(reversals, "load_policy_id", lambda policy_id: strict)
    with pytest.raises(DomainError, match="2027年度不能退费"):
        refund_payment(later, CLERK, receipt.receipt_no, "迁出")
    assert Payment.get().status == "paid" and not Reversal.select().exists()
    monkeypatch.undo()
    assert refund_payment(later, CLERK, receipt.receipt_no, "迁出").number == \
        "430225-T1-2027-R000001"
