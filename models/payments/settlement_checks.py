"""The settlement's checks: the numbers used (and any hole in their series), and the four
agreements of seed 003, 参保资金、参保人数、参保花名册、开具收据“四个一致”:

- money: the receipts' totals, the reversals' amounts and the lines they paid for tell
  the same sum (each receipt's total is its lines', each line's status its receipt's,
  each reversal the whole of its receipt, the channels add up to the day);
- headcount: the people the receipts paid for are as many as the people enrolled by them;
- roster: each paid year is on the roster (an enrollment of that person, year and
  amount), and nobody is paid twice for one year;
- receipts: the numbers are the series' own and the series has no hole (a number drawn
  is a receipt, gap-free by construction: a hole means something is wrong).
"""

from collections import Counter
from dataclasses import dataclass

import peewee as pw

from models.core.schema import Payment, ReceiptCounter, Reversal
from models.payments import receipts
from models.payments.settlement_rows import PaymentRow, ReversalRow
from models.rules.money import yuan
from models.texts import settle as t

SHOWN_MISSING = 20  # numbers named in a disagreement; the rest are counted
LINE_STATUS = {"paid": "paid", "void": "void", "refunded": "refunded"}


@dataclass(frozen=True)
class NumberRun:
    """The numbers of one kind (payment / void / refund) a clerk used in one series and
    year on the day."""
    kind: str
    series: str
    year: int
    first: str
    last: str
    count: int
    others: int  # numbers between first and last used by another clerk or day
    drawn: int  # the series' counter: the last number drawn
    highest: int  # the highest number in the series with something behind it
    missing: tuple[str, ...]  # numbers up to `drawn` with nothing behind them (first few)
    missing_count: int


@dataclass(frozen=True)
class Agreement:
    name: str  # money / headcount / roster / receipts
    holds: bool
    problems: tuple[str, ...] = ()


def number_runs(payments: list[PaymentRow], reversals: list[ReversalRow]
                ) -> tuple[NumberRun, ...]:
    groups: dict[tuple[str, str, int], list[int]] = {}
    for p in payments:
        groups.setdefault(("payment", p.series, p.receipt_year), []).append(p.receipt_seq)
    for r in reversals:
        groups.setdefault((r.kind, r.series, r.receipt_year), []).append(r.receipt_seq)
    order = {"payment": 0, "void": 1, "refund": 2}
    return tuple(_run(kind, series, year, sorted(seqs))
                 for (kind, series, year), seqs in sorted(
                     groups.items(), key=lambda g: (order.get(g[0][0], 3), g[0][1:])))


def _run(kind: str, series: str, year: int, mine: list[int]) -> NumberRun:
    if kind == "payment":
        seq, where = Payment.receipt_seq, (Payment.series == series) & (
            Payment.receipt_year == year)
    else:
        seq, where = Reversal.receipt_seq, (Reversal.series == series) & (
            Reversal.receipt_year == year) & (Reversal.kind == kind)
    drawn = (ReceiptCounter.select(ReceiptCounter.last)
             .where(ReceiptCounter.series == series, ReceiptCounter.year == year,
                    ReceiptCounter.kind == kind).scalar()) or 0
    model = seq.model
    count, highest = model.select(pw.fn.COUNT(seq), pw.fn.MAX(seq)).where(where).scalar(
        as_tuple=True)
    upto = max(drawn, highest or 0)
    first, last = mine[0], mine[-1]
    between = model.select(pw.fn.COUNT(seq)).where(where, seq >= first, seq <= last).scalar()
    missing: list[int] = []
    missing_count = 0
    if count != upto:  # a hole somewhere (or a number twice): find it
        present = {s for (s,) in model.select(seq).where(where).tuples()}
        holes = [n for n in range(1, upto + 1) if n not in present]
        missing, missing_count = holes[:SHOWN_MISSING], len(holes)
    return NumberRun(kind, series, year, _number(kind, series, year, first),
                     _number(kind, series, year, last), len(mine), between - len(mine), drawn,
                     highest or 0, tuple(_number(kind, series, year, n) for n in missing),
                     missing_count)


def _number(kind: str, series: str, year: int, seq: int) -> str:
    if kind == "payment":
        return receipts.receipt_number(series, year, seq)
    return receipts.reversal_number(series, year, kind, seq)


