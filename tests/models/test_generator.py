import ast
import csv
import dataclasses
import datetime as dt
import random
from collections import Counter
from pathlib import Path

import peewee as pw
import pytest
from actors import SYSTEM

from models.core.errors import DomainError
from models.core.schema import (
    AuditEvent,
    Enrollment,
    Household,
    IdentityTag,
    Payment,
    PaymentLine,
    Person,
    ReceiptCounter,
)
from models.demo import history
from models.demo.generator import DUPLICATE_KINDS, generate_county, load_settings
from models.registry.regions import load_region
from models.registry.registration import NewHousehold, register_person
from models.rules import idcard
from models.rules.person import PersonInput
from models.rules.policy import load_policy_id, policies_for_region
from models.rules.quote import quote
from models.rules.region_file import read_region_file, resolve_region_path

ROOT = Path(__file__).resolve().parents[2]
DEMO_POLICIES = ("demo-2025", "demo-2026", "demo-2027")


def paid_years():
    """Every enrollment with its payment's time and its line's status: payments are the
    truth about what is paid."""
    return (Enrollment.select(Enrollment, Payment.paid_at, PaymentLine.status)
            .join(PaymentLine, on=(PaymentLine.enrollment == Enrollment.id))
            .join(Payment, on=(PaymentLine.payment == Payment.id)).objects())


def snapshot():
    return [tuple(r) for r in Person.select(
        Person.id, Person.name, Person.id_number, Person.birth_date, Person.household,
        Person.relation, Person.phone).order_by(Person.id).tuples()]


@pytest.fixture
def region(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("yanling-2021")))


@pytest.fixture
def demo(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))


def test_exact_count_realistic_households_and_valid_ids(region, clock):
    result = generate_county(clock, SYSTEM, 4000, seed=5)
    assert result.people == Person.select().count() == 4000
    assert result.households == Household.select().count()
    # every household has exactly one head
    heads = Counter(p.household_id for p in Person.select().where(Person.relation == "self"))
    assert set(heads.values()) == {1} and len(heads) == result.households
    sizes = Counter(Counter(p.household_id for p in Person.select()).values())
    assert sizes[1] > 0 and sizes[4] > 0 and max(sizes) >= 5
    # resident numbers are valid and agree with birth date and gender
    for p in Person.select().where(Person.id_type == "resident"):
        doc = idcard.parse_id(p.id_number, clock.today())
        idcard.check_against(doc, p.birth_date, p.gender)
    assert Person.select(pw.fn.COUNT(pw.fn.DISTINCT(Person.id_number))).where(
        Person.id_type == "resident").scalar() == Person.select().where(
        Person.id_type == "resident").count()


def test_the_very_old_may_have_no_id_number(region, clock):
    settings = load_settings()
    settings["documents"]["elderly_without_id_share"] = 1.0
    generate_county(clock, SYSTEM, 3000, seed=5, settings=settings)
    very_old = Person.select().where(Person.birth_date <= dt.date(1941, 11, 22))
    assert very_old.count() > 10
    assert {p.id_type for p in very_old} == {"none"}
    assert {p.id_number for p in very_old} == {None}


def test_twins_clans_identities_history_and_phones(demo, clock):
    generate_county(clock, SYSTEM, 6000, seed=8)
    twins = (Person.select(Person.household, Person.birth_date)
             .where(Person.relation == "child")
             .group_by(Person.household, Person.birth_date)
             .having(pw.fn.COUNT(Person.id) == 2).count())
    assert twins >= 1
    # clan villages: in some village the top two surnames cover most households
    by_village = {}
    for p in (Person.select(Person.name, Household.village).join(Household)
              .where(Person.relation == "self").dicts()):
        by_village.setdefault(p["village"], Counter())[p["name"][0]] += 1
    shares = [sum(c for _, c in cnt.most_common(2)) / sum(cnt.values())
              for cnt in by_village.values() if sum(cnt.values()) > 40]
    assert max(shares) > 0.5
    categories = {t.category for t in IdentityTag.select()}
    assert {"minimum_living", "registered_poor", "severe_disability"} <= categories
    years = {e.benefit_year for e in Enrollment.select(Enrollment.benefit_year).distinct()}
    # 2027: the collection under way on the 22nd; the demo county has no policy for 2024
    assert years == {2025, 2026, 2027}
    latest = Payment.select(pw.fn.MAX(Payment.paid_at)).scalar()
    assert str(latest)[:10] <= "2026-11-22"  # nothing paid after today
    paid = Enrollment.select().where(Enrollment.benefit_year == 2026).count()
    assert 0.85 < paid / Person.select().count() < 1.0
    for e in Enrollment.select().limit(200):
        assert e.payable == e.gross - e.subsidy and isinstance(e.gross, int)
    assert Person.select().where(Person.phone.is_null(False)).count() > 1000
    assert AuditEvent.select().where(AuditEvent.action == "county.generate").count() == 1


