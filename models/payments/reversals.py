"""Voids and refunds of a whole payment (issue 12, point 6): never a delete.

A void undoes a payment the same business day, by a supervisor (the service checks the
role): the money never left the drawer it came into, so the void is numbered in the
payment's own series (`…-V000001`) and lands in that clerk's day, which must still be
open. A refund pays money back later, with a reason, as the year's policy allows it
(models/rules/refund.py): it is numbered in the series of the counter that pays it out
(`…-R000001`) and lands in that clerk's day. Either way the payment and its lines keep
every figure and change status only (void / refunded), a Reversal row records the
number, amount, reason and who, and one audit event, which the person's history shows.
"""

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import for_update
from models.core.errors import DomainError
from models.core.schema import Enrollment, Payment, PaymentLine, Region, Reversal
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.payments import receipts
from models.payments.views import ReversalView
from models.rules import limits
from models.rules.policy import PolicyError, load_policy_id
from models.rules.refund import check_refund
from models.texts import payments as pt

__all__ = ["ReversalView", "refund_payment", "void_payment"]


@retry_on_conflict
def void_payment(clock: Clock, actor: Actor, receipt_no: str, reason: str) -> ReversalView:
    actor.require("supervisor")
    reason = limits.check_reason(reason, required=False)
    with unit_of_work(clock, actor) as uow:
        payment = _locked(receipt_no)
        if payment.status != "paid":
            raise DomainError(pt.VOID_NOT_PAID.format(
                receipt_no=payment.receipt_no, status=_status(payment.status)))
        if payment.channel == "history":
            raise DomainError(pt.VOID_HISTORY.format(receipt_no=payment.receipt_no))
        if payment.business_day != clock.today():
            raise DomainError(pt.VOID_OTHER_DAY.format(receipt_no=payment.receipt_no,
                                                       day=payment.business_day))
        return _reverse(uow, payment, "void", payment.series, payment.counter, reason,
                        (payment.clerk, payment.counter, payment.business_day))


@retry_on_conflict
def refund_payment(clock: Clock, actor: Actor, receipt_no: str, reason: str) -> ReversalView:
    reason = limits.check_reason(reason, required=False)
    if not reason:
        raise DomainError(pt.REFUND_NEEDS_REASON)
    with unit_of_work(clock, actor) as uow:
        payment = _locked(receipt_no)
        if payment.status != "paid":
            raise DomainError(pt.REFUND_NOT_PAID.format(
                receipt_no=payment.receipt_no, status=_status(payment.status)))
        _check_refund_allowed(payment, clock)
        region = Region.select().order_by(Region.id).first()
        series = receipts.series_for(region.code if region else "000000", actor.counter)
        return _reverse(uow, payment, "refund", series, actor.counter, reason,
                        (actor.username, actor.counter, clock.today()))


def _reverse(uow, payment: Payment, kind: str, series: str, counter: str, reason: str,
             day: tuple) -> ReversalView:
    """Number it, check the day it lands in is open, and mark the payment and lines."""
    now = uow.clock.now()
    seq = receipts.draw(series, now.year, kind)
    receipts.require_open_day(*day)
    if day[:2] != (uow.actor.username, counter) or day[2] != uow.clock.today():
        receipts.require_open_day(uow.actor.username, uow.actor.counter, uow.clock.today())
    number = receipts.reversal_number(series, now.year, kind, seq)
    status = {"void": "void", "refund": "refunded"}[kind]
    # the app role may only insert a reversal, never update it: its event's seq up front
    seq_of_event = uow.reserve_audit_seq().seq
    Reversal.create(number=number, kind=kind, series=series, receipt_year=now.year,
                    receipt_seq=seq, payment=payment.id, amount=payment.total, reason=reason,
                    counter=counter, clerk=uow.actor.username, at=now,
                    business_day=uow.clock.today(), audit_seq=seq_of_event)
    Payment.update(status=status).where(Payment.id == payment.id).execute()
    PaymentLine.update(status=status).where(PaymentLine.payment == payment.id).execute()
    uow.audit(f"payment.{kind}", "payment", payment.id,
                      before={"receipt_no": payment.receipt_no, "status": payment.status},
                      after={"receipt_no": payment.receipt_no, "status": status,
                             "number": number, "amount": payment.total},
                      reason=reason)  # takes seq_of_event
    return ReversalView(number, kind, payment.total, reason, uow.actor.username, now)


def _locked(receipt_no: str) -> Payment:
    payment = for_update(Payment.select().where(
        Payment.receipt_no == (receipt_no or "").strip())).first()
    if payment is None:
        raise DomainError(pt.RECEIPT_UNKNOWN.format(receipt_no=receipt_no))
    return payment


def _check_refund_allowed(payment: Payment, clock: Clock) -> None:
    """Every benefit year the payment paid for must allow a refund applied for today."""
    policies = (Enrollment.select(Enrollment.benefit_year, Enrollment.policy)
                .join(PaymentLine, on=(PaymentLine.enrollment == Enrollment.id))
                .where(PaymentLine.payment == payment.id).distinct().tuples())
    for year, policy_id in sorted(set(policies)):
        try:
            policy = load_policy_id(policy_id)
        except PolicyError:
            continue  # a year whose file is gone sets no deadline we can read
        answer = check_refund(policy, clock.today())
        if not answer.allowed:
            raise DomainError(pt.REFUND_REFUSED.format(year=year, reason=answer.reason))


def _status(status: str) -> str:
    return pt.PAYMENT_STATUS_LABELS.get(status, status)
