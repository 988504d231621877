import csv

import pytest
from actors import SYSTEM

from models.core.errors import DomainError
from models.core.schema import Household, Person
from models.demo.generator import generate_county
from models.registry.lookup import classify, lookup
from models.registry.regions import load_region
from models.rules.region_file import read_region_file, resolve_region_path


@pytest.fixture
def county(db, clock, tmp_path):
    load_region(clock, SYSTEM, read_region_file(resolve_region_path("demo")))
    truth = tmp_path / "truth.csv"
    generate_county(clock, SYSTEM, 3000, seed=11, duplicates=0.03, truth_path=truth)
    with open(truth, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def resident(**where):
    query = Person.select().where(Person.id_type == "resident", Person.status == "active")
    for key, value in where.items():
        query = query.where(getattr(Person, key) == value)
    return query.order_by(Person.id).first()


def test_by_full_id_exact_record_first(county, clock):
    person = resident()
    page = lookup(person.id_number, clock)
    assert page.hits[0].id == person.id and page.hits[0].match == "id"
    assert page.hits[0].masked_id == person.id_number[:6] + "********" + person.id_number[-4:]


def test_by_old_15_digit_number_finds_the_18_digit_record(county, clock):
    person = (Person.select().where(Person.id_type == "resident",
                                    Person.birth_date.between("1930-01-01", "1999-12-31"))
              .order_by(Person.id).first())
    old = person.id_number[:6] + person.id_number[8:17]
    assert person.id in [h.id for h in lookup(old, clock).hits]


def test_duplicate_with_old_number_is_found_from_either_number(county, clock):
    row = next(r for r in county if r["kind"] == "old_15_digit")
    original = Person.get_by_id(int(row["original_id"]))
    duplicate = Person.get_by_id(int(row["duplicate_id"]))
    assert len(duplicate.id_number) == 15
    for query in (original.id_number, duplicate.id_number):
        ids = [h.id for h in lookup(query, clock).hits]
        assert original.id in ids and duplicate.id in ids


def test_by_last_digits_of_an_id(county, clock):
    person = resident()
    for tail in (person.id_number[-6:], person.id_number[-10:]):
        hits = lookup(tail, clock, limit=200).hits
        assert person.id in [h.id for h in hits]
        assert all(h.id_number.endswith(tail) for h in hits if h.match == "id_suffix")


def test_by_name_exact_name_before_longer_names(county, clock):
    person = resident()
    surname = person.name[0]
    hits = lookup(surname, clock, limit=500).hits
    assert hits and all(h.name.startswith(surname) for h in hits)
    names = [h.name for h in hits]
    assert names == sorted(names)
    exact = lookup(person.name, clock, limit=500).hits
    assert person.id in [h.id for h in exact]
    assert exact[0].name == person.name


def test_by_initials_and_full_pinyin(county, clock):
    person = resident()
    by_initials = lookup(person.name_initials, clock, limit=500).hits
    assert person.id in [h.id for h in by_initials]
    by_pinyin = lookup(person.name_pinyin.upper(), clock, limit=500).hits
    assert person.id in [h.id for h in by_pinyin]


def test_by_household_number_head_first(county, clock):
    household = Household.select().order_by(Household.id).first()
    hits = lookup(household.hukou_no, clock).hits
    members = {p.id for p in Person.select().where(Person.household == household)}
    household_hits = [h for h in hits if h.match == "household"]
    assert {h.id for h in household_hits} == members
    assert household_hits[0].relation == "self"


def test_by_phone(county, clock):
    person = Person.select().where(Person.phone.is_null(False)).order_by(Person.id).first()
    hits = lookup(person.phone, clock).hits
    assert hits[0].id == person.id and hits[0].match == "phone"


def test_paging_is_stable_and_complete(county, clock):
    first = lookup("w", clock, limit=20)
    second = lookup("w", clock, limit=20, offset=20)
    assert first.has_more and len(first.hits) == 20
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}
    whole = lookup("w", clock, limit=40)
    assert [h.id for h in whole.hits] == [h.id for h in first.hits + second.hits]


def test_benefit_year_status(county, clock):
    hits = lookup("w", clock, limit=100, benefit_year=2026).hits
    assert {h.year_status for h in hits} <= {"paid", "unpaid", "none"}
    assert "paid" in {h.year_status for h in hits}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [("", "请输入"), ("123", "至少输入后6位"), ("李@#", None), ("@@##", "无法识别"),
     ("1" * 61, "过长")],
)
def test_bad_queries_are_messages(text, fragment):
    if fragment is None:
        assert classify(text) == [("name", "李@#")]
        return
    with pytest.raises(DomainError) as e:
        classify(text)
    assert fragment in e.value.message


def test_classify_orders_kinds():
    assert classify("13812345678") == [("phone", "13812345678"), ("household", "13812345678"),
                                       ("id_suffix", "13812345678")]
    assert classify("１０１２３ｘ") == [("id_suffix", "10123X")]
    assert classify("LWQ") == [("initials", "lwq"), ("pinyin", "lwq")]


def test_year_status_query_uses_the_person_index(county, db):
    from models.core.db import is_postgres
    from models.registry.lookup import year_status_query

    sql, params = year_status_query([1, 2, 3], 2027).sql()
    plan = " ".join(str(r) for r in db.execute_sql(
        ("EXPLAIN " if is_postgres(db) else "EXPLAIN QUERY PLAN ") + sql, params).fetchall())
    assert "enrollment_benefit_year_status" not in plan
    if not is_postgres(db):
        assert "payment_line_person_id_benefit_year" in plan


def test_a_wrong_check_character_names_the_right_one_and_finds_the_same_17(county, clock):
    person = resident()
    right = person.id_number[17]
    wrong = person.id_number[:17] + ("1" if right != "1" else "2")
    page = lookup(wrong, clock)
    assert page.check_expected == right
    assert [h.id for h in page.hits] == [p.id for p in Person.select().where(
        Person.id_key.startswith(person.id_number[:17])).order_by(Person.id_key, Person.id)]
    assert page.hits[0].match == "id_prefix"
    assert lookup(person.id_number, clock).check_expected is None  # a right one: no note


def test_pages_follow_on_without_gaps_or_repeats(county, clock):
    first = lookup("w", clock, limit=50)
    second = lookup("w", clock, offset=50, limit=50)
    both = lookup("w", clock, limit=100)
    assert first.has_more and second.offset == 50
    assert [h.id for h in first.hits + second.hits] == [h.id for h in both.hits]