def county_snapshot():
    people = snapshot()
    households = list(Household.select(Household.id, Household.hukou_no, Household.address)
                      .order_by(Household.id).tuples())
    tags = list(IdentityTag.select(IdentityTag.person, IdentityTag.category,
                                   IdentityTag.valid_from)
                .order_by(IdentityTag.person, IdentityTag.category).tuples())
    enrollments = list(paid_years().select(
        Enrollment.person, Enrollment.benefit_year, Enrollment.policy, Enrollment.gross,
        Enrollment.subsidy, Enrollment.payable, Enrollment.benefit_start, Payment.paid_at,
        Payment.receipt_no).order_by(Enrollment.person, Enrollment.benefit_year).tuples())
    return people, households, tags, enrollments


def test_same_seed_same_county(db_urls, tmp_path, clock):
    from models.core.db import open_database

    db_url = db_urls.app
    runs = []
    for i in range(2):
        url = (f"sqlite:///{tmp_path}/run{i}.db" if db_url.startswith("sqlite")
               else db_url)
        if i and not db_url.startswith("sqlite"):  # money is the owner's to delete
            owner = open_database(db_urls.owner)
            for table in ("payment_line", "payment", "receipt_counter", "enrollment",
                          "identity_tag", "person", "household", "target", "village",
                          "township", "region"):
                owner.execute_sql(f"DELETE FROM {table}")
            owner.close_all()
        open_database(url)
        load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
        generate_county(clock, SYSTEM, 1500, seed=42, duplicates=0.02)
        runs.append(county_snapshot())
    assert runs[0] == runs[1]
    assert all(runs[0])  # people, households, tags and enrollments all there to compare


def missed_years_before(person: Person, benefit_year: int, today: dt.date) -> int:
    """Our own count of the years skipped just before, from what the county holds."""
    paid = {e.benefit_year for e in paid_years().where(Enrollment.person == person.id)}
    missed = 0
    for year in range(benefit_year - 1, 2024, -1):  # the demo history begins with 2025
        window = load_policy_id(f"demo-{year}").window
        if person.birth_date > min(window.end, today) or year in paid:
            break
        missed += 1
    return missed


def test_history_is_priced_by_the_quote_engine_on_the_real_policy_files(demo, clock):
    generate_county(clock, SYSTEM, 4000, seed=21)
    policies = {p: load_policy_id(p) for p in DEMO_POLICIES}
    rows = list(paid_years())
    assert {e.policy for e in rows} == set(DEMO_POLICIES)
    for e in rows:
        policy = policies[e.policy]
        paid_on = e.paid_at.date()
        assert e.benefit_year == policy.benefit_year and e.status == "paid"
        assert policy.window.start <= paid_on <= min(policy.window.end, clock.today())
        assert (e.case, e.rate_kind, e.gross) == ("regular", "individual",
                                                   policy.individual_rate)
        assert e.benefit_end == policy.benefit_end
    assert Payment.select().where(Payment.paid_at > dt.datetime(2026, 11, 23)).count() == 0
    # recompute a sample, the subsidised and those who came back after a break included
    subsidised = [e for e in rows if e.subsidy]
    waiting = [e for e in rows if e.benefit_start > policies[e.policy].benefit_start]
    assert len(subsidised) > 50 and len(waiting) > 20
    sample = random.Random(1).sample(rows, 300) + subsidised[:100] + waiting[:100]
    for e in sample:
        person = Person.get_by_id(e.person_id)
        tags = [t.category for t in person.identities]
        policy = policies[e.policy]
        missed = missed_years_before(person, e.benefit_year, clock.today())
        expected = quote(policy, "regular", e.paid_at.date(),
                         identities=[t for t in tags if t in policy.subsidies],
                         missed_years=missed)
        assert expected.allowed
        assert (e.gross, e.subsidy, e.payable, e.benefit_start, e.benefit_end) == (
            expected.gross, expected.subsidy, expected.payable, expected.benefit_start,
            expected.benefit_end), (person.id, e.benefit_year, tags, missed)
        assert e.paid_at.date() >= person.birth_date


