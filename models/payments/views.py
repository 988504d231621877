"""What a payment looks like to the counter, the slip (issue 13) and `yibao pay --json`:
frozen values, never Peewee rows."""

import datetime as dt
from dataclasses import dataclass, field

from models.payments.quoting import MemberQuote
from models.rules.money import FEN


@dataclass(frozen=True)
class ReversalView:
    number: str  # 430225-01-2026-V000001 / …-R000001
    kind: str  # void / refund
    amount: int = field(metadata=FEN)
    reason: str
    clerk: str  # username
    at: dt.datetime


@dataclass(frozen=True)
class PaymentReceipt:
    payment_id: int
    receipt_no: str
    region_code: str
    region_name: str
    counter: str
    clerk: str  # username ("" for history)
    clerk_name: str  # display name
    channel: str  # cash / pos / qr / other / history
    tendered: int | None = field(metadata=FEN)  # cash only
    change: int | None = field(metadata=FEN)
    total: int = field(metadata=FEN)
    status: str  # paid / void / refunded
    paid_at: dt.datetime
    business_day: dt.date
    members: tuple[MemberQuote, ...]  # as paid (allowed ones only)
    reversals: tuple[ReversalView, ...] = ()
