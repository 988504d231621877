"""Payments written as rows, as pay() leaves them, for the settlement's tests: each
figure and each disagreement can then be set up exactly (a receipt whose lines do not
add up, a hole in the series), which the real services never make."""

import datetime as dt

from stdnum.cn import ric

from models.core.db import database
from models.core.schema import Enrollment, Payment, PaymentLine, ReceiptCounter, Reversal
from models.payments import receipts
from models.registry.registration import NewHousehold, register_person
from models.rules.person import PersonInput

SERIES = "430225-T1"
DOCS = ("id_card", "hukou_book")
GAN = "甲乙丙丁戊己庚辛壬癸"


def resident_id(birth: str, seq: int, region: str = "430225") -> str:
    body = f"{region}{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def household(clock, actor, village_id: int, size: int, seq: int = 1) -> list[int]:
    """A household of `size` registered people (head first); their person ids. `seq`
    keeps the ID numbers of several households apart."""
    births = ["19700101", "19720202", "19990303", "20010404", "20050505", "20080808"]
    ids: list[int] = []
    hh = None
    for n in range(size):
        number = resident_id(births[n % len(births)], seq * 10 + n // len(births))
        name = "王" + GAN[seq // 10 % 10] + GAN[seq % 10] + GAN[n % 10]
        entered = PersonInput(name=name, relation="self" if n == 0 else "child",
                              id_type="resident", id_number=number, gender=None,
                              birth_date=None, phone=None, placeholder=False)
        where = {"household_id": hh} if hh else {
            "new_household": NewHousehold(village_id, f"{seq}组")}
        row = register_person(clock, actor, entered, documents=DOCS, **where)
        hh = row.household.id
        ids.append(row.id)
    return ids


def paid(clerk: str, day: dt.date, people: list[tuple[int, int]], *, channel: str = "cash",
         counter: str = "T1", series: str = SERIES, seq: int | None = None,
         total: int | None = None, year: int = 2027, draw: bool = True) -> Payment:
    """One receipt for `people` [(person_id, payable fen)], paying `year` for each."""
    with database.atomic():
        if seq is None:
            seq = receipts.draw(series, day.year, "payment")
        elif draw:
            _counter_at_least(series, day.year, "payment", seq)
        payment = Payment.create(
            receipt_no=receipts.receipt_number(series, day.year, seq), series=series,
            receipt_year=day.year, receipt_seq=seq, counter=counter, clerk=clerk,
            channel=channel, tendered=None,
            total=sum(fen for _, fen in people) if total is None else total, status="paid",
            paid_at=dt.datetime.combine(day, dt.time(9, 30)), business_day=day)
        for person_id, fen in people:
            enrollment = Enrollment.create(person=person_id, benefit_year=year,
                                           policy="demo-2027", gross=fen, payable=fen)
            PaymentLine.create(payment=payment, person=person_id, enrollment=enrollment,
                               benefit_year=year, gross=fen, payable=fen, status="paid")
    return payment


def reversed_(payment: Payment, kind: str, clerk: str, day: dt.date, *, counter: str = "T1",
              series: str = SERIES, reason: str = "") -> Reversal:
    """A void or refund of the whole payment; the payment and its lines take its status."""
    status = "void" if kind == "void" else "refunded"
    with database.atomic():
        seq = receipts.draw(series, day.year, kind)
        row = Reversal.create(
            number=receipts.reversal_number(series, day.year, kind, seq), kind=kind,
            series=series, receipt_year=day.year, receipt_seq=seq, payment=payment,
            amount=payment.total, reason=reason, counter=counter, clerk=clerk,
            at=dt.datetime.combine(day, dt.time(15, 0)), business_day=day)
        Payment.update(status=status).where(Payment.id == payment.id).execute()
        PaymentLine.update(status=status).where(PaymentLine.payment == payment.id).execute()
    return row


def _counter_at_least(series: str, year: int, kind: str, seq: int) -> None:
    row = ReceiptCounter.get_or_none(series=series, year=year, kind=kind)
    if row is None:
        ReceiptCounter.create(series=series, year=year, kind=kind, last=seq)
    elif row.last < seq:
        ReceiptCounter.update(last=seq).where(ReceiptCounter.id == row.id).execute()