def test_the_history_is_one_payment_per_household_and_year(demo, clock):
    generate_county(clock, SYSTEM, 3000, seed=8)
    payments = list(Payment.select())
    assert payments and {p.channel for p in payments} == {"history"}
    assert {p.series for p in payments} == {"430225-00"} and {p.clerk for p in payments} == {""}
    per_year = Counter((p.household_id, p.receipt_year) for p in payments)
    assert max(per_year.values()) == 1  # history of a household: one receipt a year
    lines = list(PaymentLine.select())
    assert PaymentLine.select().count() == Enrollment.select().count()
    assert len(lines) > len(payments)  # a line per member paying
    assert {(x.kind, x.status) for x in lines} == {("year", "paid")}
    for p in payments[:200]:
        mine = [x for x in lines if x.payment_id == p.id]
        assert p.total == sum(x.payable for x in mine)
        assert {Person.get_by_id(x.person_id).household_id for x in mine} == {p.household_id}
        assert p.receipt_no == f"430225-00-{p.receipt_year}-{p.receipt_seq:06d}"
    # numbered from 1 without a gap per year, and the counter kept at the last
    for year, last in ReceiptCounter.select(ReceiptCounter.year, ReceiptCounter.last).tuples():
        seqs = sorted(p.receipt_seq for p in payments if p.receipt_year == year)
        assert seqs == list(range(1, last + 1))
    years = {p.receipt_year for p in payments}
    assert {y for (y,) in ReceiptCounter.select(ReceiptCounter.year).tuples()} == years


def test_a_year_without_a_policy_file_gets_no_history(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("lengshi-2024")))
    generate_county(clock, SYSTEM, 1500, seed=2)
    rows = list(Enrollment.select())
    assert rows and {(e.benefit_year, e.policy) for e in rows} == {(2024, "lengshi-2024")}
    assert {e.benefit_start for e in rows} == {dt.date(2024, 1, 1)}  # no waiting rules there
    assert {e.gross for e in rows} == {38000}


def test_a_region_with_no_policy_for_the_years_gets_none(region, clock):
    result = generate_county(clock, SYSTEM, 800, seed=2)  # 炎陵县: only a 2021 policy
    assert result.enrollments == Enrollment.select().count() == 0
    assert result.people == 800 and IdentityTag.select().count() == result.identities > 0


def test_payment_days_keep_to_the_days_of_month_a_policy_allows(demo, clock, monkeypatch):
    def first_to_twentieth(code, name):
        return [dataclasses.replace(p, window=dataclasses.replace(p.window, days_of_month=(1, 20)))
                for p in policies_for_region(code, name)]

    monkeypatch.setattr(history, "policies_for_region", first_to_twentieth)
    generate_county(clock, SYSTEM, 1500, seed=6)
    days = {p.paid_at.day for p in Payment.select()}
    assert days and max(days) <= 20
    assert history.payment_days(first_to_twentieth("430225", "演示县")[0], clock.today())[:3] == (
        dt.date(2024, 9, 1), dt.date(2024, 9, 2), dt.date(2024, 9, 3))


