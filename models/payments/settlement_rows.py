"""What the settlement reads: a clerk's day of payments with their lines and roster
entries, and the voids and refunds that belong to it (see settlement.py for whose is
what). Three queries, whatever the day's size."""

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from models.core.schema import Enrollment, Payment, PaymentLine, Person, Reversal


@dataclass(frozen=True)
class RosterRow:
    """One name on the day's roster (花名册): a person and a year a receipt paid for."""
    receipt_no: str
    person_id: int
    name: str
    benefit_year: int
    kind: str  # year / repaid_year
    payable: int
    enrollment_id: int | None


@dataclass(frozen=True)
class LineRow:
    person_id: int
    name: str
    benefit_year: int
    kind: str
    payable: int
    status: str
    enrollment_id: int | None
    enrollment_person: int | None
    enrollment_year: int | None
    enrollment_payable: int | None


@dataclass(frozen=True)
class PaymentRow:
    id: int
    receipt_no: str
    series: str
    receipt_year: int
    receipt_seq: int
    channel: str
    total: int
    status: str
    paid_at: dt.datetime
    lines: tuple[LineRow, ...]

    @property
    def roster(self) -> tuple[RosterRow, ...]:
        return tuple(RosterRow(self.receipt_no, line.person_id, line.name, line.benefit_year,
                               line.kind, line.payable, line.enrollment_id)
                     for line in self.lines if line.status == "paid")


@dataclass(frozen=True)
class ReversalRow:
    number: str
    kind: str
    series: str
    receipt_year: int
    receipt_seq: int
    receipt_no: str
    channel: str
    amount: int
    payment_total: int
    reason: str
    clerk: str
    at: dt.datetime


def day_payments(clerk: str, counter: str, day: dt.date) -> list[PaymentRow]:
    rows = list(Payment.select()
                .where(Payment.clerk == clerk, Payment.counter == counter,
                       Payment.business_day == day)
                .order_by(Payment.series, Payment.receipt_year, Payment.receipt_seq))
    lines: dict[int, list[LineRow]] = {p.id: [] for p in rows}
    for payment_id, *line in _lines([p.id for p in rows]):
        lines[payment_id].append(LineRow(*line))
    return [PaymentRow(p.id, p.receipt_no, p.series, p.receipt_year, p.receipt_seq, p.channel,
                       p.total, p.status, p.paid_at, tuple(lines[p.id])) for p in rows]


def _lines(payment_ids: list[int]):
    """(payment id, *LineRow's fields) of the payments' lines, as plain tuples: the person
    and the enrollment both have a person_id, which a model graph would mix up."""
    for start in range(0, len(payment_ids), 500):  # SQLite's limit on parameters
        chunk = payment_ids[start:start + 500]
        yield from (PaymentLine
                    .select(PaymentLine.payment, PaymentLine.person, Person.name,
                            PaymentLine.benefit_year, PaymentLine.kind, PaymentLine.payable,
                            PaymentLine.status, PaymentLine.enrollment, Enrollment.person,
                            Enrollment.benefit_year, Enrollment.payable)
                    .join(Person, on=(PaymentLine.person == Person.id))
                    .switch(PaymentLine)
                    .join(Enrollment, pw.JOIN.LEFT_OUTER,
                          on=(PaymentLine.enrollment == Enrollment.id))
                    .where(PaymentLine.payment.in_(chunk))
                    .order_by(PaymentLine.payment, PaymentLine.id)
                    .tuples())


def day_reversals(clerk: str, counter: str, day: dt.date
                  ) -> tuple[list[ReversalRow], list[ReversalRow]]:
    """The voids of the day's own payments, and the refunds this clerk paid out today."""
    of_the_day = (Payment.clerk == clerk) & (Payment.counter == counter) \
        & (Payment.business_day == day)
    paid_out = (Reversal.clerk == clerk) & (Reversal.counter == counter) \
        & (Reversal.business_day == day)
    query = (Reversal.select(Reversal, Payment.receipt_no, Payment.channel, Payment.total)
             .join(Payment)
             .where(((Reversal.kind == "void") & of_the_day)
                    | ((Reversal.kind == "refund") & paid_out))
             .order_by(Reversal.kind, Reversal.series, Reversal.receipt_year,
                       Reversal.receipt_seq))
    voids, refunds = [], []
    for r in query:
        row = ReversalRow(r.number, r.kind, r.series, r.receipt_year, r.receipt_seq,
                          r.payment.receipt_no, r.payment.channel, r.amount, r.payment.total,
                          r.reason, r.clerk, r.at)
        (voids if r.kind == "void" else refunds).append(row)
    return voids, refunds
