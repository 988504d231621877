"""A day's settlement as lines of text: `yibao settle` prints them, the counter's
settlement screen shows them."""

from models.payments import settlement as settle
from models.rules.money import yuan
from models.texts import printing as pt
from models.texts import settle as t


def text_lines(s: settle.Settlement) -> list[str]:
    lines = [t.SCREEN_TITLE.format(clerk=s.clerk, counter=s.counter, day=s.day.isoformat()),
             t.LINE_TOTALS.format(receipts=s.receipts, valid=s.valid, people=s.people,
                                  net=yuan(s.net), cash=yuan(s.cash_expected)),
             t.SETTLE_CLOSED.format(at=s.closed_at.strftime("%Y-%m-%d %H:%M"), by=s.closed_by)
             if s.closed_at else t.SETTLE_OPEN, pt.SETTLE_REPRINTS_LINE.format(count=s.reprints),
             "", t.HEADING_CHANNELS]
    lines += [t.LINE_CHANNEL.format(
        channel=t.CHANNEL_LABELS.get(c.channel, c.channel), receipts=c.receipts,
        people=c.people, collected=yuan(c.collected), voided=yuan(c.voided),
        refunded=yuan(c.refunded), net=yuan(c.net)) for c in s.channels]
    lines += ["", t.HEADING_RECEIPTS]
    lines += [t.LINE_RUN.format(
        kind=t.NUMBER_KIND_LABELS[r.kind], series=r.series, year=r.year, first=r.first,
        last=r.last, count=r.count,
        others=t.LINE_RUN_OTHERS.format(count=r.others) if r.others else "",
        missing=t.LINE_RUN_GAP.format(count=r.missing_count) if r.missing_count
        else t.LINE_RUN_NO_GAP) for r in s.runs] or [t.LINE_RUN_NONE]
    lines += ["", t.HEADING_REVERSALS]
    lines += [t.LINE_REVERSAL.format(kind=t.REVERSAL_LABELS.get(r.kind, r.kind),
                                     number=r.number, receipt=r.receipt_no,
                                     amount=yuan(r.amount), reason=r.reason)
              for r in (*s.voids, *s.refunds)] or [t.LINE_NO_REVERSALS]
    lines += ["", t.HEADING_AGREEMENTS]
    lines += [t.LINE_AGREES.format(name=t.AGREEMENT_LABELS[a.name]) if a.holds
              else t.LINE_DISAGREES.format(name=t.AGREEMENT_LABELS[a.name],
                                           problems=t.PROBLEM_SEPARATOR.join(a.problems))
              for a in s.agreements]
    return lines
