"""缴费明细: every payment line whose payment's business day falls in a range, with its
receipt number, status and the void or refund that reversed it; and a second sheet of
the voids and refunds made in the range. Paged by payment id (keyset), one query a page.
"""

import datetime as dt
from collections.abc import Iterator

import peewee as pw

from models.core.errors import DomainError
from models.core.schema import Household, Payment, PaymentLine, Person, Reversal
from models.reports.sheets import FEN, NUMBER, TEXT, Column, Report, Sheet, region_name
from models.rules.masking import mask_id
from models.texts import labels
from models.texts import reports as t

PAGE = 1000  # payments a query


def payments_report(start: dt.date, end: dt.date, full_ids: bool = False) -> Report:
    if start > end:
        raise DomainError(t.BAD_RANGE.format(start=start, end=end))
    region = region_name()
    span = {"region": region, "start": start.isoformat(), "end": end.isoformat()}
    totals = [0, 0, 0]
    widths = (6, 24, 19, 6, 10, 6, 14, 8, 20, 6, 12, 10, 10, 10, 8, 26)
    kinds = (NUMBER, TEXT, "plain", TEXT, "plain", "plain", TEXT, "plain", TEXT, NUMBER,
             "plain", FEN, FEN, FEN, "plain", TEXT)
    lines = Sheet(t.PAYMENTS_SHEET, t.PAYMENTS_TITLE.format(**span),
                  tuple(Column(h, w, k) for h, w, k in zip(t.PAYMENTS_HEADERS, widths, kinds,
                                                           strict=True)),
                  _lines(start, end, full_ids, totals),
                  totals_of=lambda: (None, t.TOTAL_ROW, *[None] * 9, *totals, None, None))
    reversed_total = [0]
    widths = (6, 26, 6, 24, 10, 30, 6, 10, 19)
    kinds = (NUMBER, TEXT, "plain", TEXT, FEN, "plain", TEXT, "plain", "plain")
    reversals = Sheet(t.REVERSALS_SHEET, t.REVERSALS_TITLE.format(**span),
                      tuple(Column(h, w, k) for h, w, k in zip(t.REVERSALS_HEADERS, widths,
                                                               kinds, strict=True)),
                      _reversals(start, end, reversed_total),
                      totals_of=lambda: (None, t.TOTAL_ROW, None, None, reversed_total[0],
                                         None, None, None, None))
    return Report("payments", [lines, reversals])


def _lines(start: dt.date, end: dt.date, full_ids: bool, totals: list[int]) -> Iterator[tuple]:
    n, after = 0, 0
    while True:
        page = [pid for (pid,) in Payment.select(Payment.id)
                .where(Payment.business_day >= start, Payment.business_day <= end,
                       Payment.id > after).order_by(Payment.id).limit(PAGE).tuples()]
        if not page:
            return
        after = page[-1]
        reversed_by = _reversed_by(page)
        query = (PaymentLine.select(Payment.id, Payment.receipt_no, Payment.paid_at,
                                    Payment.counter, Payment.clerk, Payment.channel,
                                    Household.hukou_no, Person.name, Person.id_number,
                                    PaymentLine.benefit_year, PaymentLine.case,
                                    PaymentLine.gross, PaymentLine.subsidy,
                                    PaymentLine.payable, PaymentLine.status)
                 .join(Payment, on=PaymentLine.payment == Payment.id)
                 .join(Person, on=PaymentLine.person == Person.id)
                 .join(Household, pw.JOIN.LEFT_OUTER, on=Payment.household == Household.id)
                 .where(PaymentLine.payment.in_(page))
                 .order_by(Payment.id, PaymentLine.id).tuples())
        for (pid, receipt, at, counter, clerk, channel, hukou_no, name, number, year, case,
             gross, subsidy, payable, status) in query:
            n += 1
            totals[0] += gross
            totals[1] += subsidy
            totals[2] += payable
            yield (n, receipt, _at(at), counter, clerk, t.CHANNELS.get(channel, channel),
                   hukou_no or "", name, (number or "") if full_ids else mask_id(number),
                   year, labels.CASE_LABELS.get(case, case), gross, subsidy, payable,
                   t.PAYMENT_STATUS.get(status, status), reversed_by.get(pid, ""))


def _reversed_by(payment_ids: list[int]) -> dict[int, str]:
    found: dict[int, list[str]] = {}
    for pid, number in (Reversal.select(Reversal.payment, Reversal.number)
                        .where(Reversal.payment.in_(payment_ids))
                        .order_by(Reversal.id).tuples()):
        found.setdefault(pid, []).append(number)
    return {pid: t.LIST_SEPARATOR.join(numbers) for pid, numbers in found.items()}


def _reversals(start: dt.date, end: dt.date, total: list[int]) -> Iterator[tuple]:
    query = (Reversal.select(Reversal.number, Reversal.kind, Payment.receipt_no,
                             Reversal.amount, Reversal.reason, Reversal.counter,
                             Reversal.clerk, Reversal.at)
             .join(Payment, on=Reversal.payment == Payment.id)
             .where(Reversal.business_day >= start, Reversal.business_day <= end)
             .order_by(Reversal.id).tuples())
    for n, (number, kind, receipt, amount, reason, counter, clerk, at) in enumerate(query, 1):
        total[0] += amount
        yield (n, number, t.REVERSAL_KINDS.get(kind, kind), receipt, amount, reason, counter,
               clerk, _at(at))


def _at(value) -> str:
    if isinstance(value, dt.datetime):
        return value.replace(microsecond=0).isoformat(sep=" ")
    return str(value or "")[:19]
