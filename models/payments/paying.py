"""Taking the money: one family's payment in one unit of work (issue 12, points 2 and 4).

`pay` locks the household, then its members (the registry's lock order: models/registry/
rows.py), re-quotes every member inside the transaction (the tags valid today, the paid
years locked), and refuses the whole payment if any member is refused: nothing is paid,
no number is drawn. Then it draws the receipt number (models/payments/receipts.py),
checks the clerk's day is not closed, and writes one Payment, an Enrollment and a `year`
PaymentLine per benefit year paid, a `repaid_year` line per missed year paid back, and
one audit event, which keeps what the clerk was shown (the requests, tags and clauses).

A second paid year for the same person is refused twice: by the quote (the year is paid)
and, should two counters race past it, by the database's partial unique index
(migration 0007), whose refusal rolls everything back and is said in words.
"""

import contextlib
import datetime as dt
from collections.abc import Sequence

import peewee as pw

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database, is_postgres
from models.core.errors import DomainError
from models.core.schema import Person
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.payments import paying_rows as rows
from models.payments import receipts
from models.payments.paying_rows import paid_years_of
from models.payments.quoting import (
    MemberQuote,
    MemberRequest,
    known_tags,
    quote_person,
    region_policies_of,
)
from models.payments.reading import payment_by_receipt, payments_of_person
from models.payments.views import PaymentReceipt
from models.rules import idcard
from models.rules.money import yuan
from models.rules.policy import Policy
from models.texts import messages as msg
from models.texts import payments as pt

CHANNELS = ("cash", "pos", "qr", "other")
PAY_ACTION = "payment.pay"

__all__ = ["CHANNELS", "PaymentReceipt", "pay", "payment_by_receipt", "payments_of_person"]


@retry_on_conflict
def pay(clock: Clock, actor: Actor, policy: Policy, requests: Sequence[MemberRequest],
        channel: str, tendered: int | None = None) -> PaymentReceipt:
    requests = tuple(requests)
    _check_request(requests, channel, tendered)
    on, now = clock.today(), clock.now()
    with unit_of_work(clock, actor) as uow:
        people = _lock_people(requests)
        region_policies = region_policies_of(policy)
        paid = paid_years_of(list(people), lock=True)
        tags = rows.tags_of(list(people), on)
        members = []
        for request in requests:
            person = people[request.person_id]
            quoted = quote_person(person, request, on, policy, region_policies,
                                  paid[person.id], known_tags(tags[person.id], policy))
            if not quoted.allowed:
                who = pt.PERSON_WITH_ID.format(name=person.name,
                                               id=idcard.mask(person.id_number)) \
                    if person.id_number else person.name
                raise DomainError(pt.PAY_REFUSED_MEMBER.format(who=who, reason=quoted.reason))
            members.append(quoted)
        total = sum(m.payable for m in members)
        tendered, change = _cash(channel, tendered, total)
        region_code, region_name = rows.region() or ("000000", "")
        series = receipts.series_for(region_code, actor.counter)
        seq = receipts.draw(series, now.year, "payment")
        receipts.require_open_day(actor.username, actor.counter, on)
        receipt_no = receipts.receipt_number(series, now.year, seq)
        event = uow.reserve_audit_seq().seq  # the event below takes it
        payment_id = rows.insert_payment((
            receipt_no, series, now.year, seq, actor.counter, actor.username,
            members[0].household_id, channel, tendered, total, "paid", now, on, event))
        _write_lines(payment_id, members)
        uow.audit(PAY_ACTION, "payment", payment_id,
                  after=_recorded(receipt_no, channel, tendered, total, members))
    return PaymentReceipt(payment_id, receipt_no, region_code, region_name,
                          actor.counter, actor.username, actor.display_name or actor.username,
                          channel, tendered, change, total, "paid", now, on, tuple(members))


def _check_request(requests: tuple[MemberRequest, ...], channel: str,
                   tendered: int | None) -> None:
    if channel not in CHANNELS:
        raise DomainError(pt.PAY_UNKNOWN_CHANNEL.format(
            channel=channel, known=msg.LIST_SEPARATOR.join(CHANNELS)))
    if tendered is not None and (channel != "cash" or type(tendered) is not int
                                 or tendered < 0):
        raise DomainError(pt.PAY_TENDERED_ONLY_CASH)
    if not requests:
        raise DomainError(pt.PAY_NOTHING)
    seen = set()
    for request in requests:
        if request.person_id in seen:
            name = Person.select(Person.name).where(Person.id == request.person_id).scalar()
            raise DomainError(pt.PAY_TWICE_IN_ONE.format(name=name or request.person_id))
        seen.add(request.person_id)


def _lock_people(requests: tuple[MemberRequest, ...]) -> dict[int, Person]:
    """The household first, then its members by id ascending; one household a payment."""
    first = requests[0].person_id
    household = rows.lock_household_of(first)
    if household is None:  # the household is a foreign key: no row, no such person
        raise DomainError(msg.PERSON_NOT_FOUND.format(id=first))
    people = rows.lock_people([r.person_id for r in requests])
    for person_id in sorted(r.person_id for r in requests):
        person = people.get(person_id)
        if person is None:
            raise DomainError(msg.PERSON_NOT_FOUND.format(id=person_id))
        if person.household_id != household[0]:
            raise DomainError(pt.PAY_MIXED_HOUSEHOLDS.format(
                name=person.name, hukou_no=household[1]))
    return people


def _cash(channel: str, tendered: int | None, total: int) -> tuple[int | None, int | None]:
    """Cash: tendered ≥ total (None: the exact amount), change = tendered − total."""
    if channel != "cash":
        return None, None
    if tendered is None:
        return total, 0
    if tendered < total:
        raise DomainError(pt.PAY_TENDERED_SHORT.format(tendered=yuan(tendered),
                                                       total=yuan(total)))
    return tendered, tendered - total


def _write_lines(payment_id: int, members: list[MemberQuote]) -> None:
    # PostgreSQL: a savepoint, so the transaction can still ask who was refused
    guard = database.atomic() if is_postgres() else contextlib.nullcontext()
    try:
        with guard:
            rows.insert_lines(payment_id, members)
    except pw.IntegrityError:
        # the partial unique index: another counter paid this year since the quote
        paid = rows.paid_years_of([m.person_id for m in members])
        member, year = next(((m, x.benefit_year) for m in members for x in m.lines
                             if x.kind == "year" and x.benefit_year in paid[m.person_id]),
                            (members[0], members[0].lines[-1].benefit_year))
        raise DomainError(pt.PAY_DB_SECOND_YEAR.format(name=member.name, year=year)) from None


def _recorded(receipt_no: str, channel: str, tendered: int | None, total: int,
              members: list[MemberQuote]) -> dict:
    """The audit event's record: the money, and what the clerk was shown."""
    return {
        "receipt_no": receipt_no, "channel": channel, "tendered": tendered, "total": total,
        "members": [{
            "person_id": m.person_id, "case": m.request.case,
            "event_date": _iso(m.request.event_date), "repaid_years": m.request.repaid_years,
            "missed_years": m.missed_years, "identities": list(m.identities),
            "lines": [{"benefit_year": x.benefit_year, "kind": x.kind, "policy": x.policy,
                       "payable": x.payable, "clauses": list(x.clauses)} for x in m.lines],
        } for m in members],
    }


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None
