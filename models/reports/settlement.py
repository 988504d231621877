"""日结单: a clerk's day at a counter as a workbook, from models/payments/settlement's
figures (the same as `yibao settle`): the channels with a total row, cash expected, the
four agreements, and the day's roster of names paid for."""

import datetime as dt

from models.payments.settlement import settlement
from models.reports.sheets import FEN, NUMBER, TEXT, Column, Report, Sheet
from models.texts import reports as t
from models.texts import settle as settle_text


def settlement_report(clerk: str, counter: str, day: dt.date) -> Report:
    figures = settlement(clerk, counter, day)
    widths = (8, 10, 8, 12, 12, 12, 12)
    kinds = ("plain", NUMBER, NUMBER, FEN, FEN, FEN, FEN)
    rows = [(t.CHANNELS.get(c.channel, c.channel), c.receipts, c.people, c.collected,
             c.voided, c.refunded, c.net) for c in figures.channels]
    rows.append((t.TOTAL_ROW, figures.receipts, figures.people, figures.collected,
                 figures.voided, figures.refunded, figures.net))
    rows.append((t.SETTLEMENT_CASH, None, None, figures.cash_expected, None, None, None))
    for a in figures.agreements:
        holds = t.SETTLEMENT_HOLDS if a.holds else t.SETTLEMENT_FAILS
        rows.append((settle_text.AGREEMENT_LABELS.get(a.name, a.name), holds,
                     settle_text.PROBLEM_SEPARATOR.join(a.problems) if a.problems else None,
                     None, None, None, None))
    title = t.SETTLEMENT_TITLE.format(clerk=clerk, counter=counter, day=day.isoformat())
    channels = Sheet(t.SETTLEMENT_SHEET, title,
                     tuple(Column(h, w, k) for h, w, k in zip(t.SETTLEMENT_HEADERS, widths,
                                                              kinds, strict=True)), rows)
    roster_rows = [(i, r.receipt_no, r.name, r.benefit_year, r.payable)
                   for i, r in enumerate(figures.roster, 1)]
    roster = Sheet(t.SETTLEMENT_ROSTER_SHEET, title,
                   tuple(Column(h, w, k) for h, w, k in zip(
                       t.SETTLEMENT_ROSTER_HEADERS, (6, 24, 8, 6, 10),
                       (NUMBER, TEXT, "plain", NUMBER, FEN), strict=True)),
                   roster_rows, total=(None, t.TOTAL_ROW, None, None,
                                       sum(r.payable for r in figures.roster)))
    return Report("settlement", [channels, roster])
