"""Paying at the counter (issue 12, points 2-4): one family, one receipt, one transaction;
payments are the truth; numbers drawn gap-free inside the paying transaction."""

import datetime as dt

import peewee as pw
import pytest
from actors import CLERK, CLERK_B, SYSTEM
from payments_helpers import RATE, D, family_of_four, newborn, policy

from models.core.clock import FixedClock
from models.core.db import database
from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    DayClose,
    Enrollment,
    Payment,
    PaymentLine,
    Person,
    ReceiptCounter,
)
from models.core.unit_of_work import unit_of_work
from models.payments import receipts
from models.payments.paying import pay, payment_by_receipt, payments_of_person
from models.payments.quoting import MemberRequest, members_to_pay
from models.registry.bulk import BulkWriter, HouseholdRow, PersonRow


def counts():
    return [m.select().count() for m in (Payment, PaymentLine, Enrollment, AuditEvent)]


def test_a_family_of_four_pays_on_one_receipt(region, clock):
    ids = family_of_four(clock, region)
    requests = [MemberRequest(i, missed_years=0) for i in ids.values()]
    receipt = pay(clock, CLERK, policy(), requests, "cash", tendered=200000)
    assert receipt.receipt_no == "430225-T1-2026-000001"
    assert receipt.total == 3 * RATE + 12000 and receipt.change == 200000 - receipt.total
    assert receipt.status == "paid" and receipt.business_day == clock.today()
    assert [m.name for m in receipt.members] == list(ids)
    row = Payment.get()
    assert (row.total, row.tendered, row.channel, row.clerk, row.counter) == \
        (receipt.total, 200000, "cash", "li", "T1")
    lines = list(PaymentLine.select().order_by(PaymentLine.id))
    assert len(lines) == 4 and all(x.status == "paid" and x.kind == "year" for x in lines)
    wife = next(x for x in lines if x.person_id == ids["李秀英"])
    assert (wife.subsidy, wife.subsidy_category, wife.payable) == (28000, "minimum_living",
                                                                   12000)
    assert wife.enrollment.subsidy_category == "minimum_living"
    event = AuditEvent.get(AuditEvent.seq == row.audit_seq)
    assert event.action == "payment.pay" and event.entity_id == str(row.id)
    again = payment_by_receipt(receipt.receipt_no)
    assert again.total == receipt.total and again.change == receipt.change
    assert [m.name for m in again.members] == list(ids)
    assert again.members[1].lines[-1].clauses == receipt.members[1].lines[-1].clauses
    assert again.members[1].identities == ("minimum_living",)
    # the year is now paid: a second payment is refused, and the quote says so
    listed = members_to_pay(ids["王建国"], clock.today(), policy())
    assert not any(q.allowed for q in listed)
    assert "已缴费" in listed[0].reason and receipt.receipt_no in listed[0].reason
    with pytest.raises(DomainError, match=r"王建国.*已缴费"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")


def test_a_newborn_pays_two_years_on_one_receipt(region):
    clock = FixedClock(dt.date(2026, 12, 1))
    ids = family_of_four(clock, region)
    baby = newborn(clock, Person.get_by_id(ids["王建国"]).household_id, D("2026-11-20"))
    receipt = pay(clock, CLERK, policy(), [MemberRequest(baby, "newborn")], "qr")
    assert receipt.total == 2 * RATE and receipt.tendered is None
    years = (Enrollment.select(Enrollment.benefit_year, Enrollment.policy, Enrollment.benefit_start)
             .order_by(Enrollment.benefit_year).tuples())
    assert list(years) == [(2026, "demo-2026", D("2026-11-20")), (2027, "demo-2027",
                                                                   D("2027-01-01"))]
    assert PaymentLine.select().where(PaymentLine.payment == receipt.payment_id).count() == 2
    (mine,) = payments_of_person(baby)
    assert [x.benefit_year for x in mine.members[0].lines] == [2026, 2027]


def test_a_late_enrollment_pays_its_repaid_year_as_a_line(region, clock):
    ids = family_of_four(clock, region)
    receipt = pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"], repaid_years=1)], "pos")
    lines = list(PaymentLine.select().order_by(PaymentLine.benefit_year))
    assert [(x.benefit_year, x.kind, x.enrollment_id is None) for x in lines] == [
        (2026, "repaid_year", True), (2027, "year", False)]
    assert receipt.total == 2 * RATE and receipt.members[0].missed_years == 2
    assert Enrollment.get().waiting_months == 3
    again = payment_by_receipt(receipt.receipt_no).members[0]
    assert again.request.repaid_years == 1 and again.lines[0].policy == "demo-2027"


def test_a_refused_member_means_nothing_is_paid(region, clock):
    ids = family_of_four(clock, region)
    head = Person.get_by_id(ids["王建国"])
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        second = writer.add_person(PersonRow(head.household_id, "王建国", "resident",
                                             head.id_number, "M", dt.date(1980, 1, 1), "child"))
    before = counts()
    with pytest.raises(DomainError, match="待合并") as refused:
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"]), MemberRequest(second)], "cash")
    assert "王建国" in str(refused.value)
    with pytest.raises(DomainError, match="少于应收"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "cash", tendered=100)
    with pytest.raises(DomainError, match="缴费方式"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "alipay")
    with pytest.raises(DomainError, match="现金"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos", tendered=100)
    assert counts() == before and not ReceiptCounter.select().exists()


def test_members_of_two_households_are_two_payments(region, clock):
    ids = family_of_four(clock, region)
    with unit_of_work(clock, SYSTEM) as uow, BulkWriter(uow) as writer:
        other = writer.add_person(PersonRow(writer.add_household(HouseholdRow(region)), "陈强",
                                            "none", None, "M", dt.date(1990, 1, 1), "self"))
    with pytest.raises(DomainError, match="陈强"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"]), MemberRequest(other)], "pos")


def test_the_database_itself_refuses_a_second_paid_year(region, clock):
    ids = family_of_four(clock, region)
    receipt = pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")
    with pytest.raises(pw.IntegrityError), database.atomic():
        database.execute_sql(
            "INSERT INTO payment_line (payment_id, person_id, benefit_year, kind, \"case\", "
            "gross, subsidy, payable, status) VALUES (%s, %s, 2027, 'year', 'regular', 1, 0, "
            "1, 'paid')".replace("%s", database.param), (receipt.payment_id, ids["王建国"]))
    # a void line for the same year is no second paid year
    with database.atomic():
        database.execute_sql(
            "INSERT INTO payment_line (payment_id, person_id, benefit_year, kind, \"case\", "
            "gross, subsidy, payable, status) VALUES (%s, %s, 2027, 'year', 'regular', 1, 0, "
            "1, 'void')".replace("%s", database.param), (receipt.payment_id, ids["王建国"]))


def test_the_service_says_the_database_refusal_in_words(region, clock, monkeypatch):
    """Two counters racing past the quote's check: the index refuses the second."""
    ids = family_of_four(clock, region)
    pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")
    from models.payments import paying
    monkeypatch.setattr(paying, "paid_years_of",
                        lambda person_ids, lock=False: {i: {} for i in person_ids})
    before = counts()
    with pytest.raises(DomainError, match="数据库拒绝重复缴费"):
        pay(clock, CLERK_B, policy(), [MemberRequest(ids["王建国"])], "pos")
    assert counts() == before


def test_a_rolled_back_payment_leaves_no_gap(region, clock):
    ids = family_of_four(clock, region)
    DayClose.create(clerk="li", counter="T1", day=clock.today(), closed_at=clock.now(),
                    closed_by="zhao")
    with pytest.raises(DomainError, match="已日结"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")
    assert not ReceiptCounter.select().where(ReceiptCounter.last > 0).exists()
    other = dataclass_replace(CLERK, username="li2")
    first = pay(clock, other, policy(), [MemberRequest(ids["王建国"])], "pos")
    second = pay(clock, other, policy(), [MemberRequest(ids["李秀英"])], "pos")
    assert (first.receipt_no, second.receipt_no) == ("430225-T1-2026-000001",
                                                     "430225-T1-2026-000002")
    b = pay(clock, CLERK_B, policy(), [MemberRequest(ids["王小明"])], "pos")
    assert b.receipt_no == "430225-T2-2026-000001"  # per counter


def test_receipt_numbers_and_hold(region, clock):
    assert receipts.series_for("430225", "01") == "430225-01"
    assert receipts.receipt_number("430225-01", 2026, 123) == "430225-01-2026-000123"
    assert receipts.reversal_number("430225-01", 2026, "void", 1) == "430225-01-2026-V000001"
    assert receipts.reversal_number("430225-01", 2026, "refund", 7) == "430225-01-2026-R000007"
    with unit_of_work(clock, CLERK):
        receipts.hold("430225-01", 2026)
        assert receipts.draw("430225-01", 2026, "void") == 1
        assert receipts.draw("430225-01", 2026, "void") == 2
    kinds = dict(ReceiptCounter.select(ReceiptCounter.kind, ReceiptCounter.last).tuples())
    assert kinds == {"payment": 0, "void": 2, "refund": 0}


def dataclass_replace(actor, **changes):
    import dataclasses
    return dataclasses.replace(actor, **changes)


def test_a_key_swapped_between_payments_refuses_the_next_and_writes_nothing(
        region, clock, tmp_path, monkeypatch):
    """The key is checked against the database's meta at every payment (once for its
    transaction), not once a process: the next payment under another key is refused."""
    import os

    ids = family_of_four(clock, region)
    pay(clock, CLERK, policy(), [MemberRequest(ids["王建国"])], "pos")
    before = counts()
    other = tmp_path / "other.key"
    other.write_bytes(os.urandom(32))
    monkeypatch.setenv("YIBAO_AUDIT_KEY", str(other))
    with pytest.raises(DomainError, match="审计密钥与本数据库不符"):
        pay(clock, CLERK, policy(), [MemberRequest(ids["李秀英"])], "pos")
    assert counts() == before
    assert not ReceiptCounter.select().where(ReceiptCounter.last > 1).exists()