def agreements(payments: list[PaymentRow], reversals: list[ReversalRow],
               runs: tuple[NumberRun, ...], net: int, channels_net: int
               ) -> tuple[Agreement, ...]:
    return (_agreement("money", _money(payments, reversals, net, channels_net)),
            _agreement("headcount", _headcount(payments)),
            _agreement("roster", _roster(payments)),
            _agreement("receipts", _receipts(payments, reversals, runs)))


def _agreement(name: str, problems: list[str]) -> Agreement:
    return Agreement(name, not problems, tuple(problems))


def _money(payments: list[PaymentRow], reversals: list[ReversalRow], net: int,
           channels_net: int) -> list[str]:
    problems = []
    for p in payments:
        lines = sum(line.payable for line in p.lines)
        if lines != p.total:
            problems.append(t.MONEY_RECEIPT_LINES.format(receipt=p.receipt_no,
                                                         total=yuan(p.total), lines=yuan(lines)))
        for line in p.lines:
            if line.status != LINE_STATUS.get(p.status, p.status):
                problems.append(t.MONEY_LINE_STATUS.format(
                    receipt=p.receipt_no, status=p.status, person=line.name, line=line.status))
    for r in reversals:
        if r.amount != r.payment_total:
            problems.append(t.MONEY_REVERSAL.format(number=r.number, amount=yuan(r.amount),
                                                    receipt=r.receipt_no,
                                                    total=yuan(r.payment_total)))
    # what the lines say the drawer took, less what left it today
    kept = sum(line.payable for p in payments if p.status != "void" for line in p.lines)
    refunded = sum(r.amount for r in reversals if r.kind == "refund")
    if kept - refunded != net or channels_net != net:
        problems.append(t.MONEY_CHANNELS.format(channels=yuan(channels_net),
                                                receipts=yuan(kept - refunded)))
    return problems


def _paid_years(payments: list[PaymentRow]):
    return [(p, line) for p in payments if p.status == "paid" for line in p.lines
            if line.status == "paid" and line.kind == "year"]


def _headcount(payments: list[PaymentRow]) -> list[str]:
    years = _paid_years(payments)
    on_receipts = {line.person_id for _, line in years}
    enrolled = {line.enrollment_person for _, line in years if line.enrollment_id is not None}
    if len(on_receipts) != len(enrolled):
        return [t.HEADCOUNT_DIFFERS.format(lines=len(on_receipts), roster=len(enrolled))]
    return []


def _roster(payments: list[PaymentRow]) -> list[str]:
    problems = []
    years = _paid_years(payments)
    for p, line in years:
        where = {"receipt": p.receipt_no, "person": line.name, "year": line.benefit_year}
        if line.enrollment_id is None:
            problems.append(t.ROSTER_NO_ENROLLMENT.format(**where))
        elif (line.enrollment_person, line.enrollment_year, line.enrollment_payable) != (
                line.person_id, line.benefit_year, line.payable):
            problems.append(t.ROSTER_MISMATCH.format(**where))
    twice = Counter((line.person_id, line.benefit_year) for _, line in years)
    names = {(line.person_id, line.benefit_year): line.name for _, line in years}
    problems += [t.ROSTER_TWICE.format(person=names[key], year=key[1])
                 for key, n in twice.items() if n > 1]
    return problems


def _receipts(payments: list[PaymentRow], reversals: list[ReversalRow],
              runs: tuple[NumberRun, ...]) -> list[str]:
    problems = [t.RECEIPTS_BAD_NUMBER.format(receipt=p.receipt_no) for p in payments
                if p.receipt_no != receipts.receipt_number(p.series, p.receipt_year,
                                                           p.receipt_seq)]
    problems += [t.RECEIPTS_BAD_NUMBER.format(receipt=r.number) for r in reversals
                 if r.number != receipts.reversal_number(r.series, r.receipt_year, r.kind,
                                                         r.receipt_seq)]
    for run in runs:
        if run.missing_count:
            numbers = t.PROBLEM_SEPARATOR.join(run.missing)
            if run.missing_count > len(run.missing):
                numbers += t.RECEIPTS_MORE.format(count=run.missing_count)
            problems.append(t.RECEIPTS_MISSING.format(series=run.series, year=run.year,
                                                      numbers=numbers))
        if run.drawn < run.highest:
            problems.append(t.RECEIPTS_BEYOND.format(series=run.series, year=run.year,
                                                     drawn=run.drawn, last=run.last))
    return problems

