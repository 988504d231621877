"""Void, refund and settlement slips: their own small DTOs (filled from the contract's
ReversalView and the day's Settlement), their own layouts."""

import datetime as dt
from dataclasses import dataclass

from models.texts import printing as p
from printing import lines as ln
from printing.capitals import capitals
from printing.cells import Paper
from printing.lines import Line
from printing.slip import header, marks, money


@dataclass(frozen=True)
class ReversalSlip:
    number: str        # "…-2026-V000001" / "…-R000001"
    kind: str          # void | refund
    receipt_no: str    # the payment it reverses
    amount: int        # fen
    reason: str
    clerk_name: str
    at: dt.datetime
    region_code: str
    region_name: str
    counter: str
    qr_text: str = ""
    reprint: int = 0


def reversal_from_view(view, receipt, qr_text: str = "", reprint: int = 0) -> ReversalSlip:
    """From a ReversalView and the PaymentReceipt it belongs to (contract objects)."""
    return ReversalSlip(number=view.number, kind=view.kind, receipt_no=receipt.receipt_no,
                        amount=view.amount, reason=view.reason, clerk_name=view.clerk,
                        at=view.at, region_code=receipt.region_code,
                        region_name=receipt.region_name, counter=receipt.counter,
                        qr_text=qr_text, reprint=reprint)


def reversal_lines(slip: ReversalSlip, paper: Paper) -> list[Line]:
    out = header(p.REVERSAL_TITLES[slip.kind], slip.region_name, slip.region_code, paper)
    out += marks("", slip.reprint, paper)
    out += ln.text(p.REVERSAL_NO.format(no=slip.number), paper)
    out += ln.text(p.REVERSAL_OF.format(no=slip.receipt_no), paper)
    out += ln.text(p.REVERSAL_AT.format(at=slip.at.strftime(p.SLIP_DATETIME_FORMAT)), paper)
    out += ln.text(p.SLIP_COUNTER_CLERK.format(counter=slip.counter, clerk=slip.clerk_name),
                   paper)
    out.append(ln.rule())
    out += ln.pair(p.REVERSAL_AMOUNT[slip.kind], money(slip.amount), paper, bold=True)
    out += ln.text(p.SLIP_TOTAL_CAPITALS.format(capitals=capitals(slip.amount)), paper,
                   indent="  ", bold=True)
    out += ln.text(p.REVERSAL_REASON.format(reason=slip.reason), paper, indent="  ")
    out.append(ln.rule())
    out += ln.text(p.REVERSAL_KEEP[slip.kind], paper)
    if slip.qr_text:
        out.append(ln.qr(slip.qr_text))
        out += ln.centered(slip.qr_text, paper)
    return out


@dataclass(frozen=True)
class SettlementSlip:
    day: dt.date
    clerk_name: str
    counter: str
    region_code: str
    region_name: str
    payments: int            # count
    paid: int                # fen, all payments of the day
    voids: int
    voided: int              # fen
    refunds: int
    refunded: int            # fen
    by_channel: tuple[tuple[str, int], ...]  # (channel, net fen)
    first_receipt: str | None
    last_receipt: str | None
    reprints: int = 0
    closed_at: dt.datetime | None = None  # None: figures only, the day is still open

    @property
    def net(self) -> int:
        return self.paid - self.voided - self.refunded


def settlement_lines(slip: SettlementSlip, paper: Paper) -> list[Line]:
    out = header(p.SETTLEMENT_TITLE, slip.region_name, slip.region_code, paper)
    out += ln.text(p.SETTLEMENT_DAY.format(day=slip.day.strftime(p.SLIP_DATE_FORMAT)), paper)
    out += ln.text(p.SETTLEMENT_CLERK.format(clerk=slip.clerk_name, counter=slip.counter),
                   paper)
    if slip.closed_at is None:
        out += ln.centered(p.SETTLEMENT_OPEN, paper, bold=True)
    else:
        out += ln.text(p.SETTLEMENT_CLOSED_AT.format(
            at=slip.closed_at.strftime(p.SLIP_DATETIME_FORMAT)), paper)
    out.append(ln.rule())
    for label, count, amount in ((p.SETTLEMENT_PAYMENTS, slip.payments, slip.paid),
                                 (p.SETTLEMENT_VOIDS, slip.voids, slip.voided),
                                 (p.SETTLEMENT_REFUNDS, slip.refunds, slip.refunded)):
        out += ln.pair(p.SETTLEMENT_COUNT.format(label=label), str(count), paper)
        out += ln.pair("  " + label, money(amount), paper)
    out.append(ln.rule())
    out += ln.pair(p.SETTLEMENT_NET, money(slip.net), paper, bold=True)
    out += ln.text(p.SLIP_TOTAL_CAPITALS.format(capitals=capitals(slip.net)), paper,
                   indent="  ", bold=True)
    for channel, amount in slip.by_channel:
        label = p.SETTLEMENT_BY_CHANNEL.format(channel=p.CHANNEL_LABELS.get(channel, channel))
        out += ln.pair("  " + label, money(amount), paper)
    if slip.first_receipt:
        out += ln.text(p.SETTLEMENT_RECEIPTS.format(first=slip.first_receipt,
                                                    last=slip.last_receipt), paper,
                       indent="  ")
    out += ln.pair(p.SETTLEMENT_REPRINTS, str(slip.reprints), paper)
    out.append(ln.rule())
    out += ln.text(p.SETTLEMENT_SIGN, paper)
    return out
