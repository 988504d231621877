"""The daily settlement (日结) of one clerk at one counter: what came in, by channel; the
receipt numbers used and whether the series has a hole; voids and refunds; the cash the
drawer should hold; and the four agreements of seed 003 (参保资金、参保人数、参保花名册、
开具收据“四个一致”), each checked and any disagreement said.

Whose is what: a payment belongs to the clerk, counter and business day it was taken on;
a void to the payment it voids (the money goes back out of the drawer that took it, and
a void is same-day only); a refund to the clerk, counter and day that pays it out (a
refund may be of a payment from any earlier day).

Closing the day (close_day) holds the counter's receipt series first (receipts.hold), so
no payment, void or refund of the series commits while the figures are taken; then the
figures, a DayClose row keeping them as JSON and one audit event, in one transaction.
From then on receipts.require_open_day refuses anything more for that day.
"""

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field

from models.core.actor import Actor
from models.core.clock import Clock
from models.core.db import database, read_snapshot
from models.core.errors import DomainError
from models.core.schema import Clerk, DayClose, Payment, PrintJob
from models.core.unit_of_work import retry_on_conflict, unit_of_work
from models.payments import receipts
from models.payments.settlement_checks import Agreement, NumberRun, agreements, number_runs
from models.payments.settlement_rows import (
    PaymentRow,
    ReversalRow,
    RosterRow,
    day_payments,
    day_reversals,
)
from models.registry.regions import current_region
from models.rules.money import FEN
from models.texts import settle as t

CHANNELS = ("cash", "pos", "qr", "other")
CLOSE_ACTION = "day.close"


@dataclass(frozen=True)
class ChannelFigures:
    channel: str
    receipts: int  # receipts issued in this channel today, whatever became of them
    people: int  # people on those still paid
    collected: int = field(metadata=FEN)  # every receipt issued
    voided: int = field(metadata=FEN)
    refunded: int = field(metadata=FEN)
    net: int = field(metadata=FEN)  # collected - voided - refunded


@dataclass(frozen=True)
class ReversalLine:
    number: str
    kind: str  # void / refund
    receipt_no: str
    channel: str
    amount: int = field(metadata=FEN)
    reason: str = ""
    clerk: str = ""
    at: dt.datetime | None = None


