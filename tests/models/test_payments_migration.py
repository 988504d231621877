"""Migration 0007 on an upgraded database (issue 12, point 4): a 0006 database with its
history (paid enrollments, no payments) keeps every paid year as a payment of the history
series, and the counter goes on paying in it."""

from pathlib import Path

from actors import CLERK, SYSTEM
from playhouse.migrations import Runner

from models.core.db import MIGRATIONS, database, open_database
from models.core.schema import Enrollment, Payment, PaymentLine, Person, ReceiptCounter
from models.demo.generator import generate_county
from models.payments.paying import pay
from models.payments.quoting import MemberRequest
from models.registry.lookup import year_statuses
from models.registry.regions import load_region
from models.rules.policy import load_policy_id
from models.rules.region_file import read_region_file, resolve_region_path


def _close(handle):
    handle.close_all() if hasattr(handle, "close_all") else handle.close()


def test_an_upgrade_from_0006_keeps_every_paid_year_as_a_payment(db, db_urls, clock):
    owner = open_database(db_urls.owner)
    try:
        load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
        generate_county(clock, SYSTEM, 600, seed=4)
        paid = set(PaymentLine.select(PaymentLine.person, PaymentLine.benefit_year,
                                      PaymentLine.payable).tuples())
        assert len(paid) > 1000
        Runner(owner, str(MIGRATIONS)).down("0007_payments")  # a 0006 database, history kept
        tables = set(owner.get_tables())
        assert "payment" not in tables and "enrollment" in tables
        rows = owner.execute_sql("SELECT person_id, benefit_year, payable, status, paid_at "
                                 "FROM enrollment").fetchall()
        assert {(r[0], r[1], r[2]) for r in rows} == paid
        assert {r[3] for r in rows} == {"paid"} and all(r[4] for r in rows)
        owner.execute_sql(  # an unpaid row of old carried no money: it goes
            "INSERT INTO enrollment (person_id, benefit_year, policy, \"case\", rate_kind, "
            "gross, subsidy, payable, status) VALUES (1, 2024, 'demo-2025', 'regular', "
            "'individual', 1, 0, 1, 'unpaid')")
    finally:
        _close(owner)
    upgraded = open_database(db_urls.owner)  # the owner upgrades, as `yibao init` does
    try:
        applied = [r[0] for r in upgraded.execute_sql(
            "SELECT name FROM schema_migration ORDER BY id")]
        # every migration applied, 0007 among them, and the ones after it run again
        assert sorted(applied) == sorted(p.stem for p in Path(MIGRATIONS).glob("0*.py"))
        lines = list(PaymentLine.select())
        assert {(x.person_id, x.benefit_year, x.payable) for x in lines} == paid
        assert {(x.kind, x.status) for x in lines} == {("year", "paid")}
        assert all(x.enrollment_id for x in lines)
        assert Enrollment.select().count() == len(lines)  # the unpaid row is gone
        payments = list(Payment.select())
        assert {p.series for p in payments} == {"430225-00"}
        assert {p.channel for p in payments} == {"history"}
        for year in {p.receipt_year for p in payments}:
            mine = sorted((p for p in payments if p.receipt_year == year),
                          key=lambda p: p.receipt_seq)
            assert [p.receipt_seq for p in mine] == list(range(1, len(mine) + 1))
            assert [p.paid_at for p in mine] == sorted(p.paid_at for p in mine)
            assert mine[0].receipt_no == f"430225-00-{year}-000001"
            assert ReceiptCounter.get(ReceiptCounter.series == "430225-00",
                                      ReceiptCounter.year == year).last == len(mine)
        person = lines[0].person_id
        assert year_statuses([person], lines[0].benefit_year) == {person: "paid"}
    finally:
        _close(upgraded)
    database.initialize(db)
    # the counter pays on the upgraded database: ids and numbers go on from the history
    unpaid = next(p.id for p in Person.select().where(Person.status == "active")
                  .order_by(Person.id) if not year_statuses([p.id], 2027))
    receipt = pay(clock, CLERK, load_policy_id("demo-2027"),
                  [MemberRequest(unpaid, missed_years=0)], "pos")
    assert receipt.receipt_no == "430225-T1-2026-000001"
    assert Payment.get_by_id(receipt.payment_id).id > max(p.id for p in payments)
