"""Reading payments back: by receipt number, and a person's, newest first.

The money, the years and the amounts are the payment's own rows (payment, payment_line,
enrollment). What the clerk was shown beside them (the request, the tags, the clauses
of each line) is in the audit event that recorded the payment, and is read from there:
a history payment (the generator's or an upgrade's) has no event, and no clauses.
"""

import datetime as dt
import json

import peewee as pw

from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    Clerk,
    Enrollment,
    Payment,
    PaymentLine,
    Person,
    Region,
    Reversal,
)
from models.payments.quoting import MemberQuote, MemberRequest, QuotedLine
from models.payments.views import PaymentReceipt, ReversalView
from models.texts import payments as pt


def payment_by_receipt(receipt_no: str) -> PaymentReceipt:
    row = Payment.get_or_none(Payment.receipt_no == (receipt_no or "").strip())
    if row is None:
        raise DomainError(pt.RECEIPT_UNKNOWN.format(receipt_no=receipt_no))
    return receipt_of(row)


def payments_of_person(person_id: int) -> tuple[PaymentReceipt, ...]:
    ids = (PaymentLine.select(PaymentLine.payment).where(PaymentLine.person == person_id)
           .distinct())
    rows = (Payment.select().where(Payment.id.in_(ids))
            .order_by(Payment.paid_at.desc(), Payment.id.desc()))
    return tuple(receipt_of(r) for r in rows)


def receipt_of(payment: Payment) -> PaymentReceipt:
    region = Region.select().order_by(Region.id).first()
    shown = _event_members(payment.audit_seq)
    lines = list(PaymentLine.select(PaymentLine, Enrollment).join(
        Enrollment, pw.JOIN.LEFT_OUTER, on=(PaymentLine.enrollment == Enrollment.id))
        .where(PaymentLine.payment == payment.id).order_by(PaymentLine.id))
    person_ids = list(dict.fromkeys(line.person_id for line in lines))
    people = {p.id: p for p in Person.select().where(Person.id.in_(person_ids))}
    members = tuple(_member(people[pid], [x for x in lines if x.person_id == pid],
                            shown.get(pid, {})) for pid in person_ids)
    clerk_name = ""
    if payment.clerk:
        clerk_name = (Clerk.select(Clerk.display_name).where(Clerk.username == payment.clerk)
                      .scalar() or payment.clerk)
    change = payment.tendered - payment.total if payment.tendered is not None else None
    reversals = tuple(ReversalView(r.number, r.kind, r.amount, r.reason, r.clerk, r.at)
                      for r in Reversal.select().where(Reversal.payment == payment.id)
                      .order_by(Reversal.id))
    return PaymentReceipt(payment.id, payment.receipt_no, region.code if region else "",
                          region.name if region else "", payment.counter, payment.clerk,
                          clerk_name, payment.channel, payment.tendered, change, payment.total,
                          payment.status, payment.paid_at, payment.business_day, members,
                          reversals)


def _event_members(seq: int | None) -> dict[int, dict]:
    if seq is None:
        return {}
    after = AuditEvent.select(AuditEvent.after).where(AuditEvent.seq == seq).scalar()
    members = json.loads(after or "{}").get("members", [])
    return {m["person_id"]: m for m in members}


def _member(person: Person, rows: list[PaymentLine], shown: dict) -> MemberQuote:
    said = {(x["benefit_year"], x["kind"]): x for x in shown.get("lines", [])}
    lines = tuple(_line(row, said.get((row.benefit_year, row.kind), {})) for row in rows)
    case = rows[0].case
    event = shown.get("event_date")
    request = MemberRequest(person.id, shown.get("case", case),
                            dt.date.fromisoformat(event) if event else None,
                            shown.get("repaid_years",
                                      sum(1 for x in rows if x.kind == "repaid_year")),
                            shown.get("missed_years"))
    return MemberQuote(request, person.id, person.name, person.id_number, person.gender,
                       person.birth_date, person.household_id, person.relation, True, None,
                       lines, sum(x.payable for x in rows),
                       tuple(shown.get("identities", ())),
                       shown.get("missed_years") or 0)


def _line(row: PaymentLine, said: dict) -> QuotedLine:
    enrollment = row.enrollment if row.enrollment_id else None
    return QuotedLine(row.benefit_year, row.kind, row.case,
                      enrollment.policy if enrollment else said.get("policy", ""),
                      row.rate_kind, row.gross, row.subsidy, row.subsidy_category, row.payable,
                      enrollment.benefit_start if enrollment else None,
                      enrollment.benefit_end if enrollment else None,
                      enrollment.waiting_months if enrollment else None,
                      tuple(said.get("clauses", ())))