def test_a_policy_that_will_not_price_a_payment_leaves_no_county(demo, clock, monkeypatch):
    real = policies_for_region("430225", "演示县")
    broken = [dataclasses.replace(p, cases={}) if p.benefit_year == 2026 else p for p in real]
    monkeypatch.setattr(history, "policies_for_region", lambda code, name: broken)
    with pytest.raises(DomainError) as e:
        generate_county(clock, SYSTEM, 2000, seed=6)
    assert "demo-2026" in e.value.message
    assert [m.select().count() for m in (Household, Person, IdentityTag, Enrollment)] == [0] * 4
    assert AuditEvent.select().where(AuditEvent.action == "county.generate").count() == 0
    monkeypatch.undo()
    generate_county(clock, SYSTEM, 200, seed=6)  # and the database is still usable
    # the ids start afresh and an ordinary registration follows the generated ones
    assert Person.select(Person.id).order_by(Person.id).first().id == 1
    village = Household.select().first().village_id
    later = register_person(clock, SYSTEM, PersonInput("赵新民", "none", None, "M",
                                                       dt.date(1985, 3, 12), "self"),
                            new_household=NewHousehold(village), documents=("hukou_book",))
    assert later.id == 201


def test_duplicates_are_injected_with_ground_truth(region, clock, tmp_path):
    truth = tmp_path / "truth.csv"
    result = generate_county(clock, SYSTEM, 5000, seed=3, duplicates=0.02, truth_path=truth)
    rows = list(csv.DictReader(truth.open(encoding="utf-8")))
    twins = [r for r in rows if r["kind"] == "twin_non_duplicate"]
    rows = [r for r in rows if r["kind"] != "twin_non_duplicate"]
    assert len(rows) == result.duplicates == 100
    assert Person.select().count() == 5000
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == set(DUPLICATE_KINDS)
    assert max(kinds.values()) - min(kinds.values()) <= 1  # every kind as often
    for r in twins:  # two people: same household and day, neighbouring valid numbers
        a = Person.get_by_id(int(r["original_id"]))
        b = Person.get_by_id(int(r["duplicate_id"]))
        assert (a.household_id, a.birth_date) == (b.household_id, b.birth_date)
        if a.id_type == b.id_type == "resident":
            assert a.id_key[:14] == b.id_key[:14] and 0 < int(b.id_key[14:17]) - int(
                a.id_key[14:17]) < 12
    assert twins
    for r in rows:
        a = Person.get_by_id(int(r["original_id"]))
        b = Person.get_by_id(int(r["duplicate_id"]))
        assert a.gender == b.gender
        if r["kind"] == "day_month_swapped":
            assert (b.birth_date.month, b.birth_date.day) == (a.birth_date.day,
                                                               a.birth_date.month)
        else:
            assert a.birth_date == b.birth_date
        if r["kind"] in ("same_id_same_name", "old_15_digit"):
            assert a.id_key == b.id_key and a.name == b.name
        if r["kind"] == "placeholder_baby":
            assert b.placeholder and b.name.endswith("宝宝") and b.household_id == a.household_id
    # every household, the duplicates' own included, has exactly one head
    heads = Counter(p.household_id for p in Person.select().where(Person.relation == "self"))
    assert set(heads.values()) == {1} and len(heads) == Household.select().count()


def test_refusals(region, clock):
    with pytest.raises(DomainError):
        generate_county(clock, SYSTEM, 0)
    with pytest.raises(DomainError):
        generate_county(clock, SYSTEM, 10, duplicates=0.9)
    generate_county(clock, SYSTEM, 10)
    with pytest.raises(DomainError) as e:
        generate_county(clock, SYSTEM, 10)
    assert "空库" in e.value.message


def test_ages_follow_the_clock(region):
    from models.core.clock import FixedClock

    clock = FixedClock(dt.date(2030, 1, 1))
    generate_county(clock, SYSTEM, 300, seed=1)
    assert max(p.birth_date for p in Person.select()) <= dt.date(2030, 1, 1)


def test_no_chinese_text_in_the_generator_or_the_bulk_writer():
    """Names and village parts are data (fixtures/demo/generator.toml); other words live
    in models/texts. Docstrings and comments may be Chinese."""
    files = [*(ROOT / "models" / "demo").glob("*.py"),
             *(ROOT / "models" / "registry" / "bulk").glob("*.py")]
    assert len(files) >= 6
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef))
                      and node.body and isinstance(node.body[0], ast.Expr)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and id(node) not in docstrings:
                assert not any("\u3000" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef"
                               or c == "\u00b7" for c in node.value), (path.name, node.value)