@dataclass(frozen=True)
class Settlement:
    clerk: str
    counter: str
    day: dt.date
    receipts: int  # issued today, whatever their status now
    valid: int  # of those, still paid
    people: int  # distinct people on the receipts still paid
    collected: int = field(metadata=FEN)
    voided: int = field(metadata=FEN)
    refunded: int = field(metadata=FEN)
    net: int = field(metadata=FEN)
    cash_expected: int = field(metadata=FEN)
    channels: tuple[ChannelFigures, ...] = ()
    runs: tuple[NumberRun, ...] = ()  # receipt numbers, then void and refund numbers
    voids: tuple[ReversalLine, ...] = ()
    refunds: tuple[ReversalLine, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    roster: tuple[RosterRow, ...] = ()  # the names paid for on the receipts still paid
    closed_at: dt.datetime | None = None
    closed_by: str | None = None
    reprints: int = 0  # slips printed again (补打) by the clerk at the counter that day

    @property
    def agreed(self) -> bool:
        return all(a.holds for a in self.agreements)

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def summary(self) -> dict:
        """The figures as JSON's own types (amounts in fen): what DayClose keeps."""
        return _jsonable(self)


def settlement(clerk: str, counter: str, day: dt.date) -> Settlement:
    """The day's figures as they stand (read only; a closed day's too), read from one
    consistent state: a payment committing meanwhile is in all of them or in none."""
    if database.in_transaction():  # close_day's, the series held
        return _read(clerk, counter, day)
    with read_snapshot():
        return _read(clerk, counter, day)


def _read(clerk: str, counter: str, day: dt.date) -> Settlement:
    payments = day_payments(clerk, counter, day)
    voids, refunds = day_reversals(clerk, counter, day)
    closed = (DayClose.select(DayClose.closed_at, DayClose.closed_by)
              .where(DayClose.clerk == clerk, DayClose.counter == counter,
                     DayClose.day == day).first())
    figures = _figures(clerk, counter, day, payments, voids, refunds,
                       closed.closed_at if closed else None,
                       closed.closed_by if closed else None)
    return dataclasses.replace(figures, reprints=_reprints(clerk, counter, day))


def _reprints(clerk: str, counter: str, day: dt.date) -> int:
    return (PrintJob.select().where(PrintJob.clerk == clerk, PrintJob.counter == counter,
                                    PrintJob.business_day == day, PrintJob.reprint > 0)
            .count())


@retry_on_conflict
def close_day(clock: Clock, actor: Actor, clerk: str, counter: str, day: dt.date) -> Settlement:
    """Close the clerk's day at the counter: nothing more lands in it. A clerk closes their
    own day; a supervisor or above anyone's. A day with disagreements still closes (the
    day's money is in the drawer either way): they are kept in the summary and the audit
    event, for whoever looks into them."""
    if actor.username != clerk and not actor.at_least("supervisor"):
        raise DomainError(t.CLOSE_NOT_YOURS.format(clerk=clerk))
    if day > clock.today():
        raise DomainError(t.CLOSE_FUTURE.format(day=day.isoformat()))
    region = current_region()
    if region is None:
        raise DomainError(t.CLOSE_NO_REGION)
    with unit_of_work(clock, actor) as uow:
        receipts.hold(receipts.series_for(region.code, counter), day.year)
        _refuse_closed(clerk, counter, day)
        if not Clerk.select().where(Clerk.username == clerk).exists() \
                and not Payment.select().where(Payment.clerk == clerk).exists():
            raise DomainError(t.CLERK_UNKNOWN.format(clerk=clerk))
        now = clock.now()
        figures = dataclasses.replace(settlement(clerk, counter, day), closed_at=now,
                                      closed_by=actor.username)
        summary = figures.summary()
        # the event first: the app role may insert a day_close row, never change it
        seq = uow.audit(CLOSE_ACTION, "day_close", f"{clerk}/{counter}/{day.isoformat()}",
                        after=_audited(summary))
        DayClose.create(clerk=clerk, counter=counter, day=day, closed_at=now,
                        closed_by=actor.username, audit_seq=seq,
                        summary=json.dumps(summary, ensure_ascii=False, sort_keys=True))
    return figures


def closed_summary(clerk: str, counter: str, day: dt.date) -> dict | None:
    """The figures as they were kept when the day was closed; None if it is open."""
    row = (DayClose.select(DayClose.summary)
           .where(DayClose.clerk == clerk, DayClose.counter == counter, DayClose.day == day)
           .first())
    return json.loads(row.summary) if row and row.summary else None


def _refuse_closed(clerk: str, counter: str, day: dt.date) -> None:
    row = (DayClose.select().where(DayClose.clerk == clerk, DayClose.counter == counter,
                                   DayClose.day == day).first())
    if row is not None:
        raise DomainError(t.CLOSE_ALREADY.format(
            clerk=clerk, counter=counter, day=day.isoformat(),
            at=row.closed_at.strftime("%Y-%m-%d %H:%M"), by=row.closed_by))


def _figures(clerk: str, counter: str, day: dt.date, payments: list[PaymentRow],
             voids: list[ReversalRow], refunds: list[ReversalRow],
             closed_at: dt.datetime | None, closed_by: str | None) -> Settlement:
    valid = [p for p in payments if p.status == "paid"]
    channels = tuple(_channel(c, payments, voids, refunds)
                     for c in _channels_seen(payments, refunds))
    collected = sum(p.total for p in payments)
    voided = sum(r.amount for r in voids)
    refunded = sum(r.amount for r in refunds)
    cash = next((c.net for c in channels if c.channel == "cash"), 0)
    roster = tuple(row for p in valid for row in p.roster)
    runs = number_runs(payments, voids + refunds)
    net = collected - voided - refunded
    return Settlement(
        clerk=clerk, counter=counter, day=day, receipts=len(payments), valid=len(valid),
        people=len({r.person_id for r in roster}), collected=collected, voided=voided,
        refunded=refunded, net=net, cash_expected=cash, channels=channels, runs=runs,
        voids=tuple(_reversal(r) for r in voids), refunds=tuple(_reversal(r) for r in refunds),
        agreements=agreements(payments, voids + refunds, runs, net,
                              sum(c.net for c in channels)),
        roster=roster, closed_at=closed_at, closed_by=closed_by)


def _channels_seen(payments: list[PaymentRow], refunds: list[ReversalRow]) -> list[str]:
    seen = {p.channel for p in payments} | {r.channel for r in refunds}
    return [c for c in CHANNELS if c in seen] + sorted(seen - set(CHANNELS))


def _channel(channel: str, payments: list[PaymentRow], voids: list[ReversalRow],
             refunds: list[ReversalRow]) -> ChannelFigures:
    mine = [p for p in payments if p.channel == channel]
    collected = sum(p.total for p in mine)
    voided = sum(r.amount for r in voids if r.channel == channel)
    refunded = sum(r.amount for r in refunds if r.channel == channel)
    people = {row.person_id for p in mine if p.status == "paid" for row in p.roster}
    return ChannelFigures(channel, len(mine), len(people), collected, voided, refunded,
                          collected - voided - refunded)


def _reversal(row: ReversalRow) -> ReversalLine:
    return ReversalLine(row.number, row.kind, row.receipt_no, row.channel, row.amount,
                        row.reason, row.clerk, row.at)


def _jsonable(value):
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def _audited(summary: dict) -> dict:
    """The audit event's share of the summary: the figures, not the roster's names."""
    return {k: v for k, v in summary.items() if k not in ("roster",)}
