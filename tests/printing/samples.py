"""Slips to print in tests: a family of four paid by cash, shaped as the payments
contract's PaymentReceipt (models/payments/paying.py) so slip_from_receipt is tried on
the very attribute names the payments code will hand it."""

import datetime as dt
from types import SimpleNamespace

from printing.other_slips import ReversalSlip, SettlementSlip
from printing.slip import slip_from_receipt

PAID_AT = dt.datetime(2026, 11, 22, 9, 41, 7)
RECEIPT_NO = "430225-01-2026-000123"


def quoted(year=2027, case="regular", gross=40000, subsidy=0, category=None, payable=40000,
           kind="year", waiting=None):
    return SimpleNamespace(
        benefit_year=year, kind=kind, case=case, policy="demo-2027", rate_kind="individual",
        gross=gross, subsidy=subsidy, subsidy_category=category, payable=payable,
        benefit_start=dt.date(year, 1, 1) if kind == "year" else None,
        benefit_end=dt.date(year, 12, 31) if kind == "year" else None,
        waiting_months=waiting, clauses=())


def member(name, id_number, birth, *lines):
    return SimpleNamespace(name=name, id_number=id_number, gender="M", birth_date=birth,
                           household_id=1, relation="head", allowed=True, reason=None,
                           lines=lines, payable=sum(q.payable for q in lines),
                           identities=(), missed_years=0)


def family_receipt(**changes):
    members = (
        member("张建国", "430225197805121234", dt.date(1978, 5, 12), quoted()),
        member("李秀英", "430225198002283526", dt.date(1980, 2, 28),
               quoted(subsidy=40000, category="extreme_poverty", payable=0)),
        member("张䶮", "430225201003150018", dt.date(2010, 3, 15),
               quoted(case="new_hukou", waiting=3),
               quoted(year=2025, kind="repaid_year", gross=38000, payable=38000)),
        member("张小𠮷", None, dt.date(2026, 10, 1), quoted(case="newborn")),
    )
    fields = dict(payment_id=7, receipt_no=RECEIPT_NO, region_code="430225",
                  region_name="湖南省株洲市炎陵县", counter="01", clerk="wang",
                  clerk_name="王小明", channel="cash", tendered=200000, change=None,
                  total=sum(m.payable for m in members), status="paid", paid_at=PAID_AT,
                  business_day=PAID_AT.date(), members=members, reversals=())
    fields.update(changes)
    if fields["tendered"] is not None and fields["change"] is None:
        fields["change"] = fields["tendered"] - fields["total"]
    return SimpleNamespace(**fields)


def family_slip(qr_text="YB:430225-01-2026-000123:0123456789ABCDEF0123", **changes):
    return slip_from_receipt(family_receipt(**changes), qr_text)


def void_slip(kind="void"):
    return ReversalSlip(number=f"430225-01-2026-{'V' if kind == 'void' else 'R'}000001",
                        kind=kind, receipt_no=RECEIPT_NO, amount=158000,
                        reason="家属记错了参保人，当场作废重缴", clerk_name="赵主任",
                        at=PAID_AT + dt.timedelta(minutes=5), region_code="430225",
                        region_name="湖南省株洲市炎陵县", counter="01")


def settlement_slip(closed=True):
    return SettlementSlip(day=PAID_AT.date(), clerk_name="王小明", counter="01",
                          region_code="430225", region_name="湖南省株洲市炎陵县",
                          payments=12, paid=456000, voids=1, voided=40000, refunds=1,
                          refunded=38000, by_channel=(("cash", 300000), ("qr", 78000)),
                          first_receipt="430225-01-2026-000112",
                          last_receipt="430225-01-2026-000123", reprints=2,
                          closed_at=PAID_AT.replace(hour=17) if closed else None)
