import csv
import datetime as dt
from collections import Counter

import peewee as pw
import pytest
from actors import SYSTEM

from models.core.errors import DomainError
from models.core.schema import AuditEvent, Enrollment, Household, IdentityTag, Person
from models.demo.generator import generate_county
from models.registry.regions import load_region
from models.rules import idcard
from models.rules.region_file import read_region_file, resolve_region_path


def snapshot():
    return [tuple(r) for r in Person.select(
        Person.id, Person.name, Person.id_number, Person.birth_date, Person.household,
        Person.relation, Person.phone).order_by(Person.id).tuples()]


@pytest.fixture
def region(db, clock):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("yanling-2021")))


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
    assert Person.select().where(Person.id_type == "none").count() >= 1  # elderly without one
    assert Person.select(pw.fn.COUNT(pw.fn.DISTINCT(Person.id_number))).where(
        Person.id_type == "resident").scalar() == Person.select().where(
        Person.id_type == "resident").count()


def test_twins_clans_identities_history_and_phones(region, clock):
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
    assert years == {2024, 2025, 2026, 2027}  # 2027: the collection under way on the 22nd
    latest = Enrollment.select(pw.fn.MAX(Enrollment.paid_at)).scalar()
    assert str(latest)[:10] <= "2026-11-22"  # nothing paid after today
    paid = Enrollment.select().where(Enrollment.benefit_year == 2026).count()
    assert 0.85 < paid / Person.select().count() < 1.0
    for e in Enrollment.select().limit(200):
        assert e.payable == e.gross - e.subsidy and isinstance(e.gross, int)
    assert Person.select().where(Person.phone.is_null(False)).count() > 1000
    assert AuditEvent.select().where(AuditEvent.action == "county.generate").count() == 1


def test_same_seed_same_county(db_url, tmp_path, clock):
    from models.core.db import open_database

    runs = []
    for i in range(2):
        url = (f"sqlite:///{tmp_path}/run{i}.db" if db_url.startswith("sqlite")
               else db_url)
        db = open_database(url)
        if i and not db_url.startswith("sqlite"):
            for table in ("enrollment", "identity_tag", "person", "household", "target", "village",
                          "township", "region"):
                db.execute_sql(f"DELETE FROM {table}")
        load_region(clock, SYSTEM, read_region_file(resolve_region_path("chaqi-2021")))
        generate_county(clock, SYSTEM, 1500, seed=42)
        runs.append(snapshot())
    assert runs[0] == runs[1]


def test_duplicates_are_injected_with_ground_truth(region, clock, tmp_path):
    truth = tmp_path / "truth.csv"
    result = generate_county(clock, SYSTEM, 5000, seed=3, duplicates=0.02, truth_path=truth)
    rows = list(csv.DictReader(truth.open(encoding="utf-8")))
    assert len(rows) == result.duplicates == 100
    assert Person.select().count() == 5000
    kinds = Counter(r["kind"] for r in rows)
    assert set(kinds) == {"same_id_same_name", "same_id_other_name", "old_15_digit",
                          "mistyped_id", "no_id", "placeholder_baby"}
    for r in rows:
        a = Person.get_by_id(int(r["original_id"]))
        b = Person.get_by_id(int(r["duplicate_id"]))
        assert a.birth_date == b.birth_date and a.gender == b.gender
        if r["kind"] in ("same_id_same_name", "old_15_digit"):
            assert a.id_key == b.id_key and a.name == b.name
        if r["kind"] == "placeholder_baby":
            assert b.placeholder and b.name.endswith("宝宝") and b.household_id == a.household_id


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
